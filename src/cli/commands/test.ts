/** `ayni test <hypothesis.yaml>`: run a pre-registered hypothesis and print its verdict. */
import { Command } from 'commander';
import { join, basename } from 'node:path';
import { InputError } from '../exit.js';
import { progressReporter } from '../progress.js';
import { parseCount } from '../options.js';
import { writeReportFor } from './report.js';
import { LANG_HELP, parseLang, resolveLang } from '../lang.js';
import { interrupted } from './compare.js';
import { onInterrupt } from '../interrupt.js';
import { t, type Lang } from '../../report/messages.js';

export function testCommand(): Command {
  return new Command('test')
    .description('test a hypothesis file: paired runs, then supported, contradicted or inconclusive by its declared rule')
    .argument('<files...>', 'hypothesis files (hypotheses/*.yaml)')
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option('--out <dir>', 'output folder (one subfolder per hypothesis)', 'out/test')
    .option('--quiet', 'no progress output')
    .option('--json', 'print the verdicts as JSON')
    .option('--lang <lang>', LANG_HELP, parseLang)
    .option('--no-report', 'do not write report.html')
    .action(async (files: string[], options: { workers?: number; out: string; quiet?: boolean; json?: boolean; report: boolean; lang?: Lang }) => {
      const lang = resolveLang(options.lang);
      const interrupt = onInterrupt();
      const [{ testHypothesis, hypothesisFileHash }, { writeComparison }, { comparisonText }, { writeFileAtomic }, { decide }, { textIn }] = await Promise.all([
        import('../../io/hypothesis-file.js'),
        import('../../io/comparison-files.js'),
        import('../../output/comparison.js'),
        import('../../io/files.js'),
        import('../../compare/hypothesis.js'),
        import('../../scenario/label.js'),
      ]);
      const verdicts = [];
      for (const file of files) {
        const startedAt = new Date();
        const out = join(options.out, basename(file).replace(/\.(ya?ml|json)$/i, ''));
        const result = await testHypothesis(file, { out, ...(options.workers !== undefined ? { workers: options.workers } : {}) }, {
          onProgress: progressReporter(process.stderr, options.quiet === true || !process.stderr.isTTY),
          signal: interrupt.signal,
        });
        if (interrupt.signal.aborted) {
          interrupt.dispose();
          return interrupted(out);
        }
        if (!result.success) throw new InputError(result.error);
        const { hypothesis, verdict, reason, comparison, primary } = result.data;
        // The statement and label as the file writes them (one text or {es, en}); the reason in English.
        const record = { file, hypothesisHash: hypothesisFileHash(file), statement: hypothesis.statement, ...(hypothesis.label !== undefined ? { label: hypothesis.label } : {}), verdict, reason, rule: hypothesis.rule, smallestEffect: hypothesis.smallestEffect, expect: hypothesis.expect, primary: hypothesis.primary, runs: comparison.runs, seed: comparison.seed, createdAt: new Date().toISOString() };
        // The verdict first: the folder's manifest and crate, written with the comparison, list it.
        writeFileAtomic(join(out, 'verdict.json'), `${JSON.stringify(record, null, 2)}\n`);
        writeComparison(out, comparison, { kind: 'test', startedAt, lang });
        if (options.report) await writeReportFor(out, lang);
        verdicts.push(record);
        if (!options.json) {
          const verdictLine = t(lang, 'testVerdict', { verdict: t(lang, `verdict_${verdict}`).toUpperCase(), rule: hypothesis.rule, file });
          const wrote = t(lang, 'testWrote', { report: options.report ? t(lang, 'andReport') : '', out });
          process.stdout.write(`${textIn(lang, hypothesis.statement)}\n  ${verdictLine}\n  ${decide(hypothesis, primary, lang).reason}\n\n${comparisonText(comparison, lang)}\n${wrote}\n\n`);
        }
      }
      interrupt.dispose();
      if (options.json) process.stdout.write(`${JSON.stringify(verdicts, null, 2)}\n`);
    });
}
