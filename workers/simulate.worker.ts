/**
 * The worker thread: compiles the batch's scenario once, then runs chunks and moves their
 * typed arrays back without copying. Only wiring; the work is in src/batch/run-chunk.ts.
 */
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { compileWorld } from '../src/core/world.js';
import { runChunk } from '../src/batch/run-chunk.js';
import type { ChunkRequest } from '../src/batch/protocol.js';
import type { Scenario } from '../src/scenario/schema.js';
export { seriesRows } from '../src/io/batch-outputs.js';

const world = compileWorld((workerData as { scenario: Scenario }).scenario);

export default function simulateChunk(request: ChunkRequest): unknown {
  const response = runChunk(world, request);
  return move({
    get [transferableSymbol]() {
      return [response.outcomes.buffer, response.series.buffer, response.ok.buffer];
    },
    get [valueSymbol]() {
      return response;
    },
  });
}
