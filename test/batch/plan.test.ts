import { describe, expect, it } from 'vitest';
import { seedFor } from '../../src/batch/seeds.js';
import { blockCount, runsPerTask, shardBlocks } from '../../src/batch/plan.js';
import { describe as describeRuns, quantileSorted, QUANTILES } from '../../src/stats/quantiles.js';

describe('seedFor', () => {
  it('is a fixed function of (master seed, run index)', () => {
    // Golden values: changing them changes every published batch.
    expect(seedFor(1, 0)).toBe(6902232617611328);
    expect(seedFor(1, 1)).toBe(1135186513210162);
    expect(seedFor(1, 0)).not.toBe(seedFor(2, 0));
  });

  it('gives distinct safe-integer seeds to 100,000 runs', () => {
    const seeds = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const s = seedFor(42, i);
      expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
      seeds.add(s);
    }
    expect(seeds.size).toBe(100_000);
  });
});

describe('blocks and shards', () => {
  it('shards cover every block exactly once', () => {
    for (const [runs, blockSize, n] of [
      [1000, 100, 3],
      [1, 100, 1],
      [1234, 50, 7],
      [500, 100, 8],
    ] as const) {
      const seen: number[] = [];
      for (let k = 1; k <= n; k++) seen.push(...shardBlocks(runs, blockSize, { index: k, count: n }).map((b) => b.index));
      expect(seen).toEqual(Array.from({ length: blockCount(runs, blockSize) }, (_, i) => i));
      const runsCovered = Array.from({ length: n }, (_, k) => shardBlocks(runs, blockSize, { index: k + 1, count: n }))
        .flat()
        .reduce((a, b) => a + b.count, 0);
      expect(runsCovered).toBe(runs);
    }
  });

  it('gives small runs several per task and large runs one', () => {
    expect(runsPerTask(44 * 240, 100)).toBeGreaterThan(5);
    expect(runsPerTask(5000 * 240, 100)).toBe(1);
  });
});

describe('statistics over runs', () => {
  it('computes type-7 quantiles (R: quantile(1:10, c(.05,.25,.5,.75,.95)))', () => {
    const sorted = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const expected = [1.45, 3.25, 5.5, 7.75, 9.55];
    QUANTILES.forEach((p, i) => expect(quantileSorted(sorted, p)).toBeCloseTo(expected[i]!, 12));
  });

  it('the counting path for integers agrees with sorting', () => {
    let state = 7;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(next() * 300);
      const ints = Float64Array.from({ length: n }, () => Math.floor(next() * 20));
      const sorted = ints.slice().sort();
      const expected = QUANTILES.map((p) => quantileSorted(sorted, p));
      expect(describeRuns(ints.slice()).quantiles).toEqual(expected);
    }
  });

  it('handles constant and real-valued data', () => {
    expect(describeRuns(Float64Array.of(3, 3, 3))).toEqual({ mean: 3, quantiles: [3, 3, 3, 3, 3] });
    const r = describeRuns(Float64Array.of(0.5, 0.1, 0.9, 0.3));
    expect(r.mean).toBeCloseTo(0.45, 12);
    expect(r.quantiles[2]).toBeCloseTo(0.4, 12);
  });
});
