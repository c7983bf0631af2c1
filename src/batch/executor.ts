/**
 * Executors run chunks of a batch. The in-process executor is the reference: the worker
 * pool (pool.ts) must produce exactly the same responses.
 */
import type { CompiledModel } from '../engine/model.js';
import type { ChunkRequest, ChunkResponse } from './protocol.js';
import type { RunSource } from './run-source.js';
import { runChunk } from './run-chunk.js';
import { seriesRowsInProcess, type SeriesRowsRunner } from './tables.js';

export interface Executor {
  /** Number of chunks it can run at once. */
  readonly parallelism: number;
  /**
   * Answers requests `into` a block (protocol.ts) with the block laid out in those arrays and its
   * checksums. @default false
   */
  readonly assemblesBlocks?: boolean;
  /**
   * Runs a chunk; rejects only when the executor itself fails (a worker died or hung) or
   * `abandon` is aborted. The in-process executor cannot stop a running chunk.
   */
  run(request: ChunkRequest, abandon?: AbortSignal): Promise<ChunkResponse>;
  /** Computes rows of series.csv (the final pass, split by metric). */
  readonly seriesRows: SeriesRowsRunner;
  close(): Promise<void>;
}

/** `source`: the runs of a design (design.ts); without it every run is of `model`. */
export function inProcessExecutor(model: CompiledModel, source?: RunSource): Executor {
  return {
    parallelism: 1,
    // The reference: every block assembled by the batch from plain chunks.
    assemblesBlocks: false,
    run: async (request) => runChunk(model, request, source),
    seriesRows: seriesRowsInProcess,
    close: async () => {},
  };
}
