/**
 * Batches through the library: identical files whatever the executor, worker count, shard
 * split or interruption; failures recorded; folders protected.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects, asyncBufferFromFile } from 'hyparquet';
import { runBatch, type BatchOptions } from '../../src/batch/run-batch.js';
import { mergeShards } from '../../src/batch/merge.js';
import { acquireFolderLock } from '../../src/io/folder-lock.js';
import { BatchStore } from '../../src/batch/store.js';
import { scenarioHash } from '../../src/io/scenario-hash.js';
import { tinyScenario } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';
import { readBlockSeries } from '../../src/batch/block-files.js';

const scenario = tinyScenario({ months: 36 });
const loaded = { scenario, file: 'tiny.yaml', hash: scenarioHash(scenario) };
const folder = () => tempFolder('batch');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

async function batch(options: Partial<BatchOptions> & { out: string }, signal?: AbortSignal) {
  const result = await runBatch(loaded, { runs: 230, blockSize: 50, workers: 0, ...options }, signal ? { signal } : {});
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data;
}

describe('runBatch', () => {
  it('gives byte-identical runs.csv and series.csv in process and on 1, 2 and 4 worker threads', async () => {
    const reference = folder();
    expect((await batch({ out: reference })).status).toBe('complete');
    for (const workers of [1, 2, 4]) {
      const out = folder();
      const summary = await batch({ out, workers });
      expect(summary).toMatchObject({ status: 'complete', completed: 230, failed: 0 });
      expect(read(out, 'runs.csv')).toBe(read(reference, 'runs.csv'));
      expect(read(out, 'series.csv')).toBe(read(reference, 'series.csv'));
    }
  }, 60_000);

  it('writes one row per run in run order, and a Parquet file with the same rows', async () => {
    const out = folder();
    await batch({ out, runs: 120 });
    const lines = read(out, 'runs.csv').trim().split('\n');
    expect(lines).toHaveLength(121);
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 120 }, (_, i) => i));
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(join(out, 'runs.parquet')) });
    expect(rows).toHaveLength(120);
    const header = lines[0]!.split(',');
    const first = lines[1]!.split(',');
    expect(Number(rows[0]!['seed'])).toBe(Number(first[1]));
    expect(rows[0]!['activeConflictMonths']).toBe(Number(first[header.indexOf('activeConflictMonths')]));
  });

  it("--keep-series keeps every run's monthly series as Parquet, one file per block", async () => {
    const out = folder();
    await batch({ out, runs: 120, keepSeries: true });
    const files = (await import('node:fs')).readdirSync(join(out, 'series')).sort();
    expect(files).toEqual(['000000.parquet', '000001.parquet', '000002.parquet']);
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(join(out, 'series', '000001.parquet')) });
    expect(rows).toHaveLength(50 * 36);
    expect(rows[0]).toMatchObject({ run: 50, month: '2020-01' });
    expect(typeof rows[0]!['casesActive']).toBe('number');
  });

  it('shards merge into files byte-identical to the unsharded batch', async () => {
    const whole = folder();
    await batch({ out: whole });
    const shards = [1, 2, 3].map(() => folder());
    for (const [k, out] of shards.entries()) await batch({ out, shard: { index: k + 1, count: 3 }, workers: k % 2 });
    const merged = join(folder(), 'merged');
    const result = await mergeShards(shards, merged);
    expect(result.success).toBe(true);
    expect(read(merged, 'runs.csv')).toBe(read(whole, 'runs.csv'));
    expect(read(merged, 'series.csv')).toBe(read(whole, 'series.csv'));
  }, 60_000);

  it('merge refuses overlapping, missing and foreign shards', async () => {
    const a = folder();
    const b = folder();
    const other = folder();
    await batch({ out: a, shard: { index: 1, count: 2 } });
    await batch({ out: b, shard: { index: 1, count: 2 } });
    await batch({ out: other, shard: { index: 2, count: 2 }, seed: 99 });
    const messages = async (dirs: string[]) => {
      const r = await mergeShards(dirs, join(folder(), 'm'));
      return r.success ? '' : r.error[0]!.message;
    };
    expect(await messages([a, b])).toMatch(/overlaps/);
    expect(await messages([a])).toBe('3 of 5 blocks missing (runs 100–149, 150–199, 200–229): run or resume the shards that hold them');
    expect(await messages([a, other])).toMatch(/differs from .*: it has seed 99, not 1/);
  });

  it('an interrupted batch resumes to files byte-identical to an uninterrupted one', async () => {
    const reference = folder();
    await batch({ out: reference });
    const out = folder();
    const controller = new AbortController();
    let blocks = 0;
    const first = await runBatch(
      loaded,
      { runs: 230, blockSize: 50, workers: 0, out },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done > 0 && ++blocks === 2) controller.abort();
        },
      },
    );
    expect(first.success && first.data.status).toBe('interrupted');
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    const refused = await runBatch(loaded, { runs: 230, blockSize: 50, workers: 0, out });
    expect(refused.success).toBe(false);
    const resumed = await batch({ out, resume: true });
    expect(resumed.status).toBe('complete');
    expect(read(out, 'runs.csv')).toBe(read(reference, 'runs.csv'));
    expect(read(out, 'series.csv')).toBe(read(reference, 'series.csv'));
  });

  it('resume refuses a folder holding a different batch', async () => {
    const out = folder();
    await batch({ out });
    const r = await runBatch(loaded, { runs: 230, blockSize: 50, workers: 0, out, seed: 5, resume: true });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error[0]).toMatchObject({ path: ['masterSeed'] });
  });

  it('a run that throws is recorded; the batch stops at --max-failures, keeping what it wrote', async () => {
    const strict = folder();
    const stopped = await batch({ out: strict, faults: { throwAt: [7] } });
    expect(stopped.status).toBe('failed');
    const tolerant = folder();
    const done = await batch({ out: tolerant, faults: { throwAt: [7, 120] }, maxFailures: 5 });
    expect(done).toMatchObject({ status: 'complete', completed: 228, failed: 2 });
    const failures = read(tolerant, 'failures.ndjson')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(failures.map((f) => f.run)).toEqual([7, 120]);
    expect(failures[0].error).toMatch(/injected failure in run 7/);
    expect(read(tolerant, 'runs.csv').split('\n')[8]).toMatch(/^7,\d+,failed,,/);
  });

  it("a failed run's values in its block are zero, though the block was assembled in a buffer that held another block", async () => {
    // Blocks of 50 on two lanes: block 2 reuses block 0's buffers, and run 120 fails in it.
    const out = folder();
    await batch({ out, runs: 150, faults: { throwAt: [120] }, maxFailures: 1 });
    const store = new BatchStore(out);
    const identity = store.readIdentity()!;
    const outcomes = store.readBlockOutcomes(2);
    const nO = identity.outcomes.length;
    expect(Array.from(outcomes.subarray(20 * nO, 21 * nO))).toEqual(new Array(nO).fill(0));
    expect(outcomes.subarray(19 * nO, 20 * nO).some((v) => v !== 0)).toBe(true);
    for (let m = 0; m < identity.series.length; m++) {
      const slice = readBlockSeries(store.dir, 2, m, identity.steps, 50);
      for (let t = 0; t < identity.steps; t++) expect(slice[t * 50 + 20]).toBe(0);
    }
    // What block 0 held at that place is non-zero somewhere: the zeros were written, not left over.
    const block0 = readBlockSeries(store.dir, 0, identity.series.indexOf('trustLocal'), identity.steps, 50);
    expect(Array.from({ length: identity.steps }, (_, t) => block0[t * 50 + 20]).some((v) => v !== 0)).toBe(true);
  });

  it('a block laid out by its worker holds the same bytes as one assembled here, a failed run included', async () => {
    // 2 workers, 5 blocks of 50: blocks 0–2 are whole-block tasks; 3–4, the tail, are one chunk
    // each (a tiny run: 50 runs a task), assembled here; run 20 fails in block 0, 180 in block 3.
    const reference = folder();
    await batch({ out: reference, faults: { throwAt: [20, 180] }, maxFailures: 2 });
    const out = folder();
    await batch({ out, workers: 2, faults: { throwAt: [20, 180] }, maxFailures: 2 });
    for (let b = 0; b < 5; b++)
      for (const suffix of ['json', 'outcomes.f64', 'series.f64']) {
        const name = join('blocks', `${String(b).padStart(6, '0')}.${suffix}`);
        expect(readFileSync(join(out, name)).equals(readFileSync(join(reference, name))), name).toBe(true);
      }
    expect(read(out, 'series.csv')).toBe(read(reference, 'series.csv'));
  }, 60_000);

  it('blocks of worker chunks assembled here in buffers that held whole blocks: the same bytes, failures included', async () => {
    // 60 communities × 36 months: 69 runs a task, so the tail's blocks of 100 come in two chunks
    // each; 5 blocks on 2 workers: 0–2 whole, 3–4 chunked into lanes that held whole blocks.
    const wide = tinyScenario({ months: 36 }, 30);
    const wideLoaded = { scenario: wide, file: 'wide.yaml', hash: scenarioHash(wide) };
    const run = async (out: string, workers: number) => {
      const r = await runBatch(wideLoaded, {
        runs: 450,
        blockSize: 100,
        workers,
        out,
        faults: { throwAt: [50, 320, 420] },
        maxFailures: 3,
      });
      if (!r.success) throw new Error(JSON.stringify(r.error));
      return r.data;
    };
    const reference = folder();
    const out = folder();
    expect((await run(reference, 0)).failed).toBe(3);
    expect((await run(out, 2)).failed).toBe(3);
    for (let b = 0; b < 5; b++)
      for (const suffix of ['json', 'outcomes.f64', 'series.f64']) {
        const name = join('blocks', `${String(b).padStart(6, '0')}.${suffix}`);
        expect(readFileSync(join(out, name)).equals(readFileSync(join(reference, name))), name).toBe(true);
      }
    for (const table of ['runs.csv', 'series.csv', 'failures.ndjson']) expect(read(out, table), table).toBe(read(reference, table));
  }, 60_000);

  it('a worker that dies inside a whole block: its runs are retried one by one and the block holds the same values', async () => {
    const reference = folder();
    await batch({ out: reference, runs: 150, faults: { throwAt: [30] }, maxFailures: 1 });
    const out = folder();
    await batch({ out, runs: 150, workers: 2, faults: { exitAt: [30] }, maxFailures: 1 });
    // Block 0 was a whole-block task; only the failure's message differs in its JSON.
    for (const suffix of ['outcomes.f64', 'series.f64']) {
      const name = join('blocks', `000000.${suffix}`);
      expect(readFileSync(join(out, name)).equals(readFileSync(join(reference, name))), name).toBe(true);
    }
    expect(read(out, 'series.csv')).toBe(read(reference, 'series.csv'));
  }, 60_000);

  it('a block that cannot be written fails the batch, and nothing is written after it returns', async () => {
    const out = folder();
    // A folder where block 3's series file must go, made once block 0 is written.
    const blocked = join(out, 'blocks', '000003.series.f64');
    const r = await runBatch(
      loaded,
      { runs: 300, blockSize: 50, workers: 2, out },
      {
        onProgress: (p) => {
          if (p.done > 0 && !existsSync(blocked)) mkdirSync(join(blocked, 'x'), { recursive: true });
        },
      },
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error[0]?.message).toMatch(/cannot write output/);
    const listing = () => readdirSync(join(out, 'blocks')).sort().join(' ');
    const atReturn = listing();
    await new Promise((done) => setTimeout(done, 1500));
    expect(listing()).toBe(atReturn);
    expect(existsSync(join(out, '.lock'))).toBe(false);
    // Every block written is genuine: no run recorded as failed by a closing pool.
    for (const name of readdirSync(join(out, 'blocks')).filter((f) => f.endsWith('.json')))
      expect(JSON.parse(readFileSync(join(out, 'blocks', name), 'utf8')).failures, name).toEqual([]);
  }, 60_000);

  it('a worker thread that dies is replaced; its chunk is retried run by run', async () => {
    const out = folder();
    const summary = await batch({ out, runs: 100, workers: 2, faults: { exitAt: [33] }, maxFailures: 1 });
    expect(summary).toMatchObject({ status: 'complete', completed: 99, failed: 1 });
    const failures = read(out, 'failures.ndjson')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ run: 33 });
    expect(failures[0].error).toMatch(/worker failed twice/);
  }, 60_000);

  it('refuses a folder another live batch is writing into', async () => {
    const out = folder();
    const held = acquireFolderLock(out);
    if (!held.acquired) throw new Error(held.message);
    const r = await runBatch(loaded, { runs: 10, workers: 0, out });
    held.lock.release();
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error[0]!.message).toMatch(
        new RegExp(`another batch \\(PID ${process.pid} on host .*; if it is no longer running, delete .*\\.lock$`),
      );
  });

  it('takes over a stale lock left by a dead process', async () => {
    const out = folder();
    writeFileSync(join(out, '.lock'), '999999999\n');
    expect((await batch({ out, runs: 10 })).status).toBe('complete');
  });

  it('rejects bad options as values', async () => {
    const r = await runBatch(loaded, { runs: 0, out: folder(), shard: { index: 3, count: 2 } });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['runs', 'shard']));
  });
});
