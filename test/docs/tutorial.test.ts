/**
 * Every `npx ayni` command of docs/tutorial.md runs as written (exit 0), in a reader's
 * working copy: a temporary folder holding copies of scenarios/, hypotheses/, designs/ and calibration/, so that
 * the tutorial's relative paths and its out/ folders are those of a reader, not the repository's.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempFolder } from '../helpers/temp.js';

const root = new URL('../../', import.meta.url).pathname;
const cli = `${root}dist/src/cli/main.js`;
const tutorial = readFileSync(`${root}docs/tutorial.md`, 'utf8');
const commands = tutorial
  .split('\n')
  .filter((line) => line.startsWith('npx ayni '))
  .map((line) => line.slice('npx ayni '.length).trim().split(/\s+/));
/** The files the tutorial tells the reader to open, such as `out/tutorial/run/timeseries.csv`. */
const opened = [...tutorial.matchAll(/`(out\/[^`\s]+\.[a-z]+)`/g)].map((m) => m[1] as string);

// A reader starts with no results: a comparison refuses folders that hold other arms.
const work = tempFolder('tutorial');
for (const dir of ['scenarios', 'hypotheses', 'designs', 'calibration']) cpSync(join(root, dir), join(work, dir), { recursive: true });

/**
 * Runs the CLI without blocking this worker: the tutorial's `ayni test` runs up to 4,000 paired
 * runs a arm, and a worker blocked that long (spawnSync) misses vitest's own RPC deadline.
 * Model 0.4.0's early-vs-reactive comparison reaches the 4,000 (2 minutes of CPU, 4 minutes of wall time
 * on a loaded 2-core machine), hence the long limit.
 */
function ayni(args: readonly string[], timeoutMs: number): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: work });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

describe('docs/tutorial.md', () => {
  it('has commands to run', () => expect(commands.length).toBeGreaterThanOrEqual(7));
  for (const args of commands) {
    it(`ayni ${args.join(' ')}`, async () => {
      const r = await ayni([...args, ...(args[0] === 'compare' || args[0] === 'test' ? ['--workers', '2'] : [])], 290_000);
      expect(r.status, r.stderr).toBe(0);
    }, 300_000);
  }
  it('the commands wrote the files it tells the reader to open', () => {
    expect(opened.length).toBeGreaterThanOrEqual(2);
    for (const file of opened) expect(existsSync(join(work, file)), file).toBe(true);
  });
});
