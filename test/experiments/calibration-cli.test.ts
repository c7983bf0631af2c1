/**
 * `ayni calibrate` through the built CLI: the shipped known-answer calibration, its files and
 * --json, and bad calibration files (exit 2, one line naming the file and the field).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadCalibrationFile } from '../../src/experiments/calibration-file.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const ayni = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 50_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('ayni calibrate', () => {
  it('calibrates μ of calibration/normal-mean.yaml to its exact posterior N(1.2, 0.32²), with --json', () => {
    const out = tempFolder('calibrate-cli');
    const r = ayni('calibrate', repo('calibration/normal-mean.yaml'), '--out', out, '--workers', '0', '--json', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    const [mu] = s.parameters;
    // Exact 95% interval 1.2 ± 1.96 × 0.316 = [0.58, 1.82]; 1,000 particles (500 kept) put the
    // ends within a few hundredths, and the stopping tolerance widens them a little.
    expect(mu.name).toBe('mu');
    expect(Math.abs(mu.median - 1.2)).toBeLessThan(0.06);
    expect(Math.abs(mu.low - 0.58)).toBeLessThan(0.1);
    expect(Math.abs(mu.high - 1.82)).toBeLessThan(0.1);
    expect(s.stop).toBe('acceptance');
    expect(s.predictive[0]).toMatchObject({ outcome: 'mean', observed: 1.2, runs: 200 });
    for (const f of ['posterior.csv', 'parameters.csv', 'generations.csv', 'predictive.csv', 'calibrated.yaml', 'manifest.json'])
      expect(readdirSync(out)).toContain(f);
    expect(readFileSync(join(out, 'calibrated.yaml'), 'utf8')).toMatch(/^extends: .*scenarios\/test-functions\/normal-mean\.yaml$/m);
    // The overlay is a scenario ayni loads: validate it.
    const validated = ayni('validate', join(out, 'calibrated.yaml'));
    expect(validated.code).toBe(0);
  }, 60_000);

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an unknown target outcome', { targets: [{ outcome: 'median', value: 1 }] }, /targets\.0\.outcome.*median is not an outcome/],
    [
      'a prior outside the parameter table without a range',
      { parameters: [{ path: 'observations' }] },
      /parameters\.0\.range.*parameter table/,
    ],
    ['a prior the scenario refuses', { parameters: [{ path: 'sigma', range: [-1, 1] }] }, /parameters\.0\.range.*sigma = -1/],
    ['the seed as a parameter', { parameters: [{ path: 'seed' }] }, /parameters\.0\.path.*seed is not a parameter/],
    ['a parameter calibrated twice', { parameters: [{ path: 'mu' }, { path: 'mu' }] }, /parameters\.1\.path.*twice/],
    ['an α that keeps one particle', { particles: 4, alpha: 0.3 }, /alpha.*keeps 1 of 4/],
    ['an unknown distance', { distance: 'cosine' }, /distance/],
    ['an unknown key', { generations: 3 }, /unknown key\(s\): generations/],
    ['a missing scenario', { scenario: 'nowhere.yaml' }, /scenario.*not found/],
  ];
  it.each(bad)('refuses %s: exit 2, one line naming the file and the field', (_, change, message) => {
    const dir = tempFolder('calibrate-bad');
    const file = join(dir, 'calibration.yaml');
    const doc = {
      scenario: repo('scenarios/test-functions/normal-mean.yaml'),
      parameters: [{ path: 'mu' }],
      targets: [{ outcome: 'mean', value: 0 }],
      ...change,
    };
    writeFileSync(file, stringify(doc));
    const r = ayni('calibrate', file, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(message);
    expect(readdirSync(dir)).toEqual(['calibration.yaml']);
  });

  it('loads and validates every shipped calibration file', () => {
    const files = readdirSync(repo('calibration')).filter((f) => f.endsWith('.yaml'));
    expect(files).toContain('normal-mean.yaml');
    for (const f of files) {
      const loaded = loadCalibrationFile(repo(`calibration/${f}`));
      expect(loaded.success ? [] : loaded.error).toEqual([]);
    }
    const validated = ayni('validate', ...files.map((f) => repo(`calibration/${f}`)));
    expect(validated.code).toBe(0);
    expect(validated.stdout.match(/: ok \(calibration: /g)).toHaveLength(files.length);
  });
});
