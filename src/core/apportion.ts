/**
 * Exact splitting of money. Amounts are whole cents; a split hands out every cent.
 *
 * Largest-remainder (Hamilton) apportionment: each recipient first gets the floor of its
 * exact share, then the leftover cents go one by one to the largest fractional remainders
 * (ties to the lower index). The parts always sum to the amount: money is conserved
 * exactly. Pure; no I/O.
 */

/** Reusable buffers, so that monthly splits do not allocate. */
export interface ApportionScratch {
  remainders: Float64Array;
  order: Int32Array;
}

export function createApportionScratch(size: number): ApportionScratch {
  return { remainders: new Float64Array(size), order: new Int32Array(size) };
}

/**
 * Splits `amount` (a non-negative whole number of cents) in proportion to `weights`,
 * writing the parts into `out[0..weights.length)`. All-zero weights give an equal split.
 * @returns out
 */
export function apportion(amount: number, weights: ArrayLike<number>, out: Float64Array, scratch?: ApportionScratch): Float64Array {
  const n = weights.length;
  if (n === 0) return out;
  const buffers = scratch !== undefined && scratch.remainders.length >= n ? scratch : createApportionScratch(n);
  const remainders = buffers.remainders;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const equal = total <= 0;
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = equal ? amount / n : (amount * weights[i]) / total;
    const part = Math.floor(exact);
    out[i] = part;
    remainders[i] = exact - part;
    given += part;
  }
  let left = amount - given;
  if (left === 0) return out;
  const order = buffers.order.subarray(0, n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => remainders[b] - remainders[a] || a - b);
  for (let k = 0; left > 0; k++, left--) out[order[k]] += 1;
  // Rounding error in `exact` can overshoot by a cent: take it back from the smallest remainders.
  for (let k = n - 1; left < 0 && k >= 0; k--) {
    const i = order[k];
    if (out[i] > 0) {
      out[i] -= 1;
      left++;
    }
  }
  return out;
}
