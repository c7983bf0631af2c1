/**
 * The worker-thread executor: one Piscina pool per batch, W threads created once (min =
 * max = W) with a long idle timeout. Each worker compiles the scenario once (workerData)
 * and returns each chunk's typed arrays by transfer, not by copy.
 */
import { Piscina } from 'piscina';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyScenario } from '../models/registry.js';
import type { Executor } from './executor.js';
import type { ChunkRequest, ChunkResponse } from './protocol.js';
import type { SeriesRowsTask } from '../io/batch-outputs.js';

// Beside the compiled library in dist/; when this module runs from its TypeScript source
// (the test runner), worker threads still need the compiled worker, so look in dist/.
const WORKER_FILE = [new URL('../../workers/simulate.worker.js', import.meta.url), new URL('../../dist/workers/simulate.worker.js', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((path) => existsSync(path)) ?? fileURLToPath(new URL('../../workers/simulate.worker.js', import.meta.url));

/** 2^31 - 1 ms (about 24.8 days): a longer timeout would overflow and fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface PoolOptions {
  readonly workers: number;
  /**
   * A chunk that takes longer is abandoned and its worker replaced (hung run); at most
   * MAX_TIMER_MS, the longest delay Node's timers hold. @default none
   */
  readonly taskTimeoutMs?: number;
}

export function piscinaExecutor(scenario: AnyScenario, options: PoolOptions): Executor {
  const pool = new Piscina<ChunkRequest | SeriesRowsTask, ChunkResponse | string[]>({
    filename: WORKER_FILE,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: 10 * 60_000,
    workerData: { scenario },
  });
  return {
    parallelism: options.workers,
    run: (request, abandon) => {
      // Aborting a running task terminates its worker (Piscina replaces it).
      const signals = [...(abandon ? [abandon] : []), ...(options.taskTimeoutMs === undefined ? [] : [AbortSignal.timeout(options.taskTimeoutMs)])];
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      return (signal === undefined ? pool.run(request) : pool.run(request, { signal })) as Promise<ChunkResponse>;
    },
    seriesRows: (tasks) => Promise.all(tasks.map((task) => pool.run(task as never, { name: 'seriesRows' }) as unknown as Promise<string[]>)) as Promise<ReadonlyArray<readonly string[]>>,
    close: () => pool.destroy(),
  };
}
