/**
 * The Morris noise floor (stats/morris-noise.ts) on a function plus known Gaussian noise, where
 * the floor has an analytic value.
 */
import { describe, expect, it } from 'vitest';
import { normal, seededStream } from '../../src/engine/streams.js';
import { morrisDesign } from '../../src/stats/morris-design.js';
import { morrisEffects } from '../../src/stats/morris-effects.js';
import { elementaryEffectErrors, morrisNoiseFloor } from '../../src/stats/morris-noise.js';

/**
 * y = 10·x1 + 0·x2 on [0, 1]^2, plus σZ with Z standard normal, independent at every point and
 * replicate. A per-replicate elementary effect is then EE + σ(Z' − Z)/Δ, whose noise has standard
 * deviation τ = σ√2 / Δ; the mean over R replicates has standard error τ/√R. So:
 *  - muStarNoise = √(2/π) · mean_t s_t/√R, with E[s_t] = c4(R) τ (the sample standard deviation's
 *    bias); for R = 5, c4 = Γ(5/2) / Γ(2) · √(2/4) = 3√(2π)/8 ≈ 0.940. Expected: √(2/π) c4 τ/√R.
 *  - x2 has no effect, so its μ* is E|N(0, τ²/R)| = √(2/π) τ/√R: what the floor stands for.
 */
const SIGMA = 0.3;
const R = 5;
const TRAJECTORIES = 400;
const C4 = (3 * Math.sqrt(2 * Math.PI)) / 8;

function noisyScreening() {
  const design = morrisDesign(
    [
      { name: 'x1', low: 0, high: 1 },
      { name: 'x2', low: 0, high: 1 },
    ],
    { trajectories: TRAJECTORIES, levels: 4 },
    seededStream('test/morris-noise/design'),
  );
  const noise = seededStream('test/morris-noise/noise');
  const replicates = Array.from({ length: R }, () => Float64Array.from(design.points, (x) => 10 * x[0]! + SIGMA * normal(noise)));
  const means = Float64Array.from(design.points, (_, p) => replicates.reduce((sum, y) => sum + y[p]!, 0) / R);
  return { design, replicates, means };
}

describe('Morris noise floor (muStarNoise)', () => {
  const { design, replicates, means } = noisyScreening();
  const tau = (SIGMA * Math.SQRT2) / design.delta;

  it('matches the analytic μ* of pure noise of the replicates’ size', () => {
    const rows = morrisNoiseFloor(design, replicates, seededStream('test/morris-noise/boot'), { resamples: 200 });
    const expected = Math.sqrt(2 / Math.PI) * C4 * (tau / Math.sqrt(R));
    // Sampling error: the floor is a mean of r independent s_t (one trajectory each) with
    // sd(s_t) = τ √(1 − c4²), so its relative standard error is √(1 − c4²) / (c4 √r) ≈ 1.8% at
    // r = 400; 4 standard errors (7.3%) leaves a false failure at odds of about 1 in 15,000.
    const tolerance = (4 * Math.sqrt(1 - C4 * C4)) / (C4 * Math.sqrt(TRAJECTORIES));
    for (const row of rows) {
      expect(row.index).toBe('muStarNoise');
      expect(Math.abs(row.estimate / expected - 1)).toBeLessThan(tolerance);
      expect(row.low).toBeLessThan(row.estimate);
      expect(row.high).toBeGreaterThan(row.estimate);
    }
  });

  it('is the μ* a factor without effect shows, and far below a factor with one', () => {
    const effects = morrisEffects(design, means, seededStream('test/morris-noise/effects'), { resamples: 200 });
    const floor = morrisNoiseFloor(design, replicates, seededStream('test/morris-noise/boot'), { resamples: 200 });
    const muStar = (f: string) => effects.find((r) => r.factor === f && r.index === 'muStar')!.estimate;
    const noiseOf = (f: string) => floor.find((r) => r.factor === f)!.estimate;
    // x2's μ* estimates E|N(0, τ²/R)| = √(2/π) τ/√R. Its relative standard error over r
    // trajectories is √(1 − 2/π) / (√(2/π) √r) ≈ 3.8%; 4 of them is 15%.
    const expected = Math.sqrt(2 / Math.PI) * (tau / Math.sqrt(R));
    expect(Math.abs(muStar('x2') / expected - 1)).toBeLessThan((4 * Math.sqrt(1 - 2 / Math.PI)) / Math.sqrt((2 / Math.PI) * TRAJECTORIES));
    // x1's effect is 10 per unit of its range: far above a floor of about 0.24.
    expect(muStar('x1')).toBeGreaterThan(20 * noiseOf('x1'));
  });

  it('is zero when the replicates agree (common random numbers on additive noise cancel)', () => {
    const same = Array.from({ length: 3 }, () => means);
    // Up to rounding: the mean of three equal effects need not be exactly that effect in floating point.
    for (const se of elementaryEffectErrors(design, same)) expect(Math.max(...se)).toBeLessThan(1e-12);
  });

  it('needs at least two replicates', () => {
    expect(() => elementaryEffectErrors(design, [means])).toThrow(/at least 2 replicates/);
  });
});
