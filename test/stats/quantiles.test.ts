/**
 * The one quantile function gives exactly what the three it replaced gave: the batch tables'
 * and the bootstrap's type 7, and the lower order statistic of the civil violence
 * reproduction and the report's batch sentence (copied here as they were).
 */
import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../src/stats/quantiles.js';
import { seededStream } from '../../src/engine/streams.js';

/** stats/quantiles.ts before: type 7, p not clamped. */
function type7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** stats/paired.ts's percentile before: type 7 with p clamped to [0, 1]. */
function percentile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The reproduction's and the report's quantile before: the order statistic at or below. */
const lower = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] as number);

describe('quantileSorted', () => {
  const rng = seededStream('test/quantiles');
  const samples = Array.from({ length: 300 }, (_, k) => {
    const n = 1 + Math.floor(rng() * (k < 150 ? 12 : 3000));
    // Integers (ties) in half the samples, reals in the other half.
    return Float64Array.from({ length: n }, () => (k % 2 ? Math.floor(rng() * 20) : rng() * 1e3 - 500)).sort();
  });
  const ps = [0, 0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975, 1, ...Array.from({ length: 20 }, () => rng())];

  it('linear is type 7, as the tables and the bootstrap intervals read it', () => {
    for (const s of samples)
      for (const p of ps) {
        expect(quantileSorted(s, p)).toBe(type7(s, p));
        expect(quantileSorted(s, p)).toBe(percentile(s, p));
      }
    expect(quantileSorted(Float64Array.from([1, 2]), 1.5)).toBe(percentile([1, 2], 1.5));
    expect(quantileSorted(Float64Array.from([1, 2]), -0.5)).toBe(percentile([1, 2], -0.5));
  });

  it('lower is the order statistic at or below, as the reproduction and the report read it', () => {
    for (const s of samples) for (const p of ps) expect(quantileSorted(s, p, 'lower')).toBe(lower(Array.from(s), p));
  });

  it('is NaN without values, whichever method', () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(quantileSorted([], 0.5, 'lower')).toBeNaN();
  });
});
