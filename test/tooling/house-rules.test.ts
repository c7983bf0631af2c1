/**
 * The house rules are kept by tools, run by `npm run lint` and `npm run deps`: Biome (biome.jsonc) keeps
 * the clock, global randomness and Node's globals out of the pure layers, and dependency-cruiser
 * (.dependency-cruiser.cjs, .dependency-cruiser-runtime.cjs) keeps the layers in order and Node out of
 * engine, scenario, stats, models and report, transitively. This test runs both on a small made-up tree
 * in the temporary directory and checks that each rule still catches what it is for, and nothing else:
 * a weakened configuration fails here instead of passing in silence.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { tempFolder } from '../helpers/temp.js';

const repo = new URL('../../', import.meta.url).pathname;
const bin = (name: string) => join(repo, 'node_modules', '.bin', name);
const tree = tempFolder('house-rules');

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('Biome keeps the pure layers pure', () => {
  const root = join(tree, 'lint');
  writeTree(root, {
    'src/engine/clock.ts': 'export const now = (): number => Date.now();\n',
    'src/engine/env.ts': "export const seed = (): string | undefined => process.env['SEED'];\n",
    'src/models/m/draw.ts': 'export const draw = (): number => Math.random();\n',
    'src/models/m/timer.ts': 'export const tick = (): number => performance.now();\n',
    'src/models/m/log.ts': "export function log(): void {\n  console.log('step');\n}\n",
    'src/models/m/around.ts': 'export const clock = globalThis.Date;\n',
    'src/models/m/fine.ts': 'export const floor = (x: number): number => Math.floor(x);\n',
    'src/report/bytes.ts': "export const b64 = (s: string): string => Buffer.from(s).toString('base64');\n",
    'src/scenario/env.ts': "export const root = (): string | undefined => process.env['ROOT'];\n",
    // Outside engine and models the clock is allowed; outside the pure layers, Node too.
    'src/stats/clock.ts': 'export const now = (): number => Date.now();\n',
    'src/io/node.ts': "export const all = (): unknown => [Date.now(), Math.random(), process.env['X'], Buffer.from('x')];\n",
  });
  copyFileSync(join(repo, 'biome.jsonc'), join(root, 'biome.jsonc'));

  it('flags each forbidden global where it is forbidden, and only there', () => {
    const r = spawnSync(bin('biome'), ['lint', '--vcs-enabled=false', '--reporter=github', '--max-diagnostics=none', 'src'], {
      cwd: root,
      encoding: 'utf8',
    });
    const found = [...r.stdout.matchAll(/^::error title=(lint\/[^,]+),file=([^,]+),line=/gm)].map(
      ([, rule, file]) => `${relative(root, file as string)} ${rule}`,
    );
    expect(found.sort(), r.stdout + r.stderr).toEqual(
      [
        'src/engine/clock.ts lint/style/noRestrictedGlobals',
        'src/engine/env.ts lint/style/noRestrictedGlobals',
        'src/models/m/draw.ts lint/nursery/noJsRestrictedProperties',
        'src/models/m/timer.ts lint/style/noRestrictedGlobals',
        'src/models/m/log.ts lint/style/noRestrictedGlobals',
        'src/models/m/around.ts lint/style/noRestrictedGlobals',
        'src/report/bytes.ts lint/style/noRestrictedGlobals',
        'src/scenario/env.ts lint/style/noRestrictedGlobals',
      ].sort(),
    );
  }, 60_000);
});

describe('dependency-cruiser keeps the layers in order', () => {
  const root = join(tree, 'deps');
  writeTree(root, {
    'package.json': JSON.stringify({ name: 'probe', type: 'module', devDependencies: { vitest: '*' } }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, verbatimModuleSyntax: true },
      include: ['src', 'workers'],
    }),
    'src/engine/hash.ts':
      "import { createHash } from 'node:crypto';\nexport const hash = (s: string): string => createHash('sha256').update(s).digest('hex');\n",
    'src/models/m/id.ts':
      "import { hash } from '../../engine/hash.js';\nexport type ModelId = string;\nexport const id = (s: string): ModelId => hash(s);\n",
    'src/scenario/parse.ts': "import type { ModelId } from '../models/m/id.js';\nexport const parse = (s: string): ModelId => s;\n",
    'src/stats/clamp.ts': 'export const clamp = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);\n',
    'src/stats/builtin.ts': "export const fs = process.getBuiltinModule('node:fs');\n",
    'src/io/folder.ts':
      "import { readFileSync } from 'node:fs';\nexport interface Folder { readonly text: string }\nexport const readFolder = (p: string): Folder => ({ text: readFileSync(p, 'utf8') });\n",
    'src/report/view.ts':
      "import type { Folder } from '../io/folder.js';\nimport { clamp } from '../stats/clamp.js';\nexport const view = (f: Folder): number => clamp(f.text.length);\n",
    'src/report/reads.ts':
      "import { readFolder } from '../io/folder.js';\nexport const reads = (p: string): string => readFolder(p).text;\n",
    'src/batch/a.ts': "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n",
    'src/batch/b.ts': "import { a } from './a.js';\nexport const b = (): number => (Math.random() < 0 ? a() : 0);\n",
    'src/batch/dev.ts': "import { describe } from 'vitest';\nexport const suite = describe;\n",
    'src/experiments/e.ts': 'export const e = 1;\n',
    'src/cli/main.ts': 'export const main = 1;\n',
    'src/index.ts': "export { main } from './cli/main.js';\n",
    'workers/w.ts': "export { e } from '../src/experiments/e.js';\n",
  });
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');

  const violations = (config: string): string[] => {
    const r = spawnSync(bin('depcruise'), ['src', 'workers', '--config', join(repo, config), '--output-type', 'json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const result = JSON.parse(r.stdout) as { summary: { violations: Array<{ rule: { name: string }; from: string }> } };
    return result.summary.violations.map((v) => `${v.from} ${v.rule.name}`).sort();
  };

  it('forbids upward imports (type-only ones too), cycles and devDependencies', () => {
    expect(violations('.dependency-cruiser.cjs')).toEqual(
      [
        'src/scenario/parse.ts scenario-imports-only-below',
        'src/report/reads.ts report-imports-only-types-from-io-batch-experiments',
        // dependency-cruiser names a cycle once, from the module where it first meets it.
        'src/batch/a.ts no-circular',
        'src/batch/dev.ts no-dev-dependency-in-shipped-code',
        'src/index.ts index-imports-no-cli',
        'workers/w.ts workers-import-batch-and-below',
      ].sort(),
    );
  }, 60_000);

  it('keeps node:* out of the pure layers through any chain of value imports', () => {
    expect(violations('.dependency-cruiser-runtime.cjs')).toEqual(
      [
        'src/engine/hash.ts pure-layers-reach-no-node-core',
        'src/models/m/id.ts pure-layers-reach-no-node-core',
        'src/stats/builtin.ts pure-layers-reach-no-node-core',
        'src/report/reads.ts pure-layers-reach-no-node-core',
      ].sort(),
    );
  }, 60_000);
});
