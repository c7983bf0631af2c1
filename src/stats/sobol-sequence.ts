/**
 * The Sobol low-discrepancy sequence (Sobol' 1967) with Joe & Kuo's direction numbers
 * (new-joe-kuo-6.21201; Joe & Kuo 2008, SIAM J. Sci. Comput. 30: 2635–2654), in the Gray-code
 * order of Antonov & Saleev (1979), as Joe & Kuo's sobol.cc, scipy.stats.qmc.Sobol(scramble=False)
 * and Boost's sobol generate it. Pure.
 *
 * 32 bits: each coordinate is a 32-bit integer over 2^32, so the sequence is exact up to 2^32
 * points (the npm `sobol` package shifts 52-bit numbers with JavaScript's 32-bit `<<` and breaks
 * past 2^20). Integers live in Uint32Arrays and are shifted with `>>>`, never `>>`, so no sign
 * bit leaks in.
 *
 * The first point is the origin (index 0). It is kept by default: the first 2^m points then
 * form a (t, m, s)-net, each coordinate putting exactly one point in each interval
 * [j/2^m, (j+1)/2^m), and dropping it spoils that balance (Owen 2020, "On dropping the first
 * Sobol' point"). Callers that cannot take a coordinate of 0 (an inverse CDF with infinite
 * support) pass `start: 1`, which is what many libraries do by default.
 */
import { JOE_KUO_ROWS } from './joe-kuo-directions.js';

/** Dimensions with direction numbers here (Joe & Kuo's file has 21,201; 1,024 are kept). */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO_ROWS.length + 1;

const BITS = 32;
/** Points beyond this index would need more than 32 bits. */
const MAX_POINTS = 2 ** BITS;
const SCALE = 2 ** -BITS;

export interface SobolOptions {
  /** Index of the first point returned (0, the origin, by default; 1 skips it). */
  readonly start?: number;
}

/**
 * The 32 direction numbers v_1..v_32 of each of the first `dimensions` dimensions, as 32-bit
 * integers (v_b = m_b · 2^(32−b)), dimension d's v_b at [32d + b − 1]. Joe & Kuo's recurrence
 * for b > s: v_b = v_{b−s} ⊕ (v_{b−s} >> s) ⊕ a_1 v_{b−1} ⊕ … ⊕ a_{s−1} v_{b−s+1}.
 */
function directionNumbers(dimensions: number): Uint32Array {
  const v = new Uint32Array(dimensions * BITS);
  // Dimension 1 is van der Corput's sequence: every m_b = 1.
  for (let b = 0; b < BITS; b++) v[b] = 2 ** (BITS - 1 - b);
  for (let d = 1; d < dimensions; d++) {
    const row = JOE_KUO_ROWS[d - 1];
    const s = row[1];
    const a = row[2];
    const base = d * BITS;
    for (let b = 0; b < BITS; b++) {
      if (b < s) {
        v[base + b] = row[3 + b] * 2 ** (BITS - 1 - b);
        continue;
      }
      let x = v[base + b - s] ^ (v[base + b - s] >>> s);
      for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x ^= v[base + b - k];
      v[base + b] = x;
    }
  }
  return v;
}

function checkDimensions(dimensions: number): void {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS)
    throw new RangeError(`Sobol dimensions must be an integer in [1, ${SOBOL_MAX_DIMENSIONS}], got ${dimensions}`);
}

function checkRange(start: number, count: number): void {
  if (!Number.isInteger(start) || start < 0) throw new RangeError(`Sobol start must be a non-negative integer, got ${start}`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Sobol count must be a non-negative integer, got ${count}`);
  if (start + count > MAX_POINTS) throw new RangeError(`Sobol points past index 2^${BITS} − 1 need more than ${BITS} bits`);
}

/** Point `index` as 32-bit integers: the XOR of the direction numbers picked by the bits of its Gray code. */
function integerPoint(v: Uint32Array, dimensions: number, index: number, out: Uint32Array): void {
  const gray = (index ^ (index >>> 1)) >>> 0;
  out.fill(0);
  for (let b = 0; b < BITS; b++) {
    // Bit b of the Gray code (b = 0 the lowest) selects v_{b+1}.
    if (!((gray >>> b) & 1)) continue;
    for (let d = 0; d < dimensions; d++) out[d] ^= v[d * BITS + b];
  }
}

/**
 * `count` points of the `dimensions`-dimensional sequence from index `start`, row-major: point
 * i's coordinate d at [i · dimensions + d], each in [0, 1). The first point is computed
 * directly from its index; each next one by one XOR per coordinate (Gray code: point n + 1
 * differs from point n by the direction number of the lowest zero bit of n).
 */
export function sobolPoints(count: number, dimensions: number, options: SobolOptions = {}): Float64Array {
  const start = options.start ?? 0;
  checkDimensions(dimensions);
  checkRange(start, count);
  const out = new Float64Array(count * dimensions);
  if (count === 0) return out;
  const v = directionNumbers(dimensions);
  const x = new Uint32Array(dimensions);
  integerPoint(v, dimensions, start, x);
  // v_b of every dimension side by side, so that a step reads one contiguous run.
  const byBit = new Uint32Array(BITS * dimensions);
  for (let d = 0; d < dimensions; d++) for (let b = 0; b < BITS; b++) byBit[b * dimensions + d] = v[d * BITS + b];
  for (let i = 0; ; i++) {
    const row = i * dimensions;
    for (let d = 0; d < dimensions; d++) out[row + d] = x[d] * SCALE;
    if (i + 1 === count) break;
    // Lowest zero bit of n = start + i is the lowest set bit of n + 1 (counted from 0).
    const next = (start + i + 1) >>> 0;
    const column = (31 - Math.clz32(next & -next)) * dimensions;
    for (let d = 0; d < dimensions; d++) x[d] ^= byBit[column + d];
  }
  return out;
}

/** The one point of the sequence at `index` (random access, no stepping). */
export function sobolPoint(index: number, dimensions: number): Float64Array {
  checkDimensions(dimensions);
  checkRange(index, 1);
  const x = new Uint32Array(dimensions);
  integerPoint(directionNumbers(dimensions), dimensions, index, x);
  return Float64Array.from(x, (value) => value * SCALE);
}
