/** `ayni test <hypothesis.yaml>`: run a pre-registered hypothesis and print its verdict. */
import { Command } from 'commander';
import { join, basename } from 'node:path';
import { InputError } from '../exit.js';
import { progressReporter } from '../progress.js';
import { parseCount } from '../options.js';
import { parseLang, writeReportFor } from './report.js';
import { interrupted } from './compare.js';
import { onInterrupt } from '../interrupt.js';
import type { Lang } from '../../report/messages.js';

export function testCommand(): Command {
  return new Command('test')
    .description('test a hypothesis file: paired runs, then supported, contradicted or inconclusive by its declared rule')
    .argument('<files...>', 'hypothesis files (hypotheses/*.yaml)')
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option('--out <dir>', 'output folder (one subfolder per hypothesis)', 'out/test')
    .option('--quiet', 'no progress output')
    .option('--json', 'print the verdicts as JSON')
    .option('--lang <lang>', 'language of report.html: es or en', parseLang, 'en')
    .option('--no-report', 'do not write report.html')
    .action(async (files: string[], options: { workers?: number; out: string; quiet?: boolean; json?: boolean; report: boolean; lang: Lang }) => {
      const interrupt = onInterrupt();
      const [{ testHypothesis, hypothesisFileHash }, { writeComparison }, { comparisonText }, { writeFileAtomic }] = await Promise.all([
        import('../../io/hypothesis-file.js'),
        import('../../io/comparison-files.js'),
        import('../../output/comparison.js'),
        import('../../io/files.js'),
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
        const { hypothesis, verdict, reason, comparison } = result.data;
        const record = { file, hypothesisHash: hypothesisFileHash(file), statement: hypothesis.statement, verdict, reason, rule: hypothesis.rule, smallestEffect: hypothesis.smallestEffect, expect: hypothesis.expect, primary: hypothesis.primary, runs: comparison.runs, seed: comparison.seed, createdAt: new Date().toISOString() };
        // The verdict first: the folder's manifest and crate, written with the comparison, list it.
        writeFileAtomic(join(out, 'verdict.json'), `${JSON.stringify(record, null, 2)}\n`);
        writeComparison(out, comparison, { kind: 'test', startedAt });
        if (options.report) await writeReportFor(out, options.lang);
        verdicts.push(record);
        if (!options.json) {
          process.stdout.write(`${hypothesis.statement}\n  verdict: ${verdict.toUpperCase()} (${hypothesis.rule} rule, declared in ${file})\n  ${reason}\n\n${comparisonText(comparison)}\nwrote verdict.json, comparison.json, comparison.csv${options.report ? ' and report.html' : ''} to ${out}\n\n`);
        }
      }
      interrupt.dispose();
      if (options.json) process.stdout.write(`${JSON.stringify(verdicts, null, 2)}\n`);
    });
}
