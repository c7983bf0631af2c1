/**
 * A finished batch folder read back through its tables (batch.json, series.csv, runs.csv),
 * as reports show it: every run the folder holds. Comparisons read their arms' first runs
 * from the blocks instead (outcome-columns.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchStore, type BatchIdentity } from './store.js';

/** One row of series.csv: a metric at one step (its label: the month, or the step number). */
export interface SeriesRow {
  readonly step: string;
  readonly mean: number;
  readonly p05: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

export interface BatchTables {
  readonly identity: BatchIdentity;
  /** series.csv by metric, in step order. */
  readonly series: Readonly<Record<string, readonly SeriesRow[]>>;
  /** Each outcome's values over the completed runs, in run order (from runs.csv). */
  readonly outcomes: Readonly<Record<string, readonly number[]>>;
}

/** Reads the tables of the batch in `dir`; throws when a file is missing or not a batch's. */
export function readBatchTables(dir: string): BatchTables {
  const loaded = new BatchStore(dir).loadIdentity();
  if (!loaded.success) throw new Error(loaded.error.map((i) => `${i.file}: ${i.message}`).join('; '));
  const identity = loaded.data;
  if (identity === undefined) throw new Error(`no batch.json in ${dir}`);
  const series: Record<string, SeriesRow[]> = {};
  // Columns by position: metric, month or step, runs, mean, then the quantiles.
  for (const line of readFileSync(join(dir, 'series.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [metric, step, , mean, p05, p25, p50, p75, p95] = line.split(',');
    const key = metric as string;
    series[key] ??= [];
    series[key].push({
      step: step as string,
      mean: Number(mean),
      p05: Number(p05),
      p25: Number(p25),
      p50: Number(p50),
      p75: Number(p75),
      p95: Number(p95),
    });
  }
  const outcomes: Record<string, number[]> = Object.fromEntries(identity.outcomes.map((o) => [o, []]));
  const runs = readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n');
  const header = (runs[0] ?? '').split(',');
  for (const line of runs.slice(1)) {
    const cells = line.split(',');
    if (cells[2] !== 'ok') continue;
    header.forEach((column, k) => outcomes[column]?.push(Number(cells[k])));
  }
  return { identity, series, outcomes };
}
