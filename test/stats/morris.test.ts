import { describe, expect, it } from 'vitest';
import { seededStream } from '../../src/engine/streams.js';
import { type MorrisDesign, type MorrisFactor, morrisDesign, morrisSpread } from '../../src/stats/morris-design.js';
import { elementaryEffects, type MorrisRow, morrisEffects } from '../../src/stats/morris-effects.js';

const unitFactors = (k: number): MorrisFactor[] => Array.from({ length: k }, (_, i) => ({ name: `x${i + 1}`, low: 0, high: 1 }));

/**
 * A function with known elementary effects: y = 10·x1 + 2·x2 + 0·x3 + x4·x5 on [0, 1]^5.
 * EE1 = 10 and EE2 = 2 on every trajectory (so σ = 0), EE3 = 0 (x3 does not enter), and
 * EE4 = x5, EE5 = x4 at the moment of the step (an interaction: σ > 0).
 */
const known = (x: readonly number[]) => 10 * x[0]! + 2 * x[1]! + 0 * x[2]! + x[3]! * x[4]!;

const row = (rows: MorrisRow[], factor: string, index: MorrisRow['index']) => rows.find((r) => r.factor === factor && r.index === index)!;

/** Points of trajectory t. */
const trajectory = (design: MorrisDesign, t: number) => {
  const size = design.factors.length + 1;
  return design.unitPoints.slice(t * size, (t + 1) * size);
};

describe('Morris design (Morris 1991)', () => {
  const design = morrisDesign(unitFactors(5), { trajectories: 40, levels: 4 }, seededStream('test/morris/design'));

  it('has Δ = p / (2(p − 1)) and r(k + 1) points', () => {
    expect(design.delta).toBe(4 / 6);
    expect(design.points).toHaveLength(40 * 6);
  });

  it('moves one factor at a time by ±Δ, each factor once per trajectory', () => {
    for (let t = 0; t < design.trajectories; t++) {
      const points = trajectory(design, t);
      const moved = new Set<number>();
      for (let j = 1; j < points.length; j++) {
        const changed = points[j]!.map((v, i) => v - points[j - 1]![i]!).flatMap((d, i) => (d === 0 ? [] : [{ i, d }]));
        expect(changed).toHaveLength(1);
        const step = design.steps[t]![j - 1]!;
        expect(changed[0]!.i).toBe(step.factor);
        // Grid values are level/(p − 1) in floating point: their difference is Δ to within rounding.
        expect(changed[0]!.d).toBeCloseTo(step.direction * design.delta, 12);
        moved.add(step.factor);
      }
      expect(moved.size).toBe(5);
    }
  });

  it('puts every point on the p-level grid of [0, 1]^k', () => {
    for (const point of design.unitPoints) {
      for (const v of point) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(Number.isInteger(v * 3)).toBe(true);
      }
    }
  });

  it('visits each level about equally often (Morris: every level has probability 1/p)', () => {
    const big = morrisDesign(unitFactors(3), { trajectories: 4000, levels: 4 }, seededStream('test/morris/levels'));
    for (let i = 0; i < 3; i++) {
      const counts = [0, 0, 0, 0];
      for (const point of big.unitPoints) counts[Math.round(point[i]! * 3)]!++;
      // 16,000 points but only 4,000 independent trajectories: sd of a share ≈ √(0.25·0.75/4000) ≈ 0.007; 0.03 is 4 sd.
      for (const c of counts) expect(Math.abs(c / big.unitPoints.length - 0.25)).toBeLessThan(0.03);
    }
  });

  it('maps unit points onto the factor ranges', () => {
    const factors = [
      { name: 'a', low: 10, high: 20 },
      { name: 'b', low: -1, high: 1 },
    ];
    const mapped = morrisDesign(factors, { trajectories: 5 }, seededStream('test/morris/map'));
    mapped.points.forEach((point, n) => {
      expect(point[0]).toBeCloseTo(10 + 10 * mapped.unitPoints[n]![0]!, 12);
      expect(point[1]).toBeCloseTo(-1 + 2 * mapped.unitPoints[n]![1]!, 12);
    });
  });

  it('is a function of the stream: same key, same design; another key, another design', () => {
    const again = morrisDesign(unitFactors(5), { trajectories: 40, levels: 4 }, seededStream('test/morris/design'));
    expect(again).toEqual(design);
    const other = morrisDesign(unitFactors(5), { trajectories: 40, levels: 4 }, seededStream('test/morris/other'));
    expect(other.unitPoints).not.toEqual(design.unitPoints);
  });

  it('draws 3k − 1 uniforms per trajectory', () => {
    let draws = 0;
    const inner = seededStream('test/morris/count');
    morrisDesign(unitFactors(5), { trajectories: 7 }, () => {
      draws++;
      return inner();
    });
    expect(draws).toBe(7 * (3 * 5 - 1));
  });

  it('refuses odd p, which would put x* + Δ off the grid', () => {
    expect(() => morrisDesign(unitFactors(2), { trajectories: 3, levels: 5 }, seededStream('x'))).toThrow(RangeError);
  });
});

describe('Campolongo et al. (2007) trajectory selection', () => {
  it('keeps r trajectories of the pool, more spread out than the first r drawn', () => {
    const k = 6;
    const plain = morrisDesign(unitFactors(k), { trajectories: 10 }, seededStream('test/morris/pool'));
    const chosen = morrisDesign(unitFactors(k), { trajectories: 10, pool: 60 }, seededStream('test/morris/pool'));
    const pool = morrisDesign(unitFactors(k), { trajectories: 60 }, seededStream('test/morris/pool'));
    expect(chosen.trajectories).toBe(10);
    expect(chosen.points).toHaveLength(10 * (k + 1));
    // The plain design's trajectories are the first 10 of the same pool, drawn from the same stream.
    expect(plain.unitPoints).toEqual(pool.unitPoints.slice(0, 10 * (k + 1)));
    const poolTrajectories = Array.from({ length: 60 }, (_, t) => JSON.stringify(trajectory(pool, t)));
    for (let t = 0; t < 10; t++) expect(poolTrajectories).toContain(JSON.stringify(trajectory(chosen, t)));
    expect(morrisSpread(chosen)).toBeGreaterThan(morrisSpread(plain));
  });
});

describe('Morris elementary effects', () => {
  const design = morrisDesign(unitFactors(5), { trajectories: 50, levels: 4 }, seededStream('test/morris/effects'));
  const outputs = design.points.map(known);
  const rows = morrisEffects(design, outputs, seededStream('test/morris/bootstrap'), { resamples: 500 });

  it('gives EE = 10 and 2 for the linear factors on every trajectory, and σ = 0', () => {
    // Rounding: x + Δ − x is Δ to a few ulps, so EE is 10 to about 1e-14; 1e-12 leaves room.
    expect(row(rows, 'x1', 'muStar').estimate).toBeCloseTo(10, 12);
    expect(row(rows, 'x1', 'mu').estimate).toBeCloseTo(10, 12);
    expect(row(rows, 'x1', 'sigma').estimate).toBeCloseTo(0, 12);
    expect(row(rows, 'x2', 'muStar').estimate).toBeCloseTo(2, 12);
    expect(row(rows, 'x2', 'sigma').estimate).toBeCloseTo(0, 12);
  });

  it('gives μ* = μ = σ = 0 exactly for a factor that does not enter', () => {
    for (const index of ['mu', 'muStar', 'sigma'] as const) expect(row(rows, 'x3', index).estimate).toBe(0);
    expect(row(rows, 'x3', 'muStar').low).toBe(0);
    expect(row(rows, 'x3', 'muStar').high).toBe(0);
  });

  it('gives the interaction its exact effect: μ*4 is the mean of x5 at the moment x4 moves', () => {
    const effects = elementaryEffects(design, outputs);
    const x5 = Array.from({ length: design.trajectories }, (_, t) => {
      const j = design.steps[t]!.findIndex((s) => s.factor === 3);
      return trajectory(design, t)[j]![4]!;
    });
    const mean = x5.reduce((a, b) => a + b, 0) / x5.length;
    // σ is the sample standard deviation (divisor r − 1), as Morris (1991) and SALib.
    const sd = Math.sqrt(x5.reduce((a, b) => a + (b - mean) ** 2, 0) / (x5.length - 1));
    expect(row(rows, 'x4', 'muStar').estimate).toBeCloseTo(mean, 12);
    expect(row(rows, 'x4', 'sigma').estimate).toBeCloseTo(sd, 12);
    effects[3]!.forEach((e, t) => expect(e).toBeCloseTo(x5[t]!, 12));
  });

  it('keeps effects of opposite signs apart in μ* (Campolongo et al. 2007): y = x1·(2·x2 − 1)', () => {
    const signed = morrisDesign(unitFactors(2), { trajectories: 60 }, seededStream('test/morris/signed'));
    const r = morrisEffects(
      signed,
      signed.points.map((x) => x[0]! * (2 * x[1]! - 1)),
      seededStream('b'),
      { resamples: 10 },
    );
    // EE1 = 2·x2 − 1 at the moment x1 moves: ±1/3 or ±1, so μ* is the mean of its absolute value.
    let sumAbs = 0;
    let sum = 0;
    for (let t = 0; t < signed.trajectories; t++) {
      const j = signed.steps[t]!.findIndex((s) => s.factor === 0);
      const slope = 2 * trajectory(signed, t)[j]![1]! - 1;
      sumAbs += Math.abs(slope);
      sum += slope;
    }
    expect(row(r, 'x1', 'muStar').estimate).toBeCloseTo(sumAbs / 60, 12);
    expect(row(r, 'x1', 'mu').estimate).toBeCloseTo(sum / 60, 12);
    expect(row(r, 'x1', 'muStar').estimate).toBeGreaterThan(Math.abs(row(r, 'x1', 'mu').estimate));
  });

  it('ranks the factors by μ*: x1 > x2 > x4, x5 > x3', () => {
    const muStar = ['x1', 'x2', 'x3', 'x4', 'x5'].map((f) => row(rows, f, 'muStar').estimate);
    expect(muStar[0]).toBeGreaterThan(muStar[1]!);
    expect(muStar[1]).toBeGreaterThan(Math.max(muStar[3]!, muStar[4]!));
    expect(Math.min(muStar[3]!, muStar[4]!)).toBeGreaterThan(muStar[2]!);
  });

  it('counts effects per unit of the range: y = 5·a on a ∈ [0, 2] has μ* = 10', () => {
    const ranged = morrisDesign([{ name: 'a', low: 0, high: 2 }], { trajectories: 4 }, seededStream('test/morris/range'));
    const r = morrisEffects(
      ranged,
      ranged.points.map((x) => 5 * x[0]!),
      seededStream('b'),
      { resamples: 10 },
    );
    expect(row(r, 'a', 'muStar').estimate).toBeCloseTo(10, 12);
  });

  it('gives μ* an interval around its estimate that shrinks with more trajectories', () => {
    const x4 = row(rows, 'x4', 'muStar');
    expect(x4.low).toBeLessThanOrEqual(x4.estimate);
    expect(x4.high).toBeGreaterThanOrEqual(x4.estimate);
    expect(x4.high - x4.low).toBeGreaterThan(0);
    const more = morrisDesign(unitFactors(5), { trajectories: 800, levels: 4 }, seededStream('test/morris/more'));
    const moreRows = morrisEffects(more, more.points.map(known), seededStream('test/morris/bootstrap'), { resamples: 500 });
    const wide = row(moreRows, 'x4', 'muStar');
    // Width scales as 1/√r: 16 times the trajectories, about a quarter of the width.
    expect(wide.high - wide.low).toBeLessThan((x4.high - x4.low) / 2);
    // E[x5 at the step] = 0.5 (x5 is uniform on the four levels): 800 trajectories put μ*4 within 0.05 (about 4 sd: 0.37/√800 ≈ 0.013).
    expect(Math.abs(wide.estimate - 0.5)).toBeLessThan(0.05);
  });

  it('is deterministic: the same streams give the same rows', () => {
    const again = morrisEffects(design, outputs, seededStream('test/morris/bootstrap'), { resamples: 500 });
    expect(again).toEqual(rows);
  });
});
