/**
 * The worker thread: compiles the batch's scenario once, then runs chunks and moves their
 * typed arrays back without copying; also runs the series pass's tasks (SERIES_ROWS_TASK).
 * Only wiring: the protocol is src/batch/protocol.ts, the work run-chunk.ts and tables.ts.
 */
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import '../src/io/mathjs.js';
import { compileModel, type AnyScenario } from '../src/models/registry.js';
import { runChunk } from '../src/batch/run-chunk.js';
import type { ChunkRequest } from '../src/batch/protocol.js';
// Exported under the name SERIES_ROWS_TASK says.
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
