/**
 * The Defensoría's cases as a public extraction of its monthly reports gives them
 * (data/peru/defensoria-*.csv, sources-defensoria.md): cases naming a large mine, with the first
 * and last month each is on the register, and every case with its department and months on the
 * register. What the patterns set beside the model: how many cases each mine carries at a time,
 * and where mining cases are. Pure: the caller reads the files.
 */
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { quantileSorted } from '../stats/quantiles.js';
import { csvRows } from './csv-rows.js';
import {
  count,
  departmentKey,
  flag,
  isMiningCase,
  MineProjectsSchema,
  names,
  namesBaselineProject,
  RegisterCaseSchema,
  type MineProjects,
  type RegisterCase,
} from '../models/peru-mining/national/defensoria.js';

/** The last day of a month, written YYYY-MM-DD: the reports are dated by their month's end. */
const monthEnd = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine((day) => {
    const [y, m, d] = day.split('-').map(Number);
    return d === new Date(Date.UTC(y, m, 0)).getUTCDate();
  }, 'expected the last day of a month (the reports are dated by their month)');

/** A case naming one of the panel's fifteen mines (data/peru/defensoria-mine-cases.csv). */
const MineCaseSchema = z
  .strictObject({
    caso_id: count,
    grupo: z.string(),
    minas: names.refine((m) => m.length > 0, 'expected at least one mine'),
    es_ilegal: z.enum(['Sí', 'No']),
    es_informal: z.enum(['Sí', 'No']),
    primera_fecha: monthEnd,
    ultima_fecha: monthEnd,
    departamento: z.string(),
    tipo: z.string(),
    n_meses: count,
    n_filas_panel: count,
    reporte_min: z.string(),
    reporte_max: z.string(),
    es_socioambiental: flag,
    menciona_mineria: flag,
    ubicacion: z.string(),
  })
  .refine((r) => typeof r.primera_fecha !== 'string' || r.primera_fecha <= r.ultima_fecha, {
    message: 'primera_fecha is after ultima_fecha',
    path: ['primera_fecha'],
  });
export type MineCase = z.output<typeof MineCaseSchema>;

/**
 * The rows of a CSV text with exactly `columns` (any order), each checked by `schema`. A missing
 * or unknown column is one issue; each bad cell an issue naming its row and column; a caso_id or
 * mine seen twice an issue on the later row.
 */
function parseTable<S extends z.ZodObject>(text: string, file: string, schema: S, key: string): Result<z.output<S>[], InputIssue[]> {
  const columns = Object.keys(schema.shape);
  const table = csvRows(text, file, columns, { relaxColumnCount: true });
  if (!table.success) return table;
  const { header, rows } = table.data;
  const issues: InputIssue[] = [];
  const out: z.output<S>[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const row = `row ${i + 2}`;
    if (cells.length !== header.length) {
      issues.push({ file, path: [row], message: `expected ${header.length} cells, found ${cells.length}` });
      return;
    }
    const parsed = schema.safeParse(Object.fromEntries(header.map((c, k) => [c, cells[k]])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ file, path: [row, ...issue.path.map(String)], message: issue.message });
      return;
    }
    const id = String(cells[header.indexOf(key)]);
    const earlier = seen.get(id);
    if (earlier !== undefined) issues.push({ file, path: [row, key], message: `${id} is listed twice (row ${earlier} too)` });
    seen.set(id, i + 2);
    out.push(parsed.data);
  });
  if (issues.length === 0 && out.length === 0) issues.push({ file, path: [], message: 'holds no row' });
  return issues.length > 0 ? fail(issues) : ok(out);
}

export const parseMineCases = (text: string, file: string) => parseTable(text, file, MineCaseSchema, 'caso_id');
export const parseRegisterCases = (text: string, file: string) => parseTable(text, file, RegisterCaseSchema, 'caso_id');
export const parseMineProjects = (text: string, file: string) => parseTable(text, file, MineProjectsSchema, 'mine');

/** A case's months as "YYYY-MM", first and last. */
const monthOf = (day: string) => day.slice(0, 7);

/**
 * Socio-environmental cases (the Defensoría's type for mining conflicts, as the extractor flags
 * them) on the register in `month` ("YYYY-MM") that name one of `mines`: those whose first and
 * last months enclose it. An upper bound of the cases listed that month, since a case can miss
 * reports between its first and last (n_meses is 64% of the months between, over the panel).
 */
export function casesOnMines(cases: readonly MineCase[], mines: ReadonlySet<string>, month: string): number {
  let n = 0;
  for (const c of cases)
    if (c.es_socioambiental && monthOf(c.primera_fecha) <= month && month <= monthOf(c.ultima_fecha) && c.minas.some((m) => mines.has(m)))
      n++;
  return n;
}

export interface MineStock {
  /** The panel's name, and the baseline's projects it stands for. */
  readonly mine: string;
  readonly projects: readonly string[];
  /** Cases at a time: the mean over the months, and the first and last month's. */
  readonly mean: number;
  readonly first: number;
  readonly last: number;
}

/** Each mapped mine's cases at a time over `months`, in the map's order; then all of them together (mine "all"). */
export function recordedMineStock(cases: readonly MineCase[], map: readonly MineProjects[], months: readonly string[]): MineStock[] {
  const mapped = map.filter((m) => m.projects.length > 0 && cases.some((c) => c.minas.includes(m.mine)));
  const stock = (mines: ReadonlySet<string>, projects: readonly string[], mine: string): MineStock => {
    const counts = months.map((month) => casesOnMines(cases, mines, month));
    return {
      mine,
      projects,
      mean: counts.length > 0 ? counts.reduce((s, n) => s + n, 0) / counts.length : Number.NaN,
      first: counts[0] ?? Number.NaN,
      last: counts[counts.length - 1] ?? Number.NaN,
    };
  };
  return [
    ...mapped.map((m) => stock(new Set([m.mine]), m.projects, m.mine)),
    stock(new Set(mapped.map((m) => m.mine)), [...new Set(mapped.flatMap((m) => m.projects))], 'all'),
  ];
}

export interface RegisterSummary {
  /** Mining cases and their case-months, over every report the extraction read (2004–2026). */
  readonly cases: number;
  readonly caseMonths: number;
  /**
   * Share of the mining case-months placed in one of `departments`, by department
   * (departmentKey), largest first; and the share placed nowhere among them (no department,
   * NACIONAL, MULTIRREGIONAL and the like).
   */
  readonly departments: ReadonlyArray<{ readonly department: string; readonly share: number }>;
  readonly unplaced: number;
  /** Share of the mining case-months whose case names one of the baseline's projects. */
  readonly namingBaselineProjects: number;
  /** Months on the register of a mining case: median and 90th percentile. */
  readonly medianMonths: number;
  readonly p90Months: number;
}

/**
 * Where the register's mining cases are (among `departments`, the scenario's), how long they
 * stay, and how many name one of the baseline's projects.
 */
export function summariseRegister(
  cases: readonly RegisterCase[],
  map: readonly MineProjects[],
  departments: readonly string[],
): RegisterSummary {
  const mining = cases.filter(isMiningCase);
  const namesBaseline = namesBaselineProject(map);
  const known = new Set(departments.map(departmentKey));
  const caseMonths = mining.reduce((s, c) => s + c.n_meses, 0);
  const byDepartment = new Map<string, number>();
  let placed = 0;
  for (const c of mining) {
    const key = departmentKey(c.departamento);
    if (!known.has(key)) continue;
    byDepartment.set(key, (byDepartment.get(key) ?? 0) + c.n_meses);
    placed += c.n_meses;
  }
  const named = mining.filter(namesBaseline).reduce((s, c) => s + c.n_meses, 0);
  const months = mining.map((c) => c.n_meses).sort((a, b) => a - b);
  const at = (p: number) => quantileSorted(months, p);
  return {
    cases: mining.length,
    caseMonths,
    departments: [...byDepartment]
      .map(([department, n]) => ({ department, share: n / placed }))
      .sort((a, b) => b.share - a.share || a.department.localeCompare(b.department)),
    unplaced: caseMonths > 0 ? 1 - placed / caseMonths : Number.NaN,
    namingBaselineProjects: caseMonths > 0 ? named / caseMonths : Number.NaN,
    medianMonths: at(0.5),
    p90Months: at(0.9),
  };
}
