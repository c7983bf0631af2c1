/**
 * `ayni batch` as a process: killed at 20 points (from a fixed seed) with SIGINT, SIGTERM and SIGKILL, then
 * resumed, it ends with files byte-identical to an uninterrupted batch.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const folder = () => tempFolder('batch-cli');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });

// A scenario whose runs take a few milliseconds, so that a batch lasts long enough to kill.
const scenarioDir = folder();
const scenarioFile = join(scenarioDir, 'tiny.yaml');
writeFileSync(scenarioFile, stringify({ ...tinyScenarioInput(10), months: 240 }));
// The batch that is killed and resumed 20 times: about as long, but a quarter of the series
// data (four times the communities over a quarter of the months): 23 MB a folder, not 88 MB.
const killedFile = join(scenarioDir, 'killed.yaml');
writeFileSync(killedFile, stringify({ ...tinyScenarioInput(40), months: 60 }));
const RUNS = 1200;
const args = (out: string, ...more: string[]) => [
  'batch',
  killedFile,
  '--runs',
  String(RUNS),
  '--workers',
  '2',
  '--out',
  out,
  '--quiet',
  '--no-report',
  ...more,
];
// Kill points from a fixed seed, one in each twentieth of 300 to 2000 ms: reproducible, and spread over the batch.
const KILLS = 20;
const draw = seedrandom.xor4096('ayni-test/batch-cli/kills');
const killAt = Array.from({ length: KILLS }, (_, k) => 300 + Math.floor(((k + draw()) * 1700) / KILLS));

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

  // Twenty points, the three signals in turn.
  const signals = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
  for (let k = 0; k < KILLS; k++) {
    const signal = signals[k % 3] as NodeJS.Signals;
    const delay = killAt[k] as number;
    it(`kill ${k + 1}/${KILLS} (${signal}) at ${delay} ms, then --resume: byte-identical files`, async () => {
      const out = folder();
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
      const runs = read(out, 'runs.csv')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => Number(l.split(',')[0]));
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
    expect(manifest).toMatchObject({
      kind: 'batch',
      status: 'complete',
      masterSeed: 1,
      runs: { requested: 200, completed: 200, failed: 0 },
      workers: 0,
    });
    expect(manifest.scenario.hash).toMatch(/^sha256:/);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^0\/200 runs \(0%\)/);
    expect(lines.at(-1)).toMatch(/^200\/200 runs \(100%\)/);
    expect(lines.length).toBeLessThanOrEqual(11);
  });

  it('refuses bad options, and a folder that holds another batch, with exit 2', () => {
    const out = folder();
    expect(ayni('batch', scenarioFile, '--runs', '10', '--workers', '0', '--out', out, '--quiet').status).toBe(0);
    const again = ayni('batch', scenarioFile, '--runs', '10', '--seed', '4', '--workers', '0', '--out', out);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(
      `${out}: masterSeed: this folder already holds another batch (it has seed 1, not 4): continue it with \`ayni batch ${scenarioFile} --runs 10 --seed 1 --out ${out} --resume\`, add --force to replace it, or choose another --out\n`,
    );
    for (const bad of [
      ['--runs', '-5'],
      ['--runs', '10', '--shard', '3/2'],
      ['--runs', '10', '--workers', 'many'],
    ]) {
      const r = ayni('batch', scenarioFile, ...bad, '--out', folder());
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);

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

describe('ayni batch and merge with folders that already hold results', () => {
  const noTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |internal error/);

  it('run twice, a batch is already complete (exit 0); --force starts over', () => {
    const out = folder();
    expect(ayni('batch', scenarioFile, '--runs', '200', '--workers', '0', '--out', out, '--quiet').status).toBe(0);
    const runs = read(out, 'runs.csv');
    const again = ayni('batch', scenarioFile, '--runs', '200', '--workers', '0', '--out', out, '--no-report');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe(`batch already complete, nothing to do: 200 of 200 runs completed in ${out} (--force starts over)\n`);
    const forced = ayni('batch', scenarioFile, '--runs', '100', '--seed', '3', '--workers', '0', '--out', out, '--quiet', '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect(read(out, 'runs.csv').split('\n')).toHaveLength(102);
    expect(read(out, 'runs.csv')).not.toBe(runs);
  }, 120_000);

  it('interrupted, it prints the whole command that continues it, and that command does', async () => {
    const out = folder();
    const child = spawn(process.execPath, [cli, 'batch', killedFile, '--runs', '1200', '--workers', '1', '--out', out, '--no-report'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && /^[1-9]\d*\/1200 runs/m.test(stderr)) sent = child.kill('SIGINT');
    });
    const code = await new Promise<number | string | null>((resolve) => child.on('exit', (c, signal) => resolve(c ?? signal)));
    expect(code, stderr).toBe(130);
    const command = /continue with: (.*)$/m.exec(stderr)?.[1];
    expect(command).toBe(`ayni batch ${killedFile} --runs 1200 --seed 1 --out ${out} --resume`);
    const resumed = ayni(...(command as string).split(' ').slice(1), '--quiet', '--no-report');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(read(out, 'runs.csv').trim().split('\n')).toHaveLength(1201);
  }, 120_000);

  it('an I/O error while writing the final tables on workers: one line, exit 2, no lock or temporary file left', () => {
    const out = folder();
    mkdirSync(join(out, 'runs.csv'));
    const r = ayni('batch', scenarioFile, '--runs', '100', '--workers', '1', '--out', out, '--quiet');
    expect(r.stderr).toBe(`${out}: (root): cannot write output: a folder is in the way of the file\n`);
    expect(r.status).toBe(2);
    expect(readdirSync(out).filter((f) => f === '.lock' || f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('a corrupt batch.json or block JSON on resume and merge: one line naming the file, exit 2', () => {
    const out = folder();
    expect(
      ayni('batch', scenarioFile, '--runs', '200', '--workers', '0', '--out', out, '--quiet', '--no-report', '--shard', '1/1').status,
    ).toBe(0);
    writeFileSync(join(out, 'blocks', '000001.json'), '{"index":1,');
    const merged = ayni('merge', out, '--out', join(folder(), 'm'));
    expect(merged.status).toBe(2);
    expect(merged.stderr).toMatch(
      new RegExp(`^${out}: \\(root\\): damaged block: ${out}/blocks/000001\\.json: not valid JSON; resume that shard`),
    );
    noTrace(merged.stderr);
    const resumed = ayni('batch', scenarioFile, '--runs', '200', '--workers', '0', '--out', out, '--resume', '--no-report');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/recomputed damaged block 1: .*000001\.json: not valid JSON/);
    writeFileSync(join(out, 'batch.json'), '');
    for (const r of [
      ayni('batch', scenarioFile, '--runs', '200', '--workers', '0', '--out', out, '--resume'),
      ayni('merge', out, '--out', join(folder(), 'm')),
    ]) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^${out}/batch\\.json: \\(root\\): is empty, not a batch identity`));
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 120_000);

  it('ayni report --out to an unwritable place: one line, exit 2', () => {
    const out = folder();
    expect(ayni('batch', scenarioFile, '--runs', '100', '--workers', '0', '--out', out, '--quiet', '--no-report').status).toBe(0);
    const r = ayni('report', out, '--out', join(out, 'runs.csv', 'report.html'));
    expect(r.stderr).toBe(`${join(out, 'runs.csv', 'report.html')}: (root): cannot write output: a file is in the way of the folder\n`);
    expect(r.status).toBe(2);
  }, 120_000);

  it('a merge killed midway leaves nothing at --out, and the same command then merges', async () => {
    const shards = [folder(), folder()];
    for (const [k, out] of shards.entries())
      expect(
        ayni(
          'batch',
          scenarioFile,
          '--runs',
          '800',
          '--workers',
          '2',
          '--shard',
          `${k + 1}/2`,
          '--out',
          out,
          '--quiet',
          '--no-report',
          '--keep-series',
        ).status,
      ).toBe(0);
    const parent = folder();
    const out = join(parent, 'merged');
    const child = spawn(process.execPath, [cli, 'merge', ...shards, '--out', out], { stdio: 'ignore' });
    // Killed as soon as it has started writing.
    const staging = join(parent, `.merged.merging-${child.pid}`);
    const until = Date.now() + 60_000;
    while (Date.now() < until && !existsSync(join(staging, 'blocks'))) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(existsSync(staging)).toBe(true);
    expect(existsSync(out)).toBe(false);
    const again = ayni('merge', ...shards, '--out', out);
    expect(again.status, again.stderr).toBe(0);
    expect(readdirSync(parent)).toEqual(['merged']);
    expect(readdirSync(join(out, 'series'))).toHaveLength(8);
  }, 120_000);
});
