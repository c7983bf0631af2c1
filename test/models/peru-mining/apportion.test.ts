import { describe, expect, it } from 'vitest';
import { apportion } from '../../../src/models/peru-mining/apportion.js';

const split = (amount: number, weights: number[]) => Array.from(apportion(amount, weights, new Float64Array(weights.length)));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('apportion', () => {
  it('splits by the canon tiers exactly (10/25/40/25)', () => {
    expect(split(100_001, [0.1, 0.25, 0.4, 0.25])).toEqual([10_000, 25_000, 40_001, 25_000]);
  });

  it('hands out every cent, whatever the weights', () => {
    const weights = [1 / 3, 1 / 7, 0.123456789, 5, 1e-9, 2.5];
    for (const amount of [0, 1, 7, 999_999, 123_456_789_012]) expect(sum(split(amount, weights))).toBe(amount);
  });

  it('gives leftover cents to the largest remainders, ties to the lower index', () => {
    expect(split(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(split(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });

  it('splits equally when every weight is zero', () => {
    expect(split(9, [0, 0, 0])).toEqual([3, 3, 3]);
  });

  it('never gives a negative part', () => {
    const parts = split(3, [1e-12, 1e-12, 1]);
    expect(parts.every((p) => p >= 0)).toBe(true);
    expect(sum(parts)).toBe(3);
  });
});

describe('apportion at the edges of the exact range', () => {
  it('hands out every cent of amounts up to Number.MAX_SAFE_INTEGER, in time linear in the recipients', () => {
    const weights = [1 / 3, 1 / 7, 0.123456789, 5, 1e-9, 2.5, 0, 1e12];
    for (const amount of [2 ** 52 + 1, Number.MAX_SAFE_INTEGER - 12_345, Number.MAX_SAFE_INTEGER]) {
      const parts = split(amount, weights);
      expect(parts.every((p) => Number.isSafeInteger(p) && p >= 0)).toBe(true);
      // Summed in BigInt: a float sum this large would itself round.
      expect(parts.reduce((a, b) => a + BigInt(b), 0n)).toBe(BigInt(amount));
    }
  });

  it('refuses amounts beyond the exact range and bad weights with a RangeError (it used to loop forever above ~4e31)', () => {
    for (const amount of [4e31, Number.MAX_SAFE_INTEGER + 1, 1e300, Infinity, Number.NaN, -1, 1.5]) {
      expect(() => split(amount, [0.1, 0.25, 0.4, 0.25]), String(amount)).toThrow(RangeError);
    }
    for (const weights of [
      [1, Number.NaN],
      [1, -1],
      [1, Infinity],
      [Number.MAX_VALUE, Number.MAX_VALUE],
    ]) {
      expect(() => split(100, weights), String(weights)).toThrow(RangeError);
    }
  });
});
