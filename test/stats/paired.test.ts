import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { bcaInterval, holm, median, signedRankTest, standardDeviation } from '../../src/stats/paired.js';
import { comparePaired } from '../../src/experiments/compare.js';
import fixtures from './fixtures/signed-rank.json' with { type: 'json' };

describe('Wilcoxon signed-rank test', () => {
  it('matches R: wilcox.test(x, y, paired = TRUE), Hollander & Wolfe (1973) p. 29 (R documentation example)', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = signedRankTest(x.map((v, i) => v - (y[i] as number)));
    expect(r.statistic).toBe(40); // R: V = 40
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(0.0390625, 10); // R: p-value = 0.03906 (= 20/512)
  });

  for (const f of fixtures.cases) {
    it(`matches ${fixtures.source}: ${f.name}`, () => {
      const r = signedRankTest(f.d);
      expect(r.statistic).toBe(f.statistic);
      expect(r.pValue).toBeCloseTo(f.pValue, 8);
    });
  }

  it('gives p = 1 when every difference is zero', () => {
    expect(signedRankTest([0, 0, 0]).pValue).toBe(1);
  });
});

describe('Holm adjustment', () => {
  it("matches R's p.adjust(c(0.01, 0.04, 0.03), 'holm') = 0.03, 0.06, 0.06", () => {
    const adjusted = holm([0.01, 0.04, 0.03]);
    [0.03, 0.06, 0.06].forEach((p, i) => expect(adjusted[i]).toBeCloseTo(p, 12));
  });

  it('never exceeds 1 and keeps the order of the raw p-values', () => {
    expect(holm([0.5, 0.9, 0.2])).toEqual([1, 1, 0.6000000000000001]);
  });
});

describe('descriptive statistics', () => {
  it('median and standard deviation of textbook data', () => {
    expect(median([2, 4, 4, 4, 5, 5, 7, 9])).toBe(4.5);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });
});

describe('bootstrap intervals', () => {
  it('an identical variant gives a difference of exactly 0 with a zero-width interval', () => {
    const base = Float64Array.from({ length: 200 }, (_, i) => (i * 37) % 101);
    const r = comparePaired('same', 'activeConflictMonths', 'lower', base, base.slice(), 2000, seedrandom.xor4096('t'));
    expect(r.difference.mean).toBe(0);
    expect(r.difference.ci95).toEqual({ low: 0, high: 0 });
    expect(r.probabilityBetter).toBe(0.5);
    expect(r.effectSize).toBeNull();
  });

  it('covers a known true effect in about 95% of repeated experiments', () => {
    // d_i ~ Normal(1, 2), skewed a little by an exponential term whose mean is known (0.5).
    const rng = seedrandom.xor4096('coverage');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    let covered = 0;
    const experiments = 300;
    for (let e = 0; e < experiments; e++) {
      const d = Array.from({ length: 60 }, () => 1 + 2 * normal() + (-Math.log(1 - rng()) * 0.5 - 0.5));
      const ci = bcaInterval(d, 2000, seedrandom.xor4096(`boot-${e}`));
      if (ci.low <= 1 && 1 <= ci.high) covered++;
    }
    const rate = covered / experiments;
    // Binomial(300, 0.95) lies in [0.92, 0.98] with probability > 0.99.
    expect(rate).toBeGreaterThan(0.92);
    expect(rate).toBeLessThan(0.98);
  }, 30_000);

  it('pairing narrows the interval when arms are correlated', () => {
    const rng = seedrandom.xor4096('pairs');
    const base = Float64Array.from({ length: 300 }, () => 100 + 30 * rng());
    const variant = base.map((x) => x - 2 + rng());
    const r = comparePaired('v', 'activeConflictMonths', 'lower', base, variant, 2000, seedrandom.xor4096('b'));
    expect(r.difference.pairedWidthShare).toBeLessThan(0.2);
    expect(r.probabilityBetter).toBe(1);
  });
});
