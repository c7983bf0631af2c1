/**
 * Regression scoring against analytic values: for y = 3 x1 + x2 + 0 x3 + ε with x uniform on
 * [0, 1] and ε ~ N(0, 0.5²), SRC_i = b_i sd(x_i) / sd(y) with var(x) = 1/12 and
 * var(y) = 10/12 + 0.25, so SRC = (0.8321, 0.2774, 0) and R² = (10/12) / var(y) = 0.7692.
 */
import { describe, expect, it } from 'vitest';
import { regressionScores } from '../../src/stats/regression-scores.js';
import { latinHypercube } from '../../src/stats/latin-hypercube.js';
import { normal, seededStream } from '../../src/engine/streams.js';

const n = 2000;
const varY = 10 / 12 + 0.25;
const exact = { x1: 3 / Math.sqrt(12 * varY), x2: 1 / Math.sqrt(12 * varY), x3: 0 };

function sample() {
  const rng = seededStream('test/regression-scores');
  const points = latinHypercube(n, 3, rng);
  const columns = [0, 1, 2].map((i) => Float64Array.from({ length: n }, (_, p) => points[p * 3 + i] as number));
  const y = Float64Array.from({ length: n }, (_, p) => 3 * (columns[0]![p] as number) + (columns[1]![p] as number) + 0.5 * normal(rng));
  return { columns, y };
}

describe('regression scores', () => {
  it('give the analytic standardised coefficients and R² of a linear model with noise', () => {
    const { columns, y } = sample();
    const rows = regressionScores(['x1', 'x2', 'x3'], columns, y);
    const row = (factor: string, index: string) => rows.find((r) => r.factor === factor && r.index === index)!;
    for (const [factor, value] of Object.entries(exact)) {
      const src = row(factor, 'SRC');
      // The interval is ±1.96 SE; the estimate is within 4 SE of the truth (SE ≈ √((1 − R²)/n) ≈ 0.011).
      const se = (src.high - src.low) / (2 * 1.96);
      expect(se).toBeGreaterThan(0.005);
      expect(se).toBeLessThan(0.02);
      expect(Math.abs(src.estimate - value)).toBeLessThan(4 * se);
    }
    expect(Math.abs(row('(all)', 'R2').estimate - 10 / 12 / varY)).toBeLessThan(0.02);
    // Spearman: strongly positive for x1, positive for x2, its interval holding 0 for x3.
    expect(row('x1', 'spearman').estimate).toBeGreaterThan(0.7);
    expect(row('x2', 'spearman').low).toBeGreaterThan(0);
    expect(row('x3', 'spearman').low).toBeLessThan(0);
    expect(row('x3', 'spearman').high).toBeGreaterThan(0);
  });

  it('refuse too few points and a constant factor', () => {
    const { columns, y } = sample();
    expect(() =>
      regressionScores(
        ['x1', 'x2', 'x3'],
        columns.map((c) => c.subarray(0, 4)),
        y.subarray(0, 4),
      ),
    ).toThrow(/more points/);
    expect(() => regressionScores(['x1', 'c'], [columns[0]!, new Float64Array(n).fill(1)], y)).toThrow(/constant/);
  });
});
