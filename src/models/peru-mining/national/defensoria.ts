/**
 * The Defensoría's register as a public extraction of its monthly reports gives it
 * (data/peru/defensoria-cases.csv and defensoria-mines.csv; sources-defensoria.md): the row
 * schemas, and the one figure the national baseline takes from it, where the mining cases that
 * name none of its projects are (the register's background, parameters.register). Pure.
 */
import { z } from 'zod';

/** A whole-number cell. */
export const count = z.string().regex(/^\d+$/, 'expected a whole number').transform(Number);
/** A 0/1 cell. */
export const flag = z.enum(['0', '1']).transform((x) => x === '1');
/** `a;b;c` cells as lists; empty cells as []. */
export const names = z.string().transform((s) => (s === '' ? [] : s.split(';')));

/** One case of the whole register (defensoria-cases.csv). */
export const RegisterCaseSchema = z.strictObject({
  caso_id: count,
  departamento: z.string(),
  tipo: z.string(),
  n_meses: count,
  n_apariciones: count,
  es_socioambiental: flag,
  menciona_mineria: flag,
  proyectos: names,
});
export type RegisterCase = z.output<typeof RegisterCaseSchema>;

/** A mine's name as the panel writes it, and the baseline's projects it stands for (defensoria-mines.csv). */
export const MineProjectsSchema = z.strictObject({ mine: z.string().min(1), projects: names, note: z.string() });
export type MineProjects = z.output<typeof MineProjectsSchema>;

/** Mining cases of the register: socio-environmental and mentioning mining. */
export const isMiningCase = (c: RegisterCase) => c.es_socioambiental && c.menciona_mineria;

/**
 * Department names compared without case or accents ("Áncash" and "ANCASH" are one); the
 * reports' "Lima Provincias" (the region outside the capital) is the department of Lima.
 */
export const departmentKey = (name: string) => {
  const key = name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().trim();
  return key === 'LIMA PROVINCIAS' ? 'LIMA' : key;
};

/** Whether a case's text names one of the baseline's projects (a mine of `map` that stands for at least one). */
export function namesBaselineProject(map: readonly MineProjects[]): (c: RegisterCase) => boolean {
  const baseline = new Set(map.filter((m) => m.projects.length > 0).map((m) => m.mine));
  return (c) => c.proyectos.some((p) => baseline.has(p));
}

/**
 * Months on the register of the mining cases that name none of the baseline's projects, by
 * department (departmentKey): where the register's background is. Cases placed in no
 * department (NACIONAL, MULTIRREGIONAL, blank) are left out.
 */
export function backgroundCaseMonths(cases: readonly RegisterCase[], map: readonly MineProjects[]): Map<string, number> {
  const named = namesBaselineProject(map);
  const out = new Map<string, number>();
  for (const c of cases) {
    if (!isMiningCase(c) || named(c)) continue;
    const key = departmentKey(c.departamento);
    out.set(key, (out.get(key) ?? 0) + c.n_meses);
  }
  return out;
}
