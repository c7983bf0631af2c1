/** `ayni compare` and `ayni test` as a user meets them. */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
const dir = mkdtempSync(join(tmpdir(), 'ayni-compare-'));
const base = join(dir, 'base.yaml');
writeFileSync(base, stringify({ ...tinyScenarioInput(5), months: 120 }));
const early = join(dir, 'early.yaml');
writeFileSync(early, 'name: early\npolicies:\n  dialogue:\n    timing: early\n');

describe('ayni compare', () => {
  it('compares a base with an overlay on paired runs and writes comparison.json and .csv', () => {
    const out = join(dir, 'c1');
    const r = ayni('compare', base, early, '--runs', '120', '--workers', '0', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ayni compare: 120 paired runs per arm \(seed 1\), base tiny/);
    expect(r.stdout).toMatch(/variant early:/);
    expect(r.stdout).toMatch(/pairing: the paired 95% CI of activeConflictMonths is \d+% narrower than an unpaired one/);
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(json.results).toHaveLength(8);
    expect(json.results[0]).toMatchObject({ variant: 'early', outcome: 'activeConflictMonths', better: 'lower', n: 120 });
    const csv = readFileSync(join(out, 'comparison.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(9);
    expect(csv[0]).toMatch(/^variant,outcome,better,n,base_mean/);
    expect(r.stdout).toMatch(/wrote comparison\.json, comparison\.csv and report\.html/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<html lang="en">/);
  }, 60_000);

  it('an identical variant differs by exactly 0 in every outcome (common random numbers)', () => {
    const same = join(dir, 'same.yaml');
    writeFileSync(same, 'name: same\n');
    const r = ayni('compare', base, same, '--runs', '60', '--workers', '0', '--out', join(dir, 'c2'), '--json');
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    for (const row of json.results) {
      expect(row.difference.mean).toBe(0);
      expect(row.difference.ci95).toEqual({ low: 0, high: 0 });
    }
  }, 60_000);

  it('--precision adds runs until the primary interval is narrow enough', () => {
    const r = ayni('compare', base, early, '--runs', '100', '--precision', '1000000', '--max-runs', '300', '--workers', '0', '--out', join(dir, 'c3'), '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).precision).toMatchObject({ target: 1000000, met: true });
    const tight = ayni('compare', base, early, '--runs', '100', '--precision', '0.0001', '--max-runs', '300', '--workers', '0', '--out', join(dir, 'c4'), '--json');
    const json = JSON.parse(tight.stdout);
    expect(json.runs).toBe(300);
    expect(json.precision.met).toBe(false);
  }, 120_000);

  it('Ctrl-C ends a comparison with exit 130; the same command then finishes it with the same results', async () => {
    const args = (out: string) => ['compare', base, early, '--runs', '3000', '--workers', '2', '--out', out, '--json', '--no-report'];
    const reference = JSON.parse(ayni(...args(join(dir, 'c-ref'))).stdout);
    const out = join(dir, 'c-int');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args(out)], { stdio: 'ignore' });
      setTimeout(() => child.kill('SIGINT'), 1200);
      child.on('exit', (c) => resolve(c));
    });
    expect([130, 0]).toContain(code);
    const resumed = ayni(...args(out));
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).results).toEqual(reference.results);
  }, 180_000);

  it('rejects an unknown outcome and a bad variant with exit 2', () => {
    const r = ayni('compare', base, early, '--outcomes', 'happiness', '--workers', '0', '--out', join(dir, 'c5'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown outcome\(s\) of model peru-mining: happiness/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\npolicies:\n  dialogue:\n    timing: sometimes\n');
    const r2 = ayni('compare', base, bad, '--workers', '0', '--out', join(dir, 'c6'));
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/bad\.yaml: policies\.dialogue\.timing: /);
  });
});

describe('ayni test', () => {
  const hypothesis = (extra: Record<string, unknown>) => {
    const file = join(dir, `h-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, stringify({ statement: 'Early dialogue lowers conflict.', base: 'base.yaml', variant: 'early.yaml', primary: 'activeConflictMonths', expect: 'lower', smallestEffect: 1, runs: 100, ...extra }));
    return file;
  };

  it('answers by the declared rule and writes verdict.json', () => {
    const file = hypothesis({});
    const out = join(dir, 't1');
    const r = ayni('test', file, '--workers', '0', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Early dialogue lowers conflict\.\n {2}verdict: (SUPPORTED|CONTRADICTED|INCONCLUSIVE) \(smallest-effect rule/);
    const verdictFiles = JSON.parse(ayni('test', file, '--workers', '0', '--out', out, '--json').stdout);
    expect(['supported', 'contradicted', 'inconclusive']).toContain(verdictFiles[0].verdict);
    expect(verdictFiles[0].reason).toMatch(/activeConflictMonths: variant − base = .*95% CI/);
  }, 60_000);

  it('a hypothesis that expects the impossible is not supported', () => {
    // No reform lowers active conflict-months by a million.
    const r = ayni('test', hypothesis({ smallestEffect: 1_000_000 }), '--workers', '0', '--out', join(dir, 't2'), '--json');
    expect(JSON.parse(r.stdout)[0].verdict).toBe('contradicted');
  }, 60_000);

  it('rejects a malformed hypothesis file with the path of the bad field', () => {
    const r = ayni('test', hypothesis({ expect: 'sideways' }), '--workers', '0', '--out', join(dir, 't3'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/h-.*\.yaml: expect: /);
  });
});
