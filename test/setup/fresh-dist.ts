/**
 * Global setup of the tests that run compiled code (the CLI, worker threads, the package):
 * dist/ is rebuilt first when a source under src/ or workers/, or a tsconfig, is newer
 * than what was compiled from it, so that an edit is never tested against old compiled
 * code (worker threads always load dist/workers/, even when vitest runs the sources).
 * Costs a few milliseconds when dist/ is current; a rebuild takes about 15 s of CPU.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const OUTPUT_EXTENSION: Record<string, string> = { '.ts': '.js', '.mts': '.mjs', '.cts': '.cjs' };

/** Every compiled source (not declaration files) under the folders the build includes. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.[mc]?ts$/.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name) ? [path] : [];
  });
}

const compiledPath = (source: string) =>
  join(
    root,
    'dist',
    relative(root, source).replace(/\.[mc]?ts$/, (ext) => OUTPUT_EXTENSION[ext] as string),
  );
const mtime = (path: string) => statSync(path).mtimeMs;

/** The sources whose compiled file is missing or older than the source or the build settings. */
export function staleSources(): string[] {
  const settings = Math.max(...['tsconfig.json', 'tsconfig.build.json'].map((f) => mtime(join(root, f))));
  return ['src', 'workers']
    .flatMap((dir) => sources(join(root, dir)))
    .filter((source) => {
      const compiled = compiledPath(source);
      return !existsSync(compiled) || mtime(compiled) < Math.max(mtime(source), settings);
    });
}

export function setup(): void {
  const stale = staleSources();
  if (stale.length === 0) return;
  const named = stale
    .slice(0, 3)
    .map((s) => relative(root, s))
    .join(', ');
  console.warn(
    `dist/ is older than ${stale.length} source file(s) (${named}${stale.length > 3 ? ', …' : ''}): rebuilding with tsc -p tsconfig.build.json`,
  );
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  // tsc writes its output despite type errors: then the tests still run current code.
  if (tsc.status !== 0) console.warn(`tsc reported errors (run npm run typecheck):\n${tsc.stdout}${tsc.stderr}`);
  const still = staleSources();
  if (still.length > 0) {
    throw new Error(
      `dist/ is still older than ${still.map((s) => relative(root, s)).join(', ')} after tsc -p tsconfig.build.json; run npm run build and fix what it reports`,
    );
  }
}
