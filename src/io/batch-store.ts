/**
 * A batch's folder on disk: its identity (batch.json) and one set of files per completed
 * block of runs (the folder's lock is in folder-lock.ts):
 *   blocks/NNNNNN.outcomes.f64   run-major outcomes (Float64, little-endian)
 *   blocks/NNNNNN.series.f64     metric-major series [metric][month][run] (Float64)
 *   blocks/NNNNNN.json           runs, seeds, which runs completed, failures
 * The JSON is written last, atomically: a block exists if and only if its JSON does, so an
 * interrupted batch never leaves a half block behind.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeFileAtomicAsync } from './files.js';

export interface BatchIdentity {
  readonly tool: 'ayni-batch';
  readonly format: 1;
  /** The scenario's model (absent in folders written before the model registry: peru-mining). */
  readonly model?: string;
  readonly scenarioName: string;
  readonly scenarioHash: string;
  readonly masterSeed: number;
  readonly runs: number;
  readonly blockSize: number;
  /** Steps per run (months for the Peru model). */
  readonly months: number;
  /** "YYYY-MM" of the first step, or null when steps are numbered. */
  readonly firstMonth: string | null;
  readonly outcomes: readonly string[];
  readonly series: readonly string[];
  readonly shard: { readonly index: number; readonly count: number };
}

export interface BlockMeta {
  readonly index: number;
  readonly firstRun: number;
  readonly count: number;
  readonly seeds: readonly number[];
  readonly ok: readonly number[];
  readonly failures: ReadonlyArray<{ run: number; seed: number; error: string }>;
}

const pad = (i: number) => String(i).padStart(6, '0');

export class BatchStore {
  constructor(readonly dir: string) {}

  get blocksDir(): string {
    return join(this.dir, 'blocks');
  }

  private blockFile(index: number, suffix: string): string {
    return join(this.blocksDir, `${pad(index)}.${suffix}`);
  }

  readIdentity(): BatchIdentity | undefined {
    const path = join(this.dir, 'batch.json');
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BatchIdentity) : undefined;
  }

  writeIdentity(identity: BatchIdentity): void {
    writeFileAtomic(join(this.dir, 'batch.json'), `${JSON.stringify(identity, null, 2)}\n`);
  }

  /** Indices of the blocks whose files are complete. */
  completedBlocks(): Set<number> {
    if (!existsSync(this.blocksDir)) return new Set();
    const done = new Set<number>();
    for (const name of readdirSync(this.blocksDir)) {
      const m = /^(\d{6})\.json$/.exec(name);
      if (m) done.add(Number(m[1]));
    }
    return done;
  }

  /** Writes a block's data files, then its JSON (the mark of a complete block). */
  async writeBlock(meta: BlockMeta, outcomes: Float64Array, series: Float64Array): Promise<void> {
    await Promise.all([
      writeFileAtomicAsync(this.blockFile(meta.index, 'outcomes.f64'), bytesOf(outcomes)),
      writeFileAtomicAsync(this.blockFile(meta.index, 'series.f64'), bytesOf(series)),
    ]);
    await writeFileAtomicAsync(this.blockFile(meta.index, 'json'), `${JSON.stringify(meta)}\n`);
  }

  readBlockMeta(index: number): BlockMeta {
    return JSON.parse(readFileSync(this.blockFile(index, 'json'), 'utf8')) as BlockMeta;
  }

  readBlockOutcomes(index: number): Float64Array {
    return float64From(readFileSync(this.blockFile(index, 'outcomes.f64')));
  }

  /**
   * One metric's [month][run] slice of a block's series, for months [fromMonth, toMonth),
   * into `into` when given (reused across reads, so a long pass makes no garbage).
   */
  readBlockSeries(index: number, metric: number, months: number, count: number, fromMonth = 0, toMonth = months, into?: Float64Array): Float64Array {
    const size = (toMonth - fromMonth) * count;
    const out = into !== undefined && into.length >= size ? into.subarray(0, size) : new Float64Array(size);
    const fd = openSync(this.blockFile(index, 'series.f64'), 'r');
    try {
      readSync(fd, new Uint8Array(out.buffer, out.byteOffset, out.byteLength), 0, out.byteLength, (metric * months + fromMonth) * count * 8);
    } finally {
      closeSync(fd);
    }
    return out;
  }

  /** Copies a block's files from another store (merging shards); the JSON last, as always. */
  copyBlockFrom(source: BatchStore, index: number): void {
    mkdirSync(this.blocksDir, { recursive: true });
    for (const suffix of ['outcomes.f64', 'series.f64', 'json']) {
      writeFileAtomic(this.blockFile(index, suffix), readFileSync(source.blockFile(index, suffix)));
    }
  }
}

function bytesOf(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function float64From(bytes: Uint8Array): Float64Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}
