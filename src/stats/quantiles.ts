/**
 * Statistics over runs, computed in run-index order so that the same runs always give the
 * same bytes, whatever the worker count or shard split. Pure.
 */

export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/**
 * How a quantile between two order statistics is read: `linear` interpolates (Hyndman & Fan
 * type 7, R's default); `lower` takes the order statistic at or below it (numpy's "lower",
 * what the civil violence reproduction and the report's batch sentence have always used).
 */
export type QuantileMethod = 'linear' | 'lower';

/**
 * The one quantile of ayni: quantile p of sorted values (p is clamped to [0, 1]); NaN when
 * there are none. Every table, interval and summary reads its quantiles here.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, method: QuantileMethod = 'linear'): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  if (method === 'lower') return sorted[lo];
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Mean (summed in the given order) and the type-7 QUANTILES of `values`, which may be
 * reordered. Constant and small-integer data (counts of cases, commitments, tables) take
 * an exact counting path instead of a sort; the result is the same either way.
 */
export function describe(values: Float64Array): { mean: number; quantiles: number[] } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, quantiles: QUANTILES.map(() => Number.NaN) };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  const mean = sum / n;
  if (min === max) return { mean, quantiles: QUANTILES.map(() => min) };
  if (integers && max - min <= 4 * n) return { mean, quantiles: countingQuantiles(values, min, max) };
  values.sort();
  return { mean, quantiles: QUANTILES.map((p) => quantileSorted(values, p)) };
}

/** Type-7 quantiles of integer values in [min, max] from a histogram of counts. */
function countingQuantiles(values: Float64Array, min: number, max: number): number[] {
  const counts = new Int32Array(max - min + 1);
  for (let i = 0; i < values.length; i++) counts[values[i] - min]++;
  const orderStatistic = (rank: number): number => {
    let seen = 0;
    for (let v = 0; v < counts.length; v++) {
      seen += counts[v];
      if (seen > rank) return v + min;
    }
    return max;
  };
  return QUANTILES.map((p) => {
    const h = (values.length - 1) * p;
    const lo = Math.floor(h);
    const a = orderStatistic(lo);
    const b = orderStatistic(Math.min(values.length - 1, lo + 1));
    return a + (h - lo) * (b - a);
  });
}
