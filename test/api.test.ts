/** The library API as a user imports it: by package name, from the built files. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

describe("import { loadScenario, simulate } from 'ayni'", () => {
  it('loads the default scenario and runs it from a plain Node script', () => {
    const script = `
      import { loadScenario, simulate, formatIssue } from 'ayni';
      const loaded = loadScenario('scenarios/corridor.yaml', { set: [{ path: 'months', value: '24' }] });
      if (!loaded.success) { console.error(loaded.error.map(formatIssue).join('\\n')); process.exit(3); }
      const run = simulate(loaded.data.scenario, { seed: 3 });
      console.log(JSON.stringify({ months: run.monthLabels.length, hash: loaded.data.hash, outcomes: Object.keys(run.outcomes).length }));
    `;
    const cwd = new URL('../', import.meta.url).pathname;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.months).toBe(24);
    expect(out.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(out.outcomes).toBeGreaterThanOrEqual(18);
  });

  it('reports bad input as values, not exceptions', async () => {
    const { loadScenario } = await import('../src/index.js');
    const result = loadScenario('/no/such/file.yaml');
    expect(result.success).toBe(false);
  });

  it('runs a calibration and an experiment from a plain Node script', () => {
    const script = `
      import { runCalibration, runExperiment, formatIssue } from 'ayni';
      import { mkdtempSync, rmSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      const out = mkdtempSync(join(tmpdir(), 'ayni-api-'));
      try {
        const c = await runCalibration('calibration/normal-mean.yaml', { out: join(out, 'c'), workers: 0 });
        if (!c.success) { console.error(c.error.map(formatIssue).join('\\n')); process.exit(3); }
        const e = await runExperiment('designs/ishigami-sobol.yaml', { out: join(out, 'e'), workers: 0 });
        if (!e.success) { console.error(e.error.map(formatIssue).join('\\n')); process.exit(3); }
        console.log(JSON.stringify({ median: c.data.parameters[0].median, rows: e.data.sensitivity.length }));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    `;
    const cwd = new URL('../', import.meta.url).pathname;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8', timeout: 50_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    // The exact posterior median is 1.2 (calibration/normal-mean.yaml); six Sobol rows (S1, ST of x1–x3).
    expect(Math.abs(out.median - 1.2)).toBeLessThan(0.06);
    expect(out.rows).toBe(6);
  }, 60_000);
});
