/**
 * A generated corpus of malformed scenarios, validated by one `ayni validate` process with a
 * 512 MB heap and a time limit: every file gets exit 2 and one `file: path: message` line
 * per problem, never a stack trace, a crash or a hang.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { parseScenario } from '../../src/models/peru-mining/validate.js';
import { tempFolder } from '../helpers/temp.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const dir = tempFolder('corpus');
// The fully defaulted tiny scenario: every section and parameter present, so every leaf can be broken.
const parsedTiny = parseScenario(tinyScenarioInput(2));
if (!parsedTiny.success) throw new Error('the tiny scenario must be valid');
const valid = JSON.parse(JSON.stringify(parsedTiny.data)) as { [key: string]: Json };
const SENTINEL = 987654.125;

/** Every path to a value in a document. */
function paths(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value !== null && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return [at];
}
function get(doc: Json, path: ReadonlyArray<string | number>): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key] as Json, doc);
}
function withValue(path: ReadonlyArray<string | number>, value: Json | undefined): Json {
  const doc = structuredClone(valid) as Json;
  const parent = get(doc, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else parent[key] = value;
  return doc;
}

const files: string[] = [];
const add = (name: string, content: string | Buffer) => {
  const file = join(dir, `${String(files.length).padStart(4, '0')}-${name}.yaml`);
  writeFileSync(file, content);
  files.push(file);
};
/** Adds a document mutation only if it is in fact invalid (some swaps happen to stay valid). */
const addDoc = (name: string, doc: Json) => {
  if (!parseScenario(doc).success) add(name, stringify(doc));
};

const leaves = paths(valid).filter((p) => p.length > 0);
for (const p of leaves) {
  const v = get(valid, p);
  const swaps: Json[] =
    typeof v === 'number'
      ? ['twelve', true]
      : typeof v === 'string'
        ? [12345, [v]]
        : typeof v === 'boolean'
          ? ['maybe', 1]
          : Array.isArray(v)
            ? [{ not: 'a list' }, 'x']
            : [[1, 2], 7];
  for (const swapped of swaps) addDoc('type-swap', withValue(p, swapped));
  addDoc('missing', withValue(p, undefined));
  if (typeof v === 'number') {
    const text = stringify(withValue(p, SENTINEL));
    for (const bad of ['.nan', '.inf', '-.inf', '1e308', '-1e308']) add('number', text.replace(String(SENTINEL), bad));
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) addDoc('unknown-key', withValue([...p, 'bogusField'], 1));
}
addDoc('unknown-top-key', { ...valid, colour: 'blue' });
for (const shares of [
  [0.5, 0.5, 0.5, 0],
  [0.1, 0.1, 0.1, 0.1],
  [1, 1, 1, 1],
  [-0.1, 0.5, 0.4, 0.2],
]) {
  const [a, b, c, d] = shares as [number, number, number, number];
  addDoc('shares', {
    ...valid,
    policies: { revenue: { canon: { producingDistrict: a, producingProvince: b, producingDepartment: c, regionalGovernment: d } } },
  });
}
add('deep-nesting', `name: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
add('deep-maps', `${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`);
for (const key of ['name', 'months', 'start']) add('duplicate-key', `${stringify(valid)}${key}: again\n`);
add('duplicate-nested', 'name: x\nterritory:\n  departments: []\n  departments: []\n');
add(
  'alias-bomb',
  [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
  ].join('\n'),
);
add(
  'alias-bomb-map',
  'a: &a {x: 1, y: 1}\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
);
add('huge-file', Buffer.alloc(50 * 1024 * 1024, 'a'));
for (const bytes of [
  [0xff, 0xfe],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xf0, 0x28, 0x8c, 0x28],
  [0xed, 0xa0, 0x80],
])
  add('invalid-utf8', Buffer.concat([Buffer.from('name: '), Buffer.from(bytes), Buffer.from('\n')]));
for (const text of [
  'name: [unclosed',
  'name: "unclosed',
  'a:\n\tb: 1',
  'a: b: c',
  '- x\n y: 1',
  '{',
  ']',
  'name: x\n  bad indent: 1',
  ': no key',
  '@reserved',
])
  add('syntax', text);
for (const text of ['- a\n- b\n', '42\n', '', '~\n', '"just a string"\n']) add('not-a-mapping', text);
add('extends-self', 'extends: ./0.yaml\n'.replace('0', ''));
files[files.length - 1] && writeFileSync(files[files.length - 1] as string, `extends: ${files[files.length - 1]}\n`);
const cycleA = join(dir, 'cycle-a.yaml');
const cycleB = join(dir, 'cycle-b.yaml');
writeFileSync(cycleA, 'extends: cycle-b.yaml\nname: a\n');
writeFileSync(cycleB, 'extends: cycle-a.yaml\nname: b\n');
files.push(cycleA);
add('extends-missing', 'extends: does-not-exist.yaml\nname: x\n');
add('extends-not-a-path', 'extends: [1, 2]\nname: x\n');
// Files that are not regular files, or lead to them: refused without reading or blocking.
const fifo = join(dir, 'fifo.yaml');
execFileSync('mkfifo', [fifo]);
files.push(fifo);
for (const target of ['/dev/zero', '/dev/urandom', fifo]) add('extends-device', `extends: ${target}\nname: x\n`);
// Keys that reach the object prototype, and names that objects inherit.
add('proto-key', `__proto__:\n  polluted: 1\n${stringify(valid)}`);
add('proto-nested', stringify(valid).replace('policies:\n', 'policies:\n  constructor: 1\n'));
add('proto-json', JSON.stringify({ ...valid, exogenous: { prices: JSON.parse('{"prototype": {"kind": "gbm", "initial": 1}}') } }));
for (const metal of ['constructor', 'toString', 'hasOwnProperty']) {
  const doc = structuredClone(valid) as { [key: string]: Json };
  ((doc['projects'] as Json[])[0] as Record<string, Json>)['metal'] = metal;
  addDoc('inherited-name', doc);
}
addDoc('start-before-1000', { ...valid, start: '0999-01' });
for (const [section, field] of [
  ['communities', 'district'],
  ['projects', 'company'],
  ['projects', 'district'],
] as const) {
  const doc = structuredClone(valid) as { [key: string]: Json };
  ((doc[section] as Json[])[0] as Record<string, Json>)[field] = 'nowhere';
  addDoc('reference', doc);
}

describe('a corpus of malformed scenarios', () => {
  it('has at least 500 files', () => {
    expect(files.length).toBeGreaterThanOrEqual(500);
  });

  it('gets exit 2 and "file: path: message" lines for every file, within time and memory bounds', () => {
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--max-old-space-size=512', cli, 'validate', ...files], {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const lines = r.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^\/[^:]+\.yaml: [^ ]+: \S.*$/);
    for (const file of files) expect(r.stderr.includes(`${file}: `), `no message for ${file}`).toBe(true);
  }, 150_000);
});
