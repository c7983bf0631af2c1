/**
 * Runs one chunk of a batch on a compiled model. The same function serves the in-process
 * executor (the reference) and the worker threads. A run that throws is recorded as a
 * failure and the chunk goes on. Pure apart from the test hooks, which only act when a
 * request carries them.
 */
import type { CompiledModel } from '../engine/model.js';
import { toError } from '../engine/result.js';
import { singleSource, type RunSource } from './run-source.js';
import type { ChunkRequest, ChunkResponse } from './protocol.js';

/**
 * `model` is the batch's compiled scenario, or with `source` (a design, design.ts) the model of
 * the first point: its sizes are every point's.
 */
export function runChunk(model: CompiledModel, request: ChunkRequest, source: RunSource = singleSource(model)): ChunkResponse {
  const { firstRun, count, masterSeed, faults } = request;
  const nOutcomes = model.outcomeNames.length;
  const seriesSize = model.seriesNames.length * model.steps;
  const outcomes = new Float64Array(count * nOutcomes);
  const series = new Float64Array(count * seriesSize);
  const ok = new Uint8Array(count);
  const failures: Array<{ run: number; seed: number; error: string }> = [];
  for (let i = 0; i < count; i++) {
    const run = firstRun + i;
    const seed = source.seedAt(masterSeed, run);
    try {
      if (faults) applyFaults(faults, run);
      const result = source.modelAt(run).run(seed);
      if (result.outcomes.length !== nOutcomes || result.series.length !== seriesSize)
        throw new Error(`run ${run} has other sizes than the batch's first point (a factor changed its steps?)`);
      outcomes.set(result.outcomes, i * nOutcomes);
      series.set(result.series, i * seriesSize);
      ok[i] = 1;
    } catch (e) {
      failures.push({ run, seed, error: toError(e).message });
    }
  }
  return { firstRun, count, outcomes, series, ok, failures };
}

function applyFaults(faults: NonNullable<ChunkRequest['faults']>, run: number): void {
  if (faults.throwAt?.includes(run)) throw new Error(`injected failure in run ${run}`);
  if (faults.exitAt?.includes(run)) globalThis.process.exit(71);
  if (faults.hangAt?.includes(run)) for (;;);
}
