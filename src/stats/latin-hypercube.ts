/**
 * Latin hypercube sampling (McKay, Beckman & Conover 1979, Technometrics 21: 239–245): n points
 * in [0, 1)^k such that each coordinate puts exactly one point in each of the n intervals
 * [j/n, (j+1)/n), at a uniform position inside it. Pure; all randomness comes from the stream.
 */
import type { Rng } from '../engine/streams.js';

/**
 * n points × k coordinates, row-major. Per coordinate, a random permutation of the intervals
 * (Fisher–Yates) and one uniform per point inside its interval: n(k + k) − k draws in all, in
 * a fixed order, so the same stream gives the same design.
 */
export function latinHypercube(n: number, k: number, rng: Rng): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`latinHypercube: points must be a positive integer, got ${n}`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`latinHypercube: dimensions must be a positive integer, got ${k}`);
  const out = new Float64Array(n * k);
  const order = new Int32Array(n);
  for (let d = 0; d < k; d++) {
    for (let j = 0; j < n; j++) order[j] = j;
    for (let j = n - 1; j > 0; j--) {
      const swap = Math.floor(rng() * (j + 1));
      const t = order[j] as number;
      order[j] = order[swap] as number;
      order[swap] = t;
    }
    for (let i = 0; i < n; i++) out[i * k + d] = ((order[i] as number) + rng()) / n;
  }
  return out;
}
