/**
 * The source tables of the national baseline (data/peru/), parsed and checked row by row.
 * Each table is CSV text in, typed rows out; a bad cell comes back as an InputIssue naming
 * the file, the row (as the line a spreadsheet shows: the header is line 1) and the column.
 * Pure: the caller reads the files. Parsing is csv-parse's (quoted fields, embedded commas).
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../../../engine/result.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const blank = (v: unknown) => v === undefined || v === '';
/** A number cell; empty cells are undefined. */
const optionalNumber = z.preprocess((v) => (blank(v) ? undefined : Number(v)), z.number().finite().optional());
const requiredNumber = z.preprocess((v) => (blank(v) ? undefined : Number(v)), z.number().finite());
const text = z.string().trim();
const optionalMonth = z.preprocess(
  (v) => (blank(v) ? undefined : v),
  z.string().regex(MONTH, 'expected a month written YYYY-MM').optional(),
);
const ubigeo = (digits: number) => z.string().regex(new RegExp(`^\\d{${digits}}$`), `expected a ${digits}-digit ubigeo`);
/** `a;b;c` cells as lists; empty cells as []. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      blank(v)
        ? []
        : String(v)
            .split(';')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
    z.array(item),
  );

/** districts-inei-2025.csv: one row per district (INEI directory 2025, semicolon-separated). */
export const DistrictRowSchema = z.object({
  departamento: text.min(1),
  provincia: text.min(1),
  distrito: text.min(1),
  ubigeo: ubigeo(6),
  altitud: requiredNumber,
  población: requiredNumber.pipe(z.number().int().min(1)),
  latitud: requiredNumber.pipe(z.number().min(-19).max(0.5)),
  longitud: requiredNumber.pipe(z.number().min(-82).max(-68)),
});

/** departments.csv: department figures (2017 census, poverty by year). Lima's sub-units are skipped by the builder. */
export const DepartmentRowSchema = z.object({
  department: text.min(1),
  ubigeo: ubigeo(2),
  unit_type: z.enum(['department', 'lima_subunit']),
  population: requiredNumber,
  poverty_rate: optionalNumber,
  poverty_year: optionalNumber,
  poverty_source: text.optional(),
  poverty_2023_derived: optionalNumber,
  poverty_2024: optionalNumber,
  poverty_2024_source: text.optional(),
  poverty_2018_group_low: optionalNumber,
  poverty_2018_group_high: optionalNumber,
  peasant_communities: optionalNumber,
  native_communities: optionalNumber,
  provinces: requiredNumber,
  districts: requiredNumber,
});

/** projects.csv: the 49 operations and projects as the sources list them. */
export const ProjectRowSchema = z.object({
  name: text.min(1),
  kind: text,
  company: text,
  department: text,
  metal: text,
  status: text,
  status_year: optionalNumber,
  investment_musd: optionalNumber,
  source_ref: text,
});

/** project-plan.csv: what the model needs of each project, with the source of each column. */
export const PlanRowSchema = z.object({
  name: text.min(1),
  id: z.string().regex(/^[a-z0-9-]+$/, 'ids use lowercase letters, digits and "-"'),
  district_ubigeo: ubigeo(6),
  department_ubigeo: ubigeo(2),
  district_source: text.min(1),
  influence_ubigeos: list(ubigeo(6)),
  metal: z.enum(['copper', 'gold', 'zinc', 'silver', 'iron', 'molybdenum', 'lead', 'tin']),
  output: optionalNumber.pipe(z.number().min(0).optional()),
  output_basis: text.optional(),
  exploration: z.string().regex(MONTH, 'expected a month written YYYY-MM (the model needs when exploration began)'),
  permitting: optionalMonth,
  construction: optionalMonth,
  operation: optionalMonth,
  closure: optionalMonth,
  phases_source: text,
  phases_note: text.optional(),
  suspensions: list(
    z.string().regex(/^\d{4}-\d{2}:(\d{4}-\d{2})?:.+$/, 'expected FROM:TO:label with months YYYY-MM (TO may be empty: not resumed)'),
  ),
  corridor_ubigeos: list(ubigeo(6)),
  corridor_source: text.optional(),
});

export type DistrictRow = z.output<typeof DistrictRowSchema>;
export type DepartmentRow = z.output<typeof DepartmentRowSchema>;
export type ProjectRow = z.output<typeof ProjectRowSchema>;
export type PlanRow = z.output<typeof PlanRowSchema>;

/** Parses one table: every row checked, every bad cell reported (file, line, column). */
export function parseTable<S extends z.ZodType>(
  file: string,
  content: string,
  schema: S,
  delimiter: ',' | ';' = ',',
): Result<z.output<S>[], InputIssue[]> {
  let records: Record<string, string>[];
  try {
    records = parse(content, { columns: true, delimiter, bom: true, skip_empty_lines: true, trim: false });
  } catch (e) {
    return fail([{ file, path: [], message: `not a readable CSV table: ${(e as Error).message}` }]);
  }
  const rows: z.output<S>[] = [];
  const issues: InputIssue[] = [];
  records.forEach((record, i) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) rows.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        issues.push({ file, path: [`line ${i + 2}`, ...issue.path.map(String)], message: issue.message });
  });
  return issues.length > 0 ? fail(issues) : ok(rows);
}

/** prices.csv: the price process of each metal (USD per tonne; gold and silver per ounce). */
export const PriceRowSchema = z.object({
  metal: text.min(1),
  unit: text.min(1),
  initial: requiredNumber.pipe(z.number().positive()),
  long_run: requiredNumber.pipe(z.number().positive()),
  half_life_years: requiredNumber.pipe(z.number().positive()),
  volatility: requiredNumber.pipe(z.number().min(0)),
  basis: text.min(1),
});

/** calendar.csv: elections (the months new authorities take office), turnover eras and protest waves. */
export const CalendarRowSchema = z.object({
  kind: z.enum(['national-government', 'subnational-government', 'turnover-era', 'protest-wave']),
  from: z.string().regex(MONTH, 'expected a month written YYYY-MM'),
  to: optionalMonth,
  label: text.min(1),
  source: text.min(1),
});
