/**
 * What a batch folder already holds decides what `runBatch` does with it: start a new batch,
 * resume (or extend) the same one, report it already complete, or refuse with one line that
 * says how to go on. Blocks are checked before they are trusted: a damaged one is
 * recomputed on resume. Also the command line that continues a batch, for messages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { READABLE_FORMATS, type BatchIdentity, type BatchStore, type BlockExpectation } from './store.js';
import { shardBlocks, type Block } from './plan.js';
import { runSeed } from './design.js';

export interface FolderOptions {
  readonly resume: boolean;
  readonly force: boolean;
  readonly keepSeries: boolean;
  /** Accept the same batch with more runs than asked for, as it is (see BatchOptions). */
  readonly reuseLarger: boolean;
}

export type FolderPlan =
  /** Nothing to run or write: the folder already holds this batch, complete. */
  | { readonly kind: 'complete'; readonly identity: BatchIdentity; readonly manifest: Record<string, unknown> }
  /** Run the missing blocks (all of them for a new batch), then write the tables. */
  | {
      readonly kind: 'run';
      readonly identity: BatchIdentity;
      readonly damaged: ReadonlyArray<{ readonly block: number; readonly reason: string }>;
    };

/**
 * Checks the folder against the batch `wanted` and prepares it: with force, removes the
 * batch that was there; removes stale temporary files; removes damaged blocks when resuming.
 * Call with the folder's lock held.
 */
export function prepareFolder(store: BatchStore, wanted: BatchIdentity, options: FolderOptions): Result<FolderPlan, InputIssue[]> {
  if (options.force && options.resume)
    return fail([{ file: 'options', path: ['force'], message: '--force starts over and --resume continues: choose one' }]);
  const loaded = store.loadIdentity();
  if (!loaded.success && !options.force) {
    return fail(
      loaded.error.map((issue) => ({
        ...issue,
        message: `${issue.message}; add --force to start over in this folder, or choose another --out`,
      })),
    );
  }
  if (options.force) store.clear();
  const existing = options.force || !loaded.success ? undefined : loaded.data;
  let identity = wanted;
  if (existing !== undefined) {
    const refusal = compareBatches(store.dir, existing, wanted, options);
    if (refusal) return fail([refusal]);
    // The same batch with more runs, kept as it is: run i does not depend on the total.
    if (options.reuseLarger && existing.runs > wanted.runs) identity = { ...wanted, runs: existing.runs };
  }

  const blocks = shardBlocks(identity.runs, identity.blockSize, identity.shard);
  const present = store.completedBlocks();
  // Blocks without a batch.json have no provenance: they may be another scenario's.
  if (existing === undefined && present.size > 0)
    return fail([
      {
        file: store.blocksDir,
        path: [],
        message: 'holds blocks but the folder has no batch.json: add --force to start over, or choose another --out',
      },
    ]);
  // Every block is checked before it is trusted, also in a complete folder (whose blocks a
  // merge or a comparison will read).
  const damaged: Array<{ block: number; reason: string }> = [];
  let done = 0;
  for (const block of blocks) {
    if (!present.has(block.index)) continue;
    const reason = store.checkBlock(block.index, expectation(identity, block));
    if (reason === undefined) done += block.count;
    else damaged.push({ block: block.index, reason });
  }
  const runsInShard = blocks.reduce((n, b) => n + b.count, 0);
  if (existing !== undefined && done === runsInShard) {
    const manifest = completeManifest(store, identity, options.keepSeries);
    if (manifest) return ok({ kind: 'complete', identity: existing, manifest });
  }
  if (existing !== undefined && !options.resume && done < runsInShard) {
    const what =
      damaged.length > 0 ? `a damaged block (${damaged[0]?.reason})` : `this batch unfinished (${done} of ${runsInShard} runs done)`;
    return fail([
      {
        file: store.dir,
        path: [],
        message: `this folder holds ${what}: ${continueWith(existing, store.dir)}, or add --force to start over`,
      },
    ]);
  }
  store.removeTemporaries();
  for (const { block } of damaged) store.removeBlock(block);
  return ok({ kind: 'run', identity, damaged });
}

/** What block `block` of batch `identity` must hold. */
export function expectation(identity: BatchIdentity, block: Block): BlockExpectation {
  return {
    firstRun: block.firstRun,
    count: block.count,
    seeds: Array.from({ length: block.count }, (_, i) => runSeed(identity.masterSeed, block.firstRun + i, identity.design)),
    outcomeBytes: block.count * identity.outcomes.length * 8,
    seriesBytes: block.count * identity.series.length * identity.steps * 8,
  };
}

/** The fields that make two batches the same, in the order a difference is reported. */
const SAME_BATCH = [
  'format',
  'ayniVersion',
  'model',
  'scenarioHash',
  'masterSeed',
  'blockSize',
  'steps',
  'firstMonth',
  'outcomes',
  'series',
  'design',
] as const satisfies ReadonlyArray<keyof BatchIdentity>;

/** The first way batch `other` differs from `reference` (runs and shard included), as words. */
export function batchDifference(
  reference: BatchIdentity,
  other: BatchIdentity,
  ignoreRuns = false,
): { field: string; words: string } | undefined {
  for (const field of SAME_BATCH) {
    // Formats this ayni reads hold the same batch under other names (a format-2 folder is upgraded when resumed).
    if (field === 'format' && READABLE_FORMATS.includes(reference.format) && READABLE_FORMATS.includes(other.format)) continue;
    if (JSON.stringify(reference[field]) !== JSON.stringify(other[field]))
      return { field, words: differenceWords(field, reference, other) };
  }
  if (!ignoreRuns && reference.runs !== other.runs) return { field: 'runs', words: differenceWords('runs', reference, other) };
  if (reference.shard.index !== other.shard.index || reference.shard.count !== other.shard.count) {
    return {
      field: 'shard',
      words: `holds shard ${reference.shard.index}/${reference.shard.count}, not ${other.shard.index}/${other.shard.count}`,
    };
  }
  return undefined;
}

const FIELD_WORDS: Record<string, string> = {
  masterSeed: 'seed',
  scenarioHash: 'scenario hash',
  blockSize: 'block size',
  firstMonth: 'first month',
  design: 'design',
};

function differenceWords(field: string, reference: BatchIdentity, other: BatchIdentity): string {
  switch (field) {
    case 'format':
      return `was written by ${reference.format < other.format ? 'an older' : 'a newer'} ayni (batch format ${reference.format}, not ${other.format})`;
    case 'ayniVersion':
      return `was written by ayni ${reference.ayniVersion ?? '(unknown version)'}, not ${other.ayniVersion ?? '(unknown version)'}: its runs may hold other numbers`;
    case 'outcomes':
    case 'series':
      return `has ${field} [${reference[field].join(', ')}], not [${other[field].join(', ')}]`;
    default:
      return `has ${FIELD_WORDS[field] ?? field} ${JSON.stringify(reference[field as keyof BatchIdentity])}, not ${JSON.stringify(other[field as keyof BatchIdentity])}`;
  }
}

/** Refuses a folder whose batch is not the one wanted (or one it may grow into, or reuse). */
function compareBatches(dir: string, existing: BatchIdentity, wanted: BatchIdentity, options: FolderOptions): InputIssue | undefined {
  // A batch may grow (comparisons add runs until precise enough) if its blocks are all full:
  // run i's seed does not depend on the total.
  const grows = options.resume && wanted.runs > existing.runs && existing.runs % existing.blockSize === 0 && wanted.shard.count === 1;
  const shrinks = options.reuseLarger && wanted.runs < existing.runs && wanted.shard.count === 1;
  const difference = batchDifference(existing, wanted, grows || shrinks);
  if (difference === undefined) return undefined;
  const path = [difference.field];
  if (options.resume)
    return {
      file: dir,
      path,
      message: `cannot resume: the folder's batch ${difference.words}; add --force to start over, or choose another --out`,
    };
  const other = { ...existing, runs: wanted.runs };
  if (
    difference.field === 'runs' &&
    wanted.runs > existing.runs &&
    batchDifference(other, wanted) === undefined &&
    existing.runs % existing.blockSize === 0 &&
    wanted.shard.count === 1
  ) {
    return {
      file: dir,
      path,
      message: `this folder holds this batch with ${existing.runs} runs: add --resume to extend it to ${wanted.runs}, --force to start over, or choose another --out`,
    };
  }
  const continuable =
    difference.field !== 'format' && difference.field !== 'ayniVersion' && difference.field !== 'outcomes' && difference.field !== 'series';
  return {
    file: dir,
    path,
    message: `this folder already holds another batch (it ${difference.words}): ${continuable ? `${continueWith(existing, dir)}, ` : ''}add --force to replace it, or choose another --out`,
  };
}

/** The folder's manifest if it records this batch complete (with series/*.parquet when asked for). */
function completeManifest(store: BatchStore, identity: BatchIdentity, keepSeries: boolean): Record<string, unknown> | undefined {
  const path = join(store.dir, 'manifest.json');
  if (!existsSync(path)) return undefined;
  let manifest: { status?: unknown; runs?: { requested?: unknown }; files?: unknown };
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as typeof manifest;
  } catch {
    return undefined; // a damaged manifest: the tables are written again
  }
  if (typeof manifest !== 'object' || manifest === null || manifest.status !== 'complete' || manifest.runs?.requested !== identity.runs)
    return undefined;
  const files = Array.isArray(manifest.files) ? (manifest.files as unknown[]) : [];
  if (!files.every((f) => typeof f === 'string' && (f.includes('*') || existsSync(join(store.dir, f))))) return undefined;
  if (keepSeries && !files.includes('series/*.parquet')) return undefined;
  return manifest as Record<string, unknown>;
}

/** The command that continues the batch in `out`: scenario, runs, seed and shard from its batch.json. */
/**
 * How to continue the batch in `out`, as advice: its `ayni batch` command, or for the batch of a
 * design (an experiment's, a robustness check's or a calibration generation's), the command that
 * started it, which only it can rebuild.
 */
export function continueWith(identity: BatchIdentity, out: string): string {
  if (identity.design !== undefined)
    return 'continue it by running again the ayni experiment, test or calibrate command that started it (it holds the runs of a design)';
  return `continue it with \`${resumeCommand(identity, out)}\``;
}

export function resumeCommand(identity: BatchIdentity, out: string): string {
  const words = ['ayni', 'batch'];
  if (identity.scenarioFile !== undefined) words.push(shellWord(shownPath(identity.scenarioFile)));
  words.push('--runs', String(identity.runs), '--seed', String(identity.masterSeed));
  if (identity.shard.count > 1) words.push('--shard', `${identity.shard.index}/${identity.shard.count}`);
  if (identity.keepSeries) words.push('--keep-series');
  words.push('--out', shellWord(out), '--resume');
  return words.join(' ');
}

/** A path as short as it can be said from here: relative inside the working folder, absolute outside. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** A word for a POSIX shell: as is when safe, single-quoted otherwise. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
