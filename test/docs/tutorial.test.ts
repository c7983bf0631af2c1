/**
 * Every `npx ayni` command of docs/tutorial.md runs as written (exit 0), in a reader's
 * working copy: a temporary folder holding copies of scenarios/ and hypotheses/, so that
 * the tutorial's relative paths and its out/ folders are those of a reader, not the repository's.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
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
for (const dir of ['scenarios', 'hypotheses']) cpSync(join(root, dir), join(work, dir), { recursive: true });

describe('docs/tutorial.md', () => {
  it('has commands to run', () => expect(commands.length).toBeGreaterThanOrEqual(7));
  for (const args of commands) {
    it(`ayni ${args.join(' ')}`, () => {
      const r = spawnSync(process.execPath, [cli, ...args, ...(args[0] === 'compare' || args[0] === 'test' ? ['--workers', '2'] : [])], {
        cwd: work,
        encoding: 'utf8',
        timeout: 180_000,
      });
      expect(r.status, r.stderr).toBe(0);
    }, 180_000);
  }
  it('the commands wrote the files it tells the reader to open', () => {
    expect(opened.length).toBeGreaterThanOrEqual(2);
    for (const file of opened) expect(existsSync(join(work, file)), file).toBe(true);
  });
});
