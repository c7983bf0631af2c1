/** `ayni test <hypothesis.yaml>`: run a pre-registered hypothesis and print its verdict. */
import { Command } from 'commander';
import { join } from 'node:path';
import { InputError } from '../exit.js';
import { comparisonProgressReporter } from '../progress.js';
import { collect, parseCount } from '../options.js';
import { parseOverrides, SET_HELP } from '../overrides.js';
import { writeReportFor } from './report.js';
import { LANG_HELP, parseLang, resolveLang } from '../lang.js';
import { failed, interrupted } from './compare.js';
import { loadTestFaults } from '../fault-hooks.js';
import { onInterrupt } from '../interrupt.js';
import { t, type Lang } from '../../report/messages.js';

interface Options {
  workers?: number;
  out: string;
  maxFailures: number;
  set: string[];
  quiet?: boolean;
  json?: boolean;
  report: boolean;
  robustness: boolean;
  robustnessPoints?: number;
  robustnessReplications?: number;
  lang?: Lang;
}

export function testCommand(): Command {
  return new Command('test')
    .description('test a hypothesis file: paired runs, then supported, contradicted or inconclusive by its declared rule')
    .argument('<files...>', 'hypothesis files (hypotheses/*.yaml)')
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option('--out <dir>', 'output folder (one subfolder per hypothesis, named after its file)', 'out/test')
    .option('--max-failures <f>', 'failed runs tolerated per arm before stopping; failed pairs are left out', parseCount, 0)
    .option('--set <path=value>', `${SET_HELP}; applied to the base and the variant of every hypothesis`, collect, [])
    .option('--quiet', 'no progress output')
    .option('--json', 'print the verdicts as JSON')
    .option('--lang <lang>', LANG_HELP, parseLang)
    .option('--no-report', 'do not write report.html')
    .option('--no-robustness', "skip the file's robustness: (the rule over the plausible assumption space)")
    .option('--robustness-points <n>', "points of the robustness design instead of the file's (lhs points; sobol base samples)", parseCount)
    .option('--robustness-replications <r>', "paired runs per robustness design point instead of the file's", parseCount)
    .action(async (files: string[], options: Options) => {
      const lang = resolveLang(options.lang);
      const interrupt = onInterrupt();
      const [
        { testHypothesis, hypothesisFolders },
        { isArmStopped },
        { writeComparison },
        { comparisonText },
        { verdictRecord, writeVerdict },
        { verdictReason },
        { textIn },
        { robustnessSentence },
        { robustnessSummary },
      ] = await Promise.all([
        import('../../experiments/hypothesis-file.js'),
        import('../../experiments/compare.js'),
        import('../../publish/comparison-files.js'),
        import('../../report/comparison-text.js'),
        import('../../publish/verdict-file.js'),
        import('../../report/verdict-reason.js'),
        import('../../scenario/label.js'),
        import('../../report/robustness-text.js'),
        import('../../experiments/hypothesis-robustness.js'),
      ]);
      const set = await parseOverrides(options.set);
      // Each hypothesis gets its own folder; files that would share one are refused before anything runs.
      const folders = hypothesisFolders(files);
      if (!folders.success) throw new InputError(folders.error);
      const verdicts = [];
      for (const [k, file] of files.entries()) {
        const startedAt = new Date();
        const out = join(options.out, folders.data[k] as string);
        const label = files.length > 1 ? `${file} (${k + 1}/${files.length})` : undefined;
        const result = await testHypothesis(
          file,
          {
            out,
            set,
            maxFailures: options.maxFailures,
            robustness: options.robustness,
            robustnessSize: {
              ...(options.robustnessPoints !== undefined ? { points: options.robustnessPoints } : {}),
              ...(options.robustnessReplications !== undefined ? { replications: options.robustnessReplications } : {}),
            },
            ...(options.workers !== undefined ? { workers: options.workers } : {}),
            ...(await loadTestFaults()),
          },
          {
            onProgress: comparisonProgressReporter(process.stderr, { quiet: options.quiet === true, ...(label ? { label } : {}) }),
            onRobustnessProgress: comparisonProgressReporter(process.stderr, {
              quiet: options.quiet === true,
              ...(label ? { label } : {}),
            }),
            signal: interrupt.signal,
          },
        );
        if (interrupt.signal.aborted) {
          interrupt.dispose();
          return interrupted(out);
        }
        if (!result.success) {
          interrupt.dispose();
          return failed(result.error, isArmStopped);
        }
        const { hypothesis, verdict, basis, comparison, primary, robustness } = result.data;
        // The statement and label as the file writes them (one text or {es, en}); the reason in English.
        const record = verdictRecord(file, result.data);
        // The verdict first: the folder's manifest and crate, written with the comparison, list it.
        writeVerdict(out, record);
        writeComparison(out, comparison, { kind: 'test', startedAt, lang });
        if (options.report) await writeReportFor(out, lang);
        verdicts.push(record);
        if (!options.json) {
          const verdictLine = t(lang, 'testVerdict', { verdict: t(lang, `verdict_${verdict}`).toUpperCase(), rule: hypothesis.rule, file });
          const wrote = t(lang, 'testWrote', { report: options.report ? t(lang, 'andReport') : '', out });
          const summary = robustness ? robustnessSummary(robustness) : undefined;
          const robust = summary
            ? `  ${robustnessSentence(summary, lang)}\n${summary.held.length > 0 ? `  ${t(lang, 'robustHeld', { paths: summary.held.join(', ') })}\n` : ''}`
            : '';
          process.stdout.write(
            `${textIn(lang, hypothesis.statement)}\n  ${verdictLine}\n  ${verdictReason(hypothesis, primary, basis, lang)}\n${robust}\n${comparisonText(comparison, lang)}\n${wrote}\n\n`,
          );
        }
      }
      interrupt.dispose();
      if (options.json) process.stdout.write(`${JSON.stringify(verdicts, null, 2)}\n`);
    });
}
