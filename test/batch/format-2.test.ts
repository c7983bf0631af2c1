/**
 * Folders of batch format 2 (written before steps were called steps, by commit 037cc91; see
 * fixtures/format-2/README.md) are still read: reported, merged, reused as they are by a batch
 * or a comparison, and resumed (upgraded to the current format: batch.json rewritten at once).
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
import { ayniVersion } from '../../src/io/version.js';
import { tempFolder } from '../helpers/temp.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'format-2');
const folder = () => tempFolder('format-2');

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const json = (dir: string, name: string) => JSON.parse(read(dir, name)) as Record<string, unknown>;

/**
 * A copy of one of the fixture's folders to write into. Its ayni version is made the current
 * one: batches refuse folders of another version, and the fixture must outlive version bumps.
 */
function copyOf(name: string): string {
  const dir = join(folder(), name);
  cpSync(join(FIXTURE, name), dir, { recursive: true });
  const identity = json(dir, 'batch.json');
  writeFileSync(join(dir, 'batch.json'), `${JSON.stringify({ ...identity, ayniVersion: ayniVersion() }, null, 2)}\n`);
  return dir;
}

function scenario() {
  const loaded = loadScenario(join(FIXTURE, 'scenario.yaml'));
  if (!loaded.success) throw new Error(JSON.stringify(loaded.error));
  return loaded.data;
}

const BATCH = { runs: 10, seed: 7, blockSize: 5, workers: 0 } as const;

describe('a format-2 batch folder', () => {
  it('is the fixture it claims to be: format 2, steps called months, the scenario beside it', () => {
    const identity = json(join(FIXTURE, 'batch'), 'batch.json');
    expect(identity).toMatchObject({ format: 2, months: 12, firstMonth: '2010-01', runs: 10, masterSeed: 7, blockSize: 5 });
    expect(identity['steps']).toBeUndefined();
    expect(scenario().hash).toBe(identity['scenarioHash']);
    expect(BATCH_FORMAT).toBeGreaterThan(2);
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

  it('merges from its two shards into the same tables as the whole batch, in the current format', async () => {
    const out = join(folder(), 'merged');
    const merged = await mergeShards([join(FIXTURE, 'shard-1'), join(FIXTURE, 'shard-2')], out);
    if (!merged.success) throw new Error(JSON.stringify(merged.error));
    expect(merged.data).toMatchObject({ runs: 10, completed: 10, failed: 0 });
    for (const table of ['runs.csv', 'series.csv']) expect(read(out, table)).toBe(read(join(FIXTURE, 'batch'), table));
    expect(json(out, 'batch.json')).toMatchObject({ format: BATCH_FORMAT, steps: 12, firstMonth: '2010-01' });
    expect(json(out, 'batch.json')['months']).toBeUndefined();
    expect(json(out, 'manifest.json')).toMatchObject({ format: BATCH_FORMAT, scenario: { steps: 12, firstMonth: '2010-01' } });
  });

  it('is reused as it is by the same batch: already complete, nothing written', async () => {
    const dir = copyOf('batch');
    const before = read(dir, 'batch.json');
    const summary = await runBatch(scenario(), { ...BATCH, out: dir });
    if (!summary.success) throw new Error(JSON.stringify(summary.error));
    expect(summary.data).toMatchObject({ status: 'complete', alreadyComplete: true, completed: 10 });
    expect(read(dir, 'batch.json')).toBe(before);
  });

  it('is reused as an arm of a comparison, which gives the same answer as in fresh folders', async () => {
    const out = folder();
    cpSync(copyOf('batch'), join(out, 'arms', 'base'), { recursive: true });
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
    const dir = copyOf('batch');
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
    for (const table of ['runs.csv', 'series.csv']) expect(read(dir, table)).toBe(read(join(FIXTURE, 'batch'), table));
    expect(read(dir, 'blocks/000000.json')).toBe(firstBlock);
    const identity = json(dir, 'batch.json');
    expect(identity).toMatchObject({
      format: BATCH_FORMAT,
      steps: 12,
      scenarioHash: json(join(FIXTURE, 'batch'), 'batch.json')['scenarioHash'],
    });
    expect(identity['months']).toBeUndefined();
  });
});
