/**
 * How the simulated stock of registered cases compares with a recorded band, month by month:
 * the check behind docs/calibration.md and `npm run check:calibration`. A batch of the
 * scenario (resumable, on worker threads, in `<out>/batch`) gives, per month, the median and
 * 90% band of the register's stock over the runs (registerCases: active, reactivated and latent
 * cases, grouped as parameters.register says, and the background); the fit says in how many
 * months of the window the median lies inside the band and how much of the 90% band does, and
 * the share of registered case-months that were active.
 */
import { join } from 'node:path';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { runBatch, type BatchHooks } from '../batch/run-batch.js';
import { readBatchTables, type SeriesRow } from '../batch/read-tables.js';
import { loadScenario } from '../io/scenario-file.js';
import { readInputText } from '../io/files.js';
import { compareWithRecord, parseStockRecord, type RecordFit, type StockRecordPoint } from './stock-record.js';

export interface StockFitOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly workers?: number;
  readonly out: string;
  /** First and last month of the window, "YYYY-MM". */
  readonly from: string;
  readonly to: string;
  /** The recorded band of the stock, [low, high]. */
  readonly band: readonly [number, number];
  /** Start over: remove the batch already in <out>/batch first. */
  readonly force?: boolean;
  /** A record of the stock at dated months (stock-record.ts), compared month by month. */
  readonly record?: string;
}

export interface StockMonth {
  readonly month: string;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  readonly meanActive: number;
  readonly meanRegistered: number;
}

export interface StockFit {
  readonly scenario: string;
  readonly runs: number;
  readonly from: string;
  readonly to: string;
  readonly band: readonly [number, number];
  readonly months: readonly StockMonth[];
  /** Share of the window's months whose median stock is inside the band. */
  readonly medianInside: number;
  /** Share of the window's months whose whole 90% band (p05–p95) is inside the band. */
  readonly bandInside: number;
  /** Mean over the window of the monthly median, and its lowest and highest month. */
  readonly medianMean: number;
  readonly medianLow: number;
  readonly medianHigh: number;
  /** Σ mean active / Σ mean registered over the window: the share of registered case-months active. */
  readonly activeShare: number;
  /** The record, month by month, when one was given. */
  readonly record?: RecordFit;
  readonly batchDir: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function runStockFit(
  file: string,
  options: StockFitOptions,
  hooks: Pick<BatchHooks, 'onProgress' | 'signal'> = {},
): Promise<Result<StockFit, InputIssue[]>> {
  const issues: InputIssue[] = [];
  for (const key of ['from', 'to'] as const)
    if (!MONTH.test(options[key]))
      issues.push({ file: 'options', path: [key], message: `expected a month written YYYY-MM, got ${options[key]}` });
  if (!(options.band[0] < options.band[1]))
    issues.push({ file: 'options', path: ['band'], message: 'a band [low, high] needs low < high' });
  if (options.from > options.to) issues.push({ file: 'options', path: ['from'], message: `${options.from} is after ${options.to}` });
  if (issues.length > 0) return fail(issues);
  let record: StockRecordPoint[] | undefined;
  if (options.record !== undefined) {
    const text = readInputText(options.record, 'stock records');
    if (!text.success) return text;
    const parsed = parseStockRecord(text.data, options.record);
    if (!parsed.success) return parsed;
    record = parsed.data;
    // Before any run: a record with nothing in the window is a mistake in the window or the file.
    if (!record.some((p) => p.month >= options.from && p.month <= options.to))
      return fail([{ file: options.record, path: [], message: `no recorded month between ${options.from} and ${options.to}` }]);
  }
  const loaded = loadScenario(file);
  if (!loaded.success) return loaded;
  if (loaded.data.scenario.model !== undefined && loaded.data.scenario.model !== 'peru-mining')
    return fail([{ file, path: ['model'], message: 'the stock of registered cases is a series of the peru-mining model only' }]);
  const batchDir = join(options.out, 'batch');
  const batch = await runBatch(
    loaded.data,
    {
      runs: options.runs,
      seed: options.seed ?? 1,
      out: batchDir,
      ...(options.force ? { force: true } : { resume: true }),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
    },
    hooks,
  );
  if (!batch.success) return batch;
  if (batch.data.status !== 'complete')
    return fail([{ file: batchDir, path: [], message: `the batch is ${batch.data.status}; run the same command again to resume` }]);
  const tables = readBatchTables(batchDir);
  const inWindow = (row: SeriesRow) => row.step >= options.from && row.step <= options.to;
  const registered = (tables.series['registerCases'] ?? []).filter(inWindow);
  const active = (tables.series['registerActive'] ?? []).filter(inWindow);
  if (registered.length === 0) return fail([{ file, path: [], message: `the run has no month between ${options.from} and ${options.to}` }]);
  const months = registered.map((r, i) => ({
    month: r.step,
    p05: r.p05,
    p50: r.p50,
    p95: r.p95,
    meanActive: active[i]?.mean ?? 0,
    meanRegistered: r.mean,
  }));
  const fit = summariseStock(file, batch.data.completed, options, months, batchDir);
  return ok(record ? { ...fit, record: compareWithRecord(record, months) } : fit);
}

/** The fit of monthly quantiles to a band. Pure. */
export function summariseStock(
  scenario: string,
  runs: number,
  window: Pick<StockFitOptions, 'from' | 'to' | 'band'>,
  months: readonly StockMonth[],
  batchDir = '',
): StockFit {
  const [lo, hi] = window.band;
  const n = months.length;
  const share = (test: (m: StockMonth) => boolean) => months.filter(test).length / n;
  const medians = months.map((m) => m.p50);
  const sumActive = months.reduce((s, m) => s + m.meanActive, 0);
  const sumRegistered = months.reduce((s, m) => s + m.meanRegistered, 0);
  return {
    scenario,
    runs,
    from: window.from,
    to: window.to,
    band: window.band,
    months,
    medianInside: share((m) => m.p50 >= lo && m.p50 <= hi),
    bandInside: share((m) => m.p05 >= lo && m.p95 <= hi),
    medianMean: medians.reduce((a, b) => a + b, 0) / n,
    medianLow: Math.min(...medians),
    medianHigh: Math.max(...medians),
    activeShare: sumRegistered > 0 ? sumActive / sumRegistered : 0,
    batchDir,
  };
}
