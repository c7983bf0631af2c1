/**
 * What crosses the worker boundary: plain data and typed arrays only (errors as
 * {index, message}, since Error subclasses do not survive postMessage). Two kinds of task:
 * a chunk of runs (ChunkRequest → ChunkResponse, by the worker's default export) and a part
 * of the series pass over a finished batch (SeriesRowsTask → rows of series.csv, by its
 * `seriesRows` export).
 */

export const PROTOCOL_VERSION = 2;

/** Runs firstRun .. firstRun+count-1 of a batch. */
export interface ChunkRequest {
  readonly version: number;
  readonly firstRun: number;
  readonly count: number;
  readonly masterSeed: number;
  /**
   * The chunk is a whole block: lay it out into these arrays (shared memory, a block's size at
   * least) as the block files hold it, and answer with views of them and their SHA-256, so that
   * the main thread only writes them.
   */
  readonly into?: SharedBlock;
  /** Test hooks: runs that throw, kill their worker, or never end. Empty in real batches. */
  readonly faults?: ChunkFaults;
}

export interface ChunkFaults {
  readonly throwAt?: readonly number[];
  readonly exitAt?: readonly number[];
  readonly hangAt?: readonly number[];
}

export interface ChunkResponse {
  readonly firstRun: number;
  readonly count: number;
  /** Run-major: [run * outcomeNames.length + k]. */
  readonly outcomes: Float64Array;
  /**
   * Run-major: [run][metric][step], each run's series matrix as simulate returns it; for a
   * request `into` a block, metric-major [metric][step][run] (block-layout.ts).
   */
  readonly series: Float64Array;
  /** Present when the request was `into` a block: the block's checksums, computed by the worker. */
  readonly digests?: BlockDigests;
  /** 1 where the run completed. */
  readonly ok: Uint8Array;
  readonly failures: ReadonlyArray<{ readonly run: number; readonly seed: number; readonly error: string }>;
}

/**
 * A block's arrays in shared memory (SharedArrayBuffer): outcomes [run][outcome], series
 * [metric][step][run]. Sent with a request, they are shared with the worker, not copied.
 */
export interface SharedBlock {
  readonly outcomes: Float64Array;
  readonly series: Float64Array;
}

/** SHA-256 (hex) of a block's two data files, as its JSON records them. */
export interface BlockDigests {
  readonly outcomes: string;
  readonly series: string;
}

/** A task of the series pass: the rows of some metrics, computed from a batch folder's blocks. */
export interface SeriesRowsTask {
  readonly dir: string;
  readonly blocks: readonly number[];
  /** Indices into the batch's series names. */
  readonly metrics: readonly number[];
}

/** The worker's export that runs a SeriesRowsTask (piscina's `name` option). */
export const SERIES_ROWS_TASK = 'seriesRows' as const;
