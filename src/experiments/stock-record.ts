/**
 * The recorded national stock of mining cases at dated months (data/peru/stock-record.csv), and
 * how a simulated stock compares with it month by month. The calibration fits three summaries
 * of the stock (calibration/national.yaml); this is the month-by-month check beside them. Pure:
 * the caller reads the file.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const RecordRowSchema = z
  .strictObject({
    month: z.string().regex(MONTH, 'expected a month written YYYY-MM'),
    low: z.coerce.number().finite().min(0),
    high: z.coerce.number().finite().min(0),
    how: z.enum(['stated', 'derived']),
    confidence: z.enum(['high', 'medium']),
    counts: z.string().min(1),
    source: z.string().min(1),
  })
  .refine((r) => r.low <= r.high, { message: 'low is above high', path: ['low'] });

export type StockRecordPoint = z.infer<typeof RecordRowSchema>;

/** The points of a record file's text, in its order; each bad cell is an issue naming its row and column. */
export function parseStockRecord(text: string, file: string): Result<StockRecordPoint[], InputIssue[]> {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (e) {
    return fail([{ file, path: [], message: `not a CSV file: ${(e as Error).message}` }]);
  }
  const issues: InputIssue[] = [];
  const points: StockRecordPoint[] = [];
  rows.forEach((row, i) => {
    const parsed = RecordRowSchema.safeParse(row);
    if (parsed.success) points.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        issues.push({ file, path: [`row ${i + 2}`, ...issue.path.map(String)], message: issue.message });
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
