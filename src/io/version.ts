/** ayni's own version, read once from package.json beside dist/. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function ayniVersion(): string {
  if (cached === undefined) {
    const url = new URL('../../../package.json', import.meta.url);
    cached = (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  }
  return cached;
}

/** Folder of the shipped scenarios. */
export function shippedScenario(name: string): string {
  return new URL(`../../../scenarios/${name}`, import.meta.url).pathname;
}
