/**
 * The national baseline (issue #19): rebuilt from data/peru/ it is byte-identical to the
 * committed scenario, and it keeps every sourced figure: INEI's population total, the
 * community totals of the 2017 censuses and the three sourced department counts, the order
 * of the five departments with most peasant communities, none in Tumbes, and every project
 * in its department.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNational, NATIONAL_TABLES, type NationalTables } from '../../src/models/peru-mining/national/build.js';
import { DEFAULT_BUILD_SETTINGS } from '../../src/models/peru-mining/national/assumptions.js';
import { COMMUNITY_FACTS } from '../../src/models/peru-mining/national/communities.js';
import { formatDocument } from '../../src/models/peru-mining/national/json.js';
import { parseScenario } from '../../src/models/peru-mining/validate.js';
import { parseTable, ProjectRowSchema } from '../../src/models/peru-mining/national/tables.js';

const data = (name: string) => readFileSync(new URL(`../../data/peru/${name}`, import.meta.url), 'utf8');
const tables = Object.fromEntries(NATIONAL_TABLES.map((name) => [name, data(name)])) as unknown as NationalTables;
const built = buildNational(tables, DEFAULT_BUILD_SETTINGS);
if (!built.success) throw new Error(JSON.stringify(built.error.slice(0, 3)));
const build = built.data;
const scenario = build.scenario;
const communities = scenario.communities ?? [];
const districtDepartment = new Map(scenario.territory.districts.map((d) => [d.id, d.province.split('.')[0]]));
const departmentName = new Map(scenario.territory.departments.map((d) => [d.id, d.name]));
const countBy = (kind: string) => {
  const counts = new Map<string, number>();
  for (const c of communities)
    if (c.kind === kind) {
      const name = departmentName.get(districtDepartment.get(c.district) as string) as string;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  return counts;
};

describe('the national baseline built from data/peru/', () => {
  it('is the committed scenario, byte for byte (nothing in it is typed by hand)', () => {
    const committed = readFileSync(new URL('../../scenarios/national/peru-national.json', import.meta.url), 'utf8');
    expect(`${formatDocument(scenario)}\n`).toBe(committed);
  });

  it('is a valid scenario', () => {
    const parsed = parseScenario(scenario, 'peru-national.json');
    expect(parsed.success ? [] : parsed.error.slice(0, 3)).toEqual([]);
  });

  it('holds every department, province and district of the INEI directory with their ubigeos', () => {
    expect(scenario.territory.departments).toHaveLength(25);
    expect(scenario.territory.provinces).toHaveLength(196);
    expect(scenario.territory.districts).toHaveLength(1891);
    const ubigeos = new Set(scenario.territory.districts.map((d) => d.ubigeo));
    expect(ubigeos.size).toBe(1891);
    const province = new Map(scenario.territory.provinces.map((p) => [p.id, p]));
    const department = new Map(scenario.territory.departments.map((d) => [d.id, d]));
    for (const d of scenario.territory.districts) {
      const p = province.get(d.province);
      expect(d.ubigeo?.startsWith(p?.ubigeo as string)).toBe(true);
      expect(p?.ubigeo?.startsWith(department.get(p?.department as string)?.ubigeo as string)).toBe(true);
    }
  });

  it("sums to INEI's population projection for 30 June 2025 (34,350,244)", () => {
    expect(scenario.territory.districts.reduce((s, d) => s + d.population, 0)).toBe(34_350_244);
  });

  it('places 6,682 peasant and 2,703 native communities, with the sourced department counts', () => {
    const peasant = countBy('peasant');
    const native = countBy('native');
    expect([...peasant.values()].reduce((a, b) => a + b, 0)).toBe(6682);
    expect([...native.values()].reduce((a, b) => a + b, 0)).toBe(2703);
    expect(peasant.get('Puno')).toBe(1352);
    expect(peasant.get('Cusco')).toBe(969);
    expect(native.get('Loreto')).toBe(1170);
  });

  it('keeps the order of the five departments with most peasant communities, none in Tumbes, 23 departments with some', () => {
    const peasant = countBy('peasant');
    const ranked = [...peasant.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
    expect(ranked.slice(0, 5)).toEqual([...COMMUNITY_FACTS.peasant.topFive]);
    // Strictly: the fifth has more than the sixth, so the order is the rule's, not a tie's.
    expect(peasant.get(ranked[4]) as number).toBeGreaterThan(peasant.get(ranked[5]) as number);
    expect(peasant.has('Tumbes')).toBe(false);
    expect(peasant.size).toBe(23);
  });

  it('puts native communities only in the departments the source names, some in each', () => {
    const native = countBy('native');
    expect([...native.keys()].sort()).toEqual([...COMMUNITY_FACTS.native.departments].sort());
  });

  it('sets a district indigenous share from its communities, at most 1', () => {
    const shares = scenario.territory.districts.map((d) => d.indigenousShare ?? 0);
    expect(Math.max(...shares)).toBeLessThanOrEqual(1);
    const withCommunities = new Set(communities.filter((c) => c.kind !== 'organisation').map((c) => c.district));
    for (const d of scenario.territory.districts) expect((d.indigenousShare ?? 0) > 0).toBe(withCommunities.has(d.id));
  });

  it('has the 49 projects, each in the department projects.csv gives, with relations to people', () => {
    const rows = parseTable('projects.csv', data('projects.csv'), ProjectRowSchema);
    if (!rows.success) throw new Error('projects.csv');
    const projects = scenario.projects ?? [];
    expect(projects).toHaveLength(49);
    projects.forEach((p, i) => {
      expect(p.name).toBe(rows.data[i].name);
      const department = departmentName.get(districtDepartment.get(p.district) as string);
      if (rows.data[i].department !== '') expect(department).toBe(rows.data[i].department);
    });
    // Every project has someone in its area who can open a case (a community or a local organisation).
    for (const summary of build.projects) expect(summary.communities).toBeGreaterThan(0);
  });

  it("weighs each department's background by the panel's mining cases there that name none of the 49", () => {
    // 14,060 months on the register of such cases; 3,122 are NACIONAL, multi-regional or unplaced.
    const weights = scenario.territory.departments.map((d) => d.backgroundWeight ?? 0);
    expect(weights.reduce((a, b) => a + b, 0)).toBe(10938);
    expect(weights.every((w) => w > 0)).toBe(true);
    const weight = (name: string) => scenario.territory.departments.find((d) => d.name === name)?.backgroundWeight;
    // Ica (Marcona's iron, Nasca's small-scale gold) and Puno (La Rinconada, Ananea) carry the most.
    expect([weight('Ica'), weight('Puno')]).toEqual([1168, 1024]);
  });

  it('links districts symmetrically, each to at least its k nearest', () => {
    const degree = new Map<string, number>();
    for (const l of scenario.territory.links ?? []) {
      degree.set(l.from, (degree.get(l.from) ?? 0) + 1);
      degree.set(l.to, (degree.get(l.to) ?? 0) + 1);
    }
    expect(degree.size).toBe(1891);
    expect(Math.min(...degree.values())).toBeGreaterThanOrEqual(DEFAULT_BUILD_SETTINGS.neighbours);
  });

  it('has the calendar of the issue over 2010–2030, after a spin-up from 2000', () => {
    const from2010 = (months: readonly string[] | undefined) => (months ?? []).filter((m) => m >= '2010-01');
    expect(from2010(scenario.exogenous?.elections?.national)).toEqual(['2011-07', '2016-07', '2021-07', '2026-07']);
    expect(from2010(scenario.exogenous?.elections?.subnational)).toEqual(['2011-01', '2015-01', '2019-01', '2023-01', '2027-01']);
    expect(scenario.exogenous?.protestWaves?.some((w) => w.from === '2022-12' && w.to === '2023-03')).toBe(true);
    expect(scenario.start).toBe(`${2010 - DEFAULT_BUILD_SETTINGS.spinUpYears}-01`);
    expect(scenario.outcomesFrom).toBe('2010-01');
    // 2010-01 to 2030-12 is 252 months after the spin-up.
    expect(scenario.months).toBe(252 + 12 * DEFAULT_BUILD_SETTINGS.spinUpYears);
  });

  it('is a function of its settings: another influence radius changes the areas, not the communities', () => {
    const wider = buildNational(tables, { ...DEFAULT_BUILD_SETTINGS, influenceRadiusKm: 25 });
    if (!wider.success) throw new Error('build');
    const areas = (b: typeof build) => b.projects.reduce((s, p) => s + p.influence, 0);
    expect(areas(wider.data)).toBeGreaterThan(areas(build));
    expect(wider.data.placement.byDepartment).toEqual(build.placement.byDepartment);
  });
});

describe('bad tables', () => {
  it('name the file, the line and the column', () => {
    const broken = tables['districts-inei-2025.csv'].replace(
      ';Asunción;010102;Asunción;Pueblo;2822.9;269;',
      ';Asunción;010102;Asunción;Pueblo;2822.9;many;',
    );
    const r = buildNational({ ...tables, 'districts-inei-2025.csv': broken }, DEFAULT_BUILD_SETTINGS);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error[0]).toMatchObject({ file: 'districts-inei-2025.csv', path: ['line 3', 'población'] });
  });

  it('refuse a plan whose district is not in its department', () => {
    const plan = tables['project-plan.csv'].split('\n');
    const antamina = plan.findIndex((l) => l.startsWith('Antamina,'));
    plan[antamina] = plan[antamina].replace(',021014,02,', ',080101,02,');
    const r = buildNational({ ...tables, 'project-plan.csv': plan.join('\n') }, DEFAULT_BUILD_SETTINGS);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.map((i) => i.path.join('.'))).toContain(`line ${antamina + 1}.district_ubigeo`);
  });
});

describe('the national hypotheses', () => {
  it('each loads, with the calibrated national baseline as base and a variant that applies onto it', async () => {
    const { readdirSync } = await import('node:fs');
    const { loadHypothesis } = await import('../../src/experiments/hypothesis-file.js');
    const { loadScenario, loadVariant } = await import('../../src/io/scenario-file.js');
    const dir = new URL('../../hypotheses/national/', import.meta.url).pathname;
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files).toHaveLength(5);
    for (const file of files) {
      const h = loadHypothesis(`${dir}${file}`);
      if (!h.success) throw new Error(JSON.stringify(h.error));
      expect(h.data.base).toBe('../../scenarios/peru-national-calibrated.yaml');
      const base = `${dir}${h.data.base}`;
      expect(loadScenario(base).success).toBe(true);
      expect(loadVariant(`${dir}${h.data.variant}`, base).success).toBe(true);
    }
  }, 120_000);
});
