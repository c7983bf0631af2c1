/** `ayni bench [--quick] [--json FILE]`: benchmark suites; exits 1 when a guard fails. */
import { Command } from 'commander';
import { EXIT_FAILURE, InputError } from '../exit.js';

export function benchCommand(): Command {
  return new Command('bench')
    .description('benchmark the kernel, single runs, batches, memory, start-up and the Epstein reference model; fail on guard ratios')
    .option('--quick', 'short suites for CI (under a minute; no memory suite)')
    .option('--json <file>', 'also write the report as JSON')
    .action(async (options: { quick?: boolean; json?: string }) => {
      const [{ runBench }, { benchText }, { writeFileAtomic, writeIssue }] = await Promise.all([import('../../perf/run-bench.js'), import('../../output/bench-text.js'), import('../../io/files.js')]);
      const report = await runBench({ quick: options.quick === true, log: (line) => process.stderr.write(`${line}\n`) });
      process.stdout.write(`${benchText(report)}\n`);
      if (options.json !== undefined) {
        try {
          writeFileAtomic(options.json, `${JSON.stringify(report, null, 2)}\n`);
        } catch (e) {
          throw new InputError([writeIssue(options.json, e)]);
        }
      }
      if (report.checks.some((c) => c.kind === 'guard' && !c.ok)) process.exitCode = EXIT_FAILURE;
    });
}
