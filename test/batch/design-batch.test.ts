/**
 * Batches over design points: run (p, j) is exactly run j of a plain batch of point p's
 * scenario (same seed: common random numbers), byte-identical in process, on 2 workers and
 * from merged shards; a folder of one design refuses another.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch, type BatchOptions } from '../../src/batch/run-batch.js';
import { mergeShards } from '../../src/batch/merge.js';
import { scenarioAtPoint, type BatchDesign } from '../../src/batch/design.js';
import { scenarioHash } from '../../src/io/scenario-hash.js';
import { tinyScenario } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const scenario = tinyScenario({ months: 24 });
const loaded = { scenario, file: 'tiny.yaml', hash: scenarioHash(scenario) };
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const design: BatchDesign = {
  factors: ['parameters.conflict.emergeRate', 'parameters.trust.meetingSignal'],
  points: [
    [0.02, 0.05],
    [0.2, 0.05],
    [0.5, 0.3],
    [0.8, 0.1],
    [0.35, 0.2],
  ],
  replications: 7,
};
const runs = design.points.length * design.replications;

async function batch(options: Partial<BatchOptions> & { out: string }) {
  const result = await runBatch(loaded, { runs, blockSize: 10, workers: 0, seed: 5, design, ...options });
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return result.data;
}

describe('runBatch with a design', () => {
  it('runs replicate j of point p as run j of a plain batch of that point, with the same seed', async () => {
    const out = tempFolder('design');
    expect((await batch({ out })).status).toBe('complete');
    const rows = read(out, 'runs.csv').trim().split('\n').slice(1);
    expect(rows).toHaveLength(runs);
    for (const p of [0, 2, 4]) {
      const point = scenarioAtPoint(scenario, design, p);
      const plain = tempFolder('design-plain');
      const r = await runBatch(
        { scenario: point, file: 'p.yaml', hash: scenarioHash(point) },
        { runs: 7, workers: 0, seed: 5, out: plain },
      );
      expect(r.success).toBe(true);
      const plainRows = read(plain, 'runs.csv').trim().split('\n').slice(1);
      // Same seed and outcomes; only the run index differs (r = 7p + j).
      for (let j = 0; j < 7; j++) expect(rows[p * 7 + j]?.replace(/^\d+,/, '')).toBe(plainRows[j]?.replace(/^\d+,/, ''));
    }
    // The points differ: the factor reached the model (else every point would repeat point 0).
    expect(rows[0]?.replace(/^\d+,/, '')).not.toBe(rows[3 * 7]?.replace(/^\d+,/, ''));
  }, 60_000);

  it('gives byte-identical tables in process, on 2 workers and from 3 merged shards', async () => {
    const reference = tempFolder('design-ref');
    await batch({ out: reference });
    const threaded = tempFolder('design-2w');
    expect((await batch({ out: threaded, workers: 2 })).status).toBe('complete');
    const shards = [1, 2, 3].map(() => tempFolder('design-shard'));
    for (const [i, dir] of shards.entries()) await batch({ out: dir, workers: i === 1 ? 2 : 0, shard: { index: i + 1, count: 3 } });
    const merged = join(tempFolder('design-merged'), 'm');
    const m = await mergeShards(shards, merged);
    expect(m.success).toBe(true);
    for (const dir of [threaded, merged]) {
      expect(read(dir, 'runs.csv')).toBe(read(reference, 'runs.csv'));
      expect(read(dir, 'series.csv')).toBe(read(reference, 'series.csv'));
    }
    expect(JSON.parse(read(reference, 'batch.json')).design).toMatchObject({ points: 5, replications: 7 });
  }, 120_000);

  it('refuses to resume a folder with another design, and a merge of shards of two designs', async () => {
    const out = tempFolder('design-other');
    await batch({ out, shard: { index: 1, count: 2 } });
    const other: BatchDesign = { ...design, points: design.points.map(([a, b]) => [a, (b as number) + 0.01]) };
    const again = await runBatch(loaded, {
      runs,
      blockSize: 10,
      workers: 0,
      seed: 5,
      design: other,
      out,
      resume: true,
      shard: { index: 1, count: 2 },
    });
    expect(again.success).toBe(false);
    if (!again.success) expect(again.error[0]?.path).toEqual(['design']);
    // Without resume: only the command that started a design can rebuild it, so the advice names it, not an ayni batch line.
    const fresh = await runBatch(loaded, { runs, blockSize: 10, workers: 0, seed: 5, design: other, out, shard: { index: 1, count: 2 } });
    expect(fresh.success).toBe(false);
    if (!fresh.success) {
      expect(fresh.error[0]?.message).toMatch(/continue it by running again the ayni experiment, test or calibrate command/);
      expect(fresh.error[0]?.message).not.toMatch(/ayni batch/);
    }
    const second = tempFolder('design-other-2');
    await runBatch(loaded, { runs, blockSize: 10, workers: 0, seed: 5, design: other, out: second, shard: { index: 2, count: 2 } });
    const merged = await mergeShards([out, second], join(tempFolder('design-other-m'), 'm'));
    expect(merged.success).toBe(false);
    if (!merged.success) expect(merged.error[0]?.path).toEqual(['design']);
  }, 60_000);

  it('refuses runs that are not points × replications', async () => {
    const r = await runBatch(loaded, { runs: runs + 1, workers: 0, design, out: tempFolder('design-runs') });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error[0]?.path).toEqual(['runs']);
  });
});
