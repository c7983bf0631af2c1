/**
 * The points of a design, from its kind and its resolved factors: a full factorial (last
 * factor fastest), a Latin hypercube, a Saltelli design (for Sobol indices) or Morris
 * trajectories. Pure; the random designs draw from a stream keyed by the design's seed.
 *
 * A seed factor (path seed, batch/design.ts) in a Morris design is a dummy whose effect is pure
 * randomness: its grid value would give only p seed numbers, shared by every trajectory, so its
 * values are instead seed 2t before its step in trajectory t and 2t + 1 after. Each trajectory
 * then steps between two seeds of its own and its elementary effect is an independent draw of
 * the noise (per unit Δ like every factor's), so its μ* is the noise floor the others stand above.
 */
import { seededStream } from '../engine/streams.js';
import { SEED_FACTOR, type FactorValue } from '../batch/design.js';
import { latinHypercube } from '../stats/latin-hypercube.js';
import { morrisDesign, type MorrisDesign } from '../stats/morris-design.js';
import { saltelliDesign } from '../stats/saltelli.js';
import type { UniformFactor } from '../stats/factors.js';
import type { DesignKind, ResolvedFactor } from './design-file.js';

export interface DesignPoints {
  readonly points: FactorValue[][];
  /** The Morris design the points come from (its steps are needed for the effects). */
  readonly morris?: MorrisDesign;
}

/** Stream key of a design's own draws (LHS, Morris): fixed for good, like every key in streams.ts. */
const designStreamKey = (seed: number): string => `ayni/design/${seed}`;

const uniform = (factors: readonly ResolvedFactor[]): UniformFactor[] =>
  factors.map((f) => {
    if (f.range === undefined) throw new Error(`bug: factor ${f.path} has no range`);
    return { name: f.path, low: f.range[0], high: f.range[1] };
  });

const rows = (flat: Float64Array, k: number): number[][] =>
  Array.from({ length: flat.length / k }, (_, p) => Array.from(flat.subarray(p * k, (p + 1) * k)));

export function designPoints(kind: DesignKind, factors: readonly ResolvedFactor[], seed: number): DesignPoints {
  const k = factors.length;
  switch (kind.kind) {
    case 'factorial': {
      const levels = factors.map((f): FactorValue[] => {
        if (f.levels !== undefined) return [...f.levels];
        const [lo, hi] = f.range as readonly [number, number];
        return Array.from({ length: kind.levels }, (_, i) => (i === kind.levels - 1 ? hi : lo + (i * (hi - lo)) / (kind.levels - 1)));
      });
      let points: FactorValue[][] = [[]];
      for (const values of levels) points = points.flatMap((p) => values.map((v) => [...p, v]));
      return { points };
    }
    case 'lhs': {
      const unit = latinHypercube(kind.points, k, seededStream(designStreamKey(seed)));
      const f = uniform(factors);
      return {
        points: rows(unit, k).map((row) =>
          row.map((u, i) => (f[i] as UniformFactor).low + u * ((f[i] as UniformFactor).high - (f[i] as UniformFactor).low)),
        ),
      };
    }
    case 'sobol':
      return { points: rows(saltelliDesign(uniform(factors), kind.baseSamples).points, k) };
    case 'morris': {
      const morris = morrisDesign(
        uniform(factors),
        { trajectories: kind.trajectories, levels: kind.levels },
        seededStream(designStreamKey(seed)),
      );
      return { points: withMorrisSeeds(morris, factors), morris };
    }
  }
}

/** The points of a Morris design, the seed factor's column (if any) replaced by 2t before its step in trajectory t, 2t + 1 after. */
function withMorrisSeeds(morris: MorrisDesign, factors: readonly ResolvedFactor[]): FactorValue[][] {
  const points = morris.points.map((p): FactorValue[] => [...p]);
  const s = factors.findIndex((f) => f.path === SEED_FACTOR);
  if (s < 0) return points;
  const k = factors.length;
  morris.steps.forEach((steps, t) => {
    const moved = steps.findIndex((step) => step.factor === s) + 1;
    for (let j = 0; j <= k; j++) (points[t * (k + 1) + j] as FactorValue[])[s] = j < moved ? 2 * t : 2 * t + 1;
  });
  return points;
}
