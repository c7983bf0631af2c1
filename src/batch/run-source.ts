/**
 * Where each run of a batch gets its model and seed (run-chunk.ts). A plain batch lives here;
 * a design's source is in design.ts, which a worker loads only for a design batch (it brings
 * the scenario loader, and with it the YAML parser, into the worker's start-up).
 */
import type { CompiledModel } from '../engine/model.js';
import { seedFor } from './seeds.js';

export interface RunSource {
  modelAt(run: number): CompiledModel;
  seedAt(masterSeed: number, run: number): number;
}

/** Every run on one compiled scenario, run i with seedFor(masterSeed, i): a plain batch. */
export function singleSource(model: CompiledModel): RunSource {
  return { modelAt: () => model, seedAt: (masterSeed, run) => seedFor(masterSeed, run) };
}
