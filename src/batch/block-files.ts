/**
 * Reading a batch folder's blocks and its batch.json as already trusted: what the series pass
 * needs on a worker thread. Apart from store.ts, which checks folders with zod schemas, so that
 * a worker never loads zod (.dependency-cruiser-worker.cjs).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';

export interface BlockMeta {
  readonly index: number;
  readonly firstRun: number;
  readonly count: number;
  readonly seeds: readonly number[];
  readonly ok: readonly number[];
  readonly failures: ReadonlyArray<{ run: number; seed: number; error: string }>;
}

/** A block file found damaged while reading it (after it was checked, or never checked). */
export class DamagedBlockError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'DamagedBlockError';
  }
}

/** `<dir>/blocks/<index, six digits>.<suffix>`. */
export const blockFile = (dir: string, index: number, suffix: string) => join(dir, 'blocks', `${String(index).padStart(6, '0')}.${suffix}`);

/** A batch.json's fields under this ayni's names: format 2 and before called the steps `months`. */
export function currentNames(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const { months, ...rest } = json as Record<string, unknown>;
  const older = typeof rest['format'] === 'number' && rest['format'] <= 2;
  return older && months !== undefined && !('steps' in rest) ? { ...rest, steps: months } : json;
}

/** What the series pass reads of batch.json (store.ts's BatchIdentity has it all). */
export interface SeriesIdentity {
  readonly steps: number;
  readonly firstMonth: string | null;
  readonly series: readonly string[];
}

/** The folder's batch.json, trusted (it was checked when the batch started), as `T`. */
export function readTrustedIdentity<T extends SeriesIdentity = SeriesIdentity>(dir: string): T | undefined {
  const path = join(dir, 'batch.json');
  return existsSync(path) ? (currentNames(JSON.parse(readFileSync(path, 'utf8'))) as T) : undefined;
}

export function readBlockMeta(dir: string, index: number): BlockMeta {
  return JSON.parse(readFileSync(blockFile(dir, index, 'json'), 'utf8')) as BlockMeta;
}

/**
 * One metric's [step][run] slice of a block's series, for steps [fromStep, toStep), into
 * `into` when given (reused across reads, so a long pass makes no garbage).
 */
export function readBlockSeries(
  dir: string,
  index: number,
  metric: number,
  steps: number,
  count: number,
  fromStep = 0,
  toStep = steps,
  into?: Float64Array,
): Float64Array {
  const size = (toStep - fromStep) * count;
  const out = into !== undefined && into.length >= size ? into.subarray(0, size) : new Float64Array(size);
  const file = blockFile(dir, index, 'series.f64');
  const fd = openSync(file, 'r');
  try {
    // readSync may return fewer bytes than asked: read until the slice is full, and never
    // leave the previous block's values in a reused buffer.
    const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    const start = (metric * steps + fromStep) * count * 8;
    for (let at = 0; at < bytes.byteLength; ) {
      const read = readSync(fd, bytes, at, bytes.byteLength - at, start + at);
      if (read === 0) throw new DamagedBlockError(file, `ends at byte ${start + at}, before the series it should hold (truncated)`);
      at += read;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}
