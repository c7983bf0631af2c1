/**
 * Exact splitting of money. Amounts are whole cents; a split hands out every cent.
 *
 * Largest-remainder (Hamilton) apportionment: each recipient first gets the floor of its
 * exact share, then the leftover cents go one by one to the largest fractional remainders
 * (ties to the lower index). The parts always sum to the amount: money is conserved
 * exactly. Pure; no I/O.
 */

/**
 * Splits `amount` (a non-negative whole number of cents) in proportion to `weights`,
 * writing the parts into `out[0..weights.length)`. All-zero weights give an equal split.
 * @returns out
 */
export function apportion(amount: number, weights: ArrayLike<number>, out: Float64Array): Float64Array {
  const n = weights.length;
  if (n === 0) return out;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] as number;
  const equal = total <= 0;
  let given = 0;
  const remainders = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const exact = equal ? amount / n : (amount * (weights[i] as number)) / total;
    const part = Math.floor(exact);
    out[i] = part;
    remainders[i] = exact - part;
    given += part;
  }
  let left = amount - given;
  if (left !== 0) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
    // Rounding error in `exact` can overshoot by a cent: take it back from the smallest remainders.
    for (let k = 0; left > 0; k++, left--) out[order[k] as number] += 1;
    for (let k = n - 1; left < 0 && k >= 0; k--) {
      const i = order[k] as number;
      if ((out[i] as number) > 0) {
        out[i] -= 1;
        left++;
      }
    }
  }
  return out;
}
