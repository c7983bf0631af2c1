/**
 * Statistics of paired runs (run i of the base and of the variant share a seed). Pure; all
 * randomness (bootstrap resamples) comes from a seeded stream passed in.
 *
 * - difference: mean of d_i = variant_i − base_i, with a 95% BCa bootstrap interval (Efron &
 *   Tibshirani 1993, ch. 14: bias correction z0 from the share of resampled means below the
 *   estimate, acceleration a from the jackknife), B ≥ 2,000 resamples;
 * - unpaired interval: the same bootstrap resampling the two arms independently, to show what
 *   pairing gains;
 * - effect size d_z = mean(d) / sd(d) (Cohen's standardised paired difference);
 * - probability of superiority: share of pairs in which the variant is better (ties count
 *   half);
 * - Wilcoxon signed-rank test (zeros dropped, average ranks for ties): exact two-sided
 *   p-value for n ≤ 50 without ties, else the normal approximation with tie and continuity
 *   corrections (as R's wilcox.test);
 * - Holm's step-down adjustment across outcomes.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { Rng } from '../engine/streams.js';
import { quantileSorted } from './quantiles.js';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length ? s / x.length : Number.NaN;
}

export function median(x: ArrayLike<number>): number {
  const sorted = Float64Array.from(x).sort();
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Sample standard deviation (n − 1). */
export function standardDeviation(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) * (x[i] - m);
  return x.length > 1 ? Math.sqrt(s / (x.length - 1)) : Number.NaN;
}

/** Means of B resamples of x (with replacement), sorted. */
function bootstrapMeans(x: ArrayLike<number>, resamples: number, rng: Rng): Float64Array {
  const n = x.length;
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[Math.floor(rng() * n)];
    out[b] = s / n;
  }
  return out.sort();
}

/** 95% (or `level`) BCa interval of the mean of x. */
export function bcaInterval(x: ArrayLike<number>, resamples: number, rng: Rng, level = 0.95): Interval {
  const n = x.length;
  if (n < 2) return { low: Number.NaN, high: Number.NaN };
  const estimate = mean(x);
  const boot = bootstrapMeans(x, resamples, rng);
  if (boot[0] === boot[boot.length - 1]) return { low: boot[0], high: boot[0] };
  let below = 0;
  let equal = 0;
  for (const v of boot) {
    if (v < estimate) below++;
    else if (v === estimate) equal++;
  }
  const z0 = normalQuantile(Math.min(1 - 1e-12, Math.max(1e-12, (below + equal / 2) / resamples)), 0, 1);
  // Jackknife acceleration; leave-one-out means are (sum − x_i)/(n − 1).
  const sum = estimate * n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const diff = (sum - x[i]) / (n - 1);
    const u = estimate - diff;
    num += u * u * u;
    den += u * u;
  }
  const a = den > 0 ? num / (6 * Math.pow(den, 1.5)) : 0;
  const alpha = (1 - level) / 2;
  const adjust = (q: number) => {
    const z = normalQuantile(q, 0, 1);
    return normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)), 0, 1);
  };
  return { low: quantileSorted(boot, adjust(alpha)), high: quantileSorted(boot, adjust(1 - alpha)) };
}

/** Percentile interval of mean(y) − mean(x) resampling the two arms independently (unpaired). */
export function unpairedInterval(x: ArrayLike<number>, y: ArrayLike<number>, resamples: number, rng: Rng, level = 0.95): Interval {
  const n = x.length;
  const m = y.length;
  if (n < 2 || m < 2) return { low: Number.NaN, high: Number.NaN };
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) sx += x[Math.floor(rng() * n)];
    for (let i = 0; i < m; i++) sy += y[Math.floor(rng() * m)];
    out[b] = sy / m - sx / n;
  }
  out.sort();
  const alpha = (1 - level) / 2;
  return { low: quantileSorted(out, alpha), high: quantileSorted(out, 1 - alpha) };
}

export interface SignedRankResult {
  /** Sum of the ranks of positive differences (R's V). */
  readonly statistic: number;
  readonly pValue: number;
  readonly method: 'exact' | 'normal approximation';
  /** Pairs with a non-zero difference. */
  readonly n: number;
}

/** Two-sided Wilcoxon signed-rank test of differences d (zeros dropped). */
export function signedRankTest(d: ArrayLike<number>): SignedRankResult {
  const nonzero = Array.from(d).filter((v) => v !== 0);
  const n = nonzero.length;
  if (n === 0) return { statistic: 0, pValue: 1, method: 'exact', n: 0 };
  const order = nonzero.map((v, i) => ({ a: Math.abs(v), i })).sort((p, q) => p.a - q.a);
  const ranks = new Float64Array(n);
  let ties = false;
  let tieCorrection = 0;
  for (let k = 0; k < n; ) {
    let j = k;
    while (j + 1 < n && order[j + 1]!.a === order[k]!.a) j++;
    const rank = (k + j + 2) / 2;
    for (let m = k; m <= j; m++) ranks[order[m]!.i] = rank;
    const t = j - k + 1;
    if (t > 1) {
      ties = true;
      tieCorrection += t * t * t - t;
    }
    k = j + 1;
  }
  let v = 0;
  for (let i = 0; i < n; i++) if (nonzero[i]! > 0) v += ranks[i];
  if (n <= 50 && !ties) return { statistic: v, pValue: exactSignedRankP(v, n), method: 'exact', n };
  const expected = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection / 48;
  const z = (v - expected - Math.sign(v - expected) * 0.5) / Math.sqrt(variance);
  return { statistic: v, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1)), method: 'normal approximation', n };
}

/** Exact two-sided p-value of V under H0: counts of subsets of {1..n} by rank sum. */
function exactSignedRankP(v: number, n: number): number {
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = max; s >= k; s--) counts[s] += counts[s - k];
  const total = Math.pow(2, n);
  const tail = (from: number, to: number) => {
    let c = 0;
    for (let s = from; s <= to; s++) c += counts[s];
    return c / total;
  };
  const p = v > max / 2 ? 2 * tail(Math.ceil(v), max) : 2 * tail(0, Math.floor(v));
  return Math.min(1, p);
}

/** Holm–Bonferroni adjusted p-values, in the input order. */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
