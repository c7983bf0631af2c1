/**
 * The files of a finished batch, computed from its blocks in run-index order (so the same
 * runs give the same bytes at any worker count or shard split):
 *   runs.csv, runs.parquet   one row per run: run, seed, status, every outcome
 *   series.csv               per metric and step (a `month` column for monthly models, else
 *                            `step`): runs, mean, p05, p25, p50, p75, p95
 *   failures.ndjson          one line per failed run: run, seed, error
 *   series/*.parquet         with keepSeries: every run's series, one file per block
 * Memory stays bounded: series are read one metric at a time.
 */
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { stepLabel, timeColumn } from '../engine/model.js';
import { QUANTILES } from '../stats/quantiles.js';
import { AtomicFileWriter, writeFileAtomic } from '../io/files.js';
import type { BatchIdentity, BatchStore } from './store.js';
import { DamagedBlockError, readBlockSeries, type BlockMeta } from './block-files.js';
import type { SeriesRowsTask } from './protocol.js';
import { seriesRows } from './series-rows.js';

export interface BatchTotals {
  readonly completed: number;
  readonly failed: number;
}

/** Computes series rows; the batch passes its worker pool, merge computes them in process. */
export type SeriesRowsRunner = (tasks: readonly SeriesRowsTask[]) => Promise<ReadonlyArray<readonly string[]>>;

export const seriesRowsInProcess: SeriesRowsRunner = async (tasks) => tasks.map(seriesRows);

/** Writes runs.csv, runs.parquet, series.csv and failures.ndjson from the given blocks. */
export async function writeBatchTables(
  store: BatchStore,
  identity: BatchIdentity,
  blockIndices: readonly number[],
  keepSeries: boolean,
  runSeriesRows: SeriesRowsRunner = seriesRowsInProcess,
  parallelism = 1,
): Promise<BatchTotals> {
  // The series pass runs on the workers while this thread writes the run tables. If writing
  // fails, the pass is still awaited (never left to reject unhandled when the pool closes).
  const rows = runSeriesRows(seriesTasks(store.dir, identity, blockIndices, parallelism * 2)).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  let totals: BatchTotals;
  try {
    const metas = blockIndices.map((b) => store.readBlockMeta(b));
    totals = writeRuns(store, identity, metas);
    writeFailures(store, metas);
    if (keepSeries) for (const meta of metas) writeBlockSeriesParquet(store, identity, meta);
  } catch (e) {
    await rows;
    throw e;
  }
  const series = await rows;
  if ('error' in series) throw series.error;
  writeSeriesCsv(store.dir, identity, series.value);
  return totals;
}

function writeRuns(store: BatchStore, identity: BatchIdentity, metas: readonly BlockMeta[]): BatchTotals {
  const csv = new AtomicFileWriter(join(store.dir, 'runs.csv'));
  try {
    return writeRunsTo(csv, store, identity, metas);
  } catch (e) {
    csv.abandon();
    throw e;
  }
}

function writeRunsTo(csv: AtomicFileWriter, store: BatchStore, identity: BatchIdentity, metas: readonly BlockMeta[]): BatchTotals {
  const OUTCOME_NAMES = identity.outcomes;
  csv.write(`run,seed,status,${OUTCOME_NAMES.join(',')}\n`);
  const runs: number[] = [];
  const seeds: bigint[] = [];
  const status: string[] = [];
  const columns: Array<Array<number | null>> = OUTCOME_NAMES.map(() => []);
  let completed = 0;
  for (const meta of metas) {
    const outcomes = store.readBlockOutcomes(meta.index);
    // A short file would put `undefined` in the table: refuse it instead.
    if (outcomes.length !== meta.count * OUTCOME_NAMES.length)
      throw new DamagedBlockError(
        `${store.blocksDir}/${String(meta.index).padStart(6, '0')}.outcomes.f64`,
        `${outcomes.length} outcome values, not ${meta.count * OUTCOME_NAMES.length} (truncated or damaged)`,
      );
    const lines: string[] = [];
    for (let i = 0; i < meta.count; i++) {
      const ok = meta.ok[i] === 1;
      completed += ok ? 1 : 0;
      const values = OUTCOME_NAMES.map((_, k) => (ok ? outcomes[i * OUTCOME_NAMES.length + k] : null));
      lines.push(
        `${meta.firstRun + i},${meta.seeds[i]},${ok ? 'ok' : 'failed'},${values.map((v) => (v === null ? '' : String(v))).join(',')}\n`,
      );
      runs.push(meta.firstRun + i);
      seeds.push(BigInt(meta.seeds[i] as number));
      status.push(ok ? 'ok' : 'failed');
      values.forEach((v, k) => columns[k]?.push(v));
    }
    csv.write(lines.join(''));
  }
  csv.commit();
  const parquet = parquetWriteBuffer({
    columnData: [
      { name: 'run', data: runs, type: 'INT32', nullable: false },
      { name: 'seed', data: seeds, type: 'INT64', nullable: false },
      { name: 'status', data: status, type: 'STRING', nullable: false },
      ...OUTCOME_NAMES.map((name, k) => ({ name, data: columns[k] ?? [], type: 'DOUBLE' as const })),
    ],
  });
  writeFileAtomic(join(store.dir, 'runs.parquet'), new Uint8Array(parquet));
  return { completed, failed: runs.length - completed };
}

/** Header of series.csv. */
const seriesHeader = (identity: BatchIdentity) =>
  `metric,${timeColumn(identity.firstMonth)},runs,mean,${QUANTILES.map((q) => `p${String(Math.round(q * 100)).padStart(2, '0')}`).join(',')}\n`;

/** Splits the metrics into `parts` tasks (for the workers); rows keep metric order when joined. */
function seriesTasks(dir: string, identity: BatchIdentity, blocks: readonly number[], parts: number): SeriesRowsTask[] {
  const SERIES_NAMES = identity.series;
  const n = Math.max(1, Math.min(parts, SERIES_NAMES.length));
  return Array.from({ length: n }, (_, k) => ({
    dir,
    blocks,
    metrics: SERIES_NAMES.map((_, m) => m).filter((m) => Math.floor((m * n) / SERIES_NAMES.length) === k),
  }));
}

function writeSeriesCsv(dir: string, identity: BatchIdentity, rowsByTask: ReadonlyArray<readonly string[]>): void {
  writeFileAtomic(join(dir, 'series.csv'), seriesHeader(identity) + rowsByTask.flat().join(''));
}

/** failures.ndjson alone: a batch stopped by too many failures writes it from its completed blocks. */
export function writeFailures(store: BatchStore, metas: readonly BlockMeta[]): void {
  const lines = metas.flatMap((m) =>
    m.failures.map(
      (f) => `${JSON.stringify({ run: f.run, seed: f.seed, error: f.error, reproduce: `ayni run <scenario> --seed ${f.seed}` })}\n`,
    ),
  );
  writeFileAtomic(join(store.dir, 'failures.ndjson'), lines.join(''));
}

function writeBlockSeriesParquet(store: BatchStore, identity: BatchIdentity, meta: BlockMeta): void {
  const steps = identity.steps;
  const ok = Array.from({ length: meta.count }, (_, i) => i).filter((i) => meta.ok[i] === 1);
  const run: number[] = [];
  const step: string[] = [];
  for (const i of ok)
    for (let t = 0; t < steps; t++) {
      run.push(meta.firstRun + i);
      step.push(stepLabel(identity.firstMonth, t));
    }
  const metrics = identity.series.map((name, m) => {
    const slice = readBlockSeries(store.dir, meta.index, m, steps, meta.count);
    const data: number[] = [];
    for (const i of ok) for (let t = 0; t < steps; t++) data.push(slice[t * meta.count + i]!);
    return { name, data, type: 'DOUBLE' as const, nullable: false };
  });
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'run', data: run, type: 'INT32', nullable: false },
      { name: timeColumn(identity.firstMonth), data: step, type: 'STRING', nullable: false },
      ...metrics,
    ],
  });
  writeFileAtomic(join(store.dir, 'series', `${String(meta.index).padStart(6, '0')}.parquet`), new Uint8Array(buffer));
}
