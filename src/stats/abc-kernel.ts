/**
 * The perturbation kernel of population Monte Carlo ABC: a Gaussian step around a particle
 * drawn by weight, each parameter with variance twice its weighted variance in the
 * population (Beaumont, Cornuet, Marin & Robert 2009, Biometrika 96: 983–990; kept by
 * Lenormand, Jabot & Deffuant 2013). Pure; draws from the stream passed in.
 *
 * The priors are uniform boxes, so a step that leaves the box would get weight zero. It is
 * drawn again instead (ancestor and step), which costs no simulation; the proposal is then the
 * Gaussian mixture truncated to the box, and its density divides by the mixture's mass inside
 * the box. For a diagonal kernel that mass is exact (a product of normal probabilities), so the
 * importance weights stay exact: this is why the kernel is diagonal, as in Beaumont et al.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { normal, type Rng } from '../engine/streams.js';
import type { UniformFactor } from './factors.js';

/** A parameter with a uniform prior on [low, high] (low = high fixes it): a design's factor, as the parameter table gives it. */
export type UniformPrior = UniformFactor;

/** A weighted population: k parameters per particle, row-major. */
export interface Population {
  readonly values: Float64Array;
  readonly weights: Float64Array;
}

export interface PerturbationKernel {
  /** Standard deviation of the step per parameter (0 for a fixed one). */
  readonly sd: Float64Array;
  /** A new particle in the box. */
  propose(rng: Rng): Float64Array;
  /** The log density of the truncated proposal at a point in the box. */
  logDensity(point: ArrayLike<number>): number;
}

/** Draws allowed per proposal before giving up (a box this hard to hit means a bad prior). */
const MAX_TRIES = 10_000;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export function perturbationKernel(population: Population, priors: readonly UniformPrior[]): PerturbationKernel {
  const k = priors.length;
  const n = population.weights.length;
  const { values } = population;
  let total = 0;
  for (let i = 0; i < n; i++) total += population.weights[i]!;
  if (!(total > 0)) throw new RangeError('the population has no positive weight');
  const w = Float64Array.from(population.weights, (x) => x / total);
  const logW = Float64Array.from(w, Math.log);
  const cumulative = new Float64Array(n);
  let running = 0;
  for (let i = 0; i < n; i++) {
    running += w[i]!;
    cumulative[i] = running;
  }

  const sd = new Float64Array(k);
  for (let d = 0; d < k; d++) {
    const { low, high } = priors[d]!;
    if (high === low) continue;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += w[i]! * values[i * k + d]!;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += w[i]! * (values[i * k + d]! - mean) ** 2;
    // A collapsed parameter still needs a step; a billionth of its range keeps the density finite.
    sd[d] = Math.max(Math.sqrt(2 * variance), (high - low) * 1e-9);
  }

  // Each component's mass inside the box; their weighted sum normalises the truncated mixture.
  let inside = 0;
  for (let i = 0; i < n; i++) {
    let mass = 1;
    for (let d = 0; d < k; d++) {
      if (sd[d] === 0) continue;
      const { low, high } = priors[d]!;
      const c = values[i * k + d]!;
      mass *= normalCdf(high, c, sd[d]!) - normalCdf(low, c, sd[d]!);
    }
    inside += w[i]! * mass;
  }
  let logNorm = 0;
  for (let d = 0; d < k; d++) if (sd[d]! > 0) logNorm += Math.log(sd[d]!) + LOG_SQRT_2PI;
  const logInside = Math.log(inside);

  const ancestor = (u: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  return {
    sd,
    propose(rng: Rng): Float64Array {
      const point = new Float64Array(k);
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const i = ancestor(rng() * running);
        let ok = true;
        for (let d = 0; d < k; d++) {
          const { low, high } = priors[d]!;
          // Every parameter draws its normal, fixed or not, so the draws per attempt do not depend on the box.
          const x = values[i * k + d]! + sd[d]! * normal(rng);
          point[d] = sd[d] === 0 ? low : x;
          if (point[d]! < low || point[d]! > high) ok = false;
        }
        if (ok) return point;
      }
      throw new RangeError(`no proposal inside the prior box in ${MAX_TRIES} draws`);
    },
    logDensity(point: ArrayLike<number>): number {
      // log Σ_i w_i exp(−|z_i|²/2), summed with a running maximum (one exp per particle, no allocation).
      let max = -Infinity;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        if (w[i] === 0) continue;
        let s = 0;
        for (let d = 0; d < k; d++) {
          if (sd[d] === 0) continue;
          const z = (point[d]! - values[i * k + d]!) / sd[d]!;
          s += z * z;
        }
        const v = logW[i]! - s / 2;
        if (v > max) {
          sum = sum * Math.exp(max - v) + 1;
          max = v;
        } else sum += Math.exp(v - max);
      }
      return max + Math.log(sum) - logNorm - logInside;
    },
  };
}

/** The log density of the uniform prior box at a point inside it (fixed parameters count as 1). */
export function logPriorDensity(priors: readonly UniformPrior[]): number {
  let s = 0;
  for (const { low, high } of priors) if (high > low) s -= Math.log(high - low);
  return s;
}
