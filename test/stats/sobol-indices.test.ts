/**
 * Sobol indices of the Ishigami function and Sobol's g-function against their analytic values,
 * through the whole chain: Saltelli design, model evaluations, estimators, bootstrap.
 */
import { describe, expect, it } from 'vitest';
import { seededStream } from '../../src/engine/streams.js';
import type { UniformFactor } from '../../src/stats/factors.js';
import { saltelliDesign } from '../../src/stats/saltelli.js';
import { type SobolIndexRow, sobolIndices } from '../../src/stats/sobol-indices.js';
import {
  G_FUNCTION_A,
  gFunction,
  gFunctionFactors,
  gFunctionIndices,
  ISHIGAMI_FACTORS,
  ishigami,
  ishigamiIndices,
} from '../../src/stats/test-functions.js';

/** The model's outputs over a Saltelli design of N base rows. */
function outputs(factors: readonly UniformFactor[], model: (x: Float64Array) => number, n: number): Float64Array {
  const design = saltelliDesign(factors, n);
  const k = factors.length;
  return Float64Array.from({ length: design.points.length / k }, (_, r) => model(design.points.subarray(r * k, (r + 1) * k)));
}

const pick = (rows: SobolIndexRow[], index: 'S1' | 'ST') => rows.filter((r) => r.index === index);

describe('analytic indices', () => {
  it("give the Primer's Ishigami values for a = 7, b = 0.1", () => {
    // Saltelli et al. 2008, Global Sensitivity Analysis: The Primer; 4 decimals.
    const { S1, ST } = ishigamiIndices();
    [0.3139, 0.4424, 0].forEach((v, i) => expect(S1[i]).toBeCloseTo(v, 4));
    [0.5576, 0.4424, 0.2437].forEach((v, i) => expect(ST[i]).toBeCloseTo(v, 4));
  });

  it('give the g-function values worked by hand for a = (0, 0) and a single factor', () => {
    // a = (0, 0): V_i = 1/3, V = (4/3)² − 1 = 7/9, S1_i = 3/7, ST_i = (1/3)(4/3)/(7/9) = 4/7.
    const two = gFunctionIndices([0, 0]);
    two.S1.forEach((s) => expect(s).toBeCloseTo(3 / 7, 12));
    two.ST.forEach((s) => expect(s).toBeCloseTo(4 / 7, 12));
    expect(gFunctionIndices([4.5]).S1[0]).toBeCloseTo(1, 12);
  });
});

describe('sobolIndices', () => {
  const n = 2 ** 12;
  const ishigamiRows = sobolIndices(
    outputs(ISHIGAMI_FACTORS, (x) => ishigami(x), n),
    ['x1', 'x2', 'x3'],
    seededStream('test/sobol/ishigami'),
  );
  const g = gFunctionFactors();
  const gRows = sobolIndices(
    outputs(g, (x) => gFunction(x), n),
    g.map((f) => f.name),
    seededStream('test/sobol/g-function'),
  );

  it('gives one row per factor and index, S1 then ST, factors in order', () => {
    expect(ishigamiRows.map((r) => `${r.factor}:${r.index}`)).toEqual(['x1:S1', 'x1:ST', 'x2:S1', 'x2:ST', 'x3:S1', 'x3:ST']);
  });

  it('recovers the Ishigami indices within 0.02 with N = 2^12', () => {
    // The acceptance test: S1 ≈ (0.314, 0.442, 0.000), ST ≈ (0.558, 0.442, 0.244) (Saltelli et al. 2008).
    const s1 = pick(ishigamiRows, 'S1').map((r) => r.estimate);
    const st = pick(ishigamiRows, 'ST').map((r) => r.estimate);
    [0.314, 0.442, 0].forEach((v, i) => expect(Math.abs(s1[i]! - v)).toBeLessThan(0.02));
    [0.558, 0.442, 0.244].forEach((v, i) => expect(Math.abs(st[i]! - v)).toBeLessThan(0.02));
  });

  it('recovers the g-function indices within 0.02 with N = 2^12', () => {
    // The same tolerance as Ishigami's (the "likewise"): the g-function's indices lie in [0, 1] as Ishigami's,
    // and its largest variance share (S1 = 0.72) is of the same order, so an absolute 0.02 asks the same precision.
    const exact = gFunctionIndices(G_FUNCTION_A);
    pick(gRows, 'S1').forEach((r, i) => expect(Math.abs(r.estimate - exact.S1[i]!)).toBeLessThan(0.02));
    pick(gRows, 'ST').forEach((r, i) => expect(Math.abs(r.estimate - exact.ST[i]!)).toBeLessThan(0.02));
  });

  it('has bootstrap intervals that cover most analytic values', () => {
    // Nominal 95% coverage. Requiring at least 5 of Ishigami's 6 and 13 of the g-function's 16 leaves room for the
    // misses a 95% interval makes (P(2 or more misses of 6) = 3%, P(4 or more of 16) = 0.7% if independent).
    const covered = (rows: SobolIndexRow[], exact: { S1: readonly number[]; ST: readonly number[] }) =>
      rows.filter((r, c) => {
        const v = (r.index === 'S1' ? exact.S1 : exact.ST)[c >> 1]!;
        return r.low <= v && v <= r.high;
      }).length;
    expect(covered(ishigamiRows, ishigamiIndices())).toBeGreaterThanOrEqual(5);
    expect(covered(gRows, gFunctionIndices(G_FUNCTION_A))).toBeGreaterThanOrEqual(13);
    for (const r of [...ishigamiRows, ...gRows]) expect(r.low).toBeLessThanOrEqual(r.high);
  });

  it('reports intervals as they come, not clipped into [0, 1]', () => {
    // x3 has no first-order effect in Ishigami (S1 = 0): its resampled estimates fall on both sides of 0.
    const x3 = ishigamiRows.find((r) => r.factor === 'x3' && r.index === 'S1')!;
    expect(x3.low).toBeLessThan(0);
    expect(x3.high).toBeGreaterThan(0);
  });

  it('draws the bootstrap from the stream passed in: the same stream the same intervals, another stream others', () => {
    const y = outputs(ISHIGAMI_FACTORS, (x) => ishigami(x), 256);
    const names = ['x1', 'x2', 'x3'];
    const once = sobolIndices(y, names, seededStream('test/sobol/7'), { resamples: 200 });
    expect(sobolIndices(y, names, seededStream('test/sobol/7'), { resamples: 200 })).toEqual(once);
    const other = sobolIndices(y, names, seededStream('test/sobol/8'), { resamples: 200 });
    expect(other.map((r) => r.estimate)).toEqual(once.map((r) => r.estimate));
    expect(other.map((r) => r.low)).not.toEqual(once.map((r) => r.low));
  });

  it('gives NaN for an output that does not vary, and refuses outputs that are not a Saltelli design', () => {
    const flat = sobolIndices(new Float64Array(5 * 4).fill(3), ['a', 'b', 'c'], seededStream('test/sobol/flat'), { resamples: 10 });
    for (const r of flat) expect([r.estimate, r.low, r.high].every(Number.isNaN)).toBe(true);
    expect(() => sobolIndices(new Float64Array(7), ['a', 'b', 'c'], seededStream('test/sobol/bad'))).toThrow(RangeError);
  });
});
