/**
 * `mergeShards`: combines the folders of `ayni batch --shard k/n` runs into one folder whose
 * runs.csv and series.csv are byte-identical to an unsharded batch. Refuses shards of
 * different batches (scenario, seed, runs, block size), overlapping shards and missing
 * blocks, each with a one-line reason.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BatchStore, type BatchIdentity } from '../io/batch-store.js';
import { writeBatchTables } from '../io/batch-outputs.js';
import { writeFileAtomic, writeIssue } from '../io/files.js';
import { provenance, RESOLVED_SCENARIO } from '../io/provenance.js';
import { writeRunCrate } from '../io/run-crate.js';
import { fail, ok, type InputIssue, type Result } from '../result.js';
import { blockCount } from './plan.js';

export interface MergeSummary {
  readonly out: string;
  readonly runs: number;
  readonly completed: number;
  readonly failed: number;
  readonly shards: number;
}

const SAME: Array<keyof BatchIdentity> = ['scenarioHash', 'masterSeed', 'runs', 'blockSize', 'months', 'firstMonth'];

export async function mergeShards(dirs: readonly string[], out: string, now: () => Date = () => new Date()): Promise<Result<MergeSummary, InputIssue[]>> {
  if (dirs.length === 0) return fail([{ file: '', path: [], message: 'name at least one shard folder' }]);
  const stores = dirs.map((d) => new BatchStore(d));
  const identities: BatchIdentity[] = [];
  for (const store of stores) {
    const identity = store.readIdentity();
    if (identity === undefined) return fail([{ file: store.dir, path: [], message: 'not a batch folder (no batch.json)' }]);
    identities.push(identity);
  }
  const first = identities[0] as BatchIdentity;
  for (const [i, identity] of identities.entries()) {
    for (const field of SAME) {
      if (identity[field] !== first[field]) {
        return fail([{ file: dirs[i] as string, path: [field], message: `differs from ${dirs[0]}: ${JSON.stringify(identity[field])} vs ${JSON.stringify(first[field])}` }]);
      }
    }
  }
  const owner = new Map<number, number>();
  stores.forEach((store, i) => {
    for (const block of store.completedBlocks()) if (!owner.has(block)) owner.set(block, i);
  });
  for (const [i, store] of stores.entries()) {
    for (const block of store.completedBlocks()) {
      const other = owner.get(block) as number;
      if (other !== i) return fail([{ file: store.dir, path: [], message: `overlaps ${dirs[other]}: both hold block ${block} (runs ${block * first.blockSize}–${Math.min(first.runs, (block + 1) * first.blockSize) - 1})` }]);
    }
  }
  const total = blockCount(first.runs, first.blockSize);
  const missing: number[] = [];
  for (let b = 0; b < total; b++) if (!owner.has(b)) missing.push(b);
  if (missing.length > 0) {
    const runs = missing.slice(0, 3).map((b) => `${b * first.blockSize}–${Math.min(first.runs, (b + 1) * first.blockSize) - 1}`);
    return fail([{ file: out, path: [], message: `${missing.length} of ${total} blocks missing (runs ${runs.join(', ')}${missing.length > 3 ? ', …' : ''}): run or resume the shards that hold them` }]);
  }

  const target = new BatchStore(out);
  const started = now();
  try {
    if (target.readIdentity() !== undefined) return fail([{ file: out, path: [], message: 'this folder already holds a batch; merge into a new folder' }]);
    const merged: BatchIdentity = { ...first, shard: { index: 1, count: 1 } };
    target.writeIdentity(merged);
    const indices = Array.from({ length: total }, (_, b) => b);
    for (const b of indices) target.copyBlockFrom(stores[owner.get(b) as number] as BatchStore, b);
    const totals = await writeBatchTables(target, merged, indices, false);
    // Every shard saved the same scenario as run (their hashes agree); keep the first's.
    const resolved = join(dirs[0] as string, RESOLVED_SCENARIO);
    const hasResolved = existsSync(resolved);
    if (hasResolved) copyFileSync(resolved, join(out, RESOLVED_SCENARIO));
    const manifest = {
      tool: 'ayni',
      kind: 'merge',
      status: 'complete',
      ...provenance(),
      scenario: { name: first.scenarioName, hash: first.scenarioHash, firstMonth: first.firstMonth, months: first.months },
      masterSeed: first.masterSeed,
      seedFunction: 'seedFor(S, i) = splitmix64(S * 2^32 + i) >> 11',
      runs: { requested: first.runs, completed: totals.completed, failed: totals.failed },
      blockSize: first.blockSize,
      shards: dirs,
      files: ['runs.csv', 'runs.parquet', 'series.csv', 'failures.ndjson'],
      createdAt: now().toISOString(),
    };
    writeFileAtomic(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeRunCrate(out, {
      name: `ayni merge: ${first.scenarioName}, ${first.runs} runs from ${dirs.length} shards`,
      description: `The shards ${dirs.join(', ')} of one batch of scenario ${first.scenarioName} (${first.scenarioHash}), master seed ${first.masterSeed}, merged.`,
      startTime: started,
      endTime: new Date(manifest.createdAt),
      completed: true,
      objects: hasResolved ? [{ path: RESOLVED_SCENARIO, description: `The scenario as run by the shards; loads back to ${first.scenarioHash}.` }] : [],
    });
    return ok({ out, runs: first.runs, completed: totals.completed, failed: totals.failed, shards: dirs.length });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== undefined) return fail([writeIssue(out, e)]);
    throw e;
  }
}
