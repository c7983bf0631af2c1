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
 * Splits `amount` (a whole number of cents from 0 to Number.MAX_SAFE_INTEGER, within which
 * every cent is exact) in proportion to `weights` (finite, non-negative), writing the parts
 * into `out[0..weights.length)`. All-zero weights give an equal split. Takes time linear in
 * the number of weights, whatever the amount: leftover cents are handed out in whole rounds
 * over the recipients, not one loop turn per cent. Allocates nothing when `scratch` holds at
 * least weights.length entries (out may be longer than weights: the rest is left as it is).
 * @returns out
 * @throws RangeError for an amount or weight outside that domain (a caller's bug: the revenue
 *   mechanism fails the run first when money leaves the exact range).
 */
export function apportion(amount: number, weights: ArrayLike<number>, out: Float64Array, scratch?: ApportionScratch): Float64Array {
  return split(amount, weights, out, scratch, sortByRemainder);
}

/** Sorts order[0..n) by remainder, larger first, ties to the lower index. */
type RemainderSort = (order: Int32Array, n: number, remainders: Float64Array) => void;

function split(
  amount: number,
  weights: ArrayLike<number>,
  out: Float64Array,
  scratch: ApportionScratch | undefined,
  sort: RemainderSort,
): Float64Array {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError(`apportion: amount must be a whole number of cents from 0 to ${Number.MAX_SAFE_INTEGER}, got ${amount}`);
  const n = weights.length;
  if (n === 0) return out;
  const buffers = scratch !== undefined && scratch.remainders.length >= n ? scratch : createApportionScratch(n);
  const remainders = buffers.remainders;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (!(w >= 0 && w < Infinity)) throw new RangeError(`apportion: weights must be finite and non-negative, got ${w}`);
    total += w;
  }
  if (total === Infinity) throw new RangeError('apportion: the weights sum to more than the largest number');
  const equal = total <= 0;
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = equal ? amount / n : (amount * (weights[i] as number)) / total;
    const part = Math.floor(exact);
    out[i] = part;
    remainders[i] = exact - part;
    given += part;
  }
  // Within the safe range `left` is a whole number and, by rounding error, about ±n at most.
  let left = amount - given;
  if (left === 0) return out;
  const order = buffers.order;
  for (let i = 0; i < n; i++) order[i] = i;
  sort(order, n, remainders);
  if (left > 0) {
    // Whole rounds first (only when rounding error left more than n cents), then the largest remainders.
    const rounds = Math.floor(left / n);
    if (rounds > 0) for (let i = 0; i < n; i++) out[i] += rounds;
    left -= rounds * n;
    for (let k = 0; k < left; k++) out[order[k] as number] += 1;
    return out;
  }
  // Rounding error in `exact` can overshoot by a cent or so: take it back from the smallest
  // remainders, one cent from each part that has one per round, for as many rounds as needed.
  while (left < 0) {
    let took = false;
    for (let k = n - 1; left < 0 && k >= 0; k--) {
      const i = order[k] as number;
      if (out[i] > 0) {
        out[i] -= 1;
        left++;
        took = true;
      }
    }
    if (!took) throw new Error('bug: apportion gave out more than the amount');
  }
  return out;
}

/** Whether recipient i comes before j: the larger remainder first, ties to the lower index (a strict total order). */
const before = (remainders: Float64Array, i: number, j: number): boolean =>
  remainders[i] > remainders[j] || (remainders[i] === remainders[j] && i < j);

/**
 * Sorts order[0..n) by `before`, in place and without allocating (heapsort; a comparator sort
 * allocates). The order is strict and total, so the result is the one any correct sort gives.
 */
function sortByRemainder(order: Int32Array, n: number, remainders: Float64Array): void {
  for (let root = (n >> 1) - 1; root >= 0; root--) siftDown(order, root, n, remainders);
  for (let end = n - 1; end > 0; end--) {
    const top = order[0] as number;
    order[0] = order[end] as number;
    order[end] = top;
    siftDown(order, 0, end, remainders);
  }
}

/** Restores the heap below `root` in order[0..size), the last in `before` order on top. */
function siftDown(order: Int32Array, root: number, size: number, remainders: Float64Array): void {
  let parent = root;
  for (;;) {
    let last = parent;
    const left = 2 * parent + 1;
    const right = left + 1;
    if (left < size && before(remainders, order[last] as number, order[left] as number)) last = left;
    if (right < size && before(remainders, order[last] as number, order[right] as number)) last = right;
    if (last === parent) return;
    const x = order[parent] as number;
    order[parent] = order[last] as number;
    order[last] = x;
    parent = last;
  }
}

/**
 * The same split with the readable sort, by comparator (which allocates on every call): the
 * oracle that `apportion`'s heapsort is tested against. Same contract as `apportion`.
 */
export function apportionBySort(amount: number, weights: ArrayLike<number>, out: Float64Array, scratch?: ApportionScratch): Float64Array {
  return split(amount, weights, out, scratch, sortWithComparator);
}

/** The comparator sort of the oracle (it allocates, which is why `apportion` does not use it). */
function sortWithComparator(order: Int32Array, n: number, remainders: Float64Array): void {
  order.subarray(0, n).sort((a, b) => remainders[b] - remainders[a] || a - b);
}
