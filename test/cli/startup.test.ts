/**
 * `ayni --help` must stay fast: every command loads its implementation on demand. Checked
 * by what is loaded, not by timing: the CLI shell must not pull in zod, yaml, mathjs, vega or
 * the model at start-up (one value import through the file-system layer once did, tripling
 * the start-up time).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const dir = tempFolder('startup');

function modulesLoadedBy(args: string[]): string[] {
  const hook = join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    'export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write(`loaded ${r.url}\\n`); return r; }\n',
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, cli, ...args], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stderr
    .split('\n')
    .filter((l) => l.startsWith('loaded '))
    .map((l) => l.slice('loaded '.length));
}

describe('CLI start-up', () => {
  it('ayni --help loads commander and the command shells only', () => {
    const loaded = modulesLoadedBy(['--help']);
    expect(loaded.some((url) => url.includes('/commander/'))).toBe(true);
    for (const heavy of [
      '/zod/',
      '/yaml/',
      '/mathjs/',
      '/vega',
      '/piscina/',
      '/seedrandom/',
      '/dist/src/models/',
      '/dist/src/scenario/load.js',
    ]) {
      expect(
        loaded.filter((url) => url.includes(heavy)),
        heavy,
      ).toEqual([]);
    }
  });
});
