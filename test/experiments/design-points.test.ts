/** Design points from a design file's kind and factors, and factor ranges from the parameter table. */
import { describe, expect, it } from 'vitest';
import { parameter } from '../../src/engine/model.js';
import { parameterRange, type ResolvedFactor } from '../../src/experiments/design-file.js';
import { designPoints } from '../../src/experiments/design-points.js';
import { seededStream } from '../../src/engine/streams.js';
import { latinHypercube } from '../../src/stats/latin-hypercube.js';
import { PARAMETER_TABLE } from '../../src/models/peru-mining/parameters.js';

const ranged = (path: string, lo: number, hi: number): ResolvedFactor => ({ path, range: [lo, hi], rangeFrom: 'file' });

describe('parameterRange', () => {
  it('takes the "explore a–b" range of a parameter\'s source, else ½–1½ × its default inside its bounds', () => {
    expect(parameterRange(PARAMETER_TABLE['parameters.trust.meetingSignal']!)).toEqual({
      range: [0.05, 0.3],
      from: 'parameter table (explore range)',
    });
    expect(parameterRange(parameter(1, 0, 5, 'u', 'assumption (explore 24–240)', '')).range).toEqual([24, 240]);
    expect(parameterRange(parameter(1, -2, 5, 'u', 'assumption', ''))).toEqual({
      range: [0.5, 1.5],
      from: 'parameter table (½–1½ × default)',
    });
    // Kept inside the bounds: a share of 0.8 explores 0.4–1, not 0.4–1.2.
    expect(parameterRange(parameter(0.8, 0, 1, 'share', 'assumption', '')).range).toEqual([0.4, 1]);
    // A negative default keeps low below high.
    expect(parameterRange(parameter(-2, -10, 0, 'u', 'assumption', '')).range).toEqual([-3, -1]);
  });
});

describe('designPoints', () => {
  it('crosses a factorial design, last factor fastest, with evenly spaced levels ending at both ends', () => {
    const { points } = designPoints(
      { kind: 'factorial', levels: 3 },
      [ranged('a', 0, 1), { path: 'b', levels: ['early', 'reactive'], rangeFrom: 'levels' }],
      1,
    );
    expect(points).toEqual([
      [0, 'early'],
      [0, 'reactive'],
      [0.5, 'early'],
      [0.5, 'reactive'],
      [1, 'early'],
      [1, 'reactive'],
    ]);
  });

  it('gives a Saltelli design of N(k + 2) points and Morris trajectories of k + 1 points on the ranges', () => {
    const factors = [ranged('a', 10, 20), ranged('b', -1, 1), ranged('c', 0, 3)];
    expect(designPoints({ kind: 'sobol', baseSamples: 16 }, factors, 1).points).toHaveLength(16 * 5);
    const morris = designPoints({ kind: 'morris', trajectories: 6, levels: 4 }, factors, 1);
    expect(morris.points).toHaveLength(6 * 4);
    expect(morris.morris?.trajectories).toBe(6);
    for (const p of morris.points) {
      expect(p[0]).toBeGreaterThanOrEqual(10);
      expect(p[0]).toBeLessThanOrEqual(20);
    }
  });
});

describe('latinHypercube', () => {
  it('puts exactly one point in each of the n intervals of every coordinate (McKay et al. 1979)', () => {
    const n = 50;
    const k = 4;
    const unit = latinHypercube(n, k, seededStream('test/lhs'));
    for (let d = 0; d < k; d++) {
      const cells = Array.from({ length: n }, (_, i) => Math.floor((unit[i * k + d] as number) * n)).sort((a, b) => a - b);
      expect(cells).toEqual(Array.from({ length: n }, (_, j) => j));
    }
    expect(latinHypercube(n, k, seededStream('test/lhs'))).toEqual(unit);
  });
});
