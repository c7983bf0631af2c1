/** Every `npx ayni` command of docs/tutorial.md runs as written (exit 0). */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const cli = `${root}dist/src/cli/main.js`;
const commands = readFileSync(`${root}docs/tutorial.md`, 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('npx ayni '))
  .map((line) => line.slice('npx ayni '.length).trim().split(/\s+/));

// A reader starts with no results: a comparison refuses folders that hold other arms.
rmSync(`${root}out/tutorial`, { recursive: true, force: true });

describe('docs/tutorial.md', () => {
  it('has commands to run', () => expect(commands.length).toBeGreaterThanOrEqual(7));
  for (const args of commands) {
    it(`ayni ${args.join(' ')}`, () => {
      const r = spawnSync(process.execPath, [cli, ...args, ...(args[0] === 'compare' || args[0] === 'test' ? ['--workers', '2'] : [])], { cwd: root, encoding: 'utf8', timeout: 180_000 });
      expect(r.status, r.stderr).toBe(0);
    }, 180_000);
  }
});
