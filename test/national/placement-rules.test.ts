/**
 * The pieces of the national builder checked on small hand-built inputs with analytic
 * answers: great-circle distance, the k-nearest adjacency, and the rank-size curve.
 */
import { describe, expect, it } from 'vitest';
import { distanceKm, nearestNeighbourPairs, placesWithin } from '../../src/models/peru-mining/national/geography.js';
import { rankSizeCurve } from '../../src/models/peru-mining/national/communities.js';

describe('distanceKm', () => {
  it('is R·Δφ along a meridian and R·Δλ along the equator (R = 6,371.0088 km)', () => {
    const degree = (6371.0088 * Math.PI) / 180;
    expect(distanceKm({ latitude: 0, longitude: -75 }, { latitude: 1, longitude: -75 })).toBeCloseTo(degree, 6);
    expect(distanceKm({ latitude: 0, longitude: -75 }, { latitude: 0, longitude: -74 })).toBeCloseTo(degree, 6);
    // Along a parallel at 60°S a degree of longitude is about half as long (cos 60° = ½; the great circle is slightly shorter).
    const parallel = distanceKm({ latitude: -60, longitude: -75 }, { latitude: -60, longitude: -74 });
    expect(parallel).toBeLessThan(degree / 2);
    expect(parallel).toBeGreaterThan(degree / 2 - 0.01);
  });
});

describe('nearestNeighbourPairs', () => {
  // Five places on a line 1, 2, 4 and 8 degrees apart: nearest neighbours are known by hand.
  const line = [0, 1, 3, 7, 15].map((x) => ({ latitude: 0, longitude: -80 + x }));

  it('links each place to its nearest (k = 1), made symmetric', () => {
    // 0↔1, 1→0, 2→1 (2 away vs 4), 3→2 (4 vs 8), 4→3.
    expect(nearestNeighbourPairs(line, 1)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
  });

  it('gives every place at least k links, and each pair once', () => {
    const pairs = nearestNeighbourPairs(line, 2);
    const keys = pairs.map(([a, b]) => `${a}-${b}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (let i = 0; i < line.length; i++) expect(pairs.filter(([a, b]) => a === i || b === i).length).toBeGreaterThanOrEqual(2);
    // 4's two nearest are 3 and 2.
    expect(keys).toContain('2-4');
  });

  it('finds places within a radius, nearest first, without the centre', () => {
    const degree = (6371.0088 * Math.PI) / 180;
    expect(placesWithin(line, 1, 2.5 * degree)).toEqual([0, 2]);
    expect(placesWithin(line, 1, 0.5 * degree)).toEqual([]);
  });
});

describe('rankSizeCurve', () => {
  it('passes through the first two counts and sums to the total', () => {
    const curve = rankSizeCurve(1352, 969, 6682, 23);
    expect(curve).toBeDefined();
    if (!curve) return;
    expect(curve.at(1)).toBeCloseTo(1352, 6);
    expect(curve.at(2)).toBeCloseTo(969, 6);
    let sum = 0;
    for (let k = 1; k <= 23; k++) sum += curve.at(k);
    expect(sum).toBeCloseTo(6682, 3);
    for (let k = 2; k <= 23; k++) expect(curve.at(k)).toBeLessThan(curve.at(k - 1));
  });

  it('has no solution when the total is below the geometric tail or above the flattest curve', () => {
    // The least total is the geometric series c1·(1 − q^K)/(1 − q), q = c2/c1: 4,776 for these counts.
    expect(rankSizeCurve(1352, 969, 4000, 23)).toBeUndefined();
    expect(rankSizeCurve(1352, 969, 1e7, 23)).toBeUndefined();
    expect(rankSizeCurve(969, 1352, 6682, 23)).toBeUndefined();
  });
});
