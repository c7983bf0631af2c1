/**
 * A batch with a hung run: Ctrl-C and SIGTERM still end it promptly with exit 130, keeping
 * the completed blocks; `--task-timeout` is refused where it cannot act (the main thread)
 * and bounded by what Node's timers hold.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput, tinyScenario } from '../helpers/tiny-world.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { scenarioHash } from '../../src/io/scenario-hash.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const work = tempFolder('hang');
const scenarioFile = join(work, 'tiny.yaml');
writeFileSync(scenarioFile, stringify({ ...tinyScenarioInput(4), months: 24 }));
const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
const blocksIn = (out: string) =>
  existsSync(join(out, 'blocks'))
    ? readdirSync(join(out, 'blocks'))
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];

/** Starts a 400-run batch whose run 250 (block 2) never ends; `stuck` once the other three blocks are written. */
function batchWithHungRun(out: string) {
  const child = spawn(process.execPath, [cli, 'batch', scenarioFile, '--runs', '400', '--workers', '2', '--out', out, '--no-report'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, AYNI_TEST_FAULTS: JSON.stringify({ hangAt: [250] }) },
  });
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const stuck = new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      if (/^300\/400 runs/m.test(stderr)) resolve();
    });
    void exited.then(() => reject(new Error(`batch ended before it was stuck:\n${stderr}`)));
  });
  return { child, exited, stuck, stderr: () => stderr };
}

describe('a hung run and an interrupt', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} ends the batch with exit 130 within seconds, keeping the completed blocks`, async () => {
      const out = join(work, `hung-${signal}`);
      const batch = batchWithHungRun(out);
      let guard: NodeJS.Timeout | undefined;
      try {
        await batch.stuck;
        batch.child.kill(signal);
        // Killed outright if it does not stop by itself: the test then fails on the exit code.
        guard = setTimeout(() => batch.child.kill('SIGKILL'), 20_000);
        const { code } = await batch.exited;
        expect(code, batch.stderr()).toBe(130);
      } finally {
        clearTimeout(guard);
        batch.child.kill('SIGKILL');
      }
      expect(batch.stderr()).toMatch(/batch interrupted: 300 of 400 runs completed/);
      expect(blocksIn(out)).toEqual(['000000.json', '000001.json', '000003.json']);
      expect(existsSync(join(out, '.lock'))).toBe(false);
      // Resumed without the fault, only block 2 runs and the batch completes.
      const resumed = ayni('batch', scenarioFile, '--runs', '400', '--workers', '2', '--out', out, '--no-report', '--resume', '--quiet');
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(401);
    }, 90_000);
  }
});

describe('--task-timeout', () => {
  it('is refused with --workers 0, naming the option, since a run in the main thread cannot be stopped', () => {
    const out = join(work, 'timeout-main-thread');
    const r = ayni('batch', scenarioFile, '--runs', '10', '--workers', '0', '--task-timeout', '60', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "error: option '--task-timeout <seconds>' needs worker threads: a run in the main thread (--workers 0) cannot be stopped; use --workers 1 or more.\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  it('is bounded by what Node timers hold: 2147483 s works, 2147484 s is refused, naming the option', () => {
    const out = join(work, 'timeout-max');
    const longest = ayni(
      'batch',
      scenarioFile,
      '--runs',
      '20',
      '--workers',
      '1',
      '--task-timeout',
      '2147483',
      '--out',
      out,
      '--no-report',
      '--json',
    );
    expect(longest.status, longest.stderr).toBe(0);
    expect(JSON.parse(longest.stdout).runs).toMatchObject({ completed: 20, failed: 0 });
    const tooLong = ayni(
      'batch',
      scenarioFile,
      '--runs',
      '20',
      '--workers',
      '1',
      '--task-timeout',
      '2147484',
      '--out',
      join(work, 'timeout-too-long'),
    );
    expect(tooLong.status).toBe(2);
    expect(tooLong.stderr).toBe(
      "error: option '--task-timeout <seconds>' argument '2147484' is invalid. expected a whole number of seconds from 1 to 2147483 (about 24 days).\n",
    );
  }, 60_000);

  it('the library refuses the same two cases as input issues', async () => {
    const scenario = tinyScenario({ months: 12 });
    const loaded = { scenario, file: 'tiny.yaml', hash: scenarioHash(scenario) };
    const mainThread = await runBatch(loaded, { runs: 10, workers: 0, taskTimeoutMs: 1000, out: join(work, 'lib-main-thread') });
    expect(mainThread.success).toBe(false);
    if (!mainThread.success)
      expect(mainThread.error).toEqual([
        expect.objectContaining({ path: ['taskTimeoutMs'], message: expect.stringMatching(/needs worker threads/) }),
      ]);
    const overflow = await runBatch(loaded, { runs: 10, workers: 1, taskTimeoutMs: 2 ** 31, out: join(work, 'lib-overflow') });
    expect(overflow.success).toBe(false);
    if (!overflow.success)
      expect(overflow.error).toEqual([
        expect.objectContaining({ path: ['taskTimeoutMs'], message: expect.stringMatching(/at most 2147483647 ms/) }),
      ]);
  });
});
