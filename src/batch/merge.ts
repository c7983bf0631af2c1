/**
 * `mergeShards`: combines the folders of `ayni batch --shard k/n` runs into one folder whose
 * runs.csv and series.csv are byte-identical to an unsharded batch. Refuses shards of
 * different batches (ayni version, scenario, seed, runs, block size, outcome and series
 * lists), overlapping shards, missing and damaged blocks, each with a one-line reason.
 * The merged folder is written beside `out` under a temporary name and renamed when
 * complete, so that a merge killed midway leaves nothing at `out`.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BATCH_FORMAT, BatchStore, type BatchIdentity } from './store.js';
import { DamagedBlockError } from './block-files.js';
import { writeBatchTables } from './tables.js';
import { writeFileAtomic, writeIssue } from '../io/files.js';
import { provenance, RESOLVED_SCENARIO } from '../io/provenance.js';
import { writeRunCrate } from '../io/run-crate.js';
import { ayniVersion } from '../io/version.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { batchDifference, expectation, continueWith } from './existing.js';
import { blockAt, blockCount } from './plan.js';

export interface MergeSummary {
  readonly out: string;
  readonly runs: number;
  readonly completed: number;
  readonly failed: number;
  readonly shards: number;
  /** Whether series/*.parquet were written (when any shard kept its series). */
  readonly keptSeries: boolean;
  /** `out` already held this merged batch: nothing was written. */
  readonly alreadyComplete: boolean;
}

export async function mergeShards(
  dirs: readonly string[],
  out: string,
  now: () => Date = () => new Date(),
): Promise<Result<MergeSummary, InputIssue[]>> {
  if (dirs.length === 0) return fail([{ file: '', path: [], message: 'name at least one shard folder' }]);
  const stores = dirs.map((d) => new BatchStore(d));
  const identities: BatchIdentity[] = [];
  for (const store of stores) {
    const identity = store.loadIdentity();
    if (!identity.success) return identity;
    if (identity.data === undefined) return fail([{ file: store.dir, path: [], message: 'not a batch folder (no batch.json)' }]);
    identities.push(identity.data);
  }
  const first = identities[0] as BatchIdentity;
  // Blocks written by another ayni may hold other numbers, or another layout.
  const here = batchDifference(first, { ...first, format: BATCH_FORMAT, ayniVersion: ayniVersion() });
  if (here)
    return fail([{ file: dirs[0] as string, path: [here.field], message: `${here.words}; merge with the ayni that wrote the shards` }]);
  for (const [i, identity] of identities.entries()) {
    const difference = batchDifference({ ...identity, shard: first.shard }, first);
    if (difference)
      return fail([{ file: dirs[i] as string, path: [difference.field], message: `differs from ${dirs[0]}: it ${difference.words}` }]);
  }
  const owner = new Map<number, number>();
  stores.forEach((store, i) => {
    for (const block of store.completedBlocks()) if (!owner.has(block)) owner.set(block, i);
  });
  for (const [i, store] of stores.entries()) {
    for (const block of store.completedBlocks()) {
      const other = owner.get(block) as number;
      if (other !== i)
        return fail([
          {
            file: store.dir,
            path: [],
            message: `overlaps ${dirs[other]}: both hold block ${block} (runs ${block * first.blockSize}–${Math.min(first.runs, (block + 1) * first.blockSize) - 1})`,
          },
        ]);
    }
  }
  const total = blockCount(first.runs, first.blockSize);
  const missing: number[] = [];
  for (let b = 0; b < total; b++) if (!owner.has(b)) missing.push(b);
  if (missing.length > 0) {
    const runs = missing.slice(0, 3).map((b) => `${b * first.blockSize}–${Math.min(first.runs, (b + 1) * first.blockSize) - 1}`);
    return fail([
      {
        file: out,
        path: [],
        message: `${missing.length} of ${total} blocks missing (runs ${runs.join(', ')}${missing.length > 3 ? ', …' : ''}): run or resume the shards that hold them`,
      },
    ]);
  }
  for (let b = 0; b < total; b++) {
    const i = owner.get(b) as number;
    const reason = (stores[i] as BatchStore).checkBlock(b, expectation(first, blockAt(b, first.runs, first.blockSize)));
    if (reason)
      return fail([
        {
          file: dirs[i] as string,
          path: [],
          message: `damaged block: ${reason}; resume that shard to compute it again (${continueWith(identities[i] as BatchIdentity, dirs[i] as string)})`,
        },
      ]);
  }

  const started = now();
  // Written in the current format whatever the shards' (their blocks are the same bytes).
  const merged: BatchIdentity = {
    ...first,
    format: BATCH_FORMAT,
    shard: { index: 1, count: 1 },
    keepSeries: identities.some((id, i) => id.keepSeries === true || existsSync(join(dirs[i] as string, 'series'))),
  };
  const existing = checkTarget(out, merged);
  if (!existing.success) return existing;
  if (existing.data) return ok({ ...existing.data, shards: dirs.length });

  const staging = join(dirname(out), `.${basename(out)}.merging-${process.pid}`);
  try {
    removeAbandonedStaging(out);
    rmSync(staging, { recursive: true, force: true });
    const target = new BatchStore(staging);
    target.writeIdentity(merged);
    const indices = Array.from({ length: total }, (_, b) => b);
    for (const b of indices) target.copyBlockFrom(stores[owner.get(b) as number] as BatchStore, b);
    const keepSeries = merged.keepSeries === true;
    const totals = await writeBatchTables(target, merged, indices, keepSeries);
    // Every shard saved the same scenario as run (their hashes agree); keep the first's.
    const resolved = join(dirs[0] as string, RESOLVED_SCENARIO);
    const hasResolved = existsSync(resolved);
    if (hasResolved) copyFileSync(resolved, join(staging, RESOLVED_SCENARIO));
    const manifest = {
      tool: 'ayni',
      kind: 'merge',
      status: 'complete',
      format: BATCH_FORMAT,
      ...provenance(),
      scenario: { name: first.scenarioName, hash: first.scenarioHash, firstMonth: first.firstMonth, steps: first.steps },
      masterSeed: first.masterSeed,
      seedFunction: 'seedFor(S, i) = splitmix64(S * 2^32 + i) >> 11',
      runs: { requested: first.runs, inShard: first.runs, completed: totals.completed, failed: totals.failed },
      blockSize: first.blockSize,
      shards: dirs,
      files: ['runs.csv', 'runs.parquet', 'series.csv', 'failures.ndjson', ...(keepSeries ? ['series/*.parquet'] : [])],
      createdAt: now().toISOString(),
    };
    writeFileAtomic(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeRunCrate(staging, {
      name: `ayni merge: ${first.scenarioName}, ${first.runs} runs from ${dirs.length} shards`,
      description: `The shards ${dirs.join(', ')} of one batch of scenario ${first.scenarioName} (${first.scenarioHash}), master seed ${first.masterSeed}, merged.`,
      startTime: started,
      endTime: new Date(manifest.createdAt),
      completed: true,
      objects: hasResolved
        ? [{ path: RESOLVED_SCENARIO, description: `The scenario as run by the shards; loads back to ${first.scenarioHash}.` }]
        : [],
    });
    // An empty folder at `out` (made beforehand) gives way to the merged one.
    if (existsSync(out)) rmdirSync(out);
    renameSync(staging, out);
    return ok({
      out,
      runs: first.runs,
      completed: totals.completed,
      failed: totals.failed,
      shards: dirs.length,
      keptSeries: keepSeries,
      alreadyComplete: false,
    });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (e instanceof DamagedBlockError) return fail([{ file: e.file, path: [], message: `damaged block: ${e.message}` }]);
    if ((e as NodeJS.ErrnoException).code !== undefined) return fail([writeIssue(out, e)]);
    throw e;
  }
}

/**
 * What is at `out` already: nothing or an empty folder (merge), this merged batch complete
 * (nothing to do), or anything else (refused: a merge never writes over files).
 */
function checkTarget(out: string, merged: BatchIdentity): Result<MergeSummary | undefined, InputIssue[]> {
  let entries: string[];
  try {
    entries = readdirSync(out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return ok(undefined);
    if (code === 'ENOTDIR') return fail([{ file: out, path: [], message: 'is a file, not a folder: merge into a new folder' }]);
    return fail([writeIssue(out, e)]);
  }
  if (entries.length === 0) return ok(undefined);
  const store = new BatchStore(out);
  const identity = store.loadIdentity();
  if (identity.success && identity.data !== undefined && batchDifference(identity.data, merged) === undefined) {
    const manifest = readManifest(out);
    if (manifest?.status === 'complete' && manifest.runs !== undefined && (merged.keepSeries !== true || existsSync(join(out, 'series')))) {
      return ok({
        out,
        runs: merged.runs,
        completed: manifest.runs.completed ?? 0,
        failed: manifest.runs.failed ?? 0,
        shards: 0,
        keptSeries: existsSync(join(out, 'series')),
        alreadyComplete: true,
      });
    }
  }
  const what = identity.success && identity.data !== undefined ? 'already holds a batch' : 'is not empty';
  return fail([{ file: out, path: [], message: `${what}; merge into a new folder` }]);
}

function readManifest(dir: string): { status?: string; runs?: { completed?: number; failed?: number } } | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      status?: string;
      runs?: { completed?: number; failed?: number };
    };
  } catch {
    return undefined;
  }
}

/** Removes the staging folders of merges into `out` killed before they finished (their process is gone). */
function removeAbandonedStaging(out: string): void {
  const prefix = `.${basename(out)}.merging-`;
  let names: string[];
  try {
    names = readdirSync(dirname(out));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid))
      rmSync(join(dirname(out), name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
