/**
 * The recorded national stock of mining cases at dated months (data/peru/stock-record.csv), and
 * how a simulated stock compares with it month by month. The calibration fits three summaries
 * of the stock (calibration/national.yaml); this is the month-by-month check beside them. Pure:
 * the caller reads the file.
 */
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { csvRows } from './csv-rows.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A count of cases written as a plain decimal (no blank, no hex, no exponent). */
const cases = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a number of cases, such as 94 or 97.2')
  .transform(Number);

const RecordRowSchema = z
  .strictObject({
    month: z.string().regex(MONTH, 'expected a month written YYYY-MM'),
    low: cases,
    high: cases,
    how: z.enum(['stated', 'derived']),
    confidence: z.enum(['high', 'medium']),
    counts: z.string().min(1),
    source: z.string().min(1),
  })
  // Only between two numbers: a bad count has its own issue already.
  .refine((r) => typeof r.low !== 'number' || typeof r.high !== 'number' || r.low <= r.high, {
    message: 'low is above high',
    path: ['low'],
  });

export type StockRecordPoint = z.output<typeof RecordRowSchema>;

const COLUMNS = ['month', 'low', 'high', 'how', 'confidence', 'counts', 'source'];

/**
 * The points of a record file's text, in its order. A missing or unknown column is one issue;
 * each bad cell, and a month recorded twice, is an issue naming its row and column.
 */
export function parseStockRecord(text: string, file: string): Result<StockRecordPoint[], InputIssue[]> {
  const table = csvRows(text, file, COLUMNS, { trim: true });
  if (!table.success) return table;
  const { header, rows } = table.data;
  const issues: InputIssue[] = [];
  const points: StockRecordPoint[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = `row ${i + 2}`;
    const parsed = RecordRowSchema.safeParse(Object.fromEntries(header.map((c, k) => [c, cells[k] ?? ''])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ file, path: [row, ...issue.path.map(String)], message: issue.message });
      return;
    }
    const earlier = seen.get(parsed.data.month);
    if (earlier !== undefined)
      issues.push({ file, path: [row, 'month'], message: `${parsed.data.month} is recorded twice (row ${earlier} too)` });
    seen.set(parsed.data.month, i + 2);
    points.push(parsed.data);
  });
  if (issues.length === 0 && points.length === 0) issues.push({ file, path: [], message: 'holds no recorded month' });
  return issues.length > 0 ? fail(issues) : ok(points);
}

/** A simulated month's quantiles over the runs (stock-fit.ts's StockMonth has them). */
interface MonthQuantiles {
  readonly month: string;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
}

interface RecordComparison extends StockRecordPoint {
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
  /** The record's range meets the runs' 90% band. */
  readonly withinBand: boolean;
}

export interface RecordFit {
  /** The recorded months inside the window, compared with the simulated month. */
  readonly points: readonly RecordComparison[];
  /** Share of those months whose record meets the runs' 90% band. */
  readonly covered: number;
  /** Mean of (median − record midpoint) over those months: the stock's bias, in cases. */
  readonly meanBias: number;
}

/** The record against the simulated months (points outside the window are left out). */
export function compareWithRecord(points: readonly StockRecordPoint[], months: readonly MonthQuantiles[]): RecordFit {
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const compared: RecordComparison[] = [];
  for (const point of points) {
    const m = byMonth.get(point.month);
    if (m === undefined) continue;
    compared.push({ ...point, p05: m.p05, p50: m.p50, p95: m.p95, withinBand: point.low <= m.p95 && point.high >= m.p05 });
  }
  const n = compared.length;
  return {
    points: compared,
    covered: n > 0 ? compared.filter((c) => c.withinBand).length / n : Number.NaN,
    meanBias: n > 0 ? compared.reduce((s, c) => s + c.p50 - (c.low + c.high) / 2, 0) / n : Number.NaN,
  };
}
