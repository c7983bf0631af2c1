/**
 * The points of a design, from its kind and its resolved factors: a full factorial (last
 * factor fastest), a Latin hypercube, a Saltelli design (for Sobol indices) or Morris
 * trajectories. Pure; the random designs draw from a stream keyed by the design's seed.
 */
import { seededStream } from '../engine/streams.js';
import type { FactorValue } from '../batch/design.js';
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
      return { points: morris.points.map((p) => [...p]), morris };
    }
  }
}
