/**
 * Robust verdicts on a planted effect: the paired difference is −100·a (±10 for its interval)
 * over factors a and b uniform on [0, 1], and the rule "lower by at least 55". So the
 * verdict is supported where a > 0.65 (the whole interval below −55), contradicted where
 * a < 0.45 (the whole interval above −55), inconclusive in between; b plays no part.
 */
import { describe, expect, it } from 'vitest';
import { robustness, type RobustnessPoint } from '../../src/experiments/robustness.js';
import { ranks, spearman } from '../../src/stats/rank-correlation.js';
import { seededStream } from '../../src/engine/streams.js';

const rule = { expect: 'lower' as const, rule: 'smallest-effect' as const, smallestEffect: 55 };

function plantedPoints(n: number): RobustnessPoint[] {
  const rng = seededStream('test/robustness/points');
  return Array.from({ length: n }, () => {
    const a = rng();
    const b = rng();
    const difference = -100 * a;
    return { values: [a, b], difference, low: difference - 10, high: difference + 10 };
  });
}

describe('rank correlation', () => {
  it('gives ties their mean rank', () => {
    expect(Array.from(ranks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
  });
  it('is 1 for any increasing relation, −1 for a decreasing one, NaN for a constant', () => {
    const x = [0.1, 0.5, 0.2, 0.9, 0.7];
    expect(
      spearman(
        x,
        x.map((v) => v ** 3),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      spearman(
        x,
        x.map((v) => -Math.exp(v)),
      ),
    ).toBeCloseTo(-1, 12);
    expect(spearman(x, [2, 2, 2, 2, 2])).toBeNaN();
  });
  it('matches a hand-computed value with ties (ρ of [1,2,3,4,5] and [2,1,4,3,3])', () => {
    // Ranks of y: [2, 1, 5, 3.5, 3.5]; deviations from 3: x [−2, −1, 0, 1, 2], y [−1, −2, 2, 0.5, 0.5];
    // Σxy = 2 + 2 + 0 + 0.5 + 1 = 5.5, Σx² = 10, Σy² = 9.5.
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 3])).toBeCloseTo(5.5 / Math.sqrt(10 * 9.5), 12);
  });
});

describe('robust verdicts', () => {
  const points = plantedPoints(2000);
  const result = robustness(rule, ['a', 'b'], points, 'contradicted', { minDensity: 0.9 });

  it('applies the rule at every point: the shares follow the planted thresholds', () => {
    // Expected shares 0.35, 0.45 and 0.20; with 2,000 points a binomial sd is at most 0.011.
    expect(Math.abs(result.share.supported - 0.35)).toBeLessThan(0.035);
    expect(Math.abs(result.share.contradicted - 0.45)).toBeLessThan(0.035);
    expect(Math.abs(result.share.inconclusive - 0.2)).toBeLessThan(0.035);
    expect(result.verdicts).toHaveLength(2000);
  });

  it('names the driving assumption first, with ρ = −1, and the idle one near 0', () => {
    expect(result.drivers[0]).toEqual({ factor: 'a', spearman: -1 });
    expect(Math.abs(result.drivers[1]?.spearman ?? 1)).toBeLessThan(0.1);
  });

  it('finds where the default verdict flips: a above about 0.45, b free', () => {
    expect(result.flips.share).toBeCloseTo(0.55, 1);
    const box = result.flips.box;
    if (!box) throw new Error('no box');
    const limit = (f: string) => box.limits.find((l) => l.factor === f);
    expect(Math.abs((limit('a')?.low ?? 0) - 0.45)).toBeLessThan(0.05);
    expect(limit('a')?.restricted).toBe(true);
    expect(limit('b')?.restricted).toBe(false);
  });

  it('has no box when nothing flips, and refuses points of the wrong width', () => {
    const none = robustness(
      rule,
      ['a', 'b'],
      plantedPoints(50).map((p) => ({ ...p, low: -200, high: -100 })),
      'supported',
    );
    expect(none.share.supported).toBe(1);
    expect(none.flips).toEqual({ share: 0, box: null });
    expect(() => robustness(rule, ['a'], plantedPoints(3), 'supported')).toThrow(RangeError);
  });
});
