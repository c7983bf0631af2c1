/** Every seeded stream of ayni comes from engine/streams.ts, the only module that imports seedrandom. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import seedrandom from 'seedrandom';
import { createStream, poissonByInversion, seededStream } from '../../src/engine/streams.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('seeded streams', () => {
  it('are made in src/engine/streams.ts only', () => {
    const importers = sources(SRC).filter((file) =>
      /from\s+['"]seedrandom['"]|import\(\s*['"]seedrandom['"]\s*\)|require\(\s*['"]seedrandom['"]\s*\)/.test(readFileSync(file, 'utf8')),
    );
    expect(importers.map((f) => relative(SRC, f).split('\\').join('/'))).toEqual(['engine/streams.ts']);
  });

  it('draw what seedrandom xor4096 draws for the same key', () => {
    const a = seededStream('ayni/bootstrap/1/1/activeConflictMonths');
    const b = seedrandom.xor4096('ayni/bootstrap/1/1/activeConflictMonths');
    const c = createStream(3, 'prices');
    const d = seedrandom.xor4096('ayni/3/prices');
    for (let i = 0; i < 100; i++) {
      expect(a()).toBe(b());
      expect(c()).toBe(d());
    }
  });
});

describe('poissonByInversion', () => {
  it('gives counts of the right mean and variance from one uniform each, and 0 at rate 0', () => {
    const rng = seededStream('ayni/test/poisson');
    const n = 50000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const k = poissonByInversion(2.4, rng());
      sum += k;
      squares += k * k;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(2.4, 1);
    expect(squares / n - mean * mean).toBeCloseTo(2.4, 1);
    expect(poissonByInversion(0, 0.999)).toBe(0);
    expect(poissonByInversion(1, 0)).toBe(0);
  });
});
