/**
 * The scenario layer is below the models: it receives the models' parser and keys
 * (scenario/load.ts) instead of importing the registry; the engine is below both.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const src = new URL('../../src/', import.meta.url).pathname;
const sources = (dir: string) => readdirSync(join(src, dir)).filter((name) => name.endsWith('.ts')).map((name) => join(dir, name));
/** Modules a file loads when it runs (type-only imports are erased; src/scenario/hash.ts and label.ts still have such). */
const imports = (file: string) => [...readFileSync(join(src, file), 'utf8').matchAll(/^(?:import|export) (?!type )[^;]*?from ['"]([^'"]+)['"]/gms)].map((m) => m[1] as string);

describe('layers below the models', () => {
  for (const [dir, above] of [['scenario', /^\.\.\/(models|io|batch|experiments|report|publish|docs|perf|slurm|cli)\//], ['engine', /^\.\.\/(scenario|stats|models|io|batch|experiments|report|publish|docs|perf|slurm|cli)\//]] as const) {
    it(`${dir}/ imports nothing above it`, () => {
      const files = sources(dir);
      expect(files.length).toBeGreaterThan(2);
      for (const file of files) expect(imports(file).filter((spec) => above.test(spec)), file).toEqual([]);
    });
  }
});
