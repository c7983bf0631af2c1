/**
 * A batch over design points: run r is replicate j = r mod R of point p = floor(r / R), so
 * that the R replicates of a point are consecutive runs (a chunk compiles its point once) and
 * replicate j of every point has seedFor(masterSeed, j): common random numbers across points.
 * A point is the base scenario with its factor values set at their paths, validated again
 * (so a value out of a field's range is a failed run, never a silently clipped one).
 */
import { createHash } from 'node:crypto';
import type { CompiledModel } from '../engine/model.js';
import { compileModel, parseAnyScenario, type AnyScenario } from '../models/registry.js';
import { applyOverrides } from '../scenario/load.js';
import { seedFor } from './seeds.js';

/** A factor value as a scenario field holds it: a number, or a level such as a policy's timing. */
export type FactorValue = number | string | boolean;

export interface BatchDesign {
  /** Scenario paths of the factors, e.g. parameters.conflict.crisisRate. */
  readonly factors: readonly string[];
  /** points[p][i]: the value of factor i at point p. */
  readonly points: ReadonlyArray<ReadonlyArray<FactorValue>>;
  /** Replicates per point. */
  readonly replications: number;
  /**
   * 'common' (default): replicate j of every point has seedFor(masterSeed, j), common random
   * numbers across points. 'per-run': run r has seedFor(masterSeed, r) as in a plain batch, for
   * designs whose points must not share noise (a calibration's particles are independent draws).
   */
  readonly seeding?: 'common' | 'per-run';
}

/** What batch.json records of a design: enough to refuse another design on resume, shards and merge. */
export interface DesignIdentity {
  readonly hash: string;
  readonly points: number;
  readonly replications: number;
  readonly factors: readonly string[];
  /** Absent for common random numbers (and in folders written before per-run seeding existed). */
  readonly seeding?: 'per-run';
}

export function designIdentity(design: BatchDesign): DesignIdentity {
  const perRun = design.seeding === 'per-run';
  const hash = createHash('sha256')
    .update(
      JSON.stringify({
        factors: design.factors,
        points: design.points,
        replications: design.replications,
        ...(perRun ? { seeding: 'per-run' } : {}),
      }),
    )
    .digest('hex');
  return {
    hash: `sha256:${hash}`,
    points: design.points.length,
    replications: design.replications,
    factors: design.factors,
    ...(perRun ? { seeding: 'per-run' as const } : {}),
  };
}

/** The R that seeds repeat over: the design's replications with common random numbers, none with per-run seeds or no design. */
export function seedCycle(design: { readonly replications: number; readonly seeding?: string } | undefined): number | undefined {
  return design === undefined || design.seeding === 'per-run' ? undefined : design.replications;
}

/** The seed of run `run`: its own index without a cycle, its replicate's with one. */
export function runSeed(masterSeed: number, run: number, cycle?: number): number {
  return seedFor(masterSeed, cycle === undefined ? run : run % cycle);
}

/** The scenario of design point `point`: the base with the point's values set, validated. */
export function scenarioAtPoint(base: AnyScenario, design: BatchDesign, point: number): AnyScenario {
  const values = design.points[point];
  if (values === undefined) throw new Error(`bug: no design point ${point}`);
  // String(x) of a number reads back as the same double (shortest round-trip form).
  const patched = applyOverrides(
    base as unknown as Record<string, unknown>,
    design.factors.map((path, i) => ({ path, value: String(values[i]) })),
  );
  if (!patched.success) throw new Error(patched.error.map((e) => `${e.path.join('.')}: ${e.message}`).join('; '));
  const parsed = parseAnyScenario(patched.data, `design point ${point}`);
  if (!parsed.success) throw new Error(`design point ${point}: ${parsed.error.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}`);
  return parsed.data;
}

/** Where each run's model and seed come from (run-chunk.ts). */
export interface RunSource {
  modelAt(run: number): CompiledModel;
  seedAt(masterSeed: number, run: number): number;
}

/** Every run on one compiled scenario, run i with seedFor(masterSeed, i): a plain batch. */
export function singleSource(model: CompiledModel): RunSource {
  return { modelAt: () => model, seedAt: (masterSeed, run) => seedFor(masterSeed, run) };
}

/** Runs of a design: each point compiled when first needed, the last one kept (a chunk's runs share their point). */
export function designSource(base: AnyScenario, design: BatchDesign): RunSource {
  let cachedPoint = -1;
  let cached: CompiledModel | undefined;
  return {
    modelAt(run) {
      const point = Math.floor(run / design.replications);
      if (point !== cachedPoint || cached === undefined) {
        cached = undefined;
        cached = compileModel(scenarioAtPoint(base, design, point));
        cachedPoint = point;
      }
      return cached;
    },
    seedAt: (masterSeed, run) => runSeed(masterSeed, run, seedCycle(design)),
  };
}
