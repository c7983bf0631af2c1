/**
 * `ayni experiment`: the shipped Ishigami design through the built CLI and the batch engine
 * against the function's analytic indices, the tables it writes, and bad design files (exit 2,
 * one line naming the file and the field).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ishigamiIndices } from '../../src/stats/test-functions.js';
import { loadDesignFile } from '../../src/experiments/design-file.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const ayni = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const csv = (path: string) => {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const names = (header as string).split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], v])));
};

describe('ayni experiment', () => {
  it('gives the Ishigami indices of designs/ishigami-sobol.yaml (N = 2^12) within 0.02 of the analytic ones', () => {
    const out = tempFolder('experiment-ishigami');
    const r = ayni('experiment', repo('designs/ishigami-sobol.yaml'), '--out', out, '--workers', '2', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Analytic: S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) (Saltelli et al. 2008,
    // The Primer). 0.02 is the tolerance: with N = 4,096 the bootstrap half-widths
    // are 0.02–0.04 for S1, so an estimator or design bug of that size would show.
    const exact = ishigamiIndices();
    const rows = csv(join(out, 'sensitivity.csv'));
    expect(rows).toHaveLength(6);
    ['x1', 'x2', 'x3'].forEach((x, i) => {
      const s1 = rows.find((row) => row['factor'] === x && row['index'] === 'S1');
      const st = rows.find((row) => row['factor'] === x && row['index'] === 'ST');
      expect(s1).toMatchObject({ output: 'y', method: 'sobol' });
      expect(Math.abs(Number(s1?.['estimate']) - (exact.S1[i] as number))).toBeLessThan(0.02);
      expect(Math.abs(Number(st?.['estimate']) - (exact.ST[i] as number))).toBeLessThan(0.02);
      expect(Number(s1?.['low'])).toBeLessThan(Number(s1?.['high']));
    });
    const design = csv(join(out, 'design.csv'));
    expect(design).toHaveLength(4096 * 5);
    const runs = csv(join(out, 'runs.csv'));
    expect(Object.keys(runs[0] ?? {})).toEqual(['point', 'replicate', 'run', 'seed', 'status', 'x1', 'x2', 'x3', 'y']);
    // Row 7 is A_B^(1) of base row 1: the tidy table carries the point's factor values.
    expect(runs[7]?.['x1']).toBe(design[7]?.['x1']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ kind: 'experiment', points: 20480, replications: 1, runs: { total: 20480, completed: 20480 } });
    // Run again: the batch is found complete and the tables come out the same.
    const before = readFileSync(join(out, 'sensitivity.csv'), 'utf8');
    expect(ayni('experiment', repo('designs/ishigami-sobol.yaml'), '--out', out, '--workers', '0', '--quiet').code).toBe(0);
    expect(readFileSync(join(out, 'sensitivity.csv'), 'utf8')).toBe(before);
  }, 120_000);

  it('analyses a paired contrast: the effect of a on the Ishigami function depends on x2 alone', () => {
    // y(a = 0) − y(a = 7) = −7 sin² x2 exactly: x1 and x3 have S1 = ST = 0 exactly (their
    // columns change nothing in the difference), and x2 has S1 = ST = 1 up to the Saltelli
    // estimator's sampling error (0.05 at N = 2^10 is several times its bootstrap half-width).
    const dir = tempFolder('experiment-contrast');
    const file = join(dir, 'contrast.yaml');
    writeFileSync(
      file,
      stringify({
        scenario: repo('scenarios/test-functions/ishigami.yaml'),
        design: { kind: 'sobol', baseSamples: 1024 },
        factors: [{ path: 'x1' }, { path: 'x2' }, { path: 'x3' }],
        contrast: { path: 'a', base: 7, variant: 0 },
        replications: 2,
      }),
    );
    const out = join(dir, 'out');
    const r = ayni('experiment', file, '--out', out, '--workers', '1', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = csv(join(out, 'sensitivity.csv'));
    const value = (x: string, index: string) =>
      Number(rows.find((row) => row['factor'] === x && row['index'] === index && row['output'] === 'y(0-7)')?.['estimate']);
    for (const index of ['S1', 'ST']) {
      // Zero up to rounding: the two arms' sin x1 terms cancel in the difference to ~1e-16.
      expect(Math.abs(value('x1', index))).toBeLessThan(1e-12);
      expect(Math.abs(value('x3', index))).toBeLessThan(1e-12);
      expect(Math.abs(value('x2', index) - 1)).toBeLessThan(0.05);
    }
    const runs = csv(join(out, 'runs.csv'));
    expect(runs).toHaveLength(1024 * 5 * 2 * 2);
    expect(runs.slice(0, 4).map((row) => [row['point'], row['arm'], row['replicate'], row['a']])).toEqual([
      ['0', 'base', '0', '7'],
      ['0', 'base', '1', '7'],
      ['0', 'variant', '0', '0'],
      ['0', 'variant', '1', '0'],
    ]);
    expect(runs[0]?.['seed']).toBe(runs[2]?.['seed']);
  }, 120_000);

  it("scores a Latin hypercube by regression: the Ishigami function's analytic standardised coefficients", () => {
    // SRC_i = cov(x_i, y) / (sd x_i sd y). With x uniform on [−π, π]: cov(x1, y) =
    // E[x1 sin x1] (1 + b E[x3⁴]) = 1 × (1 + 0.1 π⁴/5) = 2.948, sd x1 = π/√3, sd y = √13.845
    // (Saltelli et al. 2008), so SRC1 = 0.437; sin² x2 and x3⁴ are even, so SRC2 = SRC3 = 0,
    // and R² = SRC1² = 0.19. The bound is 4 standard errors of the coefficient.
    const dir = tempFolder('experiment-lhs');
    const file = join(dir, 'lhs.yaml');
    writeFileSync(
      file,
      stringify({
        scenario: repo('scenarios/test-functions/ishigami.yaml'),
        design: { kind: 'lhs', points: 4000 },
        factors: [{ path: 'x1' }, { path: 'x2' }, { path: 'x3' }],
      }),
    );
    const out = join(dir, 'out');
    const r = ayni('experiment', file, '--out', out, '--workers', '0', '--quiet', '--no-report');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = csv(join(out, 'sensitivity.csv'));
    const row = (factor: string, index: string) =>
      rows.find((x) => x['factor'] === factor && x['index'] === index && x['method'] === 'regression');
    const exact: Record<string, number> = { x1: 2.948 / ((Math.PI / Math.sqrt(3)) * Math.sqrt(13.845)), x2: 0, x3: 0 };
    for (const [factor, value] of Object.entries(exact)) {
      const src = row(factor, 'SRC');
      const se = (Number(src?.['high']) - Number(src?.['low'])) / (2 * 1.96);
      expect(Math.abs(Number(src?.['estimate']) - value)).toBeLessThan(4 * se);
      expect(row(factor, 'spearman')).toBeDefined();
    }
    expect(Math.abs(Number(row('(all)', 'R2')?.['estimate']) - (exact['x1'] as number) ** 2)).toBeLessThan(0.03);
  }, 60_000);

  it('writes the same tables from two shards merged as from one run', () => {
    const dir = tempFolder('experiment-shards');
    const file = join(dir, 'd.yaml');
    writeFileSync(
      file,
      stringify({
        scenario: repo('scenarios/test-functions/ishigami.yaml'),
        design: { kind: 'sobol', baseSamples: 64 },
        factors: [{ path: 'x1' }, { path: 'x2' }, { path: 'x3' }],
        replications: 2,
      }),
    );
    const at = (name: string) => join(dir, name);
    expect(ayni('experiment', file, '--out', at('one'), '--workers', '0', '--quiet').code).toBe(0);
    for (const k of [1, 2])
      expect(ayni('experiment', file, '--out', at(`s${k}`), '--shard', `${k}/2`, '--workers', '1', '--quiet').code).toBe(0);
    expect(ayni('merge', at('s1/batch'), at('s2/batch'), '--out', at('m/batch')).code).toBe(0);
    expect(ayni('experiment', file, '--out', at('m'), '--quiet').code).toBe(0);
    for (const name of ['design.csv', 'runs.csv', 'runs.parquet', 'sensitivity.csv'])
      expect(readFileSync(at(`m/${name}`)).equals(readFileSync(at(`one/${name}`))), name).toBe(true);
  }, 120_000);

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an unknown design kind', { design: { kind: 'grid' } }, /design\.kind/],
    ['a Sobol base sample that is not a power of 2', { design: { kind: 'sobol', baseSamples: 100 } }, /design\.baseSamples.*power of 2/],
    ['odd Morris levels', { design: { kind: 'morris', trajectories: 4, levels: 3 } }, /design\.levels.*even/],
    ['a factor outside the parameter table without a range', { factors: [{ path: 'nothing.here' }] }, /factors\.0\.range.*parameter table/],
    ['a range the scenario refuses', { factors: [{ path: 'x1', range: [0, 9] }] }, /factors\.0\.range.*x1 = 9/],
    ['levels in a sampled design', { factors: [{ path: 'x1', levels: [0, 1] }] }, /factors\.0\.levels/],
    ['an unknown output', { outputs: ['z'] }, /outputs\.0.*z is not an outcome/],
    ['an unknown key', { replicates: 3 }, /unknown key\(s\): replicates/],
    ['a missing scenario', { scenario: 'nowhere.yaml' }, /scenario.*not found/],
    ['a contrast value the scenario refuses', { contrast: { path: 'x3', base: 0, variant: 5 } }, /contrast\.variant.*x3 = 5/],
  ];
  it.each(bad)('refuses %s: exit 2, one line naming the file and the field', (_, change, message) => {
    const dir = tempFolder('experiment-bad');
    const file = join(dir, 'design.yaml');
    const doc = {
      scenario: repo('scenarios/test-functions/ishigami.yaml'),
      design: { kind: 'sobol', baseSamples: 8 },
      factors: [{ path: 'x1' }, { path: 'x2' }],
      ...change,
    };
    writeFileSync(file, stringify(doc));
    const r = ayni('experiment', file, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(message);
  });

  it('loads every shipped design (fields, scenario, factor ranges, contrast, outputs)', () => {
    const files = readdirSync(repo('designs')).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(['ishigami-sobol.yaml', 'corridor-morris.yaml']));
    for (const f of files) {
      const loaded = loadDesignFile(repo(`designs/${f}`));
      expect(loaded.success ? [] : loaded.error).toEqual([]);
    }
    const validated = ayni('validate', ...files.map((f) => repo(`designs/${f}`)));
    expect(validated.code).toBe(0);
    expect(validated.stdout.match(/: ok \(design: /g)).toHaveLength(files.length);
    const morris = loadDesignFile(repo('designs/corridor-morris.yaml'));
    // Every parameter whose source says "assumption", with the table's ranges.
    if (morris.success) expect(morris.data.factors.every((f) => f.rangeFrom.startsWith('parameter table'))).toBe(true);
  });

  it('explains itself in --help', () => {
    const r = ayni('experiment', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--shard <k\/n>/);
    expect(r.stdout).toMatch(/sensitivity\.csv/);
  });
});
