/**
 * The seed as a factor (batch/design.ts, SEED_FACTOR) and the Morris noise floor through
 * runExperiment and the batch engine, on the Ishigami function with and without known Gaussian
 * noise (noise: σ adds σZ, Z from the run seed). Analytic values:
 *  - Deterministic Ishigami ignores the seed: the seed factor's indices are exactly 0 (the
 *    Saltelli and Jansen estimators difference outputs that are equal).
 *  - With noise σ, Y = f(x) + σZ(seed) and Var Y = V + σ², V = the Ishigami variance (Saltelli et
 *    al. 2008, The Primer: V = (1 + bπ⁴/5)²/2 + a²/8 + 8b²π⁸/225 ≈ 13.84 at a = 7, b = 0.1), so the
 *    seed's S1 = ST = σ²/(V + σ²).
 *  - In a Morris design the seed steps between two seeds of its own per trajectory, so its
 *    elementary effect is σ(Z' − Z)/Δ and μ* = E|N(0, 2σ²/R)|/Δ = 2σ/(Δ√(πR)).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runExperiment } from '../../src/experiments/experiment.js';
import { mergeShards } from '../../src/batch/merge.js';
import { loadDesignFile } from '../../src/experiments/design-file.js';
import { ISHIGAMI_A, ISHIGAMI_B } from '../../src/stats/test-functions.js';
import { tempFolder } from '../helpers/temp.js';

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

const csv = (path: string) => {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = (header as string).split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], v])));
};

/** A design file on an Ishigami scenario with the given noise, in a new temporary folder. */
function designIn(name: string, noise: number, design: Record<string, unknown>): { dir: string; file: string } {
  const dir = tempFolder(name);
  writeFileSync(join(dir, 'ishigami.yaml'), stringify({ extends: repo('scenarios/test-functions/ishigami.yaml'), noise }));
  const file = join(dir, 'design.yaml');
  writeFileSync(file, stringify({ scenario: 'ishigami.yaml', ...design }));
  return { dir, file };
}

async function run(file: string, out: string, workers = 0) {
  const result = await runExperiment(file, { out, workers });
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data;
}

const estimate = (rows: readonly { factor: string; index: string; estimate: number }[], factor: string, index: string) =>
  rows.find((r) => r.factor === factor && r.index === index)?.estimate ?? Number.NaN;

const pi4 = Math.PI ** 4;
const V = (1 + (ISHIGAMI_B * pi4) / 5) ** 2 / 2 + ISHIGAMI_A ** 2 / 8 + (8 * ISHIGAMI_B ** 2 * Math.PI ** 8) / 225;

const sobolDesign = {
  design: { kind: 'sobol', baseSamples: 4096 },
  factors: [{ path: 'x1' }, { path: 'x2' }, { path: 'x3' }, { path: 'seed' }],
};

describe('the seed as a factor', () => {
  const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'fractional levels',
      { design: { kind: 'factorial' }, factors: [{ path: 'x1' }, { path: 'seed', levels: [1, 2.5] }] },
      /factors\.1\.levels.*whole/,
    ],
    [
      'a range past 2^31',
      { design: { kind: 'lhs', points: 4 }, factors: [{ path: 'seed', range: [0, 2 ** 32] }] },
      /factors\.0\.range.*2\^31/,
    ],
    [
      'the seed as a contrast',
      { design: { kind: 'lhs', points: 4 }, factors: [{ path: 'x1' }], contrast: { path: 'seed', base: 1, variant: 2 } },
      /contrast\.path.*seed/,
    ],
  ];
  it.each(refusals)('refuses %s, naming the field', (_, design, message) => {
    const { file } = designIn('seed-refused', 0, design);
    const loaded = loadDesignFile(file);
    expect(loaded.success).toBe(false);
    if (!loaded.success) expect(loaded.error.map((e) => `${e.path.join('.')}: ${e.message}`).join('\n')).toMatch(message);
  });

  it('has Sobol indices 0 for the deterministic Ishigami function', async () => {
    const { dir, file } = designIn('seed-sobol-0', 0, { ...sobolDesign, design: { kind: 'sobol', baseSamples: 256 } });
    const s = await run(file, join(dir, 'out'));
    expect(estimate(s.sensitivity, 'seed', 'S1')).toBe(0);
    expect(estimate(s.sensitivity, 'seed', 'ST')).toBe(0);
  }, 60_000);

  it('has randomness’ share σ²/(V + σ²) of the variance for Ishigami plus noise', async () => {
    const sigma = 2;
    const { dir, file } = designIn('seed-sobol-noise', sigma, sobolDesign);
    const s = await run(file, join(dir, 'out'));
    const share = sigma ** 2 / (V + sigma ** 2);
    // ≈ 0.224. At N = 2^12 the Saltelli/Jansen estimators' bootstrap half-widths on Ishigami are
    // 0.02–0.04 (experiment-cli.test.ts), so 0.04 is about their 95% sampling error.
    expect(Math.abs(estimate(s.sensitivity, 'seed', 'S1') - share)).toBeLessThan(0.04);
    expect(Math.abs(estimate(s.sensitivity, 'seed', 'ST') - share)).toBeLessThan(0.04);
    // The points with the same seed value share their seed, the others do not (replicate 0).
    const runs = csv(join(dir, 'out', 'runs.csv'));
    expect(Object.keys(runs[0] ?? {})).toEqual(['point', 'replicate', 'run', 'seed', 'status', 'x1', 'x2', 'x3', 'seedValue', 'y']);
    const byValue = new Map<string, Set<string>>();
    for (const row of runs)
      byValue.set(row['seedValue'] as string, (byValue.get(row['seedValue'] as string) ?? new Set()).add(row['seed'] as string));
    expect([...byValue.values()].every((seeds) => seeds.size === 1)).toBe(true);
    expect(new Set(runs.map((r) => r['seed'])).size).toBe(byValue.size);
  }, 120_000);

  it('is the noise floor of a Morris screening: μ* 0 without noise, 2σ/(Δ√(πR)) with it', async () => {
    const morris = { design: { kind: 'morris', trajectories: 200, levels: 4 }, factors: sobolDesign.factors };
    const quiet = designIn('seed-morris-0', 0, morris);
    expect(estimate((await run(quiet.file, join(quiet.dir, 'out'))).sensitivity, 'seed', 'muStar')).toBe(0);
    const sigma = 1;
    const noisy = designIn('seed-morris-noise', sigma, morris);
    const s = await run(noisy.file, join(noisy.dir, 'out'));
    const expected = (2 * sigma) / ((4 / 6) * Math.sqrt(Math.PI));
    // μ* is a mean of r = 200 independent |N(0, s²)|, relative standard error
    // √(1 − 2/π)/(√(2/π)√r) ≈ 5.3%; 4 of them is 21%.
    expect(Math.abs(estimate(s.sensitivity, 'seed', 'muStar') / expected - 1)).toBeLessThan(0.21);
    // Every trajectory steps between seeds 2t and 2t + 1.
    const design = csv(join(noisy.dir, 'out', 'design.csv'));
    expect(new Set(design.map((p) => p['seed'])).size).toBe(400);
  }, 120_000);

  it('gives the same tables at any worker count and from merged shards; the noise floor with replicates', async () => {
    const { dir, file } = designIn('seed-workers', 1, {
      design: { kind: 'morris', trajectories: 20, levels: 4 },
      factors: sobolDesign.factors,
      replications: 3,
    });
    await run(file, join(dir, 'w0'), 0);
    const s = await run(file, join(dir, 'w2'), 2);
    // Shards check each other's seeds against batch.json's point seeds when merged.
    for (const index of [1, 2])
      expect((await runExperiment(file, { out: join(dir, `s${index}`), workers: 1, shard: { index, count: 2 } })).success).toBe(true);
    expect((await mergeShards([join(dir, 's1', 'batch'), join(dir, 's2', 'batch')], join(dir, 'm', 'batch'))).success).toBe(true);
    await run(file, join(dir, 'm'), 0);
    for (const name of ['design.csv', 'runs.csv', 'runs.parquet', 'sensitivity.csv'])
      for (const other of ['w2', 'm'])
        expect(readFileSync(join(dir, other, name)).equals(readFileSync(join(dir, 'w0', name))), `${other}/${name}`).toBe(true);
    // Additive noise with common random numbers: replicate j of both ends of an x step shares
    // its seed, so the x factors' per-replicate effects agree and their floor is 0 up to
    // rounding; the seed's step changes the seed, so its floor is the noise, of μ*'s size.
    for (const x of ['x1', 'x2', 'x3']) expect(estimate(s.sensitivity, x, 'muStarNoise')).toBeLessThan(1e-9);
    expect(estimate(s.sensitivity, 'seed', 'muStarNoise')).toBeGreaterThan(0.3 * estimate(s.sensitivity, 'seed', 'muStar'));
    const runs = csv(join(dir, 'w0', 'runs.csv'));
    // Replicates of a point have seeds of their own; replicate j of two points in one trajectory
    // before the seed's step share theirs.
    expect(new Set(runs.slice(0, 3).map((r) => r['seed'])).size).toBe(3);
  }, 120_000);
});
