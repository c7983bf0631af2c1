/** `ayni docs-epstein --out docs/reference-epstein.md`: rerun the Epstein reproduction and rewrite its page and charts (maintainers). */
import { Command } from 'commander';
import { dirname, join } from 'node:path';
import { InputError } from '../exit.js';
import { parsePositiveInt } from '../options.js';

export function docsEpsteinCommand(): Command {
  return new Command('docs-epstein')
    .description("rerun the reproduction of Epstein's civil violence results and write the page and its charts")
    .requiredOption('--out <file>', 'the Markdown file (docs/reference-epstein.md); charts go to a folder of the same name')
    .option('--runs <n>', 'seeds per scenario and arrest-probability form', parsePositiveInt, 100)
    .action(async (options: { out: string; runs: number }) => {
      const [{ civilViolencePage }, { writeFileAtomic, writeIssue }] = await Promise.all([
        import('../../docs/civil-violence-page.js'),
        import('../../io/files.js'),
      ]);
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const page = await civilViolencePage(options.runs, log);
      if (!page.success) throw new InputError(page.error);
      try {
        const folder = join(dirname(options.out), 'reference-epstein');
        for (const chart of page.data.charts) writeFileAtomic(join(folder, `${chart.name}.svg`), chart.svg);
        writeFileAtomic(options.out, page.data.markdown);
      } catch (e) {
        throw new InputError([writeIssue(options.out, e)]);
      }
      log(`wrote ${options.out}`);
    });
}
