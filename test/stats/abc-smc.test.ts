import { describe, expect, it } from 'vitest';
import { normal, seededStream } from '../../src/engine/streams.js';
import { calibratedOverlay, drawByWeight, posteriorSummary } from '../../src/stats/abc-posterior.js';
import { type AbcGeneration, type AbcSimulator, abcSmc, abcSmcSampler } from '../../src/stats/abc-smc.js';
import { effectiveSampleSize, weightedQuantile, weightedQuantiles } from '../../src/stats/weighted-quantiles.js';

/**
 * The toy model with a known answer: y_1..y_n ~ Normal(θ, 1), n = 20, prior θ ~ U(−10, 10),
 * summary ȳ. The exact posterior is Normal(ȳ, 1/n) (the prior's edges are > 30 sd away here).
 * The ABC posterior at tolerance ε (accept |ȳ_sim − ȳ| ≤ ε) is that normal convolved with
 * U(−ε, ε): mean ȳ, variance 1/n + ε²/3. So as ε shrinks it must approach sd 1/√n = 0.2236.
 */
const N_DATA = 20;
const THETA = { name: 'theta', low: -10, high: 10 };

/** The sample mean of n draws at θ; each simulation its own stream, named by the seed it is given. */
function meanModel(tag: string): AbcSimulator {
  return (parameters, seed) => {
    const rng = seededStream(`ayni-test/abc/${tag}/${seed}`);
    let s = 0;
    for (let i = 0; i < N_DATA; i++) s += parameters.theta! + normal(rng);
    return [s / N_DATA];
  };
}

function observedMean(theta: number, key: string): number {
  const rng = seededStream(key);
  let s = 0;
  for (let i = 0; i < N_DATA; i++) s += theta + normal(rng);
  return s / N_DATA;
}

function weightedMoments(values: number[], weights: number[]): { mean: number; sd: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += weights[i]! * values[i]!;
  let variance = 0;
  for (let i = 0; i < values.length; i++) variance += weights[i]! * (values[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(variance) };
}

describe('ABC-SMC on a normal mean (Lenormand, Jabot & Deffuant 2013)', () => {
  const ybar = observedMean(1.3, 'ayni-test/abc/data/analytic');
  const sampler = abcSmcSampler({
    priors: [THETA],
    target: [ybar],
    rng: seededStream('ayni-test/abc/analytic'),
    particles: 2000,
    alpha: 0.5,
    minAcceptance: 0.02,
    scales: [1],
  });
  const simulate = meanModel('analytic');
  const steps: { diagnostics: AbcGeneration; mean: number; sd: number }[] = [];
  while (!sampler.done) {
    const diagnostics = sampler.accept(sampler.propose().map((p) => simulate(p.parameters, p.seed)));
    const { particles } = sampler.posterior();
    steps.push({
      diagnostics,
      ...weightedMoments(
        particles.map((p) => p.parameters.theta!),
        particles.map((p) => p.weight),
      ),
    });
  }
  const posterior = sampler.posterior();

  it('tracks the analytic ABC posterior at every tolerance, and ends at the exact one', () => {
    const exactSd = 1 / Math.sqrt(N_DATA);
    // Generations whose tolerance keeps the ABC posterior far inside the prior (ε + 5 sd from the edges).
    const inside = steps.filter((s) => s.diagnostics.tolerance < 2);
    expect(inside.length).toBeGreaterThanOrEqual(5);
    for (const { diagnostics, mean, sd } of inside) {
      const expectedSd = Math.sqrt(1 / N_DATA + diagnostics.tolerance ** 2 / 3);
      // Monte Carlo error with ESS particles: the mean's standard error is sd/√ESS; the sd's relative
      // standard error is √((κ − 1)/4ESS), κ ≤ 3 (normal, or flatter for the convolution with a uniform),
      // so at most 1/√(2 ESS). Four standard errors each.
      expect(Math.abs(mean - ybar)).toBeLessThan((4 * expectedSd) / Math.sqrt(diagnostics.ess));
      expect(Math.abs(sd / expectedSd - 1)).toBeLessThan(4 / Math.sqrt(2 * diagnostics.ess));
    }
    const last = steps.at(-1)!;
    // At the last tolerance the ABC sd is within 1% of the exact 1/√n (ε²/3 < 0.02/n).
    expect(last.diagnostics.tolerance ** 2 / 3).toBeLessThan(0.02 / N_DATA);
    expect(Math.abs(last.sd / exactSd - 1)).toBeLessThan(0.01 + 4 / Math.sqrt(2 * last.diagnostics.ess));
    const [summary] = posteriorSummary(posterior);
    // Median and 95% interval of Normal(ȳ, 1/n): ȳ ± 1.96/√n; each quantile within 4 of its standard errors,
    // √(p(1 − p)/ESS)/φ(z_p)·sd (0.108 sd at the 2.5% point with ESS ≈ 1,000, 0.04 sd at the median).
    const se = (p: number, z: number) =>
      (Math.sqrt((p * (1 - p)) / last.diagnostics.ess) / (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI))) * exactSd;
    expect(Math.abs(summary!.median - ybar)).toBeLessThan(4 * se(0.5, 0));
    expect(Math.abs(summary!.low - (ybar - 1.96 * exactSd))).toBeLessThan(4 * se(0.025, 1.96));
    expect(Math.abs(summary!.high - (ybar + 1.96 * exactSd))).toBeLessThan(4 * se(0.025, 1.96));
  });

  it('reports diagnostics: tolerances never rise, ESS in (0, N_α], simulations counted, stops on the acceptance rule', () => {
    const gens = posterior.generations;
    expect(gens.length).toBe(steps.length);
    for (let t = 1; t < gens.length; t++) expect(gens[t]!.tolerance).toBeLessThanOrEqual(gens[t - 1]!.tolerance);
    expect(gens.at(-1)!.tolerance).toBeLessThan(gens[0]!.tolerance);
    for (const g of gens) {
      expect(g.ess).toBeGreaterThan(0);
      expect(g.ess).toBeLessThanOrEqual(1000 + 1e-9);
      expect(g.acceptanceRate).toBeGreaterThanOrEqual(0);
      expect(g.acceptanceRate).toBeLessThanOrEqual(1);
    }
    expect(gens[0]).toMatchObject({ generation: 1, acceptanceRate: 1, simulations: 2000, totalSimulations: 2000 });
    gens
      .slice(1)
      .forEach((g, i) => expect(g).toMatchObject({ generation: i + 2, simulations: 1000, totalSimulations: 2000 + 1000 * (i + 1) }));
    expect(posterior.stop).toBe('acceptance');
    expect(gens.at(-1)!.acceptanceRate).toBeLessThanOrEqual(0.02);
    for (const g of gens.slice(1, -1)) expect(g.acceptanceRate).toBeGreaterThan(0.02);
    expect(posterior.particles).toHaveLength(1000);
    expect(posterior.particles.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
    for (const p of posterior.particles) expect(p.distance).toBeLessThanOrEqual(gens.at(-1)!.tolerance);
  });
});

describe('ABC-SMC coverage over repeated trials', () => {
  it('the 95% posterior interval holds the true θ in about 95% of 100 trials with θ drawn from the prior', () => {
    const trials = 100;
    const draws = seededStream('ayni-test/abc/coverage/thetas');
    let covered = 0;
    let widthRatio = 0;
    for (let trial = 0; trial < trials; trial++) {
      const theta = THETA.low + draws() * (THETA.high - THETA.low);
      const ybar = observedMean(theta, `ayni-test/abc/coverage/data/${trial}`);
      const posterior = abcSmc(
        {
          priors: [THETA],
          target: [ybar],
          rng: seededStream(`ayni-test/abc/coverage/${trial}`),
          particles: 500,
          minAcceptance: 0.05,
          scales: [1],
        },
        meanModel(`coverage/${trial}`),
      );
      const [s] = posteriorSummary(posterior);
      if (s!.low <= theta && theta <= s!.high) covered++;
      const epsilon = posterior.generations.at(-1)!.tolerance;
      widthRatio += (s!.high - s!.low) / (2 * 1.96 * Math.sqrt(1 / N_DATA + epsilon ** 2 / 3)) / trials;
    }
    // Set before running: with θ from the prior, a calibrated 95% interval covers Binomial(100, 0.95) times;
    // [89, 100] holds 99.6% of that distribution (P(X ≤ 88) = 0.0043).
    expect(covered).toBeGreaterThanOrEqual(89);
    // Coverage alone cannot see intervals that are too wide; their mean width must match the analytic one
    // (normal approximation of the ABC posterior at the final ε). Per trial the width's Monte Carlo error is
    // about 7% (2.5% quantiles from ESS ≈ 200), so 0.7% over 100 trials: ±5% is over six standard errors.
    expect(Math.abs(widthRatio - 1)).toBeLessThan(0.05);
  });
});

describe('ABC-SMC with a parameter the summaries do not identify', () => {
  it('leaves that parameter at its prior while the other one narrows', () => {
    const ybar = observedMean(-2, 'ayni-test/abc/data/unidentified');
    // Summaries: the mean (depends on θ) and the sample sd (depends on nothing); nuisance never enters.
    const simulate: AbcSimulator = (parameters, seed) => {
      const rng = seededStream(`ayni-test/abc/unidentified/${seed}`);
      const ys = Array.from({ length: N_DATA }, () => parameters.theta! + normal(rng));
      const m = ys.reduce((a, b) => a + b, 0) / N_DATA;
      return [m, Math.sqrt(ys.reduce((a, y) => a + (y - m) ** 2, 0) / (N_DATA - 1))];
    };
    const posterior = abcSmc(
      {
        priors: [THETA, { name: 'nuisance', low: 0, high: 1 }],
        target: [ybar, 1],
        rng: seededStream('ayni-test/abc/unidentified'),
        particles: 2000,
        minAcceptance: 0.05,
      },
      simulate,
    );
    const ess = posterior.generations.at(-1)!.ess;
    const [theta, nuisance] = posteriorSummary(posterior);
    // U(0, 1): mean 0.5, sd 1/√12, 2.5% and 97.5% points 0.025 and 0.975. Four standard errors each:
    // the mean's (1/√12)/√ESS, the sd's relative √((κ − 1)/4ESS) with κ = 1.8, a quantile's √(p(1 − p)/ESS).
    expect(Math.abs(nuisance!.mean - 0.5)).toBeLessThan(4 / Math.sqrt(12) / Math.sqrt(ess));
    expect(Math.abs(nuisance!.sd * Math.sqrt(12) - 1)).toBeLessThan(4 * Math.sqrt(0.8 / (4 * ess)));
    expect(Math.abs(nuisance!.low - 0.025)).toBeLessThan(4 * Math.sqrt((0.025 * 0.975) / ess));
    expect(Math.abs(nuisance!.high - 0.975)).toBeLessThan(4 * Math.sqrt((0.025 * 0.975) / ess));
    expect(Math.abs(nuisance!.median - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / ess));
    // The identified parameter. For normal data ȳ and s are independent, so θ − ȳ is N(0, 1/n) plus the accepted
    // mean mismatch D, and |D| ≤ s₁ε (ε the final tolerance, s₁ the mean's scale): var(D) ≤ (s₁ε)²/3, the uniform's
    // (the sd summary only narrows D's range). Hence sd(θ) ≤ √(1/n + (s₁ε)²/3), up to 4 relative standard errors.
    const epsilon = posterior.generations.at(-1)!.tolerance;
    const bound = Math.sqrt(1 / N_DATA + (posterior.scales[0]! * epsilon) ** 2 / 3);
    expect(theta!.sd).toBeLessThan(bound * (1 + 4 / Math.sqrt(2 * ess)));
    expect(theta!.sd).toBeLessThan(20 / Math.sqrt(12) / 5);
    expect(theta!.low).toBeLessThan(ybar);
    expect(theta!.high).toBeGreaterThan(ybar);
    // The default scales are the MADs of the prior-predictive summaries: ȳ spreads over the prior (MAD ≈ 5).
    expect(posterior.scales[0]).toBeGreaterThan(3);
    expect(posterior.scales[1]).toBeLessThan(0.5);
  });
});

describe('ABC-SMC determinism and the ask–tell contract', () => {
  const options = (key: string) => ({ priors: [THETA], target: [0.4], rng: seededStream(key), particles: 200, scales: [1] });

  it('gives the same particles for the same seed, and others for another', () => {
    const a = abcSmc(options('ayni-test/abc/same'), meanModel('same'));
    const b = abcSmc(options('ayni-test/abc/same'), meanModel('same'));
    const c = abcSmc(options('ayni-test/abc/other'), meanModel('same'));
    expect(b).toEqual(a);
    expect(c.particles).not.toEqual(a.particles);
  });

  it('hands out seeds in simulation order and refuses out-of-order calls', () => {
    const sampler = abcSmcSampler({ ...options('ayni-test/abc/contract'), firstSeed: 100 });
    expect(() => sampler.accept([])).toThrow(/nothing was proposed/);
    const first = sampler.propose();
    expect(first.map((p) => p.seed)).toEqual(Array.from({ length: 200 }, (_, i) => 100 + i));
    expect(() => sampler.propose()).toThrow(/not been accepted/);
    expect(() => sampler.accept(first.slice(1).map(() => [0]))).toThrow(/199 summaries for 200/);
    sampler.accept(first.map(() => [0]).map((s, i) => [s[0]! + i]));
    const second = sampler.propose();
    expect(second).toHaveLength(100);
    expect(second[0]!.simulation).toBe(200);
    for (const p of second) {
      expect(p.parameters.theta).toBeGreaterThanOrEqual(-10);
      expect(p.parameters.theta).toBeLessThanOrEqual(10);
    }
  });
});

describe('weighted quantiles and effective sample size', () => {
  it('with equal weights, are Hyndman & Fan type 5 (midpoints (i − ½)/n, linear between)', () => {
    const x = [4, 1, 3, 2];
    const w = [1, 1, 1, 1];
    // Positions 0.125, 0.375, 0.625, 0.875 for 1, 2, 3, 4.
    expect(weightedQuantiles(x, w, [0, 0.125, 0.25, 0.5, 0.8, 1])).toEqual([1, 1, 1.5, 2.5, 3.7, 4]);
  });

  it('give a heavy value its share of probability', () => {
    // Weights 1 and 3: positions 1/8 and 5/8; the median is 3/4 of the way from 0 to 10 along (0.5 − 0.125)/0.5.
    expect(weightedQuantile([0, 10], [1, 3], 0.5)).toBeCloseTo(7.5, 12);
    expect(weightedQuantile([0, 10, 99], [1, 3, 0], 1)).toBe(10);
    expect(weightedQuantile([], [], 0.5)).toBeNaN();
  });

  it('ESS is N for equal weights and 1 for a single one', () => {
    expect(effectiveSampleSize([2, 2, 2, 2])).toBe(4);
    expect(effectiveSampleSize([0, 5, 0])).toBe(1);
  });
});

describe('calibrated overlay', () => {
  it('nests dotted parameter paths', () => {
    expect(
      calibratedOverlay([
        { name: 'parameters.conflict.crisisRate', median: 0.1 },
        { name: 'parameters.conflict.escalation', median: 2 },
        { name: 'parameters.trust.buildRate', median: 0.05 },
      ]),
    ).toEqual({ parameters: { conflict: { crisisRate: 0.1, escalation: 2 }, trust: { buildRate: 0.05 } } });
    expect(() =>
      calibratedOverlay([
        { name: 'a.b', median: 1 },
        { name: 'a.b.c', median: 2 },
      ]),
    ).toThrow(/runs through/);
    expect(() =>
      calibratedOverlay([
        { name: 'a.b.c', median: 1 },
        { name: 'a.b', median: 2 },
      ]),
    ).toThrow(/set twice or inside/);
  });
});

describe('drawing particles by weight (the posterior predictive check)', () => {
  it('draws each index with probability its weight, never one of weight 0', () => {
    const draws = drawByWeight([0, 3, 1, 0], 40_000, seededStream('test/abc/draw-by-weight'));
    const counts = [0, 1, 2, 3].map((i) => draws.filter((d) => d === i).length);
    expect(counts[0]).toBe(0);
    expect(counts[3]).toBe(0);
    // Share of index 1 is 3/4; its sd over 40,000 draws is √(0.75·0.25/40,000) ≈ 0.0022, so 0.01 is 4.6 sd.
    expect(Math.abs((counts[1] as number) / 40_000 - 0.75)).toBeLessThan(0.01);
  });

  it('refuses weights that sum to nothing', () => {
    expect(() => drawByWeight([0, 0], 3, seededStream('test/abc/none'))).toThrow(/no positive weight/);
  });
});
