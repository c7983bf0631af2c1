/** `ayni docs-params --out docs/model.md`: regenerate the documented parameter table (maintainers). */
import { Command } from 'commander';
import { readBytes, writeFileAtomic } from '../../io/files.js';
import { InputError } from '../exit.js';

export function docsParamsCommand(): Command {
  return new Command('docs-params')
    .description('rewrite the parameter table between the markers of a Markdown file')
    .requiredOption('--out <file>', 'the Markdown file (docs/model.md)')
    .action(async (options: { out: string }) => {
      const { withParameterTable, TABLE_START } = await import('../../docs/parameter-table.js');
      const bytes = readBytes(options.out);
      if (bytes === undefined) throw new InputError([{ file: options.out, path: [], message: 'file not found' }]);
      const updated = withParameterTable(new TextDecoder().decode(bytes));
      if (updated === undefined) throw new InputError([{ file: options.out, path: [], message: `missing the marker ${TABLE_START}` }]);
      writeFileAtomic(options.out, updated);
    });
}
