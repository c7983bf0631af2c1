/** Where ayni is installed: its version and its shipped scenarios, found from this module. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder of ayni's package.json (this module runs from dist/src/io or, in tests, src/io). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  root = dir;
  return dir;
}

let cachedVersion: string | undefined;

export function ayniVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

/** Path of a scenario shipped in scenarios/. */
export function shippedScenario(name: string): string {
  return join(packageRoot(), 'scenarios', name);
}
