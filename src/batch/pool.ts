/**
 * The worker-thread executor: one Piscina pool per batch, W threads created once (min =
 * max = W) with a long idle timeout. Each worker compiles the scenario once (workerData)
 * and answers a whole block in the shared memory its request brings, a chunk by copy (never by
 * transfer: simulate.worker.ts).
 */
import { Piscina } from 'piscina';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyScenario } from '../models/registry.js';
import type { Executor } from './executor.js';
import type { BatchDesign } from './design.js';
import { SERIES_ROWS_TASK, type ChunkRequest, type ChunkResponse, type SeriesRowsTask } from './protocol.js';

// Beside the compiled library in dist/; when this module runs from its TypeScript source
// (the test runner), worker threads still need the compiled worker, so look in dist/.
// The CommonJS entry, not the ES module itself: see workers/entry.worker.cts.
const WORKER_FILE =
  [new URL('../../workers/entry.worker.cjs', import.meta.url), new URL('../../dist/workers/entry.worker.cjs', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((path) => existsSync(path)) ?? fileURLToPath(new URL('../../workers/entry.worker.cjs', import.meta.url));

/** 2^31 - 1 ms (about 24.8 days): a longer timeout would overflow and fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface PoolOptions {
  readonly workers: number;
  /**
   * A chunk that takes longer is abandoned and its worker replaced (hung run); at most
   * MAX_TIMER_MS, the longest delay Node's timers hold. @default none
   */
  readonly taskTimeoutMs?: number;
  /** The batch's design points: each worker compiles the points of its chunks (design.ts). */
  readonly design?: BatchDesign;
}

export function piscinaExecutor(scenario: AnyScenario, options: PoolOptions): Executor {
  const pool = new Piscina<ChunkRequest | SeriesRowsTask, ChunkResponse | string[]>({
    filename: WORKER_FILE,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: 10 * 60_000,
    workerData: { scenario, ...(options.design ? { design: options.design } : {}) },
  });
  let closed: Promise<void> | undefined;
  return {
    parallelism: options.workers,
    assemblesBlocks: true,
    run: (request, abandon) => {
      if (options.taskTimeoutMs === undefined)
        return (abandon === undefined ? pool.run(request) : pool.run(request, { signal: abandon })) as Promise<ChunkResponse>;
      // Aborting a running task terminates its worker (Piscina replaces it).
      const deadline = taskDeadline(options.taskTimeoutMs, abandon);
      return (pool.run(request, { signal: deadline.signal }) as Promise<ChunkResponse>).finally(deadline.dispose);
    },
    seriesRows: (tasks) =>
      Promise.all(tasks.map((task) => pool.run(task, { name: SERIES_ROWS_TASK }) as unknown as Promise<string[]>)) as Promise<
        ReadonlyArray<readonly string[]>
      >,
    // Once: the batch closes it before its manifest, and again on its way out (a no-op then).
    close: () => (closed ??= pool.destroy()),
  };
}

/**
 * A signal aborted after `ms` or when `abandon` aborts, from a plain timer cleared when the
 * task settles. Not AbortSignal.any([…, AbortSignal.timeout(ms)]): Node 20 may collect the
 * timeout signal inside such a composite before it fires (nodejs/node#57736), and then a
 * hung run is never stopped.
 */
function taskDeadline(ms: number, abandon: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`the task took longer than ${ms} ms`)), ms);
  const onAbandon = () => controller.abort(abandon?.reason);
  if (abandon?.aborted) onAbandon();
  else abandon?.addEventListener('abort', onAbandon, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      abandon?.removeEventListener('abort', onAbandon);
    },
  };
}
