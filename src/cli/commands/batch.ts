/** `ayni batch [scenario] --runs N`: Monte Carlo runs on worker threads into a resumable folder. */
import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { shippedScenario } from '../../io/version.js';
import type { BatchOptions, BatchSummary } from '../../batch/run-batch.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, InputError } from '../exit.js';
import { loadTestFaults } from '../fault-hooks.js';
import { onInterrupt } from '../interrupt.js';
import { collect, parseCount, parsePositiveInt, parseSeed } from '../options.js';
import { parseOverrides, SET_HELP } from '../overrides.js';
import { progressReporter } from '../progress.js';
import { parseShard, resolveShard, SHARD_HELP, type ShardOption } from '../shard.js';
import { DEFAULT_SCENARIO } from './run.js';
import { writeReportFor } from './report.js';
import { LANG_HELP, parseLang, resolveLang } from '../lang.js';
import { t, type Lang } from '../../report/messages.js';
import { fixed } from '../../report/numbers.js';

interface Options {
  runs: number;
  seed: number;
  workers?: number;
  out: string;
  shard?: ShardOption;
  resume?: boolean;
  force?: boolean;
  keepSeries?: boolean;
  maxFailures: number;
  quiet?: boolean;
  json?: boolean;
  report: boolean;
  lang?: Lang;
  taskTimeout?: number;
  set: string[];
}

// Node's timers hold at most 2^31 - 1 ms; a longer timeout would fire at once and fail every run.
const MAX_TASK_TIMEOUT_S = 2_147_483;

function parseTaskTimeout(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > MAX_TASK_TIMEOUT_S) {
    throw new InvalidArgumentError(`expected a whole number of seconds from 1 to ${MAX_TASK_TIMEOUT_S} (about 24 days).`);
  }
  return n;
}

export function batchCommand(): Command {
  return new Command('batch')
    .description('run a scenario many times with derived seeds, on worker threads; resumable and shardable')
    .argument('[scenario]', 'scenario file (default: the shipped corridor scenario)')
    .requiredOption('--runs <n>', 'number of runs', parsePositiveInt)
    .option('--seed <n>', 'master seed (run i gets seedFor(seed, i))', parseSeed, 1)
    .option('--workers <w>', 'worker threads (default: available cores; 0: main thread)', parseCount)
    .option('--out <dir>', 'output folder', 'out/batch')
    .option('--shard <k/n>', `run only one shard of the batch: ${SHARD_HELP} (merge the shards with ayni merge)`, parseShard)
    .option('--resume', 'continue an interrupted batch in --out')
    .option('--set <path=value>', SET_HELP, collect, [])
    .option('--force', 'start over: remove the batch already in --out (only its files) first')
    .option('--keep-series', "also keep every run's monthly series (series/*.parquet)")
    .option('--max-failures <f>', 'failed runs tolerated before stopping', parseCount, 0)
    .option(
      '--task-timeout <seconds>',
      'abandon a task (a few runs) that takes longer, replace its worker and record its runs as failed (needs --workers 1 or more)',
      parseTaskTimeout,
    )
    .option('--quiet', 'no progress output')
    .option('--json', 'print the manifest as JSON')
    .option('--lang <lang>', LANG_HELP, parseLang)
    .option('--no-report', 'do not write report.html')
    .action(async (file: string | undefined, options: Options, command: Command) => {
      const lang = resolveLang(options.lang);
      // A run in the main thread cannot be stopped, so a timeout there would be a promise not kept.
      if (options.workers === 0 && options.taskTimeout !== undefined) {
        command.error(
          "error: option '--task-timeout <seconds>' needs worker threads: a run in the main thread (--workers 0) cannot be stopped; use --workers 1 or more.",
          { exitCode: 2 },
        );
      }
      // Before anything is loaded: a scheduler that set no index is told at once (exit 2).
      const shard = resolveShard(options.shard, process.env, process.stderr);
      // Handlers first, so that a signal during start-up also ends the batch cleanly (exit 130).
      const interrupt = onInterrupt();
      const [{ loadScenario }, { runBatch }] = await Promise.all([import('../../io/scenario-file.js'), import('../../batch/run-batch.js')]);
      const loaded = loadScenario(file ?? shippedScenario(DEFAULT_SCENARIO), { set: await parseOverrides(options.set) });
      if (!loaded.success) throw new InputError(loaded.error);
      const faults = await loadTestFaults();
      const batchOptions: BatchOptions = {
        runs: options.runs,
        seed: options.seed,
        out: options.out,
        resume: options.resume === true,
        force: options.force === true,
        keepSeries: options.keepSeries === true,
        maxFailures: options.maxFailures,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(shard ? { shard } : {}),
        ...(options.taskTimeout !== undefined ? { taskTimeoutMs: options.taskTimeout * 1000 } : {}),
        ...faults,
      };
      const result = await runBatch(loaded.data, batchOptions, {
        onProgress: progressReporter(process.stderr, options.quiet === true),
        signal: interrupt.signal,
      });
      interrupt.dispose();
      if (!result.success) throw new InputError(result.error);
      const summary = result.data;
      const reportMissing = !summary.alreadyComplete || !existsSync(join(summary.out, 'report.html'));
      if (summary.status === 'complete' && options.report && reportMissing) await writeReportFor(summary.out, lang);
      if (options.json) process.stdout.write(`${JSON.stringify(summary.manifest, null, 2)}\n`);
      else if (!options.quiet || summary.status !== 'complete') {
        process.stderr.write(`${summaryLine(summary, lang)}\n`);
      }
      if (summary.status === 'interrupted') process.exitCode = EXIT_INTERRUPTED;
      else if (summary.status === 'failed') process.exitCode = EXIT_FAILURE;
    });
}

function summaryLine(s: BatchSummary, lang: Lang): string {
  if (s.alreadyComplete)
    return `batch already complete, nothing to do: ${s.completed} of ${s.runsInShard} runs completed${s.failed ? `, ${s.failed} failed` : ''} in ${s.out} (--force starts over)`;
  const repaired = s.repairedBlocks.map((b) => `recomputed damaged block ${b.block}: ${b.reason}\n`).join('');
  return repaired + statusLine(s, lang);
}

function statusLine(s: BatchSummary, lang: Lang): string {
  const where =
    s.workers === 0
      ? t(lang, 'batchMainThread')
      : s.workers === 1
        ? t(lang, 'batchOneWorker')
        : t(lang, 'batchWorkers', { workers: s.workers });
  const failed = s.failed ? t(lang, 'batchFailedRuns', { failed: s.failed }) : '';
  const what = t(lang, 'batchWhat', { completed: s.completed, runs: s.runsInShard, failed, seconds: fixed(s.wallTimeMs / 1000, 1), where });
  switch (s.status) {
    case 'complete':
      return t(lang, 'batchComplete', { what, out: s.out });
    case 'interrupted':
      return t(lang, 'batchInterrupted', { what, command: s.resumeCommand });
    case 'failed':
      return t(lang, 'batchStopped', { what, out: s.out });
  }
}
