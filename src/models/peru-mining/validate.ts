/**
 * Validation of a scenario document: zod's safeParse for shapes and ranges, then the checks
 * a schema cannot express alone (unique ids, references between sections, shares summing
 * to 1, phases in order). Every problem is returned as an InputIssue with the path of the
 * bad field; nothing throws for bad input. Pure; no I/O.
 */
import type { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../../engine/result.js';
import { LAST_YEAR, ScenarioSchema, type Scenario, type TierShares } from './schema.js';
import { monthIndex, monthLabel } from '../../engine/calendar.js';
import { checkFormula, type FormulaName } from './formulas.js';
import { forbiddenKeyIssues } from '../../scenario/keys.js';
import { closestName, knownKeysAt } from '../../scenario/suggest.js';

type Path = Array<string | number>;

/** Validates an already-merged scenario document. */
export function parseScenario(document: unknown, file = ''): Result<Scenario, InputIssue[]> {
  const forbidden = forbiddenKeyIssues(document, file);
  if (forbidden.length > 0) return fail(forbidden);
  const parsed = ScenarioSchema.safeParse(document);
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => fromZodIssue(issue, file, ScenarioSchema)));
  const issues = checkReferences(parsed.data).map((i) => ({ file, path: i.path, message: i.message }));
  return issues.length > 0 ? fail(issues) : ok(parsed.data);
}

/** An InputIssue from a zod issue; with the schema, unknown keys come with "did you mean …?" when a known key is close. */
export function fromZodIssue(issue: z.core.$ZodIssue, file: string, schema?: z.core.$ZodType): InputIssue {
  const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
  if (issue.code === 'unrecognized_keys') {
    const known = schema === undefined ? [] : knownKeysAt(schema, path);
    const hint = (key: string) => {
      const close = closestName(key, known);
      return close === undefined ? '' : ` (did you mean ${close}?)`;
    };
    // Name the unknown key itself in the path, so that the line points at it.
    const keys = issue.keys;
    if (keys.length === 1) return { file, path: [...path, keys[0] as string], message: `unknown key${hint(keys[0] as string)}` };
    return { file, path, message: `unknown keys: ${keys.map((k) => `${k}${hint(k)}`).join(', ')}` };
  }
  return { file, path, message: issue.message };
}

/** Checks a scenario whose shapes are valid for everything that spans more than one field. */
export function checkReferences(s: Scenario): Array<{ path: Path; message: string }> {
  const issues: Array<{ path: Path; message: string }> = [];
  const add = (path: Path, message: string) => issues.push({ path, message });

  const ids = (items: ReadonlyArray<{ id: string }>, section: Path): Set<string> => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) add([...section, i, 'id'], `duplicate id "${item.id}"`);
      seen.add(item.id);
    });
    return seen;
  };
  const mustExist = (known: Set<string>, id: string, path: Path, what: string) => {
    if (!known.has(id)) add(path, `unknown ${what} "${id}"`);
  };

  // Month labels have four-digit years: the last simulated month must still have one.
  const lastMonth = monthIndex(s.start) + s.months - 1;
  if (lastMonth > monthIndex(`${LAST_YEAR}-12`))
    add(['months'], `${s.months} months from ${s.start} run past ${LAST_YEAR}-12 (to ${monthLabel(lastMonth)})`);

  if (s.outcomesFrom !== undefined) {
    const from = monthIndex(s.outcomesFrom);
    if (from < monthIndex(s.start) || from > lastMonth)
      add(['outcomesFrom'], `${s.outcomesFrom} is outside the run (${s.start} to ${monthLabel(lastMonth)})`);
  }

  const departments = ids(s.territory.departments, ['territory', 'departments']);
  const provinces = ids(s.territory.provinces, ['territory', 'provinces']);
  const districts = ids(s.territory.districts, ['territory', 'districts']);
  s.territory.provinces.forEach((p, i) => mustExist(departments, p.department, ['territory', 'provinces', i, 'department'], 'department'));
  s.territory.districts.forEach((d, i) => mustExist(provinces, d.province, ['territory', 'districts', i, 'province'], 'province'));
  s.territory.links.forEach((l, i) => {
    mustExist(districts, l.from, ['territory', 'links', i, 'from'], 'district');
    mustExist(districts, l.to, ['territory', 'links', i, 'to'], 'district');
    if (l.from === l.to) add(['territory', 'links', i, 'to'], 'a link must join two different districts');
  });

  ids(s.communities, ['communities']);
  s.communities.forEach((c, i) => mustExist(districts, c.district, ['communities', i, 'district'], 'district'));

  const companies = ids(s.companies, ['companies']);
  ids(s.projects, ['projects']);
  s.projects.forEach((p, i) => {
    const at: Path = ['projects', i];
    mustExist(companies, p.company, [...at, 'company'], 'company');
    mustExist(districts, p.district, [...at, 'district'], 'district');
    p.corridor.forEach((d, j) => {
      mustExist(districts, d, [...at, 'corridor', j], 'district');
      if (d === p.district) add([...at, 'corridor', j], 'the producing district cannot also be a corridor district');
    });
    const related = new Set([p.district, ...p.corridor]);
    p.influence.forEach((d, j) => {
      mustExist(districts, d, [...at, 'influence', j], 'district');
      if (related.has(d))
        add([...at, 'influence', j], `district "${d}" is already related to the project (producing, corridor or listed twice)`);
      related.add(d);
    });
    p.permits.forEach((e, j) => {
      if (e.kind === 'consulta' && !p.consultation.required)
        add([...at, 'permits', j, 'kind'], 'a consulta previa is listed but consultation.required is false');
    });
    // Own keys only: `in` would find "toString" or "constructor" on any object.
    if (!Object.hasOwn(s.exogenous.prices, p.metal)) add([...at, 'metal'], `no price series "${p.metal}" in exogenous.prices`);
    let previous = -Infinity;
    for (const phase of ['exploration', 'permitting', 'construction', 'operation', 'closure'] as const) {
      const month = p.phases[phase];
      if (month === undefined) continue;
      const index = monthIndex(month);
      if (index < previous) add([...at, 'phases', phase], `${phase} (${month}) starts before the phase it follows`);
      previous = index;
    }
  });

  const projects = new Set(s.projects.map((p) => p.id));
  s.exogenous.referendums.forEach((r, i) => {
    const at: Path = ['exogenous', 'referendums', i];
    mustExist(projects, r.project, [...at, 'project'], 'project');
    const project = s.projects.find((p) => p.id === r.project);
    const related = new Set(project ? [project.district, ...project.influence, ...project.corridor] : []);
    r.districts.forEach((d, j) => mustExist(districts, d, [...at, 'districts', j], 'district'));
    // A vote that reaches none of the project's communities would move nothing: say so rather than ignore it.
    if (project && r.districts.every((d) => districts.has(d) && !related.has(d)))
      add([...at, 'districts'], `none of these districts is a producing, influence or corridor district of project "${r.project}"`);
  });

  const offices = ids(s.government.offices, ['government', 'offices']);
  if (s.policies.coordination.singleOffice) {
    mustExist(offices, s.policies.coordination.office, ['policies', 'coordination', 'office'], 'office');
  }
  const seenRegions = new Set<string>();
  s.government.regions.forEach((r, i) => {
    mustExist(departments, r.department, ['government', 'regions', i, 'department'], 'department');
    if (seenRegions.has(r.department))
      add(['government', 'regions', i, 'department'], `duplicate regional government for "${r.department}"`);
    seenRegions.add(r.department);
  });
  const seenMunicipalities = new Set<string>();
  s.government.municipalities.forEach((m, i) => {
    mustExist(districts, m.district, ['government', 'municipalities', i, 'district'], 'district');
    if (seenMunicipalities.has(m.district))
      add(['government', 'municipalities', i, 'district'], `duplicate municipality for "${m.district}"`);
    seenMunicipalities.add(m.district);
  });

  checkShares(s.policies.revenue.canon, ['policies', 'revenue', 'canon'], add);
  checkShares(s.policies.revenue.royalties, ['policies', 'revenue', 'royalties'], add);
  const h = s.parameters.hardship;
  const competence = h.nationalCompetence + h.regionalCompetence + h.localCompetence;
  if (Math.abs(competence - 1) > 1e-9) {
    add(
      ['parameters', 'hardship', 'nationalCompetence'],
      `nationalCompetence + regionalCompetence + localCompetence must sum to 1 (got ${round(competence)})`,
    );
  }

  for (const [name, text] of Object.entries(s.formulas)) {
    if (text === undefined) continue;
    const problem = checkFormula(name as FormulaName, text);
    if (problem) add(['formulas', name], problem);
  }

  for (const key of ['turnoverEras', 'protestWaves', 'crises'] as const) {
    s.exogenous[key].forEach((c, i) => {
      if (monthIndex(c.to) < monthIndex(c.from)) add(['exogenous', key, i, 'to'], `period ends (${c.to}) before it starts (${c.from})`);
    });
  }
  const c = s.parameters.commitments;
  if (c.stateOwnerShare + c.societyOwnerShare > 1 + 1e-9) {
    add(
      ['parameters', 'commitments', 'societyOwnerShare'],
      `stateOwnerShare + societyOwnerShare must be at most 1 (got ${round(c.stateOwnerShare + c.societyOwnerShare)})`,
    );
  }
  for (const [metal, price] of Object.entries(s.exogenous.prices)) {
    if (price.kind !== 'path') continue;
    price.points.forEach((point, i) => {
      const prev = price.points[i - 1];
      if (prev && monthIndex(point.month) <= monthIndex(prev.month)) {
        add(['exogenous', 'prices', metal, 'points', i, 'month'], 'price points must be in increasing month order');
      }
    });
  }
  return issues;
}

function checkShares(shares: TierShares, path: Path, add: (path: Path, message: string) => void): void {
  const sum = Object.values(shares).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-9) add(path, `tier shares must sum to 1 (got ${round(sum)})`);
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
