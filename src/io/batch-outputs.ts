/**
 * The files of a finished batch, computed from its blocks in run-index order (so the same
 * runs give the same bytes at any worker count or shard split):
 *   runs.csv, runs.parquet   one row per run: run, seed, status, every outcome
 *   series.csv               per metric and month: runs, mean, p05, p25, p50, p75, p95
 *   failures.ndjson          one line per failed run: run, seed, error
 *   series/*.parquet         with keepSeries: every run's monthly series, one file per block
 * Memory stays bounded: series are read one metric at a time.
 */
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { OUTCOME_NAMES, SERIES_NAMES } from '../core/metrics.js';
import { monthLabel, monthIndex } from '../core/calendar.js';
import { QUANTILES, describe } from '../batch/stats.js';
import { AtomicFileWriter, writeFileAtomic } from './files.js';
import type { BatchIdentity, BatchStore, BlockMeta } from './batch-store.js';

export const BATCH_FILES = ['runs.csv', 'runs.parquet', 'series.csv', 'failures.ndjson', 'manifest.json'] as const;

export interface BatchTotals {
  readonly completed: number;
  readonly failed: number;
}

/** Writes runs.csv, runs.parquet, series.csv and failures.ndjson from the given blocks. */
export function writeBatchTables(store: BatchStore, identity: BatchIdentity, blockIndices: readonly number[], keepSeries: boolean): BatchTotals {
  const metas = blockIndices.map((b) => store.readBlockMeta(b));
  const totals = writeRuns(store, metas);
  writeSeries(store, identity, metas);
  writeFailures(store, metas);
  if (keepSeries) for (const meta of metas) writeBlockSeriesParquet(store, identity, meta);
  return totals;
}

function writeRuns(store: BatchStore, metas: readonly BlockMeta[]): BatchTotals {
  const csv = new AtomicFileWriter(join(store.dir, 'runs.csv'));
  csv.write(`run,seed,status,${OUTCOME_NAMES.join(',')}\n`);
  const runs: number[] = [];
  const seeds: bigint[] = [];
  const status: string[] = [];
  const columns: Array<Array<number | null>> = OUTCOME_NAMES.map(() => []);
  let completed = 0;
  for (const meta of metas) {
    const outcomes = store.readBlockOutcomes(meta.index);
    const lines: string[] = [];
    for (let i = 0; i < meta.count; i++) {
      const ok = meta.ok[i] === 1;
      completed += ok ? 1 : 0;
      const values = OUTCOME_NAMES.map((_, k) => (ok ? outcomes[i * OUTCOME_NAMES.length + k] : null));
      lines.push(`${meta.firstRun + i},${meta.seeds[i]},${ok ? 'ok' : 'failed'},${values.map((v) => (v === null ? '' : String(v))).join(',')}\n`);
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

function writeSeries(store: BatchStore, identity: BatchIdentity, metas: readonly BlockMeta[]): void {
  const months = identity.months;
  const start = monthIndex(identity.firstMonth);
  const okRuns = metas.reduce((n, m) => n + m.ok.reduce((a, b) => a + b, 0), 0);
  const csv = new AtomicFileWriter(join(store.dir, 'series.csv'));
  csv.write(`metric,month,runs,mean,${QUANTILES.map((q) => `p${String(Math.round(q * 100)).padStart(2, '0')}`).join(',')}\n`);
  const perMonth = Array.from({ length: months }, () => new Float64Array(okRuns));
  for (let m = 0; m < SERIES_NAMES.length; m++) {
    let filled = 0;
    for (const meta of metas) {
      // The slice is [month][run]: copy each month's ok runs, in run order.
      const slice = store.readBlockSeriesMetric(meta.index, m, months, meta.count);
      let next = filled;
      for (let t = 0; t < months; t++) {
        const row = perMonth[t]!;
        next = filled;
        for (let i = 0; i < meta.count; i++) if (meta.ok[i] === 1) row[next++] = slice[t * meta.count + i]!;
      }
      filled = next;
    }
    const lines: string[] = [];
    for (let t = 0; t < months; t++) {
      const { mean, quantiles } = describe(perMonth[t]!);
      lines.push(`${SERIES_NAMES[m]},${monthLabel(start + t)},${okRuns},${fmt(mean)},${quantiles.map(fmt).join(',')}\n`);
    }
    csv.write(lines.join(''));
  }
  csv.commit();
}

const fmt = (x: number) => (Number.isNaN(x) ? '' : String(x));

function writeFailures(store: BatchStore, metas: readonly BlockMeta[]): void {
  const lines = metas.flatMap((m) => m.failures.map((f) => `${JSON.stringify({ run: f.run, seed: f.seed, error: f.error, reproduce: `ayni run <scenario> --seed ${f.seed}` })}\n`));
  writeFileAtomic(join(store.dir, 'failures.ndjson'), lines.join(''));
}

function writeBlockSeriesParquet(store: BatchStore, identity: BatchIdentity, meta: BlockMeta): void {
  const months = identity.months;
  const start = monthIndex(identity.firstMonth);
  const ok = Array.from({ length: meta.count }, (_, i) => i).filter((i) => meta.ok[i] === 1);
  const run: number[] = [];
  const month: string[] = [];
  for (const i of ok) for (let t = 0; t < months; t++) {
    run.push(meta.firstRun + i);
    month.push(monthLabel(start + t));
  }
  const metrics = SERIES_NAMES.map((name, m) => {
    const slice = store.readBlockSeriesMetric(meta.index, m, months, meta.count);
    const data: number[] = [];
    for (const i of ok) for (let t = 0; t < months; t++) data.push(slice[t * meta.count + i]!);
    return { name, data, type: 'DOUBLE' as const, nullable: false };
  });
  const buffer = parquetWriteBuffer({
    columnData: [{ name: 'run', data: run, type: 'INT32', nullable: false }, { name: 'month', data: month, type: 'STRING', nullable: false }, ...metrics],
  });
  writeFileAtomic(join(store.dir, 'series', `${String(meta.index).padStart(6, '0')}.parquet`), new Uint8Array(buffer));
}
