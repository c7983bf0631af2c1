/**
 * `runBatch`: Monte Carlo runs of one scenario, on worker threads or in process, into a
 * folder that survives interruption.
 *
 * Runs are cut into fixed blocks (plan.ts); a block is written once all its chunks are back,
 * so an interrupted batch keeps every completed block and `resume` runs only the missing
 * ones. Results never depend on the executor, the worker count, the chunking or the order
 * in which chunks finish. What the folder already holds is handled in existing.ts (resume,
 * already complete, --force, damaged blocks). Bad options and folder conflicts come back as
 * InputIssues; a run that throws is a recorded failure; a worker that dies has its runs
 * retried once, one run per task, on a fresh worker.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { compileModel } from '../models/registry.js';
import { fail, ok, toError, type InputIssue, type Result } from '../engine/result.js';
import type { LoadedScenario } from '../io/scenario-file.js';
import { BATCH_FORMAT, BatchStore, type BatchIdentity } from './store.js';
import { DamagedBlockError, type BlockMeta } from './block-files.js';
import { writeBatchTables, writeFailures } from './tables.js';
import { writeFileAtomic, writeIssue } from '../io/files.js';
import { acquireFolderLock, type LockAttempt } from '../io/folder-lock.js';
import { provenance, resolvedDescription, RESOLVED_SCENARIO, writeResolvedScenario } from '../io/provenance.js';
import { writeRunCrate } from '../io/run-crate.js';
import { join, resolve } from 'node:path';
import { ayniVersion } from '../io/version.js';
import { prepareFolder, resumeCommand } from './existing.js';
import { DEFAULT_BLOCK_SIZE, runsPerTask, shardBlocks, type Block } from './plan.js';
import { designIdentity, designSource, runSeed, scenarioAtPoint, type BatchDesign, type SeedPlan } from './design.js';
import { inProcessExecutor, type Executor } from './executor.js';
import { MAX_TIMER_MS, piscinaExecutor } from './pool.js';
import { abandonAfterGrace } from './grace.js';
import {
  PROTOCOL_VERSION,
  type BlockDigests,
  type ChunkFaults,
  type ChunkRequest,
  type ChunkResponse,
  type SharedBlock,
} from './protocol.js';
import { scatterSeries } from './block-layout.js';

export const BatchOptionsSchema = z.strictObject({
  runs: z.number().int().min(1).max(100_000_000),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  /** Worker threads; 0 runs in the main thread (the reference executor). */
  workers: z
    .number()
    .int()
    .min(0)
    .max(1024)
    .default(() => availableParallelism()),
  out: z.string().min(1),
  shard: z
    .strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) })
    .refine((s) => s.index <= s.count, { message: 'shard k/n needs 1 ≤ k ≤ n' })
    .optional(),
  resume: z.boolean().default(false),
  /** Start over: remove the batch the folder holds (only its files), then run. */
  force: z.boolean().default(false),
  /**
   * Accept a folder holding the same batch with more runs than asked for, as it is (resumed
   * if unfinished): for callers that grow batches and read the first `runs` runs, such as
   * comparisons in precision mode run again. The summary's runsInFolder says how many.
   */
  reuseLarger: z.boolean().default(false),
  keepSeries: z.boolean().default(false),
  maxFailures: z.number().int().min(0).default(0),
  blockSize: z.number().int().min(1).max(100_000).default(DEFAULT_BLOCK_SIZE),
  /** Needs worker threads (workers ≥ 1): a run in the main thread cannot be stopped. */
  taskTimeoutMs: z
    .number()
    .int()
    .min(1)
    .max(MAX_TIMER_MS, { message: `at most ${MAX_TIMER_MS} ms (about 24.8 days), the longest delay Node's timers hold` })
    .optional(),
  faults: z.custom<ChunkFaults>().optional(),
  /**
   * Run the points of a design (design.ts) instead of one scenario: runs must be points ×
   * replications; run r is replicate r mod R of point floor(r / R), with seed seedFor(seed, r mod R)
   * (with a seed factor, seedFor(seedFor(seed, s), r mod R) for the point's seed value s).
   */
  design: z.custom<BatchDesign>().optional(),
});
export type BatchOptions = z.input<typeof BatchOptionsSchema>;

export interface BatchProgress {
  /** Runs of this shard finished (ok or failed), including those of an earlier session. */
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

export interface BatchHooks {
  readonly onProgress?: (progress: BatchProgress) => void;
  /**
   * Aborting stops dispatch and keeps completed blocks; running chunks get
   * `interruptGraceMs` to finish, then are abandoned (their blocks run again on resume).
   */
  readonly signal?: AbortSignal;
  /** @default INTERRUPT_GRACE_MS */
  readonly interruptGraceMs?: number;
  /** Injected clock, for the manifest's timestamp and wall time. @default Date */
  readonly now?: () => Date;
  /** Called as the batch passes each phase, for benchmarks that time its fixed costs. */
  readonly onPhase?: (phase: BatchPhase) => void;
}

/**
 * The phases of a batch: the executor started (workers spawned, not yet ready; first, and
 * absent with workers = 0), the main thread's model compiled, the first chunk back, every
 * block written, the tables written (runs, series, failures), the executor closed.
 */
export type BatchPhase = 'compiled' | 'executor-started' | 'first-chunk' | 'blocks-written' | 'tables-written' | 'executor-closed';

export interface BatchSummary {
  /** complete: every run of the shard done; interrupted: aborted; failed: too many failed runs. */
  readonly status: 'complete' | 'interrupted' | 'failed';
  readonly out: string;
  readonly runsRequested: number;
  readonly runsInShard: number;
  readonly completed: number;
  readonly failed: number;
  readonly workers: number;
  readonly wallTimeMs: number;
  readonly manifest: Record<string, unknown>;
  /** The folder already held this batch, complete: nothing was run or written. */
  readonly alreadyComplete: boolean;
  /** Runs of the folder's batch: runsRequested, or more with reuseLarger. */
  readonly runsInFolder: number;
  /** Damaged blocks found in the folder and computed again. */
  readonly repairedBlocks: ReadonlyArray<{ readonly block: number; readonly reason: string }>;
  /** The command line that continues this batch (scenario, runs, seed and shard from batch.json). */
  readonly resumeCommand: string;
}

/** How long running chunks may go on after an interrupt before they are abandoned. */
const INTERRUPT_GRACE_MS = 2000;

/**
 * Largest block run as one task (64 MiB: a corridor block of 100 runs is 11 MB, a national one
 * 15 MB). A batch holds one per lane (workers + 1) and one per worker at once; larger blocks
 * (a large --block-size) are cut into chunks.
 */
const WHOLE_BLOCK_MAX_BYTES = 64 * 2 ** 20;

export async function runBatch(
  loaded: LoadedScenario,
  input: BatchOptions,
  hooks: BatchHooks = {},
): Promise<Result<BatchSummary, InputIssue[]>> {
  const parsed = BatchOptionsSchema.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues.map((i) => ({ file: 'options', path: i.path.map(String), message: i.message })));
  const options = parsed.data;
  if (options.workers === 0 && options.taskTimeoutMs !== undefined) {
    return fail([
      {
        file: 'options',
        path: ['taskTimeoutMs'],
        message: 'needs worker threads (workers ≥ 1): a run in the main thread cannot be stopped',
      },
    ]);
  }
  const now = hooks.now ?? (() => new Date());
  const started = now();
  const { design } = options;
  if (design !== undefined && design.points.length * design.replications !== options.runs)
    return fail([
      {
        file: 'options',
        path: ['runs'],
        message: `a design of ${design.points.length} points × ${design.replications} replications has ${design.points.length * design.replications} runs, not ${options.runs}`,
      },
    ]);
  // Workers first: each loads its modules and compiles the scenario while this thread compiles
  // its own copy and prepares the folder. Not when the folder may already hold this batch
  // complete (only a folder with a manifest can): then nothing runs, and starting and stopping
  // workers (about 0.3 s) would cost more than the check. Closed on every way out.
  const early =
    options.workers > 0 && (options.force || !existsSync(join(options.out, 'manifest.json')))
      ? startWorkers(loaded, options, hooks)
      : undefined;
  try {
    return await batchInFolder(loaded, options, hooks, early, started);
  } finally {
    await early?.close();
  }
}

function startWorkers(loaded: LoadedScenario, options: z.output<typeof BatchOptionsSchema>, hooks: BatchHooks): Executor {
  const { design } = options;
  const workers = piscinaExecutor(loaded.scenario, {
    workers: options.workers,
    ...(design ? { design } : {}),
    ...(options.taskTimeoutMs ? { taskTimeoutMs: options.taskTimeoutMs } : {}),
  });
  hooks.onPhase?.('executor-started');
  return workers;
}

/** The batch once its options are checked, with its workers if they were started early. */
async function batchInFolder(
  loaded: LoadedScenario,
  options: z.output<typeof BatchOptionsSchema>,
  hooks: BatchHooks,
  early: Executor | undefined,
  started: Date,
): Promise<Result<BatchSummary, InputIssue[]>> {
  const now = hooks.now ?? (() => new Date());
  const store = new BatchStore(options.out);
  const shard = options.shard ?? { index: 1, count: 1 };
  const { scenario } = loaded;
  const { design } = options;
  // Compiled once here (the in-process executor and the batch's own sizes; a design's first
  // point); workers compile their own.
  let model: ReturnType<typeof compileModel>;
  try {
    model = compileModel(design ? scenarioAtPoint(scenario, design, 0) : scenario);
  } catch (e) {
    return fail([{ file: loaded.file, path: [], message: toError(e).message }]);
  }
  const phase = hooks.onPhase ?? (() => {});
  phase('compiled');
  let identity: BatchIdentity = {
    tool: 'ayni-batch',
    format: BATCH_FORMAT,
    ayniVersion: ayniVersion(),
    model: model.model,
    scenarioName: scenario.name,
    scenarioFile: resolve(loaded.file),
    scenarioHash: loaded.hash,
    masterSeed: options.seed,
    runs: options.runs,
    blockSize: options.blockSize,
    steps: model.steps,
    firstMonth: model.firstMonth,
    outcomes: model.outcomeNames,
    series: model.seriesNames,
    shard,
    keepSeries: options.keepSeries,
    ...(design ? { design: designIdentity(design) } : {}),
  };

  let attempt: LockAttempt;
  try {
    attempt = acquireFolderLock(options.out);
  } catch (e) {
    return fail([writeIssue(options.out, e)]);
  }
  if (!attempt.acquired) return fail([{ file: options.out, path: [], message: attempt.message }]);
  const { lock } = attempt;

  try {
    const folder = prepareFolder(store, identity, options);
    if (!folder.success) return fail(folder.error);
    if (folder.data.kind === 'complete') return ok(alreadyComplete(folder.data.identity, folder.data.manifest, options));
    identity = folder.data.identity;
    const repairedBlocks = folder.data.damaged;
    store.writeIdentity(identity);
    writeResolvedScenario(options.out, scenario);

    const blocks = shardBlocks(identity.runs, options.blockSize, shard);
    const done = store.completedBlocks();
    const runsInShard = blocks.reduce((n, b) => n + b.count, 0);
    let finished = 0;
    let failed = 0;
    for (const b of blocks) {
      if (!done.has(b.index)) continue;
      const meta = store.readBlockMeta(b.index);
      finished += meta.count;
      failed += meta.failures.length;
    }
    const executor: Executor =
      early ??
      (options.workers === 0
        ? inProcessExecutor(model, design ? designSource(scenario, design) : undefined)
        : startWorkers(loaded, options, hooks));
    let firstChunk = true;
    const onChunk = () => {
      if (firstChunk) phase('first-chunk');
      firstChunk = false;
    };
    const perTask = runsPerTask(model.costUnits, options.blockSize);
    const toRun = blocks.filter((b) => !done.has(b.index));
    // On worker threads a block is one task, laid out and checksummed by its worker, so that
    // this thread, which shares the machine's cores with the workers, only writes it. The last
    // blocks (one per worker) are cut into chunks so that the workers finish together. Not
    // with a task timeout, which is set for chunks, nor for blocks too large to hold one per
    // lane and one per worker at once (WHOLE_BLOCK_MAX_BYTES).
    const blockBytes =
      options.blockSize * (identity.outcomes.length + identity.series.length * identity.steps) * Float64Array.BYTES_PER_ELEMENT;
    const wholeBlocks = executor.assemblesBlocks === true && options.taskTimeoutMs === undefined && blockBytes <= WHOLE_BLOCK_MAX_BYTES;
    const chunkedTail = new Set(toRun.slice(-executor.parallelism).map((b) => b.index));
    const inFlight = Math.max(1, Math.ceil(executor.parallelism / Math.max(1, Math.ceil(options.blockSize / perTask))) + 1);
    const report = () => hooks.onProgress?.({ done: finished, total: runsInShard, failed, elapsedMs: now().getTime() - started.getTime() });
    report();

    let status: BatchSummary['status'] = 'complete';
    // A lane that fails (a block that cannot be written) stops the others from starting any
    // run; the batch waits for what they already run before it closes the workers.
    let lanesFailed = false;
    const stop = () => lanesFailed || hooks.signal?.aborted === true || failed > options.maxFailures;
    let completed = 0;
    let allDone = false;
    const grace = abandonAfterGrace(hooks.signal, hooks.interruptGraceMs ?? INTERRUPT_GRACE_MS);
    // One pair of block buffers per lane, reused: a lane writes its block before it takes the
    // next. A worker lays a whole block out into them (shared memory); chunks are assembled
    // into them here. Fresh 10 MB arrays per block cost page faults, and shared ones were not
    // collected soon enough (860 MB of peak RSS for 10,000 runs).
    const laneBuffers: SharedBlock[] = [];
    try {
      await forEachConcurrently(
        toRun,
        // Whole blocks: one queued behind each running one.
        wholeBlocks ? Math.max(inFlight, executor.parallelism + 1) : inFlight,
        async (block, lane) => {
          if (stop()) return;
          const buffers = laneBuffers[lane] ?? blockBuffers(identity, options.blockSize);
          laneBuffers[lane] = buffers;
          const whole = wholeBlocks && !chunkedTail.has(block.index);
          const assembled = await runBlock(
            executor,
            block,
            whole ? 'whole' : perTask,
            options,
            identity,
            stop,
            grace.signal,
            onChunk,
            buffers,
          );
          if (assembled === undefined) return;
          await store.writeBlock(assembled.meta, assembled.outcomes, assembled.series, assembled.digests);
          finished += block.count;
          failed += assembled.meta.failures.length;
          report();
        },
        () => {
          lanesFailed = true;
        },
      );
      phase('blocks-written');
      if (hooks.signal?.aborted) status = 'interrupted';
      else if (failed > options.maxFailures) status = 'failed';
      const completeBlocks = store.completedBlocks();
      allDone = blocks.every((b) => completeBlocks.has(b.index));
      if (allDone) {
        const totals = await writeBatchTables(
          store,
          identity,
          blocks.map((b) => b.index),
          options.keepSeries,
          executor.seriesRows,
          executor.parallelism,
        );
        completed = totals.completed;
        failed = totals.failed;
        phase('tables-written');
      } else {
        completed = finished - failed;
        // The failures that stopped the batch, where its messages say they are.
        if (status === 'failed')
          writeFailures(
            store,
            blocks.filter((b) => completeBlocks.has(b.index)).map((b) => store.readBlockMeta(b.index)),
          );
      }
    } finally {
      grace.dispose();
      await executor.close();
      phase('executor-closed');
    }
    const ended = now();
    const manifest = {
      tool: 'ayni',
      kind: 'batch',
      status,
      format: BATCH_FORMAT,
      ...provenance(),
      scenario: {
        name: scenario.name,
        model: model.model,
        file: loaded.file,
        hash: loaded.hash,
        firstMonth: model.firstMonth,
        steps: model.steps,
      },
      masterSeed: options.seed,
      seedFunction:
        !design || identity.design?.seeding === 'per-run'
          ? 'seedFor(S, i) = splitmix64(S * 2^32 + i) >> 11'
          : identity.design?.seeds
            ? 'seedFor(seedFor(S, s), i mod R), s the seed value of point floor(i / R) (batch.json design.seeds), R replications per design point'
            : 'seedFor(S, i mod R) = splitmix64(S * 2^32 + (i mod R)) >> 11, R replications per design point',
      // The point seeds stay in batch.json: a manifest says the design, not thousands of numbers.
      ...(identity.design ? { design: { ...identity.design, seeds: undefined } } : {}),
      runs: { requested: identity.runs, inShard: runsInShard, completed, failed },
      shard,
      blockSize: options.blockSize,
      runsPerTask: perTask,
      workers: options.workers,
      wallTimeMs: ended.getTime() - started.getTime(),
      files: allDone
        ? ['runs.csv', 'runs.parquet', 'series.csv', 'failures.ndjson', ...(options.keepSeries ? ['series/*.parquet'] : [])]
        : [],
      createdAt: ended.toISOString(),
    };
    writeFileAtomic(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeRunCrate(options.out, {
      name: `ayni batch: ${scenario.name}, ${options.runs} runs${shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : ''}`,
      description: `Monte Carlo runs of scenario ${scenario.name} (${loaded.file}, ${loaded.hash}), master seed ${options.seed}; status ${status}.`,
      startTime: started,
      endTime: ended,
      completed: status === 'complete',
      objects: [{ path: RESOLVED_SCENARIO, description: resolvedDescription(loaded.file, loaded.hash) }],
    });
    return ok({
      status,
      out: options.out,
      runsRequested: options.runs,
      runsInShard,
      completed,
      failed,
      workers: options.workers,
      wallTimeMs: manifest.wallTimeMs,
      manifest,
      alreadyComplete: false,
      runsInFolder: identity.runs,
      repairedBlocks,
      resumeCommand: resumeCommand(identity, options.out),
    });
  } catch (e) {
    if (e instanceof DamagedBlockError)
      return fail([{ file: e.file, path: [], message: `${e.message}; run the same command with --resume to compute it again` }]);
    if ((e as NodeJS.ErrnoException).code !== undefined) return fail([writeIssue(options.out, e)]);
    throw e;
  } finally {
    lock.release();
  }
}

/** The summary of a batch found complete in its folder, from its manifest. */
function alreadyComplete(
  identity: BatchIdentity,
  manifest: Record<string, unknown>,
  options: z.output<typeof BatchOptionsSchema>,
): BatchSummary {
  const runs = (manifest['runs'] ?? {}) as { inShard?: number; completed?: number; failed?: number };
  return {
    status: 'complete',
    out: options.out,
    runsRequested: options.runs,
    runsInShard: runs.inShard ?? shardBlocks(identity.runs, identity.blockSize, identity.shard).reduce((n, b) => n + b.count, 0),
    completed: runs.completed ?? 0,
    failed: runs.failed ?? 0,
    workers: typeof manifest['workers'] === 'number' ? manifest['workers'] : options.workers,
    wallTimeMs: 0,
    manifest,
    alreadyComplete: true,
    runsInFolder: identity.runs,
    repairedBlocks: [],
    resumeCommand: resumeCommand(identity, options.out),
  };
}

interface AssembledBlock {
  meta: BlockMeta;
  outcomes: Float64Array;
  series: Float64Array;
  /** Computed by the worker that laid the block out, if one did. */
  digests?: BlockDigests;
}

/**
 * Runs a block, as one task laid out by its worker into `buffers` ('whole') or in chunks of
 * `cut` runs assembled here; undefined if the batch stopped before it finished.
 */
async function runBlock(
  executor: Executor,
  block: Block,
  cut: number | 'whole',
  options: z.output<typeof BatchOptionsSchema>,
  identity: BatchIdentity,
  stop: () => boolean,
  abandon: AbortSignal,
  onChunk: () => void,
  buffers: SharedBlock,
): Promise<AssembledBlock | undefined> {
  const requests: ChunkRequest[] = [];
  const perTask = cut === 'whole' ? block.count : cut;
  for (let s = 0; s < block.count; s += perTask) {
    requests.push({
      version: PROTOCOL_VERSION,
      firstRun: block.firstRun + s,
      count: Math.min(perTask, block.count - s),
      masterSeed: options.seed,
      ...(cut === 'whole' ? { into: buffers } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
    });
  }
  const responses = await Promise.all(
    requests.map((r) =>
      stop()
        ? Promise.resolve(undefined)
        : runWithRetry(executor, r, identity.outcomes.length, abandon, identity.design).then((response) => {
            onChunk();
            return response;
          }),
    ),
  );
  if (responses.some((r) => r === undefined)) return undefined;
  return assemble(block, responses as ChunkResponse[], identity, options.seed, buffers);
}

/**
 * A chunk whose worker died or hung is retried one run per task; a run that fails again is
 * recorded. Undefined if the chunk was abandoned after an interrupt: it is not a failure.
 */
async function runWithRetry(
  executor: Executor,
  request: ChunkRequest,
  nOutcomes: number,
  abandon: AbortSignal,
  plan: SeedPlan | undefined,
): Promise<ChunkResponse | undefined> {
  try {
    return await executor.run(request, abandon);
  } catch {
    if (abandon.aborted) return undefined;
    const singles = await Promise.all(
      Array.from({ length: request.count }, async (_, i) => {
        const { into: _whole, ...chunk } = request;
        const single = { ...chunk, firstRun: request.firstRun + i, count: 1 };
        try {
          return await executor.run(single, abandon);
        } catch (e) {
          return abandon.aborted ? undefined : failedChunk(single, `worker failed twice: ${toError(e).message}`, plan);
        }
      }),
    );
    return singles.some((r) => r === undefined) ? undefined : concatenate(request, singles as ChunkResponse[], nOutcomes);
  }
}

function failedChunk(request: ChunkRequest, error: string, plan: SeedPlan | undefined): ChunkResponse {
  const failures = Array.from({ length: request.count }, (_, i) => ({
    run: request.firstRun + i,
    seed: runSeed(request.masterSeed, request.firstRun + i, plan),
    error,
  }));
  return {
    firstRun: request.firstRun,
    count: request.count,
    outcomes: new Float64Array(0),
    series: new Float64Array(0),
    ok: new Uint8Array(request.count),
    failures,
  };
}

function concatenate(request: ChunkRequest, parts: readonly ChunkResponse[], nO: number): ChunkResponse {
  const seriesSize = Math.max(0, ...parts.map((p) => (p.ok[0] ? p.series.length : 0)));
  const outcomes = new Float64Array(request.count * nO);
  const series = new Float64Array(request.count * seriesSize);
  const okMask = new Uint8Array(request.count);
  parts.forEach((p, i) => {
    okMask[i] = p.ok[0] ?? 0;
    if (okMask[i]) {
      outcomes.set(p.outcomes, i * nO);
      series.set(p.series, i * seriesSize);
    }
  });
  return { firstRun: request.firstRun, count: request.count, outcomes, series, ok: okMask, failures: parts.flatMap((p) => p.failures) };
}

const shared = (length: number) => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));

/** A lane's block arrays, in shared memory: a worker lays its whole blocks out into them. */
function blockBuffers(identity: BatchIdentity, blockSize: number): SharedBlock {
  return { outcomes: shared(blockSize * identity.outcomes.length), series: shared(identity.series.length * identity.steps * blockSize) };
}

/**
 * A block's outcomes [run][outcome] and series [metric][step][run] in `buffers` (views of the
 * block's size); a failed run's values are zero, as they always were, whatever the buffers held.
 */
function assemble(
  block: Block,
  responses: readonly ChunkResponse[],
  identity: BatchIdentity,
  masterSeed: number,
  buffers: SharedBlock,
): AssembledBlock {
  const nO = identity.outcomes.length;
  const nS = identity.series.length;
  const steps = identity.steps;
  const count = block.count;
  const seeds = Array.from({ length: count }, (_, i) => runSeed(masterSeed, block.firstRun + i, identity.design));
  const whole = responses.length === 1 ? responses[0] : undefined;
  if (whole?.digests !== undefined && whole.count === count) {
    // Laid out by its worker into `buffers` (into); a failed run's values are zero there too.
    const meta = { index: block.index, firstRun: block.firstRun, count, seeds, ok: Array.from(whole.ok), failures: [...whole.failures] };
    return { meta, outcomes: whole.outcomes, series: whole.series, digests: whole.digests };
  }
  const outcomes = buffers.outcomes.subarray(0, count * nO);
  const series = buffers.series.subarray(0, nS * steps * count);
  const okMask = new Array<number>(count).fill(0);
  const failures: Array<{ run: number; seed: number; error: string }> = [];
  const runSize = nS * steps;
  for (const r of responses) {
    const offset = r.firstRun - block.firstRun;
    for (let i = 0; i < r.count; i++) okMask[offset + i] = r.ok[i] ?? 0;
    // Run-major [run][metric][step] to metric-major [metric][step][run]; a failed run's
    // values are zero (runChunk leaves them so), whatever the reused buffer held.
    outcomes.set(r.outcomes.length > 0 ? r.outcomes : new Float64Array(r.count * nO), offset * nO);
    if (r.series.length > 0) scatterSeries(r.series, r.count, runSize, series, count, offset);
    else for (let i = 0; i < r.count; i++) for (let k = 0; k < runSize; k++) series[k * count + offset + i] = 0;
    failures.push(...r.failures);
  }
  failures.sort((a, b) => a.run - b.run);
  return { meta: { index: block.index, firstRun: block.firstRun, count, seeds, ok: okMask, failures }, outcomes, series };
}

/**
 * Runs `task` over `items` with at most `limit` in flight (lanes 0…limit−1), starting them in
 * order. The first task that throws calls `halt` and no lane takes another item; every lane
 * is waited for before that error is thrown, so that nothing still runs (or writes) after.
 */
async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, lane: number) => Promise<void>,
  halt: () => void,
): Promise<void> {
  let next = 0;
  let first: { error: unknown } | undefined;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async (_, lane) => {
    while (next < items.length && first === undefined) {
      const item = items[next++] as T;
      try {
        await task(item, lane);
      } catch (error) {
        first ??= { error };
        halt();
      }
    }
  });
  await Promise.all(lanes);
  if (first !== undefined) throw first.error;
}
