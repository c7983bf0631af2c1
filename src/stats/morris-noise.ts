/**
 * The noise floor of a Morris screening with replicates: the μ* that replicate noise alone would
 * give each factor, so a reader sees which factors stand above noise. Pure; the bootstrap draws
 * from the seeded stream passed in.
 *
 * With R > 1 replicates per point (common random numbers: replicate j of every point shares its
 * seed), factor i on trajectory t has R per-replicate elementary effects EE_itj (morris-effects.ts,
 * each from replicate j's outputs alone). The screening uses their mean, whose standard error is
 *   se_it = sd_j(EE_itj) / √R                    (sample standard deviation, R − 1)
 * A factor with no effect at all has EE_it ~ N(0, se_it²), and E|N(0, se²)| = se · √(2/π), so
 *   muStarNoise_i = √(2/π) · (1/r) Σ_t se_it
 * is the μ* of a factor whose elementary effects are pure noise of that size: a factor whose μ*
 * is not well above its muStarNoise is not distinguished from noise. (se_it estimates the
 * standard error with the usual small-sample bias E[sd] = c4(R) σ, about 3% low at R = 10.)
 * The interval is a percentile bootstrap over trajectories, as for μ*.
 */
import type { Rng } from '../engine/streams.js';
import type { MorrisDesign } from './morris-design.js';
import { elementaryEffects } from './morris-effects.js';
import { quantileSorted } from './quantiles.js';

/** The noise floor of one factor, with its bootstrap interval. */
export interface MorrisNoiseRow {
  readonly factor: string;
  readonly index: 'muStarNoise';
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface MorrisNoiseOptions {
  /** Bootstrap resamples of the trajectories. Default 1,000. */
  readonly resamples?: number;
  /** Interval level. Default 0.95. */
  readonly level?: number;
}

/** √(2/π): E|Z| of a standard normal Z. */
const MEAN_ABS_NORMAL = Math.sqrt(2 / Math.PI);

/**
 * Standard errors se[i][t] of the mean elementary effect of factor i on trajectory t, from
 * `replicates[j]`, the outputs of replicate j at every design point (in the order of design.points).
 */
export function elementaryEffectErrors(design: MorrisDesign, replicates: readonly ArrayLike<number>[]): number[][] {
  const R = replicates.length;
  if (R < 2) throw new RangeError(`elementaryEffectErrors: needs at least 2 replicates, got ${R}`);
  const effects = replicates.map((outputs) => elementaryEffects(design, outputs));
  return design.factors.map((_, i) =>
    Array.from({ length: design.trajectories }, (_, t) => {
      let sum = 0;
      for (let j = 0; j < R; j++) sum += effects[j]![i]![t]!;
      const mean = sum / R;
      let squares = 0;
      for (let j = 0; j < R; j++) squares += (effects[j]![i]![t]! - mean) ** 2;
      return Math.sqrt(squares / (R - 1) / R);
    }),
  );
}

/** muStarNoise of each factor, in factor order. */
export function morrisNoiseFloor(
  design: MorrisDesign,
  replicates: readonly ArrayLike<number>[],
  rng: Rng,
  options: MorrisNoiseOptions = {},
): MorrisNoiseRow[] {
  const resamples = options.resamples ?? 1000;
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  const errors = elementaryEffectErrors(design, replicates);
  const r = design.trajectories;
  const floor = (se: ArrayLike<number>, pick: (t: number) => number) => {
    let sum = 0;
    for (let t = 0; t < r; t++) sum += se[pick(t)]!;
    return (MEAN_ABS_NORMAL * sum) / r;
  };
  // One set of resampled trajectories for every factor, as the factors share their trajectories.
  const draws = new Int32Array(resamples * r);
  for (let i = 0; i < draws.length; i++) draws[i] = Math.floor(rng() * r);
  return design.factors.map((factor, i) => {
    const se = errors[i]!;
    const boot = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++) boot[b] = floor(se, (t) => draws[b * r + t]!);
    boot.sort();
    const interval = r >= 2 && resamples > 0;
    return {
      factor: factor.name,
      index: 'muStarNoise',
      estimate: floor(se, (t) => t),
      low: interval ? quantileSorted(boot, alpha) : Number.NaN,
      high: interval ? quantileSorted(boot, 1 - alpha) : Number.NaN,
    };
  });
}
