/** `ayni report <results-dir> [--lang es|en] [--out report.html]`: an offline HTML report. */
import { Command } from 'commander';
import { InputError } from '../exit.js';
import { parseLang, resolveLang } from '../lang.js';
import type { Lang } from '../../report/messages.js';

/** Writes a results folder's report; used by report, batch, compare and test. */
export async function writeReportFor(dir: string, lang: Lang, out?: string): Promise<string> {
  const { writeReport } = await import('../../publish/report-files.js');
  const result = await writeReport(dir, { lang, ...(out !== undefined ? { out } : {}) });
  if (!result.success) throw new InputError(result.error);
  return result.data;
}

export function reportCommand(): Command {
  return new Command('report')
    .description('write an offline HTML report (charts, summary, provenance) of a batch, comparison, hypothesis test or experiment')
    .argument('<dir>', 'results folder of ayni batch, merge, compare, test or experiment')
    .option('--lang <lang>', 'language of the report: es or en (default: $AYNI_LANG, else en)', parseLang)
    .option('--out <file>', 'report file (default: DIR/report.html)')
    .action(async (dir: string, options: { lang?: Lang; out?: string }) => {
      const path = await writeReportFor(dir, resolveLang(options.lang), options.out);
      process.stderr.write(`wrote ${path}\n`);
    });
}
