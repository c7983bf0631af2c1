/**
 * A batch over design points: run r is replicate j = r mod R of point p = floor(r / R), so
 * that the R replicates of a point are consecutive runs (a chunk compiles its point once) and
 * replicate j of every point has seedFor(masterSeed, j): common random numbers across points.
 * A point is the base scenario with its factor values set at their paths, validated again
 * (so a value out of a field's range is a failed run, never a silently clipped one).
 *
 * The seed as a factor (path `seed`, SEED_FACTOR): randomness gets its own share of variance.
 * It is not a scenario field; its value v at point p makes the point's own random numbers:
 *   replicate j of point p gets seedFor(seedFor(masterSeed, s), j),  s = floor(v) in [0, 2^31)
 * so points with the same seed value share their random numbers (common random numbers across
 * the points of one seed value, as a Saltelli design needs) and points with different values do
 * not. The values s are recorded in the design's identity (batch.json), so resume, shards, merge
 * and workers derive the same seed for every run from the identity alone.
 */
import { createHash } from 'node:crypto';
import type { CompiledModel } from '../engine/model.js';
import { compileModel, parseAnyScenario, type AnyScenario } from '../models/registry.js';
import { applyOverrides } from '../scenario/load.js';
import { seedFor } from './seeds.js';
import type { RunSource } from './run-source.js';

export { singleSource, type RunSource } from './run-source.js';

/** A factor value as a scenario field holds it: a number, or a level such as a policy's timing. */
export type FactorValue = number | string | boolean;

/** The path of the seed as a factor: not a scenario field, it sets a point's random numbers. */
export const SEED_FACTOR = 'seed';

/** Seed values s of a seed factor lie in [0, 2^31): whole numbers that seedFor takes as a master seed. */
export const SEED_VALUES = 2 ** 31;

/** The seed value s of a seed factor's value v: floor(v), refused outside [0, 2^31). */
export function seedValue(v: FactorValue): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v >= SEED_VALUES)
    throw new RangeError(`a seed factor's value must be a number in [0, 2^31), got ${String(v)}`);
  return Math.floor(v);
}

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
  /** With a seed factor, each point's seed value s (absent without one). */
  readonly seeds?: readonly number[];
  /** Absent for common random numbers (and in folders written before per-run seeding existed). */
  readonly seeding?: 'per-run';
}

/** Each point's seed value s, or undefined when the design has no seed factor. */
export function pointSeeds(design: BatchDesign): number[] | undefined {
  const i = design.factors.indexOf(SEED_FACTOR);
  return i < 0 ? undefined : design.points.map((p) => seedValue(p[i] as FactorValue));
}

export function designIdentity(design: BatchDesign): DesignIdentity {
  const perRun = design.seeding === 'per-run' ? { seeding: 'per-run' as const } : {};
  const hash = createHash('sha256')
    .update(JSON.stringify({ factors: design.factors, points: design.points, replications: design.replications, ...perRun }))
    .digest('hex');
  const seeds = pointSeeds(design);
  if (seeds && design.seeding === 'per-run') throw new Error('bug: a seed factor in a design with per-run seeds');
  return {
    hash: `sha256:${hash}`,
    points: design.points.length,
    replications: design.replications,
    factors: design.factors,
    ...(seeds ? { seeds } : {}),
    ...perRun,
  };
}

/** What the seed of a run depends on in a design: its replications and, with a seed factor, each point's seed value. */
export interface SeedPlan {
  readonly replications: number;
  readonly seeds?: readonly number[] | undefined;
  readonly seeding?: string | undefined;
}

/**
 * The seed of run `run`: its own index without a design or with per-run seeds; its replicate's with one
 * (seedFor(masterSeed, j)); with a seed factor, seedFor(seedFor(masterSeed, s), j) for its point's seed value s.
 */
export function runSeed(masterSeed: number, run: number, plan?: SeedPlan): number {
  if (plan === undefined || plan.seeding === 'per-run') return seedFor(masterSeed, run);
  const j = run % plan.replications;
  if (plan.seeds === undefined) return seedFor(masterSeed, j);
  const s = plan.seeds[Math.floor(run / plan.replications)];
  if (s === undefined) throw new Error(`bug: no seed value for run ${run}`);
  return seedFor(seedFor(masterSeed, s), j);
}

/** The scenario of design point `point`: the base with the point's values set, validated. */
export function scenarioAtPoint(base: AnyScenario, design: BatchDesign, point: number): AnyScenario {
  const values = design.points[point];
  if (values === undefined) throw new Error(`bug: no design point ${point}`);
  // String(x) of a number reads back as the same double (shortest round-trip form).
  const patched = applyOverrides(
    base as unknown as Record<string, unknown>,
    design.factors.flatMap((path, i) => (path === SEED_FACTOR ? [] : [{ path, value: String(values[i]) }])),
  );
  if (!patched.success) throw new Error(patched.error.map((e) => `${e.path.join('.')}: ${e.message}`).join('; '));
  const parsed = parseAnyScenario(patched.data, `design point ${point}`);
  if (!parsed.success) throw new Error(`design point ${point}: ${parsed.error.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}`);
  return parsed.data;
}

/** Runs of a design: each point compiled when first needed, the last one kept (a chunk's runs share their point). */
export function designSource(base: AnyScenario, design: BatchDesign): RunSource {
  const plan: SeedPlan = { replications: design.replications, seeds: pointSeeds(design), seeding: design.seeding };
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
    seedAt: (masterSeed, run) => runSeed(masterSeed, run, plan),
  };
}
