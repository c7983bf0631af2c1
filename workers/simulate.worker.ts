/**
 * The worker thread: compiles the batch's scenario once (a design's points as its chunks need them), then runs chunks and hands
 * their typed arrays back in shared memory, without copying; also runs the series pass's tasks (SERIES_ROWS_TASK).
 * Only wiring: the protocol is src/batch/protocol.ts, the work run-chunk.ts and series-rows.ts.
 * It imports only what a chunk needs (no Parquet writer; the design code only for a design),
 * since every worker pays its imports before its first run.
 */
import { workerData } from 'piscina';
import '../src/io/mathjs.js';
import { compileModel, type AnyScenario } from '../src/models/registry.js';
import { runChunk } from '../src/batch/run-chunk.js';
import type { ChunkRequest, ChunkResponse } from '../src/batch/protocol.js';
import { asBlock } from '../src/batch/block-layout.js';
import type { BatchDesign } from '../src/batch/design.js';
import type { RunSource } from '../src/batch/run-source.js';
// Exported under the name SERIES_ROWS_TASK says.
export { seriesRows } from '../src/batch/series-rows.js';

const { scenario, design } = workerData as { scenario: AnyScenario; design?: BatchDesign };
// With a design, the first point's model gives the sizes and each chunk compiles its own points.
const designCode = design ? await import('../src/batch/design.js') : undefined;
const model = compileModel(design && designCode ? designCode.scenarioAtPoint(scenario, design, 0) : scenario);
const seriesSize = model.seriesNames.length * model.steps;
const source: RunSource | undefined = design && designCode ? designCode.designSource(scenario, design) : undefined;

/**
 * The arrays a response carries live in shared memory, so that they reach the main thread
 * without a copy and without a transfer: transferring detaches an ArrayBuffer, and once any
 * buffer has been detached V8 guards every typed-array access of the optimised model code
 * against detachment, which made a worker's runs 10–15% slower than the same loop that never
 * detaches (bench/README.md, batch suite).
 */
const shared = (length: number) => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));

export default function simulateChunk(request: ChunkRequest): ChunkResponse {
  // A whole block: its runs run-major in ordinary memory, then laid out into shared memory.
  return request.asBlock ? asBlock(runChunk(model, request, source), seriesSize, shared) : runChunk(model, request, source, shared);
}
