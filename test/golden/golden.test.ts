/**
 * Golden digests: the outputs of the shipped corridor scenario and of the civil violence
 * defaults at fixed seeds, and of a small in-process batch of the corridor, pinned per Node
 * major version. Refactors must keep them; a change to a model's behaviour must change them
 * on purpose (regenerate with `npm run golden:update` and say why in the commit).
 *
 * Pinned per Node major because V8 may change the last bits of Math.exp and friends between
 * majors; within one major the outputs are byte-identical.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../src/io/scenario-file.js';
import { runScenario, type ScenarioRun } from '../../src/models/run.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { tempFolder } from '../helpers/temp.js';

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const digestsFile = new URL('./digests.json', import.meta.url).pathname;
const nodeMajor = `node${process.versions.node.split('.')[0]}`;
const updating = process.env.AYNI_UPDATE_GOLDEN === '1';

type Digests = Record<string, Record<string, string>>;
const pinned: Digests = JSON.parse(readFileSync(digestsFile, 'utf8')) as Digests;
const computed: Record<string, string> = {};

const sha256 = (...parts: Array<string | Uint8Array>) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

function runDigest(run: ScenarioRun): string {
  const series = new Uint8Array(run.series.buffer, run.series.byteOffset, run.series.byteLength);
  return sha256(
    JSON.stringify(run.stepLabels),
    JSON.stringify(run.seriesNames),
    series,
    JSON.stringify(run.outcomes),
    JSON.stringify(run.events),
  );
}

function load(path: string) {
  const loaded = loadScenario(repo(path));
  if (!loaded.success) throw new Error(`${path} does not load: ${JSON.stringify(loaded.error)}`);
  return loaded.data;
}

function check(key: string, digest: string) {
  computed[key] = digest;
  if (updating) return;
  const expected = pinned[nodeMajor]?.[key];
  expect(expected, `no golden digest for ${key} on ${nodeMajor}: run npm run golden:update`).toBeDefined();
  expect(digest, `${key} changed: the model's behaviour is not what it was`).toBe(expected);
}

afterAll(() => {
  if (updating) {
    const next: Digests = { ...pinned, [nodeMajor]: Object.fromEntries(Object.entries(computed).sort(([a], [b]) => a.localeCompare(b))) };
    writeFileSync(digestsFile, `${JSON.stringify(next, null, 2)}\n`);
  }
});

describe(`golden digests (${nodeMajor})`, () => {
  it('the corridor scenario at seeds 1, 2 and 3: series, outcomes and events', () => {
    const corridor = load('scenarios/corridor.yaml');
    for (const seed of [1, 2, 3]) check(`corridor/seed-${seed}`, runDigest(runScenario(corridor.scenario, { seed, events: true })));
  });

  it('the civil violence defaults at seeds 1 and 2: series, outcomes and events', () => {
    const epstein = load('scenarios/reference/epstein-defaults.yaml');
    for (const seed of [1, 2]) check(`epstein-defaults/seed-${seed}`, runDigest(runScenario(epstein.scenario, { seed, events: true })));
  });

  it('a 100-run corridor batch in process: runs.csv and series.csv', async () => {
    const out = tempFolder('golden');
    const result = await runBatch(load('scenarios/corridor.yaml'), { runs: 100, seed: 7, workers: 0, out, keepSeries: false });
    expect(result.success).toBe(true);
    for (const file of ['runs.csv', 'series.csv']) check(`corridor-batch/${file}`, sha256(readFileSync(join(out, file))));
  }, 120_000);

  it('a small change to one parameter changes the digest (the check can fail)', () => {
    const base = load('scenarios/corridor.yaml');
    const changed = loadScenario(repo('scenarios/corridor.yaml'), { set: [{ path: 'policies.dialogue.timing', value: 'early' }] });
    if (!changed.success) throw new Error('override failed');
    expect(runDigest(runScenario(changed.data.scenario, { seed: 1 }))).not.toBe(runDigest(runScenario(base.scenario, { seed: 1 })));
  });
});
