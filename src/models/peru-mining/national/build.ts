/**
 * The national baseline built from its source tables (data/peru/): every department,
 * province and district of the INEI directory, the communities the census counts placed by
 * the rule of communities.ts, the 49 operations and projects of project-plan.csv, the
 * seven national offices with a regional government per department and a municipality per
 * district, and the political calendar of calendar.csv. Deterministic in (tables, settings):
 * the same files give the same document byte for byte. Pure: the caller reads and writes.
 *
 * Assumptions forced by the data (assumptions.ts holds the numbers): a district's poverty
 * is its department's monetary poverty rate (the model's NBI index is not published by
 * district); district populations are INEI's 2025 projections for a model that starts in
 * 2010; water and farming dependence keep the schema's defaults. Which regional governments
 * have a working conflict office is a documented rule (conflictOfficeDepartments).
 */
import { fail, ok, type InputIssue, type Result } from '../../../engine/result.js';
import { seededStream } from '../../../engine/streams.js';
import type { ScenarioInput } from '../schema.js';
import type { BuildSettings } from './assumptions.js';
import { placeCommunities, type CommunityPlacement } from './communities.js';
import { backgroundCaseMonths, departmentKey, MineProjectsSchema, RegisterCaseSchema } from './defensoria.js';
import { nearestNeighbourPairs, placesWithin } from './geography.js';
import {
  CalendarRowSchema,
  DepartmentRowSchema,
  DistrictRowSchema,
  parseTable,
  PlanRowSchema,
  PriceRowSchema,
  ProjectRowSchema,
  type DepartmentRow,
  type DistrictRow,
  type PlanRow,
  type ProjectRow,
} from './tables.js';

/** The tables' text, by file name in data/peru/. */
export interface NationalTables {
  readonly 'districts-inei-2025.csv': string;
  readonly 'departments.csv': string;
  readonly 'projects.csv': string;
  readonly 'project-plan.csv': string;
  readonly 'prices.csv': string;
  readonly 'calendar.csv': string;
  readonly 'defensoria-cases.csv': string;
  readonly 'defensoria-mines.csv': string;
}
export const NATIONAL_TABLES: ReadonlyArray<keyof NationalTables> = [
  'districts-inei-2025.csv',
  'departments.csv',
  'projects.csv',
  'project-plan.csv',
  'prices.csv',
  'calendar.csv',
  'defensoria-cases.csv',
  'defensoria-mines.csv',
];

/** What the builder made, for the documentation and the checks. */
export interface NationalBuild {
  readonly scenario: ScenarioInput;
  readonly placement: CommunityPlacement;
  readonly departments: ReadonlyArray<{
    readonly name: string;
    readonly ubigeo: string;
    readonly population: number;
    readonly poverty: number;
    readonly povertyBasis: string;
    readonly provinces: number;
    readonly districts: number;
  }>;
  readonly projects: ReadonlyArray<{
    readonly id: string;
    readonly influence: number;
    readonly corridor: number;
    readonly communities: number;
  }>;
  /** Local organisations added to districts of a project's area that have no community. */
  readonly organisations: number;
  readonly links: number;
}

/** A readable id: lowercase ASCII letters and digits, words joined by "-". */
function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A department's poverty rate (share) and which figure it came from: 2023, derived 2023, else the 2018 group's middle. */
function povertyOf(row: DepartmentRow): { rate: number; basis: string } | undefined {
  if (row.poverty_rate !== undefined && row.poverty_year === 2023)
    return { rate: row.poverty_rate / 100, basis: `2023 (${row.poverty_source})` };
  if (row.poverty_2023_derived !== undefined)
    return { rate: row.poverty_2023_derived / 100, basis: '2023, derived from 2024 and its stated change' };
  if (row.poverty_2018_group_low !== undefined && row.poverty_2018_group_high !== undefined)
    return {
      rate: (row.poverty_2018_group_low + row.poverty_2018_group_high) / 200,
      basis: `middle of INEI's 2018 group ${row.poverty_2018_group_low}–${row.poverty_2018_group_high}%`,
    };
  return undefined;
}

/** The company a projects.csv row names: the text before any parenthesis ("Minera X (Owner 60%…)" → "Minera X"). */
function companyName(row: ProjectRow): string | undefined {
  const name = row.company.split(' (')[0].trim();
  return name === '' ? undefined : name;
}

export function buildNational(tables: NationalTables, settings: BuildSettings): Result<NationalBuild, InputIssue[]> {
  const districtRows = parseTable('districts-inei-2025.csv', tables['districts-inei-2025.csv'], DistrictRowSchema, ';');
  const departmentRows = parseTable('departments.csv', tables['departments.csv'], DepartmentRowSchema);
  const projectRows = parseTable('projects.csv', tables['projects.csv'], ProjectRowSchema);
  const planRows = parseTable('project-plan.csv', tables['project-plan.csv'], PlanRowSchema);
  const priceRows = parseTable('prices.csv', tables['prices.csv'], PriceRowSchema);
  const calendarRows = parseTable('calendar.csv', tables['calendar.csv'], CalendarRowSchema);
  const registerRows = parseTable('defensoria-cases.csv', tables['defensoria-cases.csv'], RegisterCaseSchema);
  const mineRows = parseTable('defensoria-mines.csv', tables['defensoria-mines.csv'], MineProjectsSchema);
  const parsed = [districtRows, departmentRows, projectRows, planRows, priceRows, calendarRows, registerRows, mineRows];
  const parseIssues = parsed.flatMap((r) => (r.success ? [] : r.error));
  if (
    parseIssues.length > 0 ||
    !districtRows.success ||
    !departmentRows.success ||
    !projectRows.success ||
    !planRows.success ||
    !priceRows.success ||
    !calendarRows.success ||
    !registerRows.success ||
    !mineRows.success
  )
    return fail(parseIssues);

  const issues: InputIssue[] = [];
  const districts = districtRows.data;
  const departments = departmentRows.data.filter((d) => d.unit_type === 'department');

  // ---- territory ----
  const departmentId = new Map<string, string>();
  // The register's background: months on the register of mining cases naming none of the 49 (sources-defensoria.md).
  const background = backgroundCaseMonths(registerRows.data, mineRows.data);
  const departmentOut = departments.map((d) => {
    departmentId.set(d.ubigeo, slug(d.department));
    return {
      id: slug(d.department),
      name: d.department,
      ubigeo: d.ubigeo,
      backgroundWeight: background.get(departmentKey(d.department)) ?? 0,
    };
  });
  const provinceOf = (row: DistrictRow) => row.ubigeo.slice(0, 4);
  const provinceId = new Map<string, string>();
  const provinces: Array<{ id: string; name: string; department: string; ubigeo: string }> = [];
  for (const row of districts) {
    const code = provinceOf(row);
    if (provinceId.has(code)) continue;
    const department = departmentId.get(row.ubigeo.slice(0, 2));
    if (department === undefined) {
      issues.push({
        file: 'districts-inei-2025.csv',
        path: [row.ubigeo],
        message: `department ${row.ubigeo.slice(0, 2)} is not in departments.csv`,
      });
      continue;
    }
    const id = `${department}.${slug(row.provincia)}`;
    provinceId.set(code, id);
    provinces.push({ id, name: row.provincia, department, ubigeo: code });
  }
  const povertyByDepartment = new Map<string, { rate: number; basis: string }>();
  for (const d of departments) {
    const p = povertyOf(d);
    if (p === undefined)
      issues.push({ file: 'departments.csv', path: [d.department, 'poverty_rate'], message: 'no poverty figure of any year' });
    else povertyByDepartment.set(d.ubigeo, p);
  }
  const districtIds = new Set<string>();
  const districtId = new Map<string, string>();
  for (const row of districts) {
    let id = `${provinceId.get(provinceOf(row))}.${slug(row.distrito)}`;
    if (districtIds.has(id)) id = `${id}-${row.ubigeo}`;
    districtIds.add(id);
    districtId.set(row.ubigeo, id);
  }
  if (issues.length > 0) return fail(issues);

  // ---- communities ----
  const nameOfDepartment = new Map(departments.map((d) => [d.ubigeo, d.department]));
  const sourcedCount = (column: 'peasant_communities' | 'native_communities') =>
    new Map(departments.flatMap((d) => (d[column] === undefined ? [] : [[d.department, d[column] as number] as const])));
  const placed = placeCommunities(
    departments.map((d) => d.department),
    districts.map((row) => ({
      department: nameOfDepartment.get(row.ubigeo.slice(0, 2)) ?? '',
      altitude: row.altitud,
      population: row.población,
    })),
    { peasant: sourcedCount('peasant_communities'), native: sourcedCount('native_communities') },
    settings,
    'departments.csv',
  );
  if (!placed.success) return placed;
  const placement = placed.data;
  const rng = seededStream(`ayni-national/${settings.seed}/communities`);
  const mobilisation = () => round3(settings.mobilisationLow + (settings.mobilisationHigh - settings.mobilisationLow) * rng());
  const communities: NonNullable<ScenarioInput['communities']> = [];
  const communityPeople = new Float64Array(districts.length);
  districts.forEach((row, i) => {
    const kinds = [
      ['peasant', 'pc', placement.peasantByDistrict[i], settings.peasantSize],
      ['native', 'nc', placement.nativeByDistrict[i], settings.nativeSize],
    ] as const;
    const count = placement.peasantByDistrict[i] + placement.nativeByDistrict[i];
    // Communities hold at most 90% of their district, shared equally when they would hold more.
    const ceiling = (0.9 * row.población) / Math.max(1, count);
    for (const [kind, prefix, n, size] of kinds) {
      for (let k = 1; k <= n; k++) {
        const population = Math.max(1, Math.round(Math.min(size, ceiling)));
        communityPeople[i] += population;
        // Initial trust as in the corridor scenario (2023 survey: 78% little or no confidence in the mining authority, 67% in companies).
        communities.push({
          id: `${districtId.get(row.ubigeo)}.${prefix}${k}`,
          district: districtId.get(row.ubigeo) as string,
          population,
          kind,
          mobilisation: mobilisation(),
          trust: { company: 0.3, national: 0.22, regional: 0.35, local: 0.45 },
        });
      }
    }
  });

  const territoryDistricts = districts.map((row, i) => ({
    id: districtId.get(row.ubigeo) as string,
    name: row.distrito,
    ubigeo: row.ubigeo,
    province: provinceId.get(provinceOf(row)) as string,
    population: row.población,
    altitude: row.altitud,
    latitude: row.latitud,
    longitude: row.longitud,
    poverty: round3(povertyByDepartment.get(row.ubigeo.slice(0, 2))?.rate ?? 0),
    indigenousShare: round3(Math.min(1, communityPeople[i] / row.población)),
  }));
  const places = districts.map((row) => ({ latitude: row.latitud, longitude: row.longitud }));
  const links = nearestNeighbourPairs(places, settings.neighbours).map(([a, b]) => ({
    from: territoryDistricts[a].id,
    to: territoryDistricts[b].id,
    kind: 'adjacent' as const,
  }));

  // ---- companies and projects ----
  const projectByName = new Map(projectRows.data.map((p) => [p.name, p]));
  const districtIndex = new Map(districts.map((row, i) => [row.ubigeo, i]));
  const companies = new Map<string, { id: string; name: string }>();
  const projects: NonNullable<ScenarioInput['projects']> = [];
  const record: NonNullable<ScenarioInput['record']> = [];
  const projectAreas: Array<{ id: string; influence: number[]; corridor: number[]; producing: number }> = [];
  const communitiesIn = (i: number) => placement.peasantByDistrict[i] + placement.nativeByDistrict[i];
  if (planRows.data.length !== projectRows.data.length)
    issues.push({
      file: 'project-plan.csv',
      path: [],
      message: `has ${planRows.data.length} rows; projects.csv has ${projectRows.data.length}`,
    });
  planRows.data.forEach((plan: PlanRow, k) => {
    const where = (column: string) => ({ file: 'project-plan.csv', path: [`line ${k + 2}`, column] });
    const source = projectByName.get(plan.name);
    if (source === undefined) {
      issues.push({ ...where('name'), message: `${plan.name} is not a project of projects.csv` });
      return;
    }
    const producing = districtIndex.get(plan.district_ubigeo);
    if (producing === undefined) {
      issues.push({ ...where('district_ubigeo'), message: `${plan.district_ubigeo} is not a district of the INEI directory` });
      return;
    }
    if (!plan.district_ubigeo.startsWith(plan.department_ubigeo))
      issues.push({ ...where('district_ubigeo'), message: `${plan.district_ubigeo} is not in department ${plan.department_ubigeo}` });
    if (source.department !== '' && nameOfDepartment.get(plan.department_ubigeo) !== source.department)
      issues.push({
        ...where('department_ubigeo'),
        message: `${plan.department_ubigeo} is not ${source.department}, the department projects.csv gives`,
      });
    for (const [column, list] of [
      ['influence_ubigeos', plan.influence_ubigeos],
      ['corridor_ubigeos', plan.corridor_ubigeos],
    ] as const)
      for (const u of list)
        if (!districtIndex.has(u)) issues.push({ ...where(column), message: `${u} is not a district of the INEI directory` });
    if (issues.length > 0) return;

    const company = companyName(source) ?? `Company of ${plan.name} (not named in the sources)`;
    if (!companies.has(company)) companies.set(company, { id: slug(company).slice(0, 80), name: company });
    const corridor = plan.corridor_ubigeos.map((u) => districtIndex.get(u) as number);
    const named = plan.influence_ubigeos.map((u) => districtIndex.get(u) as number);
    const nearby = placesWithin(places, producing, settings.influenceRadiusKm);
    const influence = [...new Set([...named, ...nearby])].filter((i) => i !== producing && !corridor.includes(i));
    const phases = Object.fromEntries(
      (['exploration', 'permitting', 'construction', 'operation', 'closure'] as const).flatMap((phase) =>
        plan[phase] === undefined ? [] : [[phase, plan[phase]]],
      ),
    ) as { exploration: string };
    projects.push({
      id: plan.id,
      name: plan.name,
      company: companies.get(company)?.id as string,
      district: territoryDistricts[producing].id,
      influence: influence.map((i) => territoryDistricts[i].id),
      corridor: corridor.map((i) => territoryDistricts[i].id),
      metal: plan.metal,
      output: plan.output ?? 0,
      phases,
      // Consulta previa reaches communities (Ley 29785): required where the area holds one.
      consultation: { required: [producing, ...influence].some((i) => communitiesIn(i) > 0) },
    });
    for (const s of plan.suspensions) {
      const [from, to, ...label] = s.split(':');
      record.push({ month: from, event: `${plan.name}: ${label.join(':')}`, kind: 'suspension', source: plan.phases_source });
      if (to !== '') record.push({ month: to, event: `${plan.name}: resumed`, kind: 'resumption', source: plan.phases_source });
    }
    projectAreas.push({ id: plan.id, producing, influence, corridor });
  });
  if (issues.length > 0) return fail(issues);

  // A district of a project's area without communities gets one local organisation.
  const organised = new Int32Array(districts.length);
  for (const area of projectAreas)
    for (const i of [area.producing, ...area.influence, ...area.corridor]) if (communitiesIn(i) === 0) organised[i] = 1;
  districts.forEach((row, i) => {
    if (organised[i] === 0) return;
    communities.push({
      id: `${districtId.get(row.ubigeo)}.org1`,
      district: districtId.get(row.ubigeo) as string,
      population: Math.max(1, Math.round(Math.min(settings.organisationSize, 0.9 * row.población))),
      kind: 'organisation',
      mobilisation: mobilisation(),
      trust: { company: 0.3, national: 0.22, regional: 0.35, local: 0.45 },
    });
  });
  const actorsIn = (i: number) => communitiesIn(i) + organised[i];
  const projectSummary = projectAreas.map((area) => ({
    id: area.id,
    influence: area.influence.length,
    corridor: area.corridor.length,
    communities: [area.producing, ...area.influence, ...area.corridor].reduce((sum, i) => sum + actorsIn(i), 0),
  }));

  // ---- exogenous: prices and the political calendar ----
  const metals = [...new Set(projects.map((p) => p.metal as string))].sort();
  const prices = Object.fromEntries(
    metals.map((metal) => {
      const row = priceRows.data.find((r) => r.metal === metal);
      if (row === undefined)
        issues.push({ file: 'prices.csv', path: [metal], message: `a project mines ${metal}, which has no price row` });
      return [
        metal,
        row === undefined
          ? { kind: 'reverting' as const, initial: 1, longRun: 1 }
          : {
              kind: 'reverting' as const,
              initial: row.initial,
              longRun: row.long_run,
              halfLifeYears: row.half_life_years,
              volatility: row.volatility,
            },
      ];
    }),
  );
  if (issues.length > 0) return fail(issues);
  // The run: a spin-up before 2010, then 2010-01 to 2030-12 (252 months) counted in the outcomes.
  const firstYear = 2010 - settings.spinUpYears;
  const start = `${firstYear}-01`;
  const inRun = (month: string) => month >= start && month <= '2030-12';
  const calendar = calendarRows.data.filter((r) => inRun(r.from));
  const periods = (kind: string) =>
    calendar.filter((r) => r.kind === kind).map((r) => ({ from: r.from, to: r.to ?? r.from, label: `${r.label} (${r.source})` }));
  const months = (kind: string) => calendar.filter((r) => r.kind === kind).map((r) => r.from);

  const scenario: ScenarioInput = {
    name: 'peru-national',
    description:
      'All of Peru from sourced data (data/peru/): 25 departments, 196 provinces and 1,891 districts of the INEI 2025 directory; the 6,682 peasant and 2,703 native communities of the 2017 censuses, placed by a documented rule; 49 mining operations and projects; the seven national offices, 25 regional governments and the municipalities; the political calendar of 2010–2030. Generated by `npm run data:national`; do not edit.',
    start,
    months: 252 + 12 * settings.spinUpYears,
    outcomesFrom: '2010-01',
    territory: {
      departments: departmentOut,
      provinces,
      districts: territoryDistricts,
      links,
    },
    communities,
    companies: [...companies.values()],
    projects,
    government: {
      regions: conflictOfficeDepartments(
        departmentOut.map((d) => d.id),
        settings.seed,
      ).map((id) => ({ department: id, conflictOffice: true })),
    },
    exogenous: {
      prices,
      turnoverEras: periods('turnover-era'),
      protestWaves: periods('protest-wave'),
      elections: { national: months('national-government'), subnational: months('subnational-government') },
    },
    record: record.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0)),
  };
  return ok({
    scenario,
    placement,
    departments: departments.map((d) => {
      const own = districts.filter((row) => row.ubigeo.startsWith(d.ubigeo));
      return {
        name: d.department,
        ubigeo: d.ubigeo,
        population: own.reduce((s, row) => s + row.población, 0),
        poverty: povertyByDepartment.get(d.ubigeo)?.rate ?? 0,
        povertyBasis: povertyByDepartment.get(d.ubigeo)?.basis ?? '',
        provinces: new Set(own.map(provinceOf)).size,
        districts: own.length,
      };
    }),
    projects: projectSummary,
    organisations: organised.reduce((a, b) => a + b, 0),
    links: links.length,
  });
}

/** Regional governments with a working conflict office in 2018: 7 of 26 (FACTS §2). */
const CONFLICT_OFFICES = 7;
/** The Defensoría names these as having one (RPP, Sep 2022: "de los 10 departamentos que concentran el mayor número de conflictos, solo Loreto y Puno"). */
const NAMED_WITH_OFFICE = ['loreto', 'puno'];
/** Among the five regions with most cases (UNDP 2024), the Defensoría says these had none (RPP, Sep 2022). */
const NAMED_WITHOUT_OFFICE = ['cusco', 'ayacucho', 'apurimac'];

/**
 * Departments whose regional government has a working conflict office (an assumption where
 * no source names them): the two the Defensoría names, and the rest of the seven drawn
 * without replacement, by a seeded stream, from the departments it does not name either way.
 * Sorted by id.
 */
export function conflictOfficeDepartments(departmentIds: readonly string[], seed: number): string[] {
  const chosen = NAMED_WITH_OFFICE.filter((id) => departmentIds.includes(id));
  const pool = departmentIds.filter((id) => !NAMED_WITH_OFFICE.includes(id) && !NAMED_WITHOUT_OFFICE.includes(id));
  const rng = seededStream(`ayni-national/${seed}/conflict-offices`);
  while (chosen.length < CONFLICT_OFFICES && pool.length > 0) chosen.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  return chosen.sort();
}
