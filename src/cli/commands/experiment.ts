/** `ayni experiment <design.yaml>`: every point of a design × its replications through the batch engine, then its tables. */
import { Command } from 'commander';
import { EXIT_FAILURE, EXIT_INTERRUPTED, InputError } from '../exit.js';
import { onInterrupt } from '../interrupt.js';
import { parseCount } from '../options.js';
import { progressReporter } from '../progress.js';
import { parseShard, resolveShard, SHARD_HELP, type ShardOption } from '../shard.js';
import { writeReportFor } from './report.js';
import { LANG_HELP, parseLang, resolveLang } from '../lang.js';
import type { Lang } from '../../report/messages.js';

interface Options {
  out: string;
  workers?: number;
  shard?: ShardOption;
  force?: boolean;
  quiet?: boolean;
  report: boolean;
  lang?: Lang;
}

export function experimentCommand(): Command {
  return new Command('experiment')
    .description(
      'run a design file (factorial, lhs, sobol or morris over scenario fields) through the batch engine; writes design.csv, runs.csv, runs.parquet, sensitivity.csv (sobol, morris), manifest.json and report.html',
    )
    .argument('<design>', 'design file (YAML; see designs/ and designs/design.schema.json)')
    .option('--out <dir>', 'output folder (the runs are in <dir>/batch, resumable)', 'out/experiment')
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option(
      '--shard <k/n>',
      `run only one shard: ${SHARD_HELP}; merge the shards' batch folders with ayni merge into <dir>/batch, then run again there`,
      parseShard,
    )
    .option('--force', 'start over: remove the runs already in <dir>/batch')
    .option('--lang <lang>', LANG_HELP, parseLang)
    .option('--no-report', 'do not write report.html')
    .option('--quiet', 'no progress output')
    .action(async (file: string, options: Options) => {
      const lang = resolveLang(options.lang);
      const shard = resolveShard(options.shard, process.env, process.stderr);
      const interrupt = onInterrupt();
      const { runExperiment } = await import('../../experiments/experiment.js');
      const result = await runExperiment(
        file,
        {
          out: options.out,
          ...(options.workers !== undefined ? { workers: options.workers } : {}),
          ...(shard ? { shard } : {}),
          ...(options.force ? { force: true } : {}),
        },
        { onProgress: progressReporter(process.stderr, options.quiet === true), signal: interrupt.signal },
      );
      interrupt.dispose();
      if (!result.success) throw new InputError(result.error);
      const s = result.data;
      const runs = `${s.points} points × ${s.replications} replications, ${s.batch.completed} runs completed${s.batch.failed ? `, ${s.batch.failed} failed` : ''}`;
      if (s.batch.status === 'interrupted') {
        process.stderr.write(`experiment interrupted (${runs}); run the same command again to resume\n`);
        process.exitCode = EXIT_INTERRUPTED;
      } else if (s.batch.status === 'failed') {
        process.stderr.write(`experiment stopped: too many failed runs (${runs}); see ${s.out}/batch/failures.ndjson\n`);
        process.exitCode = EXIT_FAILURE;
      } else if (!s.tablesWritten) {
        process.stderr.write(
          `shard done (${runs}) in ${s.out}/batch; merge the shards into <dir>/batch and run again there for the tables\n`,
        );
      } else {
        // The report is written with the tables: only a whole experiment has them.
        if (options.report) await writeReportFor(s.out, lang);
        if (!options.quiet) {
          const time = s.batch.alreadyComplete ? 'runs found complete in the folder' : `in ${(s.batch.wallTimeMs / 1000).toFixed(1)} s`;
          process.stderr.write(`experiment complete: ${runs} ${time}; tables${options.report ? ' and report.html' : ''} in ${s.out}\n`);
        }
      }
    });
}
