/**
 * Global setup: the test run gets its own temporary directory (TMPDIR for the test
 * workers and every process they start: the CLI, its workers, Slurm jobs, Chromium), and
 * fails if any ayni-* entry is left in it at the end, naming them. The directory itself is
 * then removed, so the system's temporary directory keeps nothing of the run either way.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each vitest project runs the global setups; the first one makes the directory.
const OWNER = Symbol.for('ayni.test.tmpdir');
type Owned = typeof globalThis & { [OWNER]?: string };

export function setup(): (() => void) | undefined {
  const shared = globalThis as Owned;
  if (shared[OWNER] !== undefined) return undefined;
  const outer = { TMPDIR: process.env['TMPDIR'] };
  const root = mkdtempSync(join(tmpdir(), 'ayni-test-run-'));
  shared[OWNER] = root;
  process.env['TMPDIR'] = root;
  return () => {
    if (outer.TMPDIR === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = outer.TMPDIR;
    delete shared[OWNER];
    const left = readdirSync(root);
    rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    const ours = left.filter((name) => name.startsWith('ayni-'));
    const others = left.filter((name) => !name.startsWith('ayni-'));
    if (others.length > 0) console.warn(`the tests left ${others.length} other temporary entries (removed): ${others.join(', ')}`);
    if (ours.length > 0) {
      throw new Error(
        `the tests left ${ours.length} ayni-* temporary folders (removed now): ${ours.join(', ')}; make them with tempFolder() from test/helpers/temp.ts`,
      );
    }
  };
}
