/**
 * What a calibration hands on: each parameter's weighted posterior median, mean and
 * credible interval, and the posterior medians as a scenario overlay that `extends` can
 * apply. Pure.
 */
import type { AbcPosterior } from './abc-smc.js';
import type { Rng } from '../engine/streams.js';
import { weightedQuantiles } from './weighted-quantiles.js';

export interface AbcParameterSummary {
  readonly name: string;
  readonly median: number;
  readonly mean: number;
  readonly sd: number;
  /** The equal-tailed credible interval at `level`. */
  readonly low: number;
  readonly high: number;
  readonly level: number;
}

/** Weighted medians, means, standard deviations and equal-tailed intervals (default 95%) of the particles. */
export function posteriorSummary(posterior: AbcPosterior, level = 0.95): AbcParameterSummary[] {
  if (!(level > 0 && level < 1)) throw new RangeError(`credible level ${level} is not in (0, 1)`);
  const weights = posterior.particles.map((p) => p.weight);
  let total = 0;
  for (const w of weights) total += w;
  return posterior.names.map((name) => {
    const values = posterior.particles.map((p) => p.parameters[name]!);
    let mean = 0;
    for (let i = 0; i < values.length; i++) mean += (weights[i]! * values[i]!) / total;
    let variance = 0;
    for (let i = 0; i < values.length; i++) variance += (weights[i]! * (values[i]! - mean) ** 2) / total;
    const [low, median, high] = weightedQuantiles(values, weights, [(1 - level) / 2, 0.5, (1 + level) / 2]);
    return { name, median: median!, mean, sd: Math.sqrt(variance), low: low!, high: high!, level };
  });
}

/** A nested overlay, e.g. { parameters: { conflict: { crisisRate: 0.1 } } }. */
export interface ScenarioOverlay {
  [key: string]: number | ScenarioOverlay;
}

/**
 * The posterior medians as an overlay: each parameter's dotted path ('parameters.conflict.crisisRate')
 * becomes nested keys. Throws when one path is a prefix of another (they cannot both be set).
 */
export function calibratedOverlay(summaries: readonly Pick<AbcParameterSummary, 'name' | 'median'>[]): ScenarioOverlay {
  const root: ScenarioOverlay = {};
  for (const { name, median } of summaries) {
    const keys = name.split('.');
    if (keys.some((key) => key === '')) throw new RangeError(`parameter path '${name}' has an empty segment`);
    let node = root;
    keys.forEach((key, i) => {
      const existing = node[key];
      if (i === keys.length - 1) {
        if (existing !== undefined) throw new RangeError(`parameter path '${name}' is set twice or inside another`);
        node[key] = median;
        return;
      }
      if (typeof existing === 'number') throw new RangeError(`parameter path '${name}' runs through the value of another`);
      if (existing === undefined) node[key] = {};
      node = node[key] as ScenarioOverlay;
    });
  }
  return root;
}

/** `count` particle indices drawn with replacement, each with probability its weight (multinomial, by inversion of the cumulative weights). */
export function drawByWeight(weights: readonly number[], count: number, rng: Rng): number[] {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  if (!(total > 0)) throw new RangeError('no positive weight to draw by');
  return Array.from({ length: count }, () => {
    const u = rng() * total;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  });
}
