/**
 * Morris screening measures from a design's outputs. Pure; the bootstrap draws from the seeded
 * stream passed in.
 *
 * - Morris, M. D. (1991). Factorial sampling plans for preliminary computational experiments.
 *   Technometrics 33(2): 161–174. The elementary effect of factor i on a trajectory,
 *   EE_i = (y(x + Δe_i) − y(x)) / Δ, and over trajectories its mean μ and standard deviation σ
 *   (σ large: interactions or non-linearity).
 * - Campolongo, F., Cariboni, J. & Saltelli, A. (2007). An effective screening design for
 *   sensitivity analysis of large models. Environmental Modelling & Software 22: 1509–1518.
 *   μ*, the mean of |EE_i|, which effects of opposite signs cannot cancel.
 *
 * Effects are per unit of the factor's range (Δ in [0, 1]), so factors with different ranges and
 * units compare (as SALib does). σ is the sample standard deviation (r − 1). Intervals are
 * percentile bootstrap intervals over trajectories resampled with replacement (a trajectory is
 * one independent draw of the design).
 */
import type { Rng } from '../engine/streams.js';
import type { MorrisDesign } from './morris-design.js';
import { quantileSorted } from './quantiles.js';

export type MorrisIndex = 'mu' | 'muStar' | 'sigma';

/** One measure of one factor, with its bootstrap interval. */
export interface MorrisRow {
  readonly factor: string;
  readonly index: MorrisIndex;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface MorrisEffectsOptions {
  /** Bootstrap resamples of the trajectories. Default 1,000. */
  readonly resamples?: number;
  /** Interval level. Default 0.95. */
  readonly level?: number;
}

/**
 * Elementary effects, effects[i][t] for factor i on trajectory t, from one output per design
 * point (in the order of design.points).
 */
export function elementaryEffects(design: MorrisDesign, outputs: ArrayLike<number>): number[][] {
  const k = design.factors.length;
  if (outputs.length !== design.points.length)
    throw new RangeError(`elementaryEffects: ${outputs.length} outputs for ${design.points.length} design points`);
  const effects = design.factors.map(() => new Array<number>(design.trajectories));
  design.steps.forEach((steps, t) => {
    const first = t * (k + 1);
    steps.forEach((step, j) => {
      // A step down by Δ divides by −Δ: the effect is the slope whichever way the trajectory went.
      effects[step.factor]![t] = (outputs[first + j + 1]! - outputs[first + j]!) / (step.direction * design.delta);
    });
  });
  return effects;
}

/** μ, μ* and σ of each factor, rows in factor order (mu, muStar, sigma for each). */
export function morrisEffects(design: MorrisDesign, outputs: ArrayLike<number>, rng: Rng, options: MorrisEffectsOptions = {}): MorrisRow[] {
  const resamples = options.resamples ?? 1000;
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  const effects = elementaryEffects(design, outputs);
  const r = design.trajectories;

  // One set of resampled trajectories for every factor, as the factors share their trajectories.
  const draws = new Int32Array(resamples * r);
  for (let i = 0; i < draws.length; i++) draws[i] = Math.floor(rng() * r);

  const rows: MorrisRow[] = [];
  design.factors.forEach((factor, i) => {
    const ee = effects[i]!;
    const estimates = measures(ee);
    const boot = { mu: new Float64Array(resamples), muStar: new Float64Array(resamples), sigma: new Float64Array(resamples) };
    const sample = new Float64Array(r);
    for (let b = 0; b < resamples; b++) {
      for (let t = 0; t < r; t++) sample[t] = ee[draws[b * r + t]!]!;
      const m = measures(sample);
      boot.mu[b] = m.mu;
      boot.muStar[b] = m.muStar;
      boot.sigma[b] = m.sigma;
    }
    for (const index of ['mu', 'muStar', 'sigma'] as const) {
      const sorted = boot[index].sort();
      const interval = r >= 2 && resamples > 0;
      rows.push({
        factor: factor.name,
        index,
        estimate: estimates[index],
        low: interval ? quantileSorted(sorted, alpha) : Number.NaN,
        high: interval ? quantileSorted(sorted, 1 - alpha) : Number.NaN,
      });
    }
  });
  return rows;
}

function measures(ee: ArrayLike<number>): Record<MorrisIndex, number> {
  const n = ee.length;
  let sum = 0;
  let sumAbs = 0;
  for (let t = 0; t < n; t++) {
    sum += ee[t]!;
    sumAbs += Math.abs(ee[t]!);
  }
  const mu = sum / n;
  let squares = 0;
  for (let t = 0; t < n; t++) squares += (ee[t]! - mu) ** 2;
  return { mu, muStar: sumAbs / n, sigma: n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN };
}
