/**
 * Faults, the hard way: a full disk and a read-only folder (small tmpfs mounts, as root),
 * a worker that hangs, and a second batch started into a folder a live batch is writing.
 * Mount tests are skipped with a message where mounting is not allowed (not root).
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput, tinyScenario } from '../helpers/tiny-world.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { scenarioHash } from '../../src/io/scenario-hash.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
const work = tempFolder('faults');
const scenarioFile = join(work, 'tiny.yaml');
writeFileSync(scenarioFile, stringify({ ...tinyScenarioInput(10), months: 240 }));

function mount(options: string): string | undefined {
  const dir = tempFolder('mount');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  return r.status === 0 ? dir : undefined;
}
const unmount = (dir: string) => spawnSync('umount', [dir]);
const canMount = (() => {
  const dir = mount('size=64k');
  if (dir) unmount(dir);
  return dir !== undefined;
})();
if (!canMount) console.warn('disk-full and read-only tests skipped: mounting a tmpfs needs root');

describe.runIf(canMount)('a full or read-only disk', () => {
  it('a full disk gives a clear error and leaves earlier results intact', () => {
    const disk = mount('size=600k') as string;
    try {
      const out = join(disk, 'run');
      expect(ayni('run', scenarioFile, '--seed', '3', '--out', out).status).toBe(0);
      const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
      // Fill the disk, then try to overwrite the results with another run.
      spawnSync('dd', ['if=/dev/zero', `of=${join(disk, 'filler')}`, 'bs=4k', 'count=1000']);
      const r = ayni('run', scenarioFile, '--seed', '4', '--out', out);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`${out}: (root): cannot write output: no space left on the device\n`);
      for (const [file, text] of Object.entries(before)) expect(readFileSync(join(out, file), 'utf8')).toBe(text);
      expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const batch = ayni('batch', scenarioFile, '--runs', '200', '--workers', '0', '--out', join(disk, 'batch'), '--quiet');
      expect(batch.status).toBe(2);
      expect(batch.stderr).toMatch(/cannot write output: no space left on the device\n$/);
      expect(batch.stderr).not.toMatch(/\n\s+at /);
    } finally {
      unmount(disk);
    }
  }, 60_000);

  it('a read-only folder gives a clear error', () => {
    const disk = mount('ro,size=64k') as string;
    try {
      const r = ayni('run', scenarioFile, '--out', join(disk, 'run'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/cannot write output: read-only file system\n$/);
      const b = ayni('batch', scenarioFile, '--runs', '10', '--workers', '0', '--out', join(disk, 'batch'), '--quiet');
      expect(b.status).toBe(2);
      expect(b.stderr).toMatch(/cannot write output: read-only file system\n$/);
    } finally {
      unmount(disk);
    }
  });
});

describe('worker faults and concurrent batches', () => {
  it('a worker that hangs is abandoned and replaced; the run is recorded and the batch goes on', async () => {
    const scenario = tinyScenario({ months: 24 });
    const out = join(tempFolder('hang'), 'batch');
    const r = await runBatch(
      { scenario, file: 'tiny.yaml', hash: scenarioHash(scenario) },
      { runs: 60, workers: 2, out, maxFailures: 1, faults: { hangAt: [17] }, taskTimeoutMs: 3000 },
    );
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data).toMatchObject({ status: 'complete', completed: 59, failed: 1 });
    const failure = JSON.parse(readFileSync(join(out, 'failures.ndjson'), 'utf8'));
    expect(failure.run).toBe(17);
  }, 60_000);

  it('a second batch into the folder of a running batch is refused', async () => {
    const out = join(tempFolder('lock'), 'batch');
    mkdirSync(out, { recursive: true });
    const first = spawn(process.execPath, [cli, 'batch', scenarioFile, '--runs', '5000', '--workers', '1', '--out', out, '--quiet'], {
      stdio: 'ignore',
    });
    try {
      for (let i = 0; i < 100 && !existsSync(join(out, '.lock')); i++) await new Promise((r) => setTimeout(r, 50));
      const second = ayni('batch', scenarioFile, '--runs', '5000', '--workers', '1', '--out', out, '--resume', '--quiet');
      expect(second.status).toBe(2);
      expect(second.stderr).toMatch(
        new RegExp(
          `^${out}: \\(root\\): another batch \\(PID ${first.pid} on host [^,]+, started [^)]+\\) is writing into this folder; if it is no longer running, delete ${out}/\\.lock\n$`,
        ),
      );
    } finally {
      // Gone before its folder is removed.
      const gone = new Promise((resolve) =>
        first.exitCode !== null || first.signalCode !== null ? resolve(null) : first.once('exit', resolve),
      );
      first.kill('SIGKILL');
      await gone;
    }
  }, 60_000);
});
