/**
 * The rows of a small CSV input table whose header must name exactly `columns` (in any order):
 * what the stock record and the case panel share. A text that is not CSV, and a missing or
 * unknown column, are one issue naming the file. Pure.
 */
import { parse } from 'csv-parse/sync';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';

export interface CsvRows {
  readonly header: readonly string[];
  /** The rows after the header, as written (with relaxColumnCount a row may be short or long: the caller decides). */
  readonly rows: readonly string[][];
}

export function csvRows(
  text: string,
  file: string,
  columns: readonly string[],
  options: { trim?: boolean; relaxColumnCount?: boolean } = {},
): Result<CsvRows, InputIssue[]> {
  let rows: string[][];
  try {
    rows = parse(text, {
      skip_empty_lines: true,
      relax_column_count: options.relaxColumnCount === true,
      trim: options.trim === true,
    }) as string[][];
  } catch (e) {
    return fail([{ file, path: [], message: `not a CSV file: ${(e as Error).message}` }]);
  }
  const header = rows[0] ?? [];
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !columns.includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    const why = [
      missing.length > 0 ? `missing column ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown column ${unknown.join(', ')}` : '',
    ];
    return fail([{ file, path: ['header'], message: `${why.filter(Boolean).join('; ')} (the columns are ${columns.join(',')})` }]);
  }
  return ok({ header, rows: rows.slice(1) });
}
