/**
 * The allocation-free apportionment (heapsort on reused buffers) against the readable one
 * (a comparator sort), its oracle: the same parts for every input, with the scratch reused
 * across calls of every size as the revenue step reuses it.
 */
import { describe, expect, it } from 'vitest';
import { apportion, apportionBySort, createApportionScratch } from '../../../src/models/peru-mining/apportion.js';
import { seededStream } from '../../../src/engine/streams.js';

describe('apportion equals its readable oracle', () => {
  it('on random weights, ties, zeros and amounts up to the exact range', () => {
    const rng = seededStream('ayni/test/apportion-oracle');
    const scratch = createApportionScratch(4);
    let shared = createApportionScratch(256);
    for (let trial = 0; trial < 3000; trial++) {
      const n = 1 + Math.floor(rng() * (trial % 10 === 0 ? 250 : 12));
      const style = trial % 4;
      // Equal weights make every remainder tie; few distinct values make ties among some; zeros and all-zero take other branches.
      const weights = Array.from({ length: n }, () =>
        style === 0 ? 1 : style === 1 ? Math.floor(rng() * 3) : style === 2 ? (rng() < 0.3 ? 0 : rng() * 1e6) : rng(),
      );
      const magnitude = [1, 100, 1e6, 1e12, Number.MAX_SAFE_INTEGER][trial % 5] as number;
      const amount = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(rng() * magnitude));
      const expected = apportionBySort(amount, weights, new Float64Array(n));
      // An `out` longer than the weights (the revenue step passes its whole buffer): the tail stays as it was.
      const out = new Float64Array(n + 3).fill(-7);
      if (shared.remainders.length < n) shared = createApportionScratch(n);
      apportion(amount, weights, out, trial % 2 === 0 ? shared : n <= 4 ? scratch : undefined);
      expect(Array.from(out.subarray(0, n))).toEqual(Array.from(expected));
      expect(Array.from(out.subarray(n))).toEqual([-7, -7, -7]);
    }
  });
});
