/**
 * The Saltelli design's layout (Saltelli et al. 2010, section 3: A, B and A_B^(i) from one
 * 2k-dimensional Sobol sequence) and its map to the factors' ranges.
 */
import { describe, expect, it } from 'vitest';
import { scaleToFactors } from '../../src/stats/factors.js';
import { saltelliDesign, saltelliPointCount, saltelliUnitPoints, saltelliUnitRow } from '../../src/stats/saltelli.js';
import { sobolPoints } from '../../src/stats/sobol-sequence.js';

describe('saltelliUnitPoints', () => {
  const n = 16;
  const k = 4;
  const design = saltelliUnitPoints(n, k);
  const base = sobolPoints(n, 2 * k);
  const row = (r: number) => Array.from(design.subarray(r * k, (r + 1) * k));

  it('has N(k + 2) points of k coordinates', () => {
    expect(saltelliPointCount(n, k)).toBe(n * (k + 2));
    expect(design.length).toBe(n * (k + 2) * k);
  });

  it('takes A from the first k Sobol dimensions, B from the last k, and A_B^(i) as A with column i from B', () => {
    for (let j = 0; j < n; j++) {
      const a = Array.from(base.subarray(j * 2 * k, j * 2 * k + k));
      const b = Array.from(base.subarray(j * 2 * k + k, (j + 1) * 2 * k));
      const group = j * (k + 2);
      expect(row(group)).toEqual(a);
      for (let i = 0; i < k; i++) expect(row(group + 1 + i)).toEqual(a.map((x, c) => (c === i ? b[i] : x)));
      expect(row(group + k + 1)).toEqual(b);
    }
  });

  it('passes start on to the sequence', () => {
    const skipped = saltelliUnitPoints(n, k, { start: 1 });
    expect(skipped.subarray(0, k)).toEqual(sobolPoints(1, 2 * k, { start: 1 }).subarray(0, k));
  });

  it('gives each row alone (saltelliUnitRow) as in the whole design, with or without a start', () => {
    for (let r = 0; r < n * (k + 2); r++) expect(Array.from(saltelliUnitRow(r, k))).toEqual(row(r));
    const started = saltelliUnitPoints(n, k, { start: 3 });
    for (let r = 0; r < n * (k + 2); r++) expect(saltelliUnitRow(r, k, { start: 3 })).toEqual(started.subarray(r * k, (r + 1) * k));
  });

  it('refuses designs the direction numbers cannot carry', () => {
    expect(() => saltelliUnitPoints(8, 513)).toThrow(RangeError);
    expect(() => saltelliUnitPoints(0, 2)).toThrow(RangeError);
    expect(saltelliUnitPoints(2, 512).length).toBe(2 * 514 * 512);
  });
});

describe('saltelliDesign', () => {
  it('maps each coordinate u to low + u (high − low) of its factor', () => {
    const factors = [
      { name: 'price', low: -2, high: 6 },
      { name: 'trust', low: 0.5, high: 0.75 },
    ];
    const design = saltelliDesign(factors, 8);
    const unit = saltelliUnitPoints(8, 2);
    expect(design.factors).toEqual(['price', 'trust']);
    expect(design.baseSamples).toBe(8);
    for (let i = 0; i < unit.length; i++)
      expect(design.points[i]).toBe(factors[i % 2]!.low + unit[i]! * (factors[i % 2]!.high - factors[i % 2]!.low));
  });

  it('refuses ranges that are not finite intervals', () => {
    expect(() => scaleToFactors(new Float64Array(2), [{ name: 'x', low: 1, high: 0 }])).toThrow(RangeError);
    expect(() =>
      scaleToFactors(new Float64Array(3), [
        { name: 'x', low: 0, high: 1 },
        { name: 'y', low: 0, high: 1 },
      ]),
    ).toThrow(RangeError);
  });
});
