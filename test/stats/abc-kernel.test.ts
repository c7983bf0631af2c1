import { describe, expect, it } from 'vitest';
import { seededStream } from '../../src/engine/streams.js';
import { logPriorDensity, perturbationKernel } from '../../src/stats/abc-kernel.js';

/**
 * The perturbation kernel's density must be the density of its proposals: both integrate to 1
 * over the prior box (the truncated mixture's normalisation), and the share of proposals in a
 * region equals the density's integral over it. Particles sit near the box's edges on purpose,
 * where much of each Gaussian step falls outside.
 */
const priors = [
  { name: 'a', low: 0, high: 1 },
  { name: 'b', low: -2, high: 2 },
];
const population = {
  values: Float64Array.from([0.02, -1.9, 0.5, 0.3, 0.97, 1.8, 0.1, 1.95]),
  weights: Float64Array.from([1, 2, 0.5, 3]),
};

/** Midpoint rule on a g × g grid over the box, of the density, and of its part with a < 0.25. */
function integrate(g: number) {
  const kernel = perturbationKernel(population, priors);
  let total = 0;
  let corner = 0;
  const da = 1 / g;
  const db = 4 / g;
  for (let i = 0; i < g; i++)
    for (let j = 0; j < g; j++) {
      const a = (i + 0.5) * da;
      const f = Math.exp(kernel.logDensity([a, -2 + (j + 0.5) * db])) * da * db;
      total += f;
      if (a < 0.25) corner += f;
    }
  return { total, corner };
}

describe('perturbation kernel truncated to the prior box (Beaumont et al. 2009)', () => {
  it('has a density that integrates to 1 over the box', () => {
    // A 400 × 400 midpoint rule on smooth Gaussians with sd ≥ 0.5: error far below 1e-4.
    expect(integrate(400).total).toBeCloseTo(1, 4);
  });

  it('proposes inside the box, as often in a region as its density says', () => {
    const kernel = perturbationKernel(population, priors);
    const rng = seededStream('ayni-test/abc/kernel');
    const draws = 40_000;
    let corner = 0;
    for (let i = 0; i < draws; i++) {
      const [a, b] = kernel.propose(rng);
      expect(a! >= 0 && a! <= 1 && b! >= -2 && b! <= 2).toBe(true);
      if (a! < 0.25) corner++;
    }
    const p = integrate(400).corner;
    // A binomial share: four standard errors √(p(1 − p)/draws) ≈ 0.009.
    expect(Math.abs(corner / draws - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws));
  });

  it('steps with sd √2 times the weighted sd, fixing a parameter whose range is a point', () => {
    const kernel = perturbationKernel(population, priors);
    const w = [1, 2, 0.5, 3].map((x) => x / 6.5);
    const a = [0.02, 0.5, 0.97, 0.1];
    const mean = a.reduce((s, x, i) => s + w[i]! * x, 0);
    const variance = a.reduce((s, x, i) => s + w[i]! * (x - mean) ** 2, 0);
    expect(kernel.sd[0]).toBeCloseTo(Math.sqrt(2 * variance), 12);
    const fixed = perturbationKernel({ values: Float64Array.from([3, 3]), weights: Float64Array.from([1, 1]) }, [
      { name: 'c', low: 3, high: 3 },
    ]);
    expect(fixed.sd[0]).toBe(0);
    expect(Array.from(fixed.propose(seededStream('ayni-test/abc/fixed')))).toEqual([3]);
    expect(logPriorDensity([...priors, { name: 'c', low: 3, high: 3 }])).toBeCloseTo(-Math.log(4), 12);
  });
});
