/**
 * The worker thread: compiles the batch's scenario once (a design's points as its chunks need them), then runs chunks (a
 * whole block laid out into the shared memory its request brings, a chunk copied back) and the series pass's tasks
 * (SERIES_ROWS_TASK).
 * Only wiring: the protocol is src/batch/protocol.ts, the work run-chunk.ts and series-rows.ts.
 * It imports only what a chunk needs (no Parquet writer; the design code only for a design),
 * since every worker pays its imports before its first run.
 */
import { workerData } from 'piscina';
import '../src/io/mathjs.js';
import { compileScenario } from '../src/models/compilers.js';
import type { AnyScenario } from '../src/models/registry.js';
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
// Only this model's compiler is imported (models/compilers.ts): no schema, no zod for a Peru batch.
const model = await compileScenario(design && designCode ? designCode.scenarioAtPoint(scenario, design, 0) : scenario);
const seriesSize = model.seriesNames.length * model.steps;
const source: RunSource | undefined = design && designCode ? designCode.designSource(scenario, design) : undefined;

/**
 * Never transfers: transferring detaches an ArrayBuffer, and once any buffer of a thread has
 * been detached V8 guards every typed-array access of its optimised code against detachment,
 * which made a worker's runs 12–15% slower (bench/README.md, batch suite). A whole block is
 * laid out into the shared memory its request brings (the main thread's, reused block after
 * block); a chunk's arrays are copied back with the answer.
 */
export default function simulateChunk(request: ChunkRequest): ChunkResponse {
  const chunk = runChunk(model, request, source);
  return request.into ? asBlock(chunk, seriesSize, request.into) : chunk;
}
