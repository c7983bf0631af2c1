/**
 * What a batch folder already holds, through the library: a complete batch run again is
 * left alone, --force starts over, a larger batch can be reused, another ayni's folder or
 * outcome list is refused, damaged blocks are recomputed on resume and refused on merge,
 * stale temporary files are cleaned, and merges keep series and never leave half a folder.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch, type BatchOptions } from '../../src/batch/run-batch.js';
import { mergeShards } from '../../src/batch/merge.js';
import { DamagedBlockError, readBlockSeries } from '../../src/batch/block-files.js';
import { BatchStore } from '../../src/batch/store.js';
import { scenarioHash } from '../../src/io/scenario-hash.js';
import { tinyScenario } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const scenario = tinyScenario({ months: 24 });
const loaded = { scenario, file: 'tiny.yaml', hash: scenarioHash(scenario) };
const folder = () => tempFolder('integrity');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const base: BatchOptions = { runs: 200, blockSize: 50, workers: 0, out: '' };

async function batch(options: Partial<BatchOptions> & { out: string }) {
  const result = await runBatch(loaded, { ...base, ...options });
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data;
}
async function refusal(options: Partial<BatchOptions> & { out: string }) {
  const result = await runBatch(loaded, { ...base, ...options });
  if (result.success) throw new Error(`expected a refusal, got ${result.data.status}`);
  return result.error[0]!;
}
const editJson = (file: string, edit: (json: Record<string, unknown>) => void) => {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, JSON.stringify(json));
};
const flipByte = (file: string, at: number) => {
  const bytes = readFileSync(file);
  bytes[at] = (bytes[at] ?? 0) ^ 0x40;
  writeFileSync(file, bytes);
};

describe('a folder that already holds a batch', () => {
  it('run again, a complete batch is already complete: nothing is run or rewritten', async () => {
    const out = folder();
    await batch({ out });
    const before = statSync(join(out, 'runs.csv')).mtimeMs;
    for (const resume of [false, true]) {
      const again = await batch({ out, resume });
      expect(again).toMatchObject({ status: 'complete', alreadyComplete: true, completed: 200, runsInFolder: 200 });
    }
    expect(statSync(join(out, 'runs.csv')).mtimeMs).toBe(before);
  });

  it("--force starts over, removing the old batch's files and only those", async () => {
    const out = folder();
    await batch({ out, runs: 300, keepSeries: true });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const fresh = folder();
    await batch({ out: fresh, seed: 5, runs: 100 });
    const summary = await batch({ out, seed: 5, runs: 100, force: true });
    expect(summary).toMatchObject({ status: 'complete', alreadyComplete: false, completed: 100 });
    expect(read(out, 'runs.csv')).toBe(read(fresh, 'runs.csv'));
    expect(read(out, 'notes.txt')).toBe('mine');
    expect(readdirSync(join(out, 'blocks')).filter((f) => f.endsWith('.json'))).toEqual(['000000.json', '000001.json']);
    expect(existsSync(join(out, 'series'))).toBe(false);
    expect(await refusal({ out, force: true, resume: true })).toMatchObject({ path: ['force'] });
  });

  it('an unfinished batch is continued only with --resume, and the message gives the whole command', async () => {
    const out = folder();
    const stopped = await batch({ out, runs: 600, faults: { throwAt: [120] } });
    expect(stopped.status).toBe('failed');
    expect(stopped.resumeCommand).toBe(`ayni batch tiny.yaml --runs 600 --seed 1 --out ${out} --resume`);
    const issue = await refusal({ out, runs: 600 });
    expect(issue.message).toMatch(
      /^this folder holds this batch unfinished \(\d+ of 600 runs done\): continue it with `(.*)`, or add --force to start over$/,
    );
    expect(issue.message).toContain(`\`ayni batch tiny.yaml --runs 600 --seed 1 --out ${out} --resume\``);
    const other = await refusal({ out, seed: 7 });
    expect(other.message).toContain(
      `(it has seed 1, not 7): continue it with \`ayni batch tiny.yaml --runs 600 --seed 1 --out ${out} --resume\``,
    );
  });

  it('reuseLarger: the same batch with more runs than asked for is reused as it is', async () => {
    const out = folder();
    await batch({ out, runs: 300 });
    expect((await refusal({ out, runs: 200, resume: true })).path).toEqual(['runs']);
    const reused = await batch({ out, runs: 200, resume: true, reuseLarger: true });
    expect(reused).toMatchObject({ status: 'complete', alreadyComplete: true, runsRequested: 200, runsInFolder: 300 });
    expect(JSON.parse(read(out, 'batch.json')).runs).toBe(300);
    // Another seed is still another batch.
    expect((await refusal({ out, runs: 200, seed: 2, resume: true, reuseLarger: true })).path).toEqual(['masterSeed']);
  });

  it('batch.json records the ayni version, outcomes and series; resume refuses a mismatch', async () => {
    const out = folder();
    const stopped = await batch({ out, faults: { throwAt: [120] } });
    expect(stopped.status).toBe('failed');
    const identity = JSON.parse(read(out, 'batch.json'));
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(identity).toMatchObject({
      ayniVersion: version,
      outcomes: expect.arrayContaining(['activeConflictMonths']),
      series: expect.arrayContaining(['casesActive']),
    });
    editJson(join(out, 'batch.json'), (j) => (j['ayniVersion'] = '0.0.1'));
    const old = await refusal({ out, resume: true });
    expect(old).toMatchObject({ path: ['ayniVersion'] });
    expect(old.message).toMatch(/^cannot resume: the folder's batch was written by ayni 0\.0\.1, not /);
    editJson(join(out, 'batch.json'), (j) => {
      j['ayniVersion'] = version;
      j['outcomes'] = [...(j['outcomes'] as string[])].reverse();
    });
    expect(await refusal({ out, resume: true })).toMatchObject({ path: ['outcomes'] });
  });

  it('a corrupt batch.json is one clear issue, on resume and on merge', async () => {
    const out = folder();
    await batch({ out, shard: { index: 1, count: 2 } });
    writeFileSync(join(out, 'batch.json'), '{"tool": "ayni-ba');
    expect(await refusal({ out, resume: true, shard: { index: 1, count: 2 } })).toMatchObject({
      file: join(out, 'batch.json'),
      message: expect.stringMatching(/is not valid JSON/),
    });
    const merged = await mergeShards([out], join(folder(), 'm'));
    expect(merged.success).toBe(false);
    if (!merged.success) expect(merged.error[0]).toMatchObject({ file: join(out, 'batch.json') });
  });

  it('removes the temporary files of interrupted writes when it resumes', async () => {
    const out = folder();
    await batch({ out, faults: { throwAt: [120] } });
    const stale = [
      'runs.csv.4242.tmp',
      'manifest.json.77.tmp',
      join('blocks', '000003.series.f64.4242.tmp'),
      join('blocks', '000002.json.9.tmp'),
    ];
    for (const f of stale) writeFileSync(join(out, f), 'half');
    writeFileSync(join(out, 'mine.12.tmp'), "not ayni's");
    await batch({ out, resume: true, maxFailures: 1 });
    for (const f of stale) expect(existsSync(join(out, f)), f).toBe(false);
    expect(existsSync(join(out, 'mine.12.tmp'))).toBe(true);
  });
});

describe('damaged blocks', () => {
  it('are recomputed on resume, naming the damage, to the same files', async () => {
    const reference = folder();
    await batch({ out: reference });
    const out = folder();
    await batch({ out });
    flipByte(join(out, 'blocks', '000001.series.f64'), 100);
    truncateSync(join(out, 'blocks', '000002.outcomes.f64'), 80);
    writeFileSync(join(out, 'blocks', '000003.json'), '{"index": 3, "firstRun"');
    const refused = await refusal({ out });
    expect(refused.message).toMatch(/damaged block .*000001\.series\.f64: checksum mismatch/);
    const resumed = await batch({ out, resume: true });
    expect(resumed.repairedBlocks.map((b) => b.block)).toEqual([1, 2, 3]);
    expect(resumed.repairedBlocks[1]!.reason).toMatch(/000002\.outcomes\.f64: 80 bytes, truncated/);
    expect(resumed.repairedBlocks[2]!.reason).toMatch(/000003\.json: not valid JSON/);
    expect(read(out, 'runs.csv')).toBe(read(reference, 'runs.csv'));
    expect(read(out, 'series.csv')).toBe(read(reference, 'series.csv'));
  });

  it('are refused by merge, naming the file', async () => {
    const shards = [folder(), folder()];
    for (const [k, out] of shards.entries()) await batch({ out, shard: { index: k + 1, count: 2 } });
    const [, second] = shards as [string, string];
    flipByte(join(second, 'blocks', '000003.outcomes.f64'), 9);
    const m = await mergeShards(shards, join(folder(), 'm'));
    expect(m.success).toBe(false);
    if (!m.success) {
      expect(m.error[0]!.file).toBe(second);
      expect(m.error[0]!.message).toMatch(
        /^damaged block: .*000003\.outcomes\.f64: checksum mismatch .*; resume that shard to compute it again \(continue it with `ayni batch .* --shard 2\/2 --out /,
      );
    }
    writeFileSync(join(second, 'blocks', '000003.json'), 'not json');
    const again = await mergeShards(shards, join(folder(), 'm'));
    expect(!again.success && again.error[0]!.message).toMatch(/000003\.json: not valid JSON/);
  });

  it("a short read never leaves the previous block's values in a reused buffer", async () => {
    const out = folder();
    await batch({ out, runs: 100 });
    const store = new BatchStore(out);
    const months = 24;
    const buffer = readBlockSeries(store.dir, 0, 0, months, 50);
    truncateSync(join(out, 'blocks', '000001.series.f64'), 100);
    expect(() => readBlockSeries(store.dir, 1, 0, months, 50, 0, months, buffer)).toThrow(DamagedBlockError);
  });
});

describe('merge', () => {
  it('keeps series/*.parquet of --keep-series shards, byte-identical to the unsharded batch', async () => {
    const whole = folder();
    await batch({ out: whole, keepSeries: true });
    const shards = [folder(), folder()];
    for (const [k, out] of shards.entries()) await batch({ out, shard: { index: k + 1, count: 2 }, keepSeries: true });
    const merged = join(folder(), 'merged');
    const r = await mergeShards(shards, merged);
    expect(r.success && r.data.keptSeries).toBe(true);
    const files = readdirSync(join(whole, 'series')).sort();
    expect(readdirSync(join(merged, 'series')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(merged, 'series', f)).equals(readFileSync(join(whole, 'series', f)))).toBe(true);
  });

  it('writes into a temporary folder: what a killed merge left is cleaned, and the same merge again is already complete', async () => {
    const shards = [folder(), folder()];
    for (const [k, out] of shards.entries()) await batch({ out, shard: { index: k + 1, count: 2 } });
    const parent = folder();
    const out = join(parent, 'merged');
    // What a merge killed midway leaves: its staging folder, nothing at out.
    const abandoned = join(parent, '.merged.merging-999999999');
    mkdirSync(join(abandoned, 'blocks'), { recursive: true });
    writeFileSync(join(abandoned, 'batch.json'), '{}');
    const r = await mergeShards(shards, out);
    expect(r.success, JSON.stringify(r)).toBe(true);
    expect(readdirSync(parent)).toEqual(['merged']);
    const again = await mergeShards(shards, out);
    expect(again.success && again.data.alreadyComplete).toBe(true);
    const foreign = await mergeShards(shards, parent);
    expect(!foreign.success && foreign.error[0]!.message).toMatch(/is not empty; merge into a new folder/);
  });

  it('refuses shards written by another ayni version or with another outcome list', async () => {
    const shards = [folder(), folder()];
    for (const [k, out] of shards.entries()) await batch({ out, shard: { index: k + 1, count: 2 } });
    editJson(join(shards[1]!, 'batch.json'), (j) => (j['ayniVersion'] = '9.9.9'));
    const m = await mergeShards(shards, join(folder(), 'm'));
    expect(!m.success && m.error[0]).toMatchObject({
      file: shards[1],
      path: ['ayniVersion'],
      message: expect.stringMatching(/was written by ayni 9\.9\.9/),
    });
    editJson(join(shards[0]!, 'batch.json'), (j) => (j['ayniVersion'] = '9.9.9'));
    const both = await mergeShards(shards, join(folder(), 'm'));
    expect(!both.success && both.error[0]!.message).toMatch(
      /was written by ayni 9\.9\.9, not .*; merge with the ayni that wrote the shards$/,
    );
    editJson(join(shards[0]!, 'batch.json'), (j) => (j['ayniVersion'] = JSON.parse(read(shards[1]!, 'manifest.json')).ayniVersion));
    editJson(join(shards[1]!, 'batch.json'), (j) => {
      j['ayniVersion'] = JSON.parse(read(shards[1]!, 'manifest.json')).ayniVersion;
      j['series'] = (j['series'] as string[]).slice(1);
    });
    const series = await mergeShards(shards, join(folder(), 'm'));
    expect(!series.success && series.error[0]).toMatchObject({ path: ['series'] });
  });
});
