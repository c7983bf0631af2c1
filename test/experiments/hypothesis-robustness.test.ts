/**
 * Robust verdicts run end to end (experiments/hypothesis-robustness.ts): the base and the
 * variant as design batches over the assumptions, the rule at each point.
 *
 * The planted case is analytic. On the Ishigami function y = sin x1 + a sin² x2 + b x3⁴ sin x1
 * (Ishigami & Homma 1990), a variant that only raises b by 1 has the paired effect
 * d = x3⁴ sin x1 exactly (no randomness), so its sign is the sign of x1 on [−π, π]: with
 * "expect lower, excludes zero" the rule is supported exactly where x1 < 0 and contradicted
 * where x1 > 0. At the default (x1 = 1, x3 = 1) d = sin 1 > 0: contradicted. A Latin
 * hypercube of 64 points over [−π, π] has one point in each of 64 equal strata of x1, and 0 is
 * the edge between strata 32 and 33, so exactly 32 points are supported and 32 contradicted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { testHypothesis } from '../../src/experiments/hypothesis-file.js';
import { planRobustness, robustnessSummary } from '../../src/experiments/hypothesis-robustness.js';
import { HypothesisSchema } from '../../src/experiments/hypothesis.js';
import { loadScenario, loadVariant } from '../../src/io/scenario-file.js';
import { tempFolder } from '../helpers/temp.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';

const dir = tempFolder('robust-lib');
writeFileSync(join(dir, 'ishigami.yaml'), stringify({ model: 'ishigami', name: 'ishigami', x1: 1, x3: 1 }));
writeFileSync(join(dir, 'ishigami-b.yaml'), stringify({ model: 'ishigami', name: 'ishigami-b', x1: 1, x3: 1, b: 1.1 }));
writeFileSync(join(dir, 'ishigami-x1.yaml'), stringify({ model: 'ishigami', name: 'ishigami-x1', x1: 2, x3: 1 }));
writeFileSync(join(dir, 'tiny.yaml'), stringify({ ...tinyScenarioInput(3), months: 60 }));
writeFileSync(join(dir, 'early.yaml'), 'name: early\npolicies:\n  dialogue:\n    timing: early\n');
writeFileSync(
  join(dir, 'early-breach.yaml'),
  'name: early-breach\npolicies:\n  dialogue:\n    timing: early\nparameters:\n  trust:\n    reputationPerBreach: 0.2\n',
);

let written = 0;
const hypothesisFile = (fields: Record<string, unknown>) => {
  const file = join(dir, `h-${written++}.yaml`);
  writeFileSync(file, stringify({ statement: 's', expect: 'lower', smallestEffect: 0, ...fields }));
  return file;
};
const ishigamiHypothesis = (robustness: Record<string, unknown>, variant = 'ishigami-b.yaml') =>
  hypothesisFile({ base: 'ishigami.yaml', variant, primary: 'y', rule: 'excludes-zero', runs: 2, robustness });

describe('a planted sign change (Ishigami, d = x3⁴ sin x1)', () => {
  const file = ishigamiHypothesis({ assumptions: ['x1', 'x2', 'x3'], design: { kind: 'lhs', points: 64 }, replications: 2 });
  const run = (out: string) => testHypothesis(file, { out, workers: 0 });

  it('splits the space exactly at x1 = 0, names x1 first and puts the flip box on it', async () => {
    const out = join(dir, 'planted');
    const result = await run(out);
    if (!result.success) throw new Error(JSON.stringify(result.error));
    expect(result.data.verdict).toBe('contradicted');
    const r = result.data.robustness;
    if (!r) throw new Error('no robustness');
    expect(r.points).toBe(64);
    expect(r.share).toEqual({ supported: 0.5, contradicted: 0.5, inconclusive: 0 });
    r.effects.forEach((e, p) => {
      const [x1, , x3] = e.values as [number, number, number];
      // Exact up to rounding of the two runs' y (each about 10 at most): 1e-9 is far below any x3⁴ sin x1 used here.
      expect(e.difference).toBeCloseTo(x3 ** 4 * Math.sin(x1), 9);
      expect(r.verdicts[p]).toBe(x1 < 0 ? 'supported' : 'contradicted');
    });
    expect(r.drivers[0]?.factor).toBe('x1');
    expect(r.drivers[0]?.spearman).toBeGreaterThan(0);
    expect(r.flips.share).toBe(0.5);
    const box = r.flips.box;
    if (!box) throw new Error('no box');
    const limit = (f: string) => box.limits.find((l) => l.factor === f);
    // Flips are the points with x1 < 0: the densest box cuts x1 from above, below 0, and leaves x2, x3 free.
    expect(limit('x1')?.restricted).toBe(true);
    expect(limit('x1')?.high).toBeLessThan(0);
    expect(limit('x2')?.restricted).toBe(false);
    expect(limit('x3')?.restricted).toBe(false);
    expect(box.density).toBe(1);
    const summary = robustnessSummary(r);
    expect(summary.flips.box?.limits.map((l) => l.factor)).toEqual(['x1']);
    expect(summary.flips.box?.limits[0]?.low).toBeNull();
    expect(summary.flips.trajectory.length).toBeGreaterThan(1);

    // Run again in the same folder: the batches are found complete and give the same numbers.
    const again = await run(out);
    if (!again.success) throw new Error(JSON.stringify(again.error));
    expect(again.data.robustness?.effects).toEqual(r.effects);
  }, 60_000);

  it('a Sobol design apportions the effect: S1(x1) = 9/25, ST(x1) = 1, ST(x3) = 16/25, x2 none', async () => {
    // f = x3⁴ sin x1, x uniform on [−π, π]: V = E[x3⁸] E[sin² x1] = (π⁸/9)(1/2); E[f | x1] = (π⁴/5) sin x1, so
    // V1 = (π⁸/25)(1/2) and S1(x1) = 9/25; E[f | x3] = 0, so S1(x3) = 0, ST(x1) = 1 and ST(x3) = 1 − 9/25.
    // f does not read x2: its indices are zero up to the rounding of y (|y| < 100, so about 1e-14) in each arm's
    // a sin² x2 term, which cancels in variant − base only to the last bits; 1e-12 is far below any real share.
    const file = ishigamiHypothesis({ assumptions: ['x1', 'x2', 'x3'], design: { kind: 'sobol', baseSamples: 1024 }, replications: 2 });
    const result = await testHypothesis(file, { out: join(dir, 'sobol'), workers: 0 });
    if (!result.success) throw new Error(JSON.stringify(result.error));
    const r = result.data.robustness;
    if (!r) throw new Error('no robustness');
    expect(r.points).toBe(1024 * 5);
    const index = (factor: string, name: 'S1' | 'ST') => r.indices.find((x) => x.factor === factor && x.index === name);
    // Each analytic value inside the estimate's 95% bootstrap interval.
    for (const [factor, name, value] of [
      ['x1', 'S1', 9 / 25],
      ['x1', 'ST', 1],
      ['x3', 'S1', 0],
      ['x3', 'ST', 16 / 25],
    ] as const) {
      const row = index(factor, name);
      expect(row?.low, `${name}(${factor})`).toBeLessThanOrEqual(value);
      expect(row?.high, `${name}(${factor})`).toBeGreaterThanOrEqual(value);
    }
    expect(Math.abs(index('x2', 'S1')?.estimate ?? 1)).toBeLessThan(1e-12);
    expect(Math.abs(index('x2', 'ST')?.estimate ?? 1)).toBeLessThan(1e-12);
    expect(robustnessSummary(r).indices[0]?.factor).toBe('x1');
  }, 60_000);

  it('refuses an assumption the variant sets, and a path outside the parameter table', async () => {
    const setByVariant = await testHypothesis(ishigamiHypothesis({ assumptions: ['x2', 'x1'] }, 'ishigami-x1.yaml'), {
      out: join(dir, 'refused'),
      workers: 0,
    });
    expect(setByVariant.success).toBe(false);
    if (setByVariant.success) return;
    expect(setByVariant.error).toHaveLength(1);
    expect(setByVariant.error[0]?.path).toEqual(['robustness', 'assumptions', '1']);
    expect(setByVariant.error[0]?.message).toMatch(/x1 is set by the variant \(base 1, variant 2\)/);

    const unknown = await testHypothesis(ishigamiHypothesis({ assumptions: ['b'] }), { out: join(dir, 'unknown'), workers: 0 });
    expect(unknown.success).toBe(false);
    if (unknown.success) return;
    expect(unknown.error[0]?.path).toEqual(['robustness', 'assumptions', '0']);
    expect(unknown.error[0]?.message).toMatch(/b is not in model ishigami's parameter table/);

    // Ishigami's table marks no parameter an assumption: the default list is empty, and says so.
    const none = await testHypothesis(ishigamiHypothesis({}), { out: join(dir, 'none'), workers: 0 });
    expect(none.success).toBe(false);
    if (!none.success) expect(none.error[0]?.path).toEqual(['robustness']);
  }, 60_000);
});

describe('the default assumptions of the Peru model', () => {
  const plan = (variant: string) => {
    const base = loadScenario(join(dir, 'tiny.yaml'));
    const loaded = loadVariant(join(dir, variant), join(dir, 'tiny.yaml'));
    if (!base.success || !loaded.success) throw new Error('tiny scenarios do not load');
    const h = HypothesisSchema.parse({
      statement: 's',
      base: 'tiny.yaml',
      variant,
      primary: 'activeConflictMonths',
      expect: 'lower',
      smallestEffect: 1,
      robustness: {},
    });
    return planRobustness('h.yaml', h.robustness!, h.seed, base.data, loaded.data);
  };

  it('are every parameter whose source says assumption (148), less those the variant sets', () => {
    const all = plan('early.yaml');
    if (!all.success) throw new Error(JSON.stringify(all.error));
    expect(all.data.factors).toHaveLength(148);
    expect(all.data.held).toEqual([]);
    expect(all.data.design).toEqual({ kind: 'lhs', points: 64 });
    expect(all.data.replications).toBe(100);
    const held = plan('early-breach.yaml');
    if (!held.success) throw new Error(JSON.stringify(held.error));
    expect(held.data.held).toEqual(['parameters.trust.reputationPerBreach']);
    expect(held.data.factors.map((f) => f.path)).not.toContain('parameters.trust.reputationPerBreach');
    expect(held.data.factors).toHaveLength(147);
  });

  it('are sampled rounded where the scenario takes only whole numbers (Epstein steps), and as drawn elsewhere', () => {
    const file = new URL('../../scenarios/reference/epstein-legitimacy-gradual.yaml', import.meta.url).pathname;
    const epstein = loadScenario(file);
    if (!epstein.success) throw new Error(JSON.stringify(epstein.error));
    const spec = HypothesisSchema.parse({
      statement: 's',
      base: 'b.yaml',
      variant: 'v.yaml',
      primary: 'peakActive',
      expect: 'higher',
      smallestEffect: 1,
      robustness: { assumptions: ['steps', 'threshold'] },
    }).robustness!;
    const planned = planRobustness('h.yaml', spec, 1, epstein.data, epstein.data);
    if (!planned.success) throw new Error(JSON.stringify(planned.error));
    expect(planned.data.integer).toEqual([true, false]);
  });

  it('give the same numbers on 0 and 2 workers, with shares that sum to 1', async () => {
    const file = hypothesisFile({
      base: 'tiny.yaml',
      variant: 'early.yaml',
      primary: 'activeConflictMonths',
      smallestEffect: 1,
      runs: 10,
      robustness: { design: { kind: 'lhs', points: 5 }, replications: 4 },
    });
    const inProcess = await testHypothesis(file, { out: join(dir, 'w0'), workers: 0 });
    const threads = await testHypothesis(file, { out: join(dir, 'w2'), workers: 2 });
    if (!inProcess.success || !threads.success) throw new Error('a test failed to run');
    const a = inProcess.data.robustness;
    const b = threads.data.robustness;
    if (!a || !b) throw new Error('no robustness');
    expect(a.runs).toEqual({ total: 2 * 5 * 4, failed: 0 });
    expect(a.factors).toHaveLength(148);
    expect(b.effects).toEqual(a.effects);
    expect(b.share).toEqual(a.share);
    expect(b.drivers).toEqual(a.drivers);
    expect(a.share.supported + a.share.contradicted + a.share.inconclusive).toBeCloseTo(1, 12);
    expect(a.defaultVerdict).toBe(inProcess.data.verdict);
  }, 60_000);
});
