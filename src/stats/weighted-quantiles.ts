/**
 * Quantiles and effective size of a weighted sample (importance or ABC particles). Pure.
 *
 * A weighted quantile reads the weighted distribution function at the midpoints of each
 * value's weight and interpolates linearly between them: value i (ascending) sits at
 * (W_i − w_i / 2) / W, where W_i is the cumulative weight up to and including it. With equal
 * weights this is Hyndman & Fan (1996) type 5, the piecewise-linear distribution function
 * that treats every sample as the centre of its share of probability.
 */

/** Quantile p (clamped to [0, 1]) of values with non-negative weights; NaN when no weight is positive. */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, p: number): number {
  return weightedQuantiles(values, weights, [p])[0]!;
}

/** Several quantiles of one weighted sample, sorting it once. */
export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>, ps: readonly number[]): number[] {
  if (values.length !== weights.length) throw new RangeError(`${values.length} values but ${weights.length} weights`);
  const order: number[] = [];
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} is ${w}: weights must be finite and non-negative`);
    if (w > 0) {
      order.push(i);
      total += w;
    }
  }
  if (order.length === 0) return ps.map(() => Number.NaN);
  // Ties in value are ordered by index, so the same sample always gives the same bytes.
  order.sort((a, b) => values[a]! - values[b]! || a - b);
  const positions = new Float64Array(order.length);
  let cumulative = 0;
  order.forEach((i, r) => {
    const w = weights[i]!;
    positions[r] = (cumulative + w / 2) / total;
    cumulative += w;
  });
  return ps.map((raw) => {
    const p = Math.min(1, Math.max(0, raw));
    if (p <= positions[0]!) return values[order[0]!]!;
    const last = order.length - 1;
    if (p >= positions[last]!) return values[order[last]!]!;
    // The first midpoint at or above p (binary search), and linear interpolation from the one before.
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (positions[mid]! < p) lo = mid;
      else hi = mid;
    }
    const a = values[order[lo]!]!;
    const b = values[order[hi]!]!;
    const t = (p - positions[lo]!) / (positions[hi]! - positions[lo]!);
    return a + t * (b - a);
  });
}

/** Kish's effective sample size (Σw)² / Σw²: N for equal weights, 1 when one weight holds everything. */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]!;
    squares += weights[i]! * weights[i]!;
  }
  return squares > 0 ? (sum * sum) / squares : 0;
}
