/**
 * What crosses the worker boundary: plain data and typed arrays only (errors as
 * {index, message}, since Error subclasses do not survive postMessage).
 */

export const PROTOCOL_VERSION = 1;

/** Runs firstRun .. firstRun+count-1 of a batch. */
export interface ChunkRequest {
  readonly version: number;
  readonly firstRun: number;
  readonly count: number;
  readonly masterSeed: number;
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
  /** Run-major: [run][metric][month], each run's series matrix as simulate returns it. */
  readonly series: Float64Array;
  /** 1 where the run completed. */
  readonly ok: Uint8Array;
  readonly failures: ReadonlyArray<{ readonly run: number; readonly seed: number; readonly error: string }>;
}
