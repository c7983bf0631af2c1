/**
 * How a block's values are laid out in its files, shared by the main thread and the workers:
 * outcomes run-major [run][outcome] as runs return them, series metric-major
 * [metric][step][run] (what the series pass reads one metric at a time), and the SHA-256 the
 * block's JSON records for each. A worker that runs a whole block lays it out and checksums
 * it itself, so that the main thread only writes it (run-batch.ts).
 */
import { createHash } from 'node:crypto';
import type { BlockDigests, ChunkResponse, SharedBlock } from './protocol.js';

/**
 * Copies `runs` run-major series matrices of `runSize` values (each run's [metric][step]) into
 * `into`, metric-major for a block of `blockRuns` runs, the first at run `offset` of the block.
 */
export function scatterSeries(
  runMajor: Float64Array,
  runs: number,
  runSize: number,
  into: Float64Array,
  blockRuns: number,
  offset: number,
): void {
  for (let i = 0; i < runs; i++) {
    const base = i * runSize;
    const run = offset + i;
    for (let k = 0; k < runSize; k++) into[k * blockRuns + run] = runMajor[base + k]!;
  }
}

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export const bytesOf = (a: Float64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export const blockDigests = (outcomes: Float64Array, series: Float64Array): BlockDigests => ({
  outcomes: sha256Hex(bytesOf(outcomes)),
  series: sha256Hex(bytesOf(series)),
});

/**
 * A chunk of a whole block as the block's files hold it, written into `into` (every value of
 * the block's part overwritten): series metric-major; views of it, with the checksums.
 */
export function asBlock(chunk: ChunkResponse, runSize: number, into: SharedBlock): ChunkResponse {
  const series = into.series.subarray(0, chunk.series.length);
  scatterSeries(chunk.series, chunk.count, runSize, series, chunk.count, 0);
  const outcomes = into.outcomes.subarray(0, chunk.outcomes.length);
  outcomes.set(chunk.outcomes);
  return { ...chunk, outcomes, series, digests: blockDigests(outcomes, series) };
}
