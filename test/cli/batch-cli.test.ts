/**
 * `ayni batch` as a process: killed at random points with SIGINT, SIGTERM and SIGKILL, then
 * resumed, it ends with files byte-identical to an uninterrupted batch.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const folder = () => mkdtempSync(join(tmpdir(), 'ayni-batch-cli-'));
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });

// A scenario whose runs take a few milliseconds, so that a batch lasts long enough to kill.
const scenarioDir = folder();
const scenarioFile = join(scenarioDir, 'tiny.yaml');
writeFileSync(scenarioFile, stringify({ ...tinyScenarioInput(10), months: 240 }));
const RUNS = 1200;
const args = (out: string, ...more: string[]) => ['batch', scenarioFile, '--runs', String(RUNS), '--workers', '2', '--out', out, '--quiet', '--no-report', ...more];

function killAfter(out: string, signal: NodeJS.Signals, delayMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args(out)], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill(signal), delayMs);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve(code ?? (sig ? -1 : null));
    });
  });
}

describe('ayni batch, interrupted and resumed', () => {
  const reference = folder();
  it('runs a reference batch', () => {
    const r = ayni(...args(reference));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  }, 120_000);

  // Twenty random points, the three signals in turn.
  const signals = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
  for (let k = 0; k < 20; k++) {
    const signal = signals[k % 3] as NodeJS.Signals;
    it(`kill ${k + 1}/20 (${signal}) at a random point, then --resume: byte-identical files`, async () => {
      const out = folder();
      const delay = 300 + Math.floor(Math.random() * 1700);
      const code = await killAfter(out, signal, delay);
      // 130 after a clean stop; 0 if it finished first; killed outright only before Node had
      // installed any handler, when nothing had been written yet.
      if (signal !== 'SIGKILL') {
        if (code === -1) expect(existsSync(join(out, 'batch.json'))).toBe(false);
        else expect([130, 0]).toContain(code);
      }
      const resumed = ayni(...args(out, '--resume'));
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(read(out, 'runs.csv')).toBe(read(reference, 'runs.csv'));
      expect(read(out, 'series.csv')).toBe(read(reference, 'series.csv'));
      // Nothing lost or duplicated: every run once, in order.
      const runs = read(out, 'runs.csv').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
      expect(runs).toEqual(Array.from({ length: RUNS }, (_, i) => i));
    }, 120_000);
  }
});

describe('ayni batch output and errors', () => {
  it('prints one progress line per 10% when stderr is not a terminal, and the manifest with --json', () => {
    const out = folder();
    const r = ayni('batch', scenarioFile, '--runs', '200', '--workers', '0', '--out', out, '--json');
    expect(r.status).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/Monte Carlo batch of tiny/);
    const manifest = JSON.parse(r.stdout);
    expect(manifest).toMatchObject({ kind: 'batch', status: 'complete', masterSeed: 1, runs: { requested: 200, completed: 200, failed: 0 }, workers: 0 });
    expect(manifest.scenario.hash).toMatch(/^sha256:/);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^0\/200 runs \(0%\)/);
    expect(lines.at(-1)).toMatch(/^200\/200 runs \(100%\)/);
    expect(lines.length).toBeLessThanOrEqual(11);
  });

  it('refuses bad options and a folder that already holds a batch, with exit 2', () => {
    const out = folder();
    expect(ayni('batch', scenarioFile, '--runs', '10', '--workers', '0', '--out', out, '--quiet').status).toBe(0);
    const again = ayni('batch', scenarioFile, '--runs', '10', '--workers', '0', '--out', out);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds a batch: add --resume/);
    for (const bad of [['--runs', '-5'], ['--runs', '10', '--shard', '3/2'], ['--runs', '10', '--workers', 'many']]) {
      const r = ayni('batch', scenarioFile, ...bad, '--out', folder());
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 1 when a run fails and --max-failures is 0, keeping the blocks already written', () => {
    const out = folder();
    const r = spawnSync(process.execPath, [cli, 'batch', scenarioFile, '--runs', '300', '--workers', '0', '--out', out, '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, AYNI_TEST_FAULTS: JSON.stringify({ throwAt: [150] }) },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/batch stopped after too many failed runs/);
    const manifest = JSON.parse(read(out, 'manifest.json'));
    expect(manifest.status).toBe('failed');
  });
});
