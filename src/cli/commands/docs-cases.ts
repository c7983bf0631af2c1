/** `ayni docs-cases --out scenarios/cases/README.md`: rerun the case fixtures and rewrite their README (maintainers). */
import { Command } from 'commander';
import { InputError } from '../exit.js';
import { parsePositiveInt } from '../options.js';

export function docsCasesCommand(): Command {
  return new Command('docs-cases')
    .description('run every case fixture and write what the model produces for each')
    .requiredOption('--out <file>', 'the Markdown file (scenarios/cases/README.md)')
    .option('--runs <n>', 'runs per fixture', parsePositiveInt, 200)
    .action(async (options: { out: string; runs: number }) => {
      const [{ casesReadme }, { writeFileAtomic, writeIssue }] = await Promise.all([
        import('../../docs/case-runs.js'),
        import('../../io/files.js'),
      ]);
      const readme = casesReadme(options.runs, (line) => process.stderr.write(`${line}\n`));
      if (!readme.success) throw new InputError(readme.error);
      try {
        writeFileAtomic(options.out, readme.data);
      } catch (e) {
        throw new InputError([writeIssue(options.out, e)]);
      }
    });
}
