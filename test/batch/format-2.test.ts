/**
 * Folders of batch format 2 (written before steps were called steps, by commit 037cc91; see
 * fixtures/format-2/README.md) are still read: reported, merged, reused as they are by a batch
 * or a comparison, and resumed (upgraded to the current format: batch.json rewritten at once).
 *
 * Reading uses the fixture as written; merging uses its shards with only the ayni version they
 * record changed (merge refuses shards of another version, checked too). Reuse and resume also need today's model to
 * give the numbers the folder holds, and the fixture's runs are of the model of its day (its
 * scenario resolves to other defaults, so another scenario hash): those tests write the same
 * batch with today's model and put its batch.json and manifest.json back into format 2, field
 * for field as in the fixture (checked below), so they keep testing format 2 whatever the model.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch } from '../../src/batch/run-batch.js';
import { mergeShards } from '../../src/batch/merge.js';
import { BATCH_FORMAT } from '../../src/batch/store.js';
import { compareScenarios } from '../../src/experiments/compare.js';
import { readReportData } from '../../src/publish/report-files.js';
import { loadScenario } from '../../src/io/scenario-file.js';
import { tempFolder } from '../helpers/temp.js';
import { ayniVersion } from '../../src/io/version.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'format-2');
const folder = () => tempFolder('format-2');

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const json = (dir: string, name: string) => JSON.parse(read(dir, name)) as Record<string, unknown>;

const BATCH = { runs: 10, seed: 7, blockSize: 5, workers: 0 } as const;

/** Format 2's names for a current batch.json: format 2, and the steps called `months`, in the same place. */
function asFormatTwo(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => (key === 'format' ? [key, 2] : key === 'steps' ? ['months', value] : [key, value])),
  );
}

/** The fixture's batch, written by today's model and put back into format 2 (batch.json and manifest.json). */
async function formatTwoOfToday(): Promise<string> {
  const dir = join(folder(), 'batch');
  const summary = await runBatch(scenario(), { ...BATCH, out: dir });
  if (!summary.success) throw new Error(JSON.stringify(summary.error));
  writeFileSync(join(dir, 'batch.json'), `${JSON.stringify(asFormatTwo(json(dir, 'batch.json')), null, 2)}\n`);
  const { format: _format, ...manifest } = json(dir, 'manifest.json');
  const scenarioFields = asFormatTwo(manifest['scenario'] as Record<string, unknown>);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify({ ...manifest, scenario: scenarioFields }, null, 2)}\n`);
  return dir;
}

function scenario() {
  const loaded = loadScenario(join(FIXTURE, 'scenario.yaml'));
  if (!loaded.success) throw new Error(JSON.stringify(loaded.error));
  return loaded.data;
}

describe('a format-2 batch folder', () => {
  it('is the fixture it claims to be: format 2, steps called months, the scenario beside it', () => {
    const identity = json(join(FIXTURE, 'batch'), 'batch.json');
    expect(identity).toMatchObject({ format: 2, months: 12, firstMonth: '2010-01', runs: 10, masterSeed: 7, blockSize: 5 });
    expect(identity['steps']).toBeUndefined();
    expect(identity['scenarioFile']).toBe('scenario.yaml');
    const resolved = json(join(FIXTURE, 'batch'), 'scenario.resolved.json');
    const { name, start, months } = scenario().scenario as unknown as Record<string, unknown>;
    expect(resolved).toMatchObject({ name, start, months });
    expect(BATCH_FORMAT).toBeGreaterThan(2);
  });

  it('has the fields, in order, of the batch the current model writes once put back into format 2', async () => {
    const today = await formatTwoOfToday();
    const keys = (o: unknown) => Object.keys(o as Record<string, unknown>);
    for (const name of ['batch.json', 'manifest.json']) {
      expect(keys(json(today, name)), name).toEqual(keys(json(join(FIXTURE, 'batch'), name)));
    }
    const scenarioOf = (dir: string) => json(dir, 'manifest.json')['scenario'];
    expect(keys(scenarioOf(today))).toEqual(keys(scenarioOf(join(FIXTURE, 'batch'))));
    expect(json(today, 'batch.json')).toMatchObject({ format: 2, months: 12, firstMonth: '2010-01', scenarioHash: scenario().hash });
  });

  it('is reported: its runs, outcomes and monthly series', () => {
    const data = readReportData(join(FIXTURE, 'batch'));
    if (!data.success) throw new Error(JSON.stringify(data.error));
    expect(data.data).toMatchObject({ kind: 'batch', model: 'peru-mining', runs: 10, seed: 7 });
    const arm = data.data.arms[0]!;
    expect(arm.outcomes['activeConflictMonths']).toHaveLength(10);
    expect(arm.series['casesActive']?.map((p) => p.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2010-${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('refuses to merge its shards with another ayni than the one that wrote them, naming the field', async () => {
    const merged = await mergeShards([join(FIXTURE, 'shard-1'), join(FIXTURE, 'shard-2')], join(folder(), 'refused'));
    expect(merged.success).toBe(false);
    if (merged.success) return;
    expect(merged.error[0]).toMatchObject({ path: ['ayniVersion'] });
    expect(merged.error[0]?.message).toMatch(/was written by ayni 0\.1\.0, not /);
  });

  it('merges from its two shards into the same tables as the whole batch, in the current format', async () => {
    const out = join(folder(), 'merged');
    // The fixture's shards as the running ayni would have written them: only the version they record differs.
    const shards = ['shard-1', 'shard-2'].map((name) => {
      const dir = join(folder(), name);
      cpSync(join(FIXTURE, name), dir, { recursive: true });
      for (const file of ['batch.json', 'manifest.json']) {
        writeFileSync(join(dir, file), read(dir, file).replace('"ayniVersion": "0.1.0"', `"ayniVersion": "${ayniVersion()}"`));
      }
      return dir;
    });
    const merged = await mergeShards(shards, out);
    if (!merged.success) throw new Error(JSON.stringify(merged.error));
    expect(merged.data).toMatchObject({ runs: 10, completed: 10, failed: 0 });
    for (const table of ['runs.csv', 'series.csv']) expect(read(out, table)).toBe(read(join(FIXTURE, 'batch'), table));
    expect(json(out, 'batch.json')).toMatchObject({ format: BATCH_FORMAT, steps: 12, firstMonth: '2010-01' });
    expect(json(out, 'batch.json')['months']).toBeUndefined();
    expect(json(out, 'manifest.json')).toMatchObject({ format: BATCH_FORMAT, scenario: { steps: 12, firstMonth: '2010-01' } });
  });

  it('is reused as it is by the same batch: already complete, nothing written', async () => {
    const dir = await formatTwoOfToday();
    const before = read(dir, 'batch.json');
    const summary = await runBatch(scenario(), { ...BATCH, out: dir });
    if (!summary.success) throw new Error(JSON.stringify(summary.error));
    expect(summary.data).toMatchObject({ status: 'complete', alreadyComplete: true, completed: 10 });
    expect(read(dir, 'batch.json')).toBe(before);
  });

  it('is reused as an arm of a comparison, which gives the same answer as in fresh folders', async () => {
    const out = folder();
    cpSync(await formatTwoOfToday(), join(out, 'arms', 'base'), { recursive: true });
    const blockTime = statSync(join(out, 'arms', 'base', 'blocks', '000000.outcomes.f64')).mtimeMs;
    const variant = loadScenario(join(FIXTURE, 'scenario.yaml'), { set: [{ path: 'policies.dialogue.timing', value: 'early' }] });
    if (!variant.success) throw new Error(JSON.stringify(variant.error));
    const options = { runs: 10, seed: 7, blockSize: 5, workers: 0, resamples: 200 };
    const reused = await compareScenarios(scenario(), [variant.data], { ...options, out });
    const fresh = await compareScenarios(scenario(), [variant.data], { ...options, out: folder() });
    if (!reused.success || !fresh.success) throw new Error(JSON.stringify([reused, fresh]));
    expect(reused.data.results).toEqual(fresh.data.results);
    expect(json(join(out, 'arms', 'base'), 'batch.json')['format']).toBe(2);
    expect(statSync(join(out, 'arms', 'base', 'blocks', '000000.outcomes.f64')).mtimeMs).toBe(blockTime);
  });

  it('is resumed when interrupted, upgraded to the current format, into the tables of the whole batch', async () => {
    const dir = await formatTwoOfToday();
    const whole = Object.fromEntries(['runs.csv', 'series.csv'].map((table) => [table, read(dir, table)]));
    // What an interruption after the first block leaves: no second block, no tables.
    for (const name of [
      'blocks/000001.json',
      'blocks/000001.outcomes.f64',
      'blocks/000001.series.f64',
      'runs.csv',
      'runs.parquet',
      'series.csv',
      'manifest.json',
    ])
      rmSync(join(dir, name));
    const firstBlock = read(dir, 'blocks/000000.json');
    const refused = await runBatch(scenario(), { ...BATCH, out: dir });
    expect(refused.success).toBe(false);
    const summary = await runBatch(scenario(), { ...BATCH, out: dir, resume: true });
    if (!summary.success) throw new Error(JSON.stringify(summary.error));
    expect(summary.data).toMatchObject({ status: 'complete', completed: 10, alreadyComplete: false });
    for (const table of ['runs.csv', 'series.csv']) expect(read(dir, table)).toBe(whole[table]);
    expect(read(dir, 'blocks/000000.json')).toBe(firstBlock);
    const identity = json(dir, 'batch.json');
    expect(identity).toMatchObject({ format: BATCH_FORMAT, steps: 12, scenarioHash: scenario().hash });
    expect(identity['months']).toBeUndefined();
  });
});
