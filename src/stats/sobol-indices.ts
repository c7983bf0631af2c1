/**
 * First-order and total Sobol indices from the model's outputs over a Saltelli design
 * (saltelli.ts's layout: per base row j, f(A_j), f(A_B^(1)_j) … f(A_B^(k)_j), f(B_j)). Pure; the
 * bootstrap draws from the seeded stream passed in (N draws per resample), as Morris and PRIM.
 *
 * Estimators (Saltelli et al. 2010, Computer Physics Communications 181: 259–270, Table 2):
 * - first order, Saltelli 2010's own:  S1_i = (1/N) Σ_j f(B)_j (f(A_B^i)_j − f(A)_j) / V;
 * - total, Jansen 1999's:              ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^i)_j)² / V
 *   (Jansen, "Analysis of variance designs for model output", Computer Physics Communications
 *   117: 35–43);
 * - V, the variance of f over the 2N points of A and B together (divisor 2N, as SALib).
 *
 * Intervals: percentile bootstrap over the N base rows (each resample draws N rows with
 * replacement and recomputes V and every index from them, so the indices of one resample
 * share their rows). Estimates and bounds are reported as they come: an index may be below 0
 * or above 1 when the sample is too small, and clipping it would hide that.
 */
import type { Rng } from '../engine/streams.js';
import { quantileSorted } from './quantiles.js';

export type SobolIndexName = 'S1' | 'ST';

export interface SobolIndexRow {
  readonly factor: string;
  readonly index: SobolIndexName;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface SobolIndicesOptions {
  /** Bootstrap resamples (1,000 by default). */
  readonly resamples?: number;
  /** Coverage of the percentile interval (0.95 by default). */
  readonly level?: number;
}

/**
 * S1 and ST of each factor from the rows `rows` of the design (each base row index once per
 * appearance), written to out[2i] (S1) and out[2i + 1] (ST).
 */
function estimate(y: ArrayLike<number>, k: number, rows: Int32Array, out: Float64Array): void {
  const n = rows.length;
  const width = k + 2;
  let sum = 0;
  for (let r = 0; r < n; r++) sum += y[rows[r] * width] + y[rows[r] * width + k + 1];
  const mean = sum / (2 * n);
  let squares = 0;
  for (let r = 0; r < n; r++) {
    const a = y[rows[r] * width] - mean;
    const b = y[rows[r] * width + k + 1] - mean;
    squares += a * a + b * b;
  }
  const variance = squares / (2 * n);
  for (let i = 0; i < k; i++) {
    let first = 0;
    let total = 0;
    for (let r = 0; r < n; r++) {
      const group = rows[r] * width;
      const fA = y[group];
      const fAB = y[group + 1 + i];
      const fB = y[group + k + 1];
      first += fB * (fAB - fA);
      total += (fA - fAB) * (fA - fAB);
    }
    out[2 * i] = first / n / variance;
    out[2 * i + 1] = total / (2 * n) / variance;
  }
}

/**
 * S1 and ST of each factor with bootstrap intervals: one row per factor and index (S1 then ST,
 * factors in design order). A NaN output, or an output that does not vary over A and B, gives
 * NaN indices.
 */
export function sobolIndices(
  outputs: ArrayLike<number>,
  factors: readonly string[],
  rng: Rng,
  options: SobolIndicesOptions = {},
): SobolIndexRow[] {
  const k = factors.length;
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (k < 1 || outputs.length === 0 || outputs.length % (k + 2) !== 0)
    throw new RangeError(`${outputs.length} outputs are not N(k + 2) evaluations of a Saltelli design with k = ${k} factors`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const n = outputs.length / (k + 2);

  const point = new Float64Array(2 * k);
  estimate(
    outputs,
    k,
    Int32Array.from({ length: n }, (_, j) => j),
    point,
  );

  // boot[c · resamples + b]: index c (2i for S1, 2i + 1 for ST) in resample b.
  const boot = new Float64Array(2 * k * resamples);
  const rows = new Int32Array(n);
  const one = new Float64Array(2 * k);
  for (let b = 0; b < resamples; b++) {
    for (let r = 0; r < n; r++) rows[r] = Math.floor(rng() * n);
    estimate(outputs, k, rows, one);
    for (let c = 0; c < 2 * k; c++) boot[c * resamples + b] = one[c];
  }

  const result: SobolIndexRow[] = [];
  for (let c = 0; c < 2 * k; c++) {
    const sorted = boot.subarray(c * resamples, (c + 1) * resamples).sort();
    // NaN sorts last in a Float64Array: an interval over resamples with NaN is NaN.
    const defined = !Number.isNaN(sorted[resamples - 1]);
    result.push({
      factor: factors[c >> 1],
      index: c % 2 === 0 ? 'S1' : 'ST',
      estimate: point[c],
      low: defined ? quantileSorted(sorted, (1 - level) / 2) : Number.NaN,
      high: defined ? quantileSorted(sorted, (1 + level) / 2) : Number.NaN,
    });
  }
  return result;
}
