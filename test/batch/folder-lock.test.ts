/**
 * The folder lock: one holder at a time under concurrent acquisitions from several
 * processes; a lock whose PID now belongs to another process (a container's PID 1), whose
 * process is gone or whose machine rebooted is stale; a live one, one from another host or
 * one being written is respected, with a message saying how to clear it.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { acquireFolderLock, currentOwner, processStartTicks, type LockAttempt } from '../../src/io/folder-lock.js';
import { tempFolder } from '../helpers/temp.js';

const work = tempFolder('lock');
let n = 0;
const folder = () => mkdtempSync(join(work, `f${n++}-`));
const lockFile = (dir: string) => join(dir, '.lock');
const writeLock = (dir: string, owner: object) => writeFileSync(lockFile(dir), `${JSON.stringify(owner)}\n`);
const onLinux = processStartTicks(process.pid) !== undefined;

function expectAcquired(attempt: LockAttempt) {
  expect(attempt.acquired, attempt.acquired ? '' : attempt.message).toBe(true);
  if (attempt.acquired) attempt.lock.release();
}

function expectRefused(attempt: LockAttempt): string {
  expect(attempt.acquired).toBe(false);
  return attempt.acquired ? '' : attempt.message;
}

describe('the folder lock', () => {
  it('records host, PID, start time and boot, never leaves the file empty, and releases only its own lock', () => {
    const dir = folder();
    const attempt = acquireFolderLock(dir);
    if (!attempt.acquired) throw new Error(attempt.message);
    const recorded = JSON.parse(readFileSync(lockFile(dir), 'utf8'));
    expect(recorded).toMatchObject({
      host: hostname(),
      pid: process.pid,
      startedAt: expect.any(String),
      token: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    if (onLinux) expect(recorded).toMatchObject({ startTicks: processStartTicks(process.pid), bootId: expect.any(String) });
    // A second acquisition in the same live process is refused.
    expect(expectRefused(acquireFolderLock(dir))).toBe(
      `another batch (PID ${process.pid} on host ${hostname()}, started ${recorded.startedAt}) is writing into this folder; if it is no longer running, delete ${lockFile(dir)}`,
    );
    attempt.lock.release();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it.runIf(onLinux)('takes over a lock whose PID now belongs to another process (a container restarted: both PID 1)', () => {
    const dir = folder();
    const me = currentOwner();
    // Written by an earlier process that had this very PID, started at another time.
    writeLock(dir, { ...me, startTicks: (me.startTicks as number) + 1, token: 'earlier' });
    expectAcquired(acquireFolderLock(dir));
    // The same for a live process other than this one.
    const other = folder();
    const child = sleeper();
    try {
      writeLock(other, { ...me, pid: child.pid, startTicks: (processStartTicks(child.pid as number) as number) - 1, token: 'earlier' });
      expectAcquired(acquireFolderLock(other));
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over the lock of a dead process, of another boot, and a PID-only lock (older ayni) naming this process', () => {
    const me = currentOwner();
    const dead = folder();
    writeLock(dead, { ...me, pid: 999_999_999, token: 'dead' });
    expectAcquired(acquireFolderLock(dead));
    const legacyDead = folder();
    writeFileSync(lockFile(legacyDead), '999999999\n');
    expectAcquired(acquireFolderLock(legacyDead));
    const legacySelf = folder();
    writeFileSync(lockFile(legacySelf), `${process.pid}\n`);
    expectAcquired(acquireFolderLock(legacySelf));
    if (me.bootId !== undefined) {
      const rebooted = folder();
      writeLock(rebooted, { ...me, bootId: 'another-boot', token: 'before-reboot' });
      expectAcquired(acquireFolderLock(rebooted));
    }
  });

  it('respects a live holder, a holder on another host and a lock still being written, saying how to clear them', () => {
    const child = sleeper();
    try {
      const live = folder();
      const ticks = processStartTicks(child.pid as number);
      writeLock(live, {
        host: hostname(),
        pid: child.pid,
        ...(ticks !== undefined ? { startTicks: ticks } : {}),
        startedAt: '2026-01-01T00:00:00.000Z',
        token: 'live',
      });
      expect(expectRefused(acquireFolderLock(live))).toBe(
        `another batch (PID ${child.pid} on host ${hostname()}, started 2026-01-01T00:00:00.000Z) is writing into this folder; if it is no longer running, delete ${lockFile(live)}`,
      );
      expect(readFileSync(lockFile(live), 'utf8')).toMatch(/"token":"live"/);
      const legacyLive = folder();
      writeFileSync(lockFile(legacyLive), `${child.pid}\n`);
      expect(expectRefused(acquireFolderLock(legacyLive))).toMatch(new RegExp(`^another batch \\(PID ${child.pid}\\) is writing`));
    } finally {
      child.kill('SIGKILL');
    }
    const remote = folder();
    writeLock(remote, { ...currentOwner(), host: 'node-17.cluster', pid: 1, token: 'remote' });
    expect(expectRefused(acquireFolderLock(remote))).toMatch(
      /^another batch \(PID 1 on host node-17\.cluster, started [^)]+\) is writing into this folder; if it is no longer running, delete .*\.lock$/,
    );
    // Empty: being written (by an older ayni); the same file a minute old was left by a crash.
    const empty = folder();
    writeFileSync(lockFile(empty), '');
    expect(expectRefused(acquireFolderLock(empty))).toBe(
      `another batch is taking this folder's lock; if it is no longer running, delete ${lockFile(empty)}`,
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile(empty), old, old);
    expectAcquired(acquireFolderLock(empty));
  });

  it('has one holder at a time under concurrent acquisitions from several processes', async () => {
    const dir = folder();
    const module = new URL('../../dist/src/io/folder-lock.js', import.meta.url).href;
    // Each process takes and releases the lock for two seconds; while holding it, it claims a
    // marker file exclusively: finding one there means two holders at once.
    const script = `
      import { acquireFolderLock } from ${JSON.stringify(module)};
      import { rmSync, writeFileSync } from 'node:fs';
      const marker = ${JSON.stringify(join(dir, 'holder'))};
      let acquired = 0, doubles = 0;
      for (const end = Date.now() + 2000; Date.now() < end; ) {
        const attempt = acquireFolderLock(${JSON.stringify(dir)});
        if (!attempt.acquired) continue;
        acquired++;
        let mine = true;
        try { writeFileSync(marker, '', { flag: 'wx' }); } catch { doubles++; mine = false; }
        if (mine) rmSync(marker);
        attempt.lock.release();
      }
      process.stdout.write(JSON.stringify({ acquired, doubles }));`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] }),
    );
    const results = await Promise.all(
      children.map((child) => output(child).then((text) => JSON.parse(text) as { acquired: number; doubles: number })),
    );
    const acquired = results.reduce((sum, r) => sum + r.acquired, 0);
    expect(acquired).toBeGreaterThan(100);
    expect(results.map((r) => r.doubles)).toEqual([0, 0, 0, 0]);
    expect(existsSync(lockFile(dir))).toBe(false);
  }, 30_000);
});

// A container, as far as PIDs go: a new PID namespace in which the command is PID 1.
const asPid1 = (command: string[]) => ['--pid', '--fork', '--mount-proc', ...command];
const canUnshare = spawnSync('unshare', asPid1(['true'])).status === 0;
if (!canUnshare) console.warn('container (PID 1) lock test skipped: unshare --pid needs root');

describe.runIf(canUnshare)('a batch killed in a container and resumed in a new one', () => {
  it('takes over the lock the killed PID 1 left, though the resumer is PID 1 too', () => {
    const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
    const dir = folder();
    const scenarioFile = join(dir, 'tiny.yaml');
    writeFileSync(scenarioFile, stringify({ ...tinyScenarioInput(4), months: 24 }));
    const out = join(dir, 'batch');
    const batch = (...more: string[]) =>
      [
        'unshare',
        asPid1([
          process.execPath,
          cli,
          'batch',
          scenarioFile,
          '--runs',
          '300',
          '--workers',
          '0',
          '--out',
          out,
          '--quiet',
          '--no-report',
          ...more,
        ]),
      ] as const;
    // Run 150 ends the process on the spot (as a kill would): block 0 is written, the lock stays.
    const killed = spawnSync(...batch(), {
      encoding: 'utf8',
      env: { ...process.env, AYNI_TEST_FAULTS: JSON.stringify({ exitAt: [150] }) },
    });
    expect(killed.status).toBe(71);
    expect(readFileSync(lockFile(out), 'utf8')).toMatch(/^(1\n|\{"host":"[^"]+","pid":1,)/);
    const resumed = spawnSync(...batch('--resume'), { encoding: 'utf8' });
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(301);
    expect(existsSync(lockFile(out))).toBe(false);
  }, 60_000);
});

function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
}

function output(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`lock process exited ${code}`))));
  });
}
