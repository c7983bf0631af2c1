/**
 * Distances between simulated and observed summary statistics for ABC. Pure.
 *
 * The default is Euclidean on summaries divided by their scales, and the default scale of a
 * summary is its median absolute deviation over the prior-predictive simulations (the first
 * generation), so that no summary dominates by its units (the scaling of Beaumont, Zhang &
 * Balding 2002 with the robust MAD in place of the standard deviation).
 */
import { median } from './paired.js';

/** A distance between a simulation's summaries and the target's, given per-summary scales. */
export type SummaryDistance = (simulated: readonly number[], target: readonly number[], scales: readonly number[]) => number;

/** sqrt(Σ ((s_i − t_i) / scale_i)²). */
export const scaledEuclidean: SummaryDistance = (simulated, target, scales) => {
  let s = 0;
  for (let i = 0; i < target.length; i++) s += ((simulated[i]! - target[i]!) / scales[i]!) ** 2;
  return Math.sqrt(s);
};

/**
 * Each summary's median absolute deviation over the given simulations. A summary whose MAD is
 * zero (mostly one value, as a count of rare events can be) falls back to its mean absolute
 * deviation from the median, and a constant one to 1 (it then only adds its fixed mismatch).
 */
export function madScales(summaries: readonly (readonly number[])[], count: number): number[] {
  return Array.from({ length: count }, (_, j) => {
    const column = Float64Array.from(summaries, (s) => s[j]!);
    const centre = median(column);
    const deviations = Float64Array.from(column, (x) => Math.abs(x - centre));
    const mad = median(deviations);
    if (mad > 0) return mad;
    let sum = 0;
    for (const d of deviations) sum += d;
    const meanDeviation = sum / deviations.length;
    return meanDeviation > 0 ? meanDeviation : 1;
  });
}

/** Σ |s_i − t_i| / scale_i: less swayed by one summary far off than the Euclidean distance. */
export const scaledManhattan: SummaryDistance = (simulated, target, scales) => {
  let s = 0;
  for (let i = 0; i < target.length; i++) s += Math.abs((simulated[i]! - target[i]!) / scales[i]!);
  return s;
};

/** max |s_i − t_i| / scale_i: a particle is as close as its worst summary. */
export const scaledMaximum: SummaryDistance = (simulated, target, scales) => {
  let s = 0;
  for (let i = 0; i < target.length; i++) s = Math.max(s, Math.abs((simulated[i]! - target[i]!) / scales[i]!));
  return s;
};
