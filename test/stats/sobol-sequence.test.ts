/**
 * The Sobol sequence against published points, its balance properties, the direction-number
 * data, and far indices (past 2^20, where the npm `sobol` package breaks) against an
 * independent BigInt computation.
 */
import { describe, expect, it } from 'vitest';
import { JOE_KUO_ROWS } from '../../src/stats/joe-kuo-directions.js';
import { SOBOL_MAX_DIMENSIONS, sobolPoint, sobolPoints } from '../../src/stats/sobol-sequence.js';

/** Rows of a row-major point array. */
function rows(points: Float64Array, dimensions: number): number[][] {
  return Array.from({ length: points.length / dimensions }, (_, i) => Array.from(points.subarray(i * dimensions, (i + 1) * dimensions)));
}

/**
 * Point `index` computed independently of src: direction numbers by the Joe–Kuo recurrence in
 * BigInt (no 32-bit sign to mind), then the XOR of those picked by the Gray code of the index.
 */
function referencePoint(index: number, dimensions: number): number[] {
  const bits = 32n;
  const gray = BigInt(index) ^ (BigInt(index) >> 1n);
  const point: number[] = [];
  for (let d = 0; d < dimensions; d++) {
    const v: bigint[] = [0n];
    if (d === 0) for (let b = 1n; b <= bits; b++) v.push(1n << (bits - b));
    else {
      const [, s, a, ...m] = JOE_KUO_ROWS[d - 1]!.map(BigInt);
      for (let b = 1n; b <= bits; b++) {
        if (b <= s!) {
          v.push(m[Number(b) - 1]! << (bits - b));
          continue;
        }
        let x = v[Number(b - s!)]! ^ (v[Number(b - s!)]! >> s!);
        for (let k = 1n; k < s!; k++) if ((a! >> (s! - 1n - k)) & 1n) x ^= v[Number(b - k)]!;
        v.push(x);
      }
    }
    let x = 0n;
    for (let b = 0n; b < bits; b++) if ((gray >> b) & 1n) x ^= v[Number(b) + 1]!;
    point.push(Number(x) / 2 ** 32);
  }
  return point;
}

describe('Sobol points against published values', () => {
  it('gives the first 8 points of dimensions 1–2 exactly (Joe & Kuo 2010, as in scipy.stats.qmc.Sobol(scramble=False))', () => {
    // scipy/stats/tests/test_qmc.py, TestSobol.unscramble_nd ("theoretical values from Joe Kuo 2010").
    const published = [
      [0, 0],
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
      [0.875, 0.875],
      [0.625, 0.125],
      [0.125, 0.625],
    ];
    // Exact: every coordinate is a short binary fraction.
    expect(rows(sobolPoints(8, 2), 2)).toEqual(published);
  });

  it("gives Joe & Kuo's sobol.cc output for points 128–135 of dimensions 1–16", () => {
    // Output of Joe & Kuo's sobol.cc with new-joe-kuo-6.21201 (`sobol 228 16 new-joe-kuo-6.21201 | tail -n 100`),
    // printed to 10 decimals, as kept in Boost.Random's test/sobol_validate.cpp (table sobol_16_100).
    const published = [
      [
        0.01171875, 0.33203125, 0.29296875, 0.19140625, 0.90234375, 0.67578125, 0.86328125, 0.24609375, 0.10546875, 0.81640625, 0.73828125,
        0.73828125, 0.81640625, 0.87890625, 0.02734375, 0.76171875,
      ],
      [
        0.51171875, 0.83203125, 0.79296875, 0.69140625, 0.40234375, 0.17578125, 0.36328125, 0.74609375, 0.60546875, 0.31640625, 0.23828125,
        0.23828125, 0.31640625, 0.37890625, 0.52734375, 0.26171875,
      ],
      [
        0.76171875, 0.08203125, 0.04296875, 0.44140625, 0.15234375, 0.42578125, 0.61328125, 0.99609375, 0.85546875, 0.06640625, 0.48828125,
        0.48828125, 0.56640625, 0.62890625, 0.77734375, 0.51171875,
      ],
      [
        0.26171875, 0.58203125, 0.54296875, 0.94140625, 0.65234375, 0.92578125, 0.11328125, 0.49609375, 0.35546875, 0.56640625, 0.98828125,
        0.98828125, 0.06640625, 0.12890625, 0.27734375, 0.01171875,
      ],
      [
        0.38671875, 0.20703125, 0.91796875, 0.81640625, 0.52734375, 0.55078125, 0.73828125, 0.87109375, 0.98046875, 0.44140625, 0.36328125,
        0.86328125, 0.69140625, 0.25390625, 0.40234375, 0.13671875,
      ],
      [
        0.88671875, 0.70703125, 0.41796875, 0.31640625, 0.02734375, 0.05078125, 0.23828125, 0.37109375, 0.48046875, 0.94140625, 0.86328125,
        0.36328125, 0.19140625, 0.75390625, 0.90234375, 0.63671875,
      ],
      [
        0.63671875, 0.45703125, 0.66796875, 0.56640625, 0.27734375, 0.30078125, 0.98828125, 0.12109375, 0.23046875, 0.69140625, 0.61328125,
        0.11328125, 0.94140625, 0.00390625, 0.65234375, 0.38671875,
      ],
      [
        0.13671875, 0.95703125, 0.16796875, 0.06640625, 0.77734375, 0.80078125, 0.48828125, 0.62109375, 0.73046875, 0.19140625, 0.11328125,
        0.61328125, 0.44140625, 0.50390625, 0.15234375, 0.88671875,
      ],
    ];
    const got = rows(sobolPoints(8, 16, { start: 128 }), 16);
    // Tolerance: the table's 10 decimals (the values are multiples of 2^-8, so equal in fact).
    for (let i = 0; i < 8; i++) for (let d = 0; d < 16; d++) expect(Math.abs(got[i]![d]! - published[i]![d]!)).toBeLessThan(5e-11);
  });
});

describe('Joe–Kuo direction numbers', () => {
  it('hold rows for dimensions 2..1024 with valid degrees, polynomials and initial numbers', () => {
    expect(SOBOL_MAX_DIMENSIONS).toBe(1024);
    JOE_KUO_ROWS.forEach((row, i) => {
      const [d, s, a, ...m] = row as number[];
      expect(d).toBe(i + 2);
      expect(m.length).toBe(s);
      // a codes the s − 1 inner coefficients of a degree-s polynomial.
      expect(a! >= 0 && a! < 2 ** (s! - 1)).toBe(true);
      // m_i odd and below 2^i (Joe & Kuo 2008, section 2).
      m.forEach((mi, j) => expect(mi % 2 === 1 && mi < 2 ** (j + 1)).toBe(true));
    });
  });

  it('match rows of new-joe-kuo-6.21201 copied from the file by hand', () => {
    expect(JOE_KUO_ROWS[0]).toEqual([2, 1, 0, 1]);
    expect(JOE_KUO_ROWS[5]).toEqual([7, 4, 4, 1, 3, 5, 13]);
    expect(JOE_KUO_ROWS[998]).toEqual([1000, 13, 3396, 1, 1, 3, 9, 3, 3, 105, 201, 373, 877, 919, 1263, 6649]);
    expect(JOE_KUO_ROWS[1022]).toEqual([1024, 13, 3538, 1, 1, 5, 11, 11, 33, 37, 29, 263, 1019, 657, 1453, 7807]);
  });
});

/** True when the values put exactly one point in each of the 2^m intervals [j/2^m, (j+1)/2^m). */
function oneInEachInterval(values: number[], m: number): boolean {
  const seen = new Uint8Array(2 ** m);
  for (const x of values) seen[Math.floor(x * 2 ** m)]++;
  return values.length === 2 ** m && seen.every((c) => c === 1);
}

describe('Sobol balance', () => {
  it('puts one of the first 2^10 points in each dyadic interval of length 2^-10, in every one of the 1,024 dimensions', () => {
    const m = 10;
    const points = sobolPoints(2 ** m, SOBOL_MAX_DIMENSIONS);
    const bad: number[] = [];
    for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d++) {
      const column = Array.from({ length: 2 ** m }, (_, i) => points[i * SOBOL_MAX_DIMENSIONS + d]!);
      if (!oneInEachInterval(column, m)) bad.push(d + 1);
    }
    expect(bad).toEqual([]);
  });

  it('keeps that balance for the block of 2^10 points starting at index 2^24', () => {
    const m = 10;
    const dims = 64;
    const points = sobolPoints(2 ** m, dims, { start: 2 ** 24 });
    for (let d = 0; d < dims; d++) {
      const column = Array.from({ length: 2 ** m }, (_, i) => points[i * dims + d]!);
      expect(oneInEachInterval(column, m)).toBe(true);
    }
  });

  it('makes the first 2^12 points of dimensions 1–2 a (0, 12, 2)-net: one point in every elementary box of area 2^-12', () => {
    // Sobol' 1967: the first two dimensions have t = 0; boxes [i/2^p, (i+1)/2^p) × [j/2^q, (j+1)/2^q), p + q = 12.
    const m = 12;
    const points = sobolPoints(2 ** m, 2);
    for (let p = 0; p <= m; p++) {
      const q = m - p;
      const seen = new Uint8Array(2 ** m);
      for (let i = 0; i < 2 ** m; i++) seen[Math.floor(points[2 * i]! * 2 ** p) * 2 ** q + Math.floor(points[2 * i + 1]! * 2 ** q)]++;
      expect(seen.every((c) => c === 1)).toBe(true);
    }
  });
});

describe('Sobol points far into the sequence', () => {
  const dims = [1, 2, 3, 10, 40];
  it.each([2 ** 20 - 4, 2 ** 24 - 4, 2 ** 31 - 4, 2 ** 32 - 8])(
    'stay in [0, 1) and equal the direct computation from index %i on',
    (start) => {
      for (const d of dims) {
        const got = rows(sobolPoints(8, d, { start }), d);
        got.forEach((point, i) => {
          expect(point.every((x) => x >= 0 && x < 1)).toBe(true);
          expect(point).toEqual(referencePoint(start + i, d));
        });
      }
    },
  );

  it('steps 2^20 + 8 points across index 2^24 to the same points as the direct computation', () => {
    const start = 2 ** 24 - 2 ** 20;
    const n = 2 ** 20 + 8;
    const got = rows(sobolPoints(n, 3, { start }), 3);
    const checked = [...Array.from({ length: 16 }, (_, j) => j * 65_537), ...Array.from({ length: 16 }, (_, j) => 2 ** 20 - 8 + j)];
    for (const i of checked) expect(got[i]).toEqual(referencePoint(start + i, 3));
  });

  it('gives the same point by random access (sobolPoint), including in the last dimensions', () => {
    for (const index of [0, 1, 1000, 2 ** 21 + 17, 2 ** 32 - 1]) {
      expect(Array.from(sobolPoint(index, SOBOL_MAX_DIMENSIONS)).slice(1000)).toEqual(
        referencePoint(index, SOBOL_MAX_DIMENSIONS).slice(1000),
      );
    }
  });

  it('skips the origin with start: 1 and otherwise begins with it', () => {
    expect(Array.from(sobolPoints(1, 5))).toEqual([0, 0, 0, 0, 0]);
    expect(sobolPoints(9, 5, { start: 1 })).toEqual(sobolPoints(10, 5).subarray(5));
  });

  it('refuses dimensions it has no direction numbers for, and indices past 32 bits', () => {
    expect(() => sobolPoints(1, 0)).toThrow(RangeError);
    expect(() => sobolPoints(1, SOBOL_MAX_DIMENSIONS + 1)).toThrow(RangeError);
    expect(() => sobolPoints(2, 1, { start: 2 ** 32 - 1 })).toThrow(RangeError);
    expect(() => sobolPoint(2 ** 32, 1)).toThrow(RangeError);
    // The last point's Gray code is 2^31: only v_32 = 1 of dimension 1 is set.
    expect(sobolPoints(1, 1, { start: 2 ** 32 - 1 })[0]).toBe(2 ** -32);
  });
});
