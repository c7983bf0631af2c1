/**
 * `ayni bench [--quick] [--json [FILE]] [--out FILE]`: benchmark suites. `--json` alone prints
 * the report as JSON instead of the tables; a file (`--json FILE` or `--out FILE`) receives
 * the JSON while the tables are printed. Exits 3 when a guard fails.
 */
import { Command } from 'commander';
import type { BenchOptions, BenchReport } from '../../perf/run-bench.js';
import { EXIT_GUARD_FAILED, InputError } from '../exit.js';

interface BenchFlags {
  quick?: boolean;
  json?: string | true;
  out?: string;
}

type RunBench = (options: BenchOptions) => Promise<BenchReport>;

/** `run` replaces the suites in tests of the command's options and outputs. */
export function benchCommand(run?: RunBench): Command {
  return new Command('bench')
    .description(
      'benchmark the kernel, single runs, batches, memory, start-up, the national baseline and the Epstein reference model; fail on guard ratios',
    )
    .option('--quick', 'short suites for CI (under a minute; no memory suite)')
    .option('--json [file]', 'print the report as JSON instead of tables; with a file, write the JSON there')
    .option('--out <file>', 'write the report as JSON to this file')
    .action(async (flags: BenchFlags) => {
      const jsonFile = typeof flags.json === 'string' ? flags.json : undefined;
      if (jsonFile !== undefined && flags.out !== undefined && jsonFile !== flags.out) {
        throw new InputError([
          { file: '', path: ['--out'], message: `two JSON files given (--json ${jsonFile}, --out ${flags.out}): give one` },
        ]);
      }
      const file = jsonFile ?? flags.out;
      const [{ benchText }, { writeFileAtomic, writeIssue }] = await Promise.all([
        import('../../perf/bench-text.js'),
        import('../../io/files.js'),
      ]);
      const runBench = run ?? (await import('../../perf/run-bench.js')).runBench;
      const report = await runBench({ quick: flags.quick === true, log: (line) => process.stderr.write(`${line}\n`) });
      const json = `${JSON.stringify(report, null, 2)}\n`;
      process.stdout.write(flags.json === true ? json : `${benchText(report)}\n`);
      if (file !== undefined) {
        try {
          writeFileAtomic(file, json);
        } catch (e) {
          throw new InputError([writeIssue(file, e)]);
        }
      }
      if (!report.pass) process.exitCode = EXIT_GUARD_FAILED;
    });
}
