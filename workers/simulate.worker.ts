/**
 * The worker thread: compiles the batch's scenario once, then runs chunks and moves their
 * typed arrays back without copying. Only wiring; the work is in src/batch/run-chunk.ts.
 */
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import '../src/io/mathjs.js';
import { compileModel, type AnyScenario } from '../src/models/registry.js';
import { runChunk } from '../src/batch/run-chunk.js';
import type { ChunkRequest } from '../src/batch/protocol.js';
export { seriesRows } from '../src/batch/tables.js';

const model = compileModel((workerData as { scenario: AnyScenario }).scenario);

export default function simulateChunk(request: ChunkRequest): unknown {
  const response = runChunk(model, request);
  return move({
    get [transferableSymbol]() {
      return [response.outcomes.buffer, response.series.buffer, response.ok.buffer];
    },
    get [valueSymbol]() {
      return response;
    },
  });
}
