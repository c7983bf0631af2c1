/**
 * Provenance a referee can check, in every results folder: the scenario as run
 * (scenario.resolved.json, loading back to the recorded hash), manifests with the ayni and
 * Node versions, git commit and command line, relative paths in comparison.json, the
 * hypothesis file's hash in verdict.json, and an RO-Crate (Process Run Crate) whose every
 * entity exists (the git commit reader itself: test/io/git-commit.test.ts). Runs the built CLI (npm test builds first); small runs only.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from './helpers/tiny-world.js';
import { loadScenario } from '../src/io/scenario-file.js';
import { tempFolder } from './helpers/temp.js';

const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
const work = tempFolder('provenance');

const json = (...path: string[]) => JSON.parse(readFileSync(join(...path), 'utf8'));
const base = join(work, 'base.yaml');
writeFileSync(base, stringify({ ...tinyScenarioInput(4), months: 36 }));
// A scenario that extends the base, so that the resolved scenario differs from the file.
const extended = join(work, 'extended.yaml');
writeFileSync(extended, 'extends: base.yaml\nname: extended\npolicies:\n  dialogue:\n    timing: early\n');
const early = join(work, 'early.yaml');
writeFileSync(early, 'name: early\npolicies:\n  dialogue:\n    timing: early\n');
const headCommit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();

type Entity = Record<string, unknown> & { '@id': string; '@type': string | string[] };
const asList = (x: unknown): Array<{ '@id': string }> => (Array.isArray(x) ? x : x === undefined ? [] : [x]) as Array<{ '@id': string }>;
const types = (e: Entity) => (Array.isArray(e['@type']) ? e['@type'] : [e['@type']]);

/** Checks the RO-Crate 1.1 / Process Run Crate shape of a folder's ro-crate-metadata.json; returns its entities by id. */
function checkCrate(dir: string): Map<string, Entity> {
  const crate = json(dir, 'ro-crate-metadata.json') as { '@context': unknown; '@graph': Entity[] };
  const context = Array.isArray(crate['@context']) ? crate['@context'] : [crate['@context']];
  expect(context).toContain('https://w3id.org/ro/crate/1.1/context');
  expect(Array.isArray(crate['@graph'])).toBe(true);
  const byId = new Map<string, Entity>();
  for (const e of crate['@graph']) {
    expect(typeof e['@id']).toBe('string');
    expect(byId.has(e['@id']), `duplicate entity ${e['@id']}`).toBe(false);
    byId.set(e['@id'], e);
  }
  expect(byId.get('ro-crate-metadata.json')).toMatchObject({
    '@type': 'CreativeWork',
    conformsTo: { '@id': 'https://w3id.org/ro/crate/1.1' },
    about: { '@id': './' },
  });
  const rootEntity = byId.get('./') as Entity;
  expect(rootEntity).toMatchObject({ '@type': 'Dataset', conformsTo: { '@id': 'https://w3id.org/ro/wfrun/process/0.5' } });
  for (const key of ['name', 'description', 'datePublished']) expect(typeof rootEntity[key]).toBe('string');
  expect(byId.get('https://w3id.org/ro/wfrun/process/0.5')?.['@type']).toBe('CreativeWork');
  // Every data entity exists on disk, and every file and folder of the folder is a part.
  const parts = asList(rootEntity['hasPart']).map((r) => r['@id']);
  for (const e of byId.values()) {
    if (e['@id'] === './') continue;
    if (types(e).includes('File')) expect(existsSync(join(dir, decodeURI(e['@id']))), `${e['@id']} exists`).toBe(true);
    if (types(e).includes('Dataset'))
      expect(e['@id'].endsWith('/') && existsSync(join(dir, decodeURI(e['@id']))), `${e['@id']} is a folder`).toBe(true);
  }
  for (const id of parts) expect(byId.has(id), `part ${id} is described`).toBe(true);
  const listed = readdirSync(dir).filter((f) => !f.startsWith('.') && f !== 'ro-crate-metadata.json');
  for (const f of listed) expect(parts.includes(f) || parts.includes(`${f}/`), `${f} is a part of the crate`).toBe(true);
  // The actions: CreateActions mentioned by the root, with ayni as instrument.
  const actions = [...byId.values()].filter((e) => types(e).includes('CreateAction'));
  expect(actions.length).toBeGreaterThan(0);
  const mentioned = asList(rootEntity['mentions']).map((r) => r['@id']);
  for (const action of actions) {
    expect(mentioned).toContain(action['@id']);
    const instrument = byId.get(asList(action['instrument'])[0]?.['@id'] ?? '');
    expect(instrument).toMatchObject({ '@type': 'SoftwareApplication', name: 'ayni' });
    expect(Number.isNaN(Date.parse(action['endTime'] as string))).toBe(false);
    if (action['startTime'] !== undefined)
      expect(Date.parse(action['startTime'] as string)).toBeLessThanOrEqual(Date.parse(action['endTime'] as string));
    for (const ref of [...asList(action['object']), ...asList(action['result'])])
      expect(byId.has(ref['@id']), `${ref['@id']} is described`).toBe(true);
  }
  return byId;
}

function expectProvenance(manifest: Record<string, unknown>, command: string): void {
  const version = json(root, 'package.json').version;
  expect(manifest).toMatchObject({ ayniVersion: version, nodeVersion: process.version, gitCommit: headCommit });
  expect((manifest['argv'] as string[]).slice(0, 2)).toEqual(['ayni', command]);
}

describe('ayni run --out', () => {
  it('saves the resolved scenario (loads back to the recorded hash), the provenance and a crate', () => {
    const out = join(work, 'run');
    const r = ayni('run', extended, '--set', 'months=24', '--seed', '3', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const manifest = json(out, 'manifest.json');
    expectProvenance(manifest, 'run');
    expect(manifest.argv).toEqual(['ayni', 'run', extended, '--set', 'months=24', '--seed', '3', '--out', out]);
    expect(manifest.files).toContain('scenario.resolved.json');
    const resolved = json(out, 'scenario.resolved.json');
    expect(resolved).toMatchObject({ name: 'extended', months: 24, policies: { dialogue: { timing: 'early' } } });
    expect(resolved.extends).toBeUndefined();
    const reloaded = loadScenario(join(out, 'scenario.resolved.json'));
    expect(reloaded.success && reloaded.data.hash).toBe(manifest.scenario.hash);
    const crate = checkCrate(out);
    expect(crate.get('#ayni-run')).toMatchObject({
      object: [{ '@id': 'scenario.resolved.json' }],
      actionStatus: { '@id': 'http://schema.org/CompletedActionStatus' },
    });
    expect(crate.get('#ayni')).toMatchObject({ softwareVersion: manifest.ayniVersion, identifier: `git:${headCommit}` });
  });
});

describe('ayni batch and merge', () => {
  it('a batch folder and a merged folder hold the resolved scenario, the provenance and a crate', () => {
    const shards = [1, 2].map((k) => join(work, `shard-${k}`));
    for (const [i, out] of shards.entries()) {
      const r = ayni('batch', extended, '--runs', '200', '--workers', '0', '--shard', `${i + 1}/2`, '--out', out, '--quiet', '--no-report');
      expect(r.status, r.stderr).toBe(0);
      const manifest = json(out, 'manifest.json');
      expectProvenance(manifest, 'batch');
      const reloaded = loadScenario(join(out, 'scenario.resolved.json'));
      expect(reloaded.success && reloaded.data.hash).toBe(manifest.scenario.hash);
      const crate = checkCrate(out);
      expect(crate.get('blocks/')?.['@type']).toBe('Dataset');
      expect(crate.get('#ayni-run')?.['startTime']).toBeDefined();
    }
    const merged = join(work, 'merged');
    const r = ayni('merge', ...shards, '--out', merged);
    expect(r.status, r.stderr).toBe(0);
    const manifest = json(merged, 'manifest.json');
    expectProvenance(manifest, 'merge');
    const reloaded = loadScenario(join(merged, 'scenario.resolved.json'));
    expect(reloaded.success && reloaded.data.hash).toBe(manifest.scenario.hash);
    checkCrate(merged);
  }, 120_000);
});

describe('ayni compare', () => {
  it('writes a top-level manifest, relative paths in comparison.json, a resolved scenario per arm and a crate with the report', () => {
    const out = join(work, 'compare');
    const r = ayni('compare', base, early, '--runs', '100', '--workers', '0', '--out', out, '--quiet');
    expect(r.status, r.stderr).toBe(0);
    const comparison = json(out, 'comparison.json');
    expect(comparison.arms).toEqual(['arms/base', 'arms/early']);
    expect(resolve(out, comparison.base.file)).toBe(base);
    expect(resolve(out, comparison.variants[0].file)).toBe(early);
    const manifest = json(out, 'manifest.json');
    expectProvenance(manifest, 'compare');
    expect(manifest).toMatchObject({
      kind: 'compare',
      arms: ['arms/base', 'arms/early'],
      base: { file: comparison.base.file, hash: comparison.base.hash },
      seed: 1,
      runs: 100,
    });
    for (const arm of comparison.arms as string[]) {
      const armManifest = json(out, arm, 'manifest.json');
      expectProvenance(armManifest, 'compare');
      const reloaded = loadScenario(join(out, arm, 'scenario.resolved.json'));
      expect(reloaded.success && reloaded.data.hash).toBe(armManifest.scenario.hash);
      checkCrate(join(out, arm));
    }
    const crate = checkCrate(out);
    expect(asList(crate.get('#ayni-run')?.['object']).map((o) => o['@id'])).toEqual([
      'arms/base/scenario.resolved.json',
      'arms/early/scenario.resolved.json',
    ]);
    expect(asList(crate.get('#ayni-report')?.['result']).map((o) => o['@id'])).toEqual(['report.html', 'charts/']);
  }, 120_000);
});

describe('ayni test', () => {
  it("records the hypothesis file's hash and a timestamp in verdict.json; the folder has a manifest and a crate", () => {
    const folder = join(work, 'hypotheses');
    mkdirSync(folder);
    const file = join(folder, 'early.yaml');
    writeFileSync(
      file,
      stringify({
        statement: 'Early dialogue lowers conflict.',
        base: '../base.yaml',
        variant: '../early.yaml',
        primary: 'activeConflictMonths',
        expect: 'lower',
        smallestEffect: 1,
        rule: 'smallest-effect',
        seed: 1,
        runs: 100,
      }),
    );
    const out = join(work, 'test');
    const before = Date.now();
    const r = ayni('test', file, '--workers', '0', '--out', out, '--quiet', '--no-report');
    expect(r.status, r.stderr).toBe(0);
    const verdict = json(out, 'early', 'verdict.json');
    expect(verdict.hypothesisHash).toBe(`sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`);
    expect(Date.parse(verdict.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    const manifest = json(out, 'early', 'manifest.json');
    expectProvenance(manifest, 'test');
    expect(manifest.kind).toBe('test');
    expect(manifest.files).toContain('verdict.json');
    const crate = checkCrate(join(out, 'early'));
    expect(asList(crate.get('#ayni-run')?.['result']).map((o) => o['@id'])).toContain('verdict.json');
  }, 120_000);
});
