/**
 * The simulation core does no I/O and reads no clock or global randomness: a run is a
 * function of (scenario, seed). This test fails if a core file reaches for any of them.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const src = new URL('../../src/', import.meta.url).pathname;
/** The model-agnostic engine and every registered model. */
const roots = ['engine', 'models'].map((dir) => join(src, dir));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });

const forbidden: Array<[RegExp, string]> = [
  [/from ['"]node:/, 'a node: import'],
  [/from ['"](fs|path|os|child_process|worker_threads)['"]/, 'a Node built-in import'],
  [/\bMath\.random\b/, 'Math.random'],
  [/\bDate\b/, 'the clock (Date)'],
  [/\bperformance\.now\b/, 'the clock (performance.now)'],
  [/\bprocess\./, 'process'],
  [/\bconsole\./, 'console'],
  [/from ['"](\.\.\/)+(io|cli|output)\//, 'an I/O module'],
];

// Loads mathjs through createRequire until the browser-safe step of #15 removes it.
const pending = new Set(['models/peru-mining/formulas.ts']);

describe('the core is pure', () => {
  const sources = roots.flatMap(files).filter((file) => !pending.has(file.slice(src.length)));
  it('has files to check', () => expect(sources.length).toBeGreaterThan(10));
  for (const file of sources) {
    it(file.slice(src.length), () => {
      const text = readFileSync(file, 'utf8');
      for (const [pattern, what] of forbidden) expect(pattern.test(text), `${file} uses ${what}`).toBe(false);
    });
  }
});
