/**
 * A batch's folder on disk: its identity (batch.json) and one set of files per completed
 * block of runs (the folder's lock is in folder-lock.ts):
 *   blocks/NNNNNN.outcomes.f64   run-major outcomes (Float64, little-endian)
 *   blocks/NNNNNN.series.f64     metric-major series [metric][step][run] (Float64)
 *   blocks/NNNNNN.json           runs, seeds, which runs completed, failures, and the byte
 *                                size and SHA-256 of both data files
 * The JSON is written last, atomically: a block exists if and only if its JSON does, so an
 * interrupted batch never leaves a half block behind; the sizes and checksums catch a block
 * damaged afterwards (a truncated copy, a flipped bit) before it is read as data.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { writeFileAtomic, writeFileAtomicAsync } from '../io/files.js';
import type { DesignIdentity } from './design.js';
import { blockDigests, bytesOf } from './block-layout.js';
import { blockFile, currentNames, readBlockMeta, readTrustedIdentity, type BlockMeta } from './block-files.js';
import type { BlockDigests } from './protocol.js';

/**
 * Version of the folder layout: 2 added the ayni version, block sizes and checksums; 3 calls
 * the steps of a run `steps` (format 2 said `months`, for every model) in batch.json and in
 * manifest.json, which now records its format too. Blocks are the same bytes in 2 and 3.
 */
export const BATCH_FORMAT = 3;

/**
 * Formats this ayni reads. A format-2 folder is read as it is (report, merge, a batch or a
 * comparison that finds it complete write nothing into it); resuming or extending one upgrades
 * it: its batch.json, the only file that differs, is rewritten in format 3 in one atomic
 * rename before any block is added, so the folder is never half of each. (Keeping it in
 * format 2 would need a writer of both formats; an older ayni refuses it afterwards.)
 */
export const READABLE_FORMATS: readonly number[] = [2, 3];

export interface BatchIdentity {
  readonly tool: 'ayni-batch';
  readonly format: number;
  /** The ayni that wrote the folder: blocks of another build may hold other numbers. */
  readonly ayniVersion?: string;
  /** The scenario's model (absent in folders written before the model registry: peru-mining). */
  readonly model?: string;
  readonly scenarioName: string;
  /** Absolute path of the scenario file (for the command that resumes the batch). */
  readonly scenarioFile?: string;
  readonly scenarioHash: string;
  readonly masterSeed: number;
  readonly runs: number;
  readonly blockSize: number;
  /** Steps per run (months for the Peru model; `months` in format-2 folders). */
  readonly steps: number;
  /** "YYYY-MM" of the first step, or null when steps are numbered. */
  readonly firstMonth: string | null;
  readonly outcomes: readonly string[];
  readonly series: readonly string[];
  readonly shard: { readonly index: number; readonly count: number };
  /** Whether the batch keeps series/*.parquet (an option, not part of what the runs are). */
  readonly keepSeries?: boolean;
  /** The design whose points the runs are (design.ts); absent for a batch of one scenario. */
  readonly design?: DesignIdentity;
}

const IdentitySchema = z.looseObject({
  tool: z.literal('ayni-batch'),
  format: z.number().int(),
  ayniVersion: z.string().optional(),
  model: z.string().optional(),
  scenarioName: z.string(),
  scenarioFile: z.string().optional(),
  scenarioHash: z.string(),
  masterSeed: z.number().int().min(0),
  runs: z.number().int().min(1),
  blockSize: z.number().int().min(1),
  steps: z.number().int().min(1),
  firstMonth: z.string().nullable(),
  outcomes: z.array(z.string()),
  series: z.array(z.string()),
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }),
  keepSeries: z.boolean().optional(),
  design: z
    .object({
      hash: z.string(),
      points: z.number().int().min(1),
      replications: z.number().int().min(1),
      factors: z.array(z.string()),
      seeds: z.array(z.number().int().min(0)).optional(),
      seeding: z.literal('per-run').optional(),
    })
    .optional(),
});

/** What a block's JSON records about its data files. */
interface BlockFiles {
  readonly bytes: { readonly outcomes: number; readonly series: number };
  readonly sha256: { readonly outcomes: string; readonly series: string };
}

const BlockRecordSchema = z.looseObject({
  index: z.number().int().min(0),
  firstRun: z.number().int().min(0),
  count: z.number().int().min(1),
  seeds: z.array(z.number()),
  ok: z.array(z.union([z.literal(0), z.literal(1)])),
  failures: z.array(z.object({ run: z.number().int(), seed: z.number(), error: z.string() })),
  bytes: z.object({ outcomes: z.number().int().min(0), series: z.number().int().min(0) }),
  sha256: z.object({ outcomes: z.string().regex(/^[0-9a-f]{64}$/), series: z.string().regex(/^[0-9a-f]{64}$/) }),
});

/** What a block of a given batch must hold: checked before its files are trusted. */
export interface BlockExpectation {
  readonly firstRun: number;
  readonly count: number;
  readonly seeds: readonly number[];
  readonly outcomeBytes: number;
  readonly seriesBytes: number;
}

/** The files of a batch (besides blocks/ and series/), the only ones --force removes. */
const BATCH_FILES = ['manifest.json', 'runs.csv', 'runs.parquet', 'series.csv', 'failures.ndjson', 'report.html'];
/** What an interrupted atomic write leaves: `<file>.<pid>.tmp`. */
const TEMPORARY = /\.\d+\.tmp$/;
const BLOCK_FILE = /^\d{6}\.(json|outcomes\.f64|series\.f64)$/;

export class BatchStore {
  constructor(readonly dir: string) {}

  get blocksDir(): string {
    return join(this.dir, 'blocks');
  }

  private blockFile(index: number, suffix: string): string {
    return blockFile(this.dir, index, suffix);
  }

  get identityFile(): string {
    return join(this.dir, 'batch.json');
  }

  /** The folder's batch.json, trusted (it was checked when the batch started). */
  readIdentity(): BatchIdentity | undefined {
    return readTrustedIdentity<BatchIdentity>(this.dir);
  }

  /** The folder's batch.json, checked: undefined if there is none, an issue if it is not one. */
  loadIdentity(): Result<BatchIdentity | undefined, InputIssue[]> {
    const path = this.identityFile;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return ok(undefined);
      return fail([{ file: path, path: [], message: `cannot read the batch's identity (${code ?? 'error'})` }]);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail([
        { file: path, path: [], message: text.trim() === '' ? 'is empty, not a batch identity' : 'is not valid JSON (damaged?)' },
      ]);
    }
    const parsed = IdentitySchema.safeParse(currentNames(json));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail([
        { file: path, path: issue?.path.map(String) ?? [], message: `is not a batch identity: ${issue?.message ?? 'malformed'}` },
      ]);
    }
    return ok(parsed.data as BatchIdentity);
  }

  /** Writes batch.json, always in the current format (upgrading a folder of an older one). */
  writeIdentity(identity: BatchIdentity): void {
    writeFileAtomic(this.identityFile, `${JSON.stringify(onDisk(identity), null, 2)}\n`);
  }

  /** Indices of the blocks whose JSON is there (their data is checked by `checkBlock`). */
  completedBlocks(): Set<number> {
    if (!existsSync(this.blocksDir)) return new Set();
    const done = new Set<number>();
    for (const name of readdirSync(this.blocksDir)) {
      const m = /^(\d{6})\.json$/.exec(name);
      if (m) done.add(Number(m[1]));
    }
    return done;
  }

  /**
   * Writes a block's data files, then its JSON (the mark of a complete block) with their sizes
   * and checksums; `digests` are the arrays' SHA-256 when the worker that laid the block out
   * computed them.
   */
  async writeBlock(meta: BlockMeta, outcomes: Float64Array, series: Float64Array, digests?: BlockDigests): Promise<void> {
    const files: BlockFiles = {
      bytes: { outcomes: outcomes.byteLength, series: series.byteLength },
      sha256: digests ?? blockDigests(outcomes, series),
    };
    await Promise.all([
      writeFileAtomicAsync(this.blockFile(meta.index, 'outcomes.f64'), bytesOf(outcomes)),
      writeFileAtomicAsync(this.blockFile(meta.index, 'series.f64'), bytesOf(series)),
    ]);
    await writeFileAtomicAsync(this.blockFile(meta.index, 'json'), `${JSON.stringify({ ...meta, ...files })}\n`);
  }

  /**
   * Why a block cannot be trusted, or undefined if it can: its JSON must parse and describe
   * the expected runs and seeds, and both data files must have the recorded sizes and SHA-256.
   */
  checkBlock(index: number, expected: BlockExpectation): string | undefined {
    const jsonFile = this.blockFile(index, 'json');
    let record: z.infer<typeof BlockRecordSchema>;
    try {
      const parsed = BlockRecordSchema.safeParse(JSON.parse(readFileSync(jsonFile, 'utf8')));
      if (!parsed.success)
        return `${jsonFile}: not a block record${parsed.error.issues[0] ? ` (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})` : ''}`;
      record = parsed.data;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return `${jsonFile}: ${code === undefined ? 'not valid JSON' : `cannot be read (${code})`}`;
    }
    if (
      record.index !== index ||
      record.firstRun !== expected.firstRun ||
      record.count !== expected.count ||
      record.ok.length !== expected.count
    ) {
      return `${jsonFile}: describes runs ${record.firstRun}–${record.firstRun + record.count - 1}, not ${expected.firstRun}–${expected.firstRun + expected.count - 1}`;
    }
    if (record.seeds.length !== expected.count || record.seeds.some((seed, i) => seed !== expected.seeds[i]))
      return `${jsonFile}: its seeds are not this batch's`;
    const sizes = { outcomes: expected.outcomeBytes, series: expected.seriesBytes };
    for (const part of ['outcomes', 'series'] as const) {
      const file = this.blockFile(index, `${part}.f64`);
      if (record.bytes[part] !== sizes[part])
        return `${jsonFile}: records ${record.bytes[part]} bytes of ${part}, this batch's blocks hold ${sizes[part]}`;
      let size: number;
      try {
        size = statSync(file).size;
      } catch (e) {
        return `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `cannot be read (${(e as NodeJS.ErrnoException).code})`}`;
      }
      if (size !== sizes[part])
        return `${file}: ${size} bytes, ${size < sizes[part] ? 'truncated' : 'too long'} (its block records ${sizes[part]})`;
      if (sha256OfFile(file) !== record.sha256[part]) return `${file}: checksum mismatch (the file was changed or damaged)`;
    }
    return undefined;
  }

  /** Removes a block, its JSON first (so that what is left is never taken for a block). */
  removeBlock(index: number): void {
    for (const suffix of ['json', 'outcomes.f64', 'series.f64']) rmSync(this.blockFile(index, suffix), { force: true });
  }

  readBlockMeta(index: number): BlockMeta {
    return readBlockMeta(this.dir, index);
  }

  readBlockOutcomes(index: number): Float64Array {
    return float64From(readFileSync(this.blockFile(index, 'outcomes.f64')));
  }

  /** Copies a block's files from another store (merging shards); the JSON last, as always. */
  copyBlockFrom(source: BatchStore, index: number): void {
    mkdirSync(this.blocksDir, { recursive: true });
    for (const suffix of ['outcomes.f64', 'series.f64', 'json']) {
      writeFileAtomic(this.blockFile(index, suffix), readFileSync(source.blockFile(index, suffix)));
    }
  }

  /**
   * Removes what interrupted atomic writes left behind (`*.<pid>.tmp`) among the batch's
   * files. Only safe while holding the lock: then nobody else is writing here.
   */
  removeTemporaries(): void {
    const batchTemporary = (name: string) => TEMPORARY.test(name) && BATCH_FILES.concat('batch.json').some((f) => name.startsWith(`${f}.`));
    for (const [dir, matches] of [
      [this.dir, batchTemporary],
      [this.blocksDir, (name: string) => TEMPORARY.test(name)],
      [join(this.dir, 'series'), (name: string) => TEMPORARY.test(name)],
    ] as const) {
      for (const name of listDir(dir)) if (matches(name)) rmSync(join(dir, name), { force: true });
    }
  }

  /**
   * Removes the batch in this folder (for --force), and only its files, in an order that
   * never leaves something taken for a batch: the manifest and tables first, each block's
   * JSON before its data, batch.json last. Other files in the folder are left alone.
   */
  clear(): void {
    for (const name of BATCH_FILES) rmSync(join(this.dir, name), { force: true });
    const charts = join(this.dir, 'charts');
    for (const name of listDir(charts)) if (name.endsWith('.vl.json')) rmSync(join(charts, name), { force: true });
    const blocks = listDir(this.blocksDir);
    for (const name of blocks) if (name.endsWith('.json') && BLOCK_FILE.test(name)) rmSync(join(this.blocksDir, name), { force: true });
    for (const name of blocks) if (BLOCK_FILE.test(name)) rmSync(join(this.blocksDir, name), { force: true });
    const series = join(this.dir, 'series');
    for (const name of listDir(series)) if (/^\d{6}\.parquet$/.test(name)) rmSync(join(series, name), { force: true });
    this.removeTemporaries();
    for (const dir of [charts, this.blocksDir, series]) removeIfEmpty(dir);
    rmSync(this.identityFile, { force: true });
  }
}

/** batch.json's fields in the order it writes them, after any it does not name (so equal batches give equal bytes). */
const ON_DISK_ORDER = [
  'tool',
  'format',
  'ayniVersion',
  'model',
  'scenarioName',
  'scenarioFile',
  'scenarioHash',
  'masterSeed',
  'runs',
  'blockSize',
  'steps',
  'firstMonth',
  'outcomes',
  'series',
  'shard',
  'keepSeries',
  'design',
] as const;

/** batch.json as written: the current format. */
function onDisk(identity: BatchIdentity): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...identity, format: BATCH_FORMAT };
  const named = new Set<string>(ON_DISK_ORDER);
  const rest = Object.fromEntries(Object.entries(fields).filter(([key]) => !named.has(key)));
  return { ...rest, ...Object.fromEntries(ON_DISK_ORDER.map((key) => [key, fields[key]])) };
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw e;
  }
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (the user's own files) or not there: leave it.
  }
}

/** SHA-256 of a file, read in pieces (series files can be large). */
function sha256OfFile(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer, 0, buffer.byteLength, null); read > 0; read = readSync(fd, buffer, 0, buffer.byteLength, null))
      hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function float64From(bytes: Uint8Array): Float64Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}
