/**
 * What emerges from the case life cycle of a (calibrated) scenario, set beside what the
 * Defensoría recorded: docs/calibration.md, `ayni patterns`. Only the stock of
 * registered cases is fitted (stock-fit.ts); the phases, crisis lengths, flows, durations,
 * protest and where cases are come out of the model, and this says how they compare.
 *
 * K seeds (batch seeds: run i gets seedFor(seed, i)) run in-process with their events; the
 * summary (summarisePatterns, pure) replays each run's case transitions to know every case's
 * state and phase at each month end (the Defensoría records the phase at month end, FACTS §8),
 * and reads a few monthly series. Each figure is taken per run, then given as the median and
 * the 5–95% range over the runs.
 */
import { join } from 'node:path';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { loadScenario } from '../io/scenario-file.js';
import { seedFor } from '../batch/seeds.js';
import { quantileSorted } from '../stats/quantiles.js';
import type { ModelEvent } from '../models/peru-mining/events.js';
import type { Scenario } from '../models/peru-mining/schema.js';
import { compileWorld } from '../models/peru-mining/world.js';
import { simulateWorld } from '../models/peru-mining/simulate.js';
import { seriesColumn, type SeriesName } from '../models/peru-mining/metrics.js';
import { departmentKey } from '../models/peru-mining/national/defensoria.js';
import { recordedMineStock, summariseRegister, type RegisterSummary } from './case-panel.js';
import { PANEL_FILES, readCasePanel, type CasePanel } from './case-panel-file.js';

const PHASES = ['temprana', 'escalamiento', 'crisis', 'desescalamiento', 'dialogo'] as const;
type PhaseName = (typeof PHASES)[number];

/** How many projects the blockade table lists (Las Bambas and the watched ones besides) and how many departments. */
const TOP_PROJECTS = 5;
const TOP_DEPARTMENTS = 10;

/** What one run gives the summary: its months, its events and four monthly series. */
export interface PatternRun {
  /** "YYYY-MM" of each step; an event's `month` indexes it. */
  readonly monthLabels: readonly string[];
  readonly events: readonly ModelEvent[];
  /** Protest actions and blockades of each month (crisis onsets included, as the model counts them). */
  readonly protestActions: ArrayLike<number>;
  readonly blockades: ArrayLike<number>;
  /** Cumulative resolutions, and those of cases under follow-up of an agreement. */
  readonly casesResolved: ArrayLike<number>;
  readonly casesResolvedAfterAgreement: ArrayLike<number>;
  /**
   * The register as the run counts it, each month (registerCases, registerActive: modelled cases
   * grouped by parameters.register, and the background). Absent: the replay's own count, one case
   * per community and project and no background.
   */
  readonly registerCases?: ArrayLike<number>;
  readonly registerActive?: ArrayLike<number>;
}

export interface PatternWindow {
  /** Months counted, "YYYY-MM", both inside the run. */
  readonly from: string;
  readonly to: string;
  /** Months of the blockade count (FACTS §8: Las Bambas 2016–2022), clipped to the run. */
  readonly blockadesFrom: string;
  readonly blockadesTo: string;
}

export interface PatternPlaces {
  /** Department (its name) of each project's producing district. */
  readonly projectDepartment: ReadonlyMap<string, string>;
  /** Whether a crisis episode also blocks its project (parameters.protest.crisisBlockadeShare > 0). */
  readonly crisisBlocks: boolean;
  /** Projects listed among the blockades whatever their rank. */
  readonly watch: readonly string[];
  /** Each community's district, to count cases grouped by project and district; absent: not counted. */
  readonly communityDistrict?: ReadonlyMap<string, string>;
  /**
   * Whether the register counts a district's communities on one project as one case
   * (parameters.register.groupByDistrict, with communityDistrict): then departments and mines
   * count such cases, else each community's.
   */
  readonly groupByDistrict?: boolean;
  /** Department name of each department id (background cases name the id); absent: the id is shown. */
  readonly departmentName?: ReadonlyMap<string, string>;
}

/** Median and 5–95% range over the runs (NaN where no run had the figure). */
export interface Spread {
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
}

export interface CasePatterns {
  readonly scenario: string;
  readonly runs: number;
  readonly seed: number;
  readonly from: string;
  readonly to: string;
  readonly months: number;
  /**
   * The fitted quantities, for context: mean registered stock and the share of its case-months
   * active; and the stock in the window's first and last month (whether it drifts is not fitted).
   */
  readonly stock: { readonly registered: Spread; readonly activeShare: Spread; readonly first: Spread; readonly last: Spread };
  /**
   * Registered cases at a time if the communities of one district with a case on one project
   * were one case, as the Defensoría often lists them (the panel's cases name several
   * communities): a reading of the same runs, not a change of the model. NaN without districts.
   */
  readonly groupedByDistrict: Spread;
  /** Share of the register's case-months (modelled, in the register's unit, and background) on the scenario's projects. */
  readonly onProjects: Spread;
  /** (a) Shares of active case-months in each phase at month end; share of months with a case in crisis at month end. */
  readonly phases: Readonly<Record<PhaseName, Spread>>;
  readonly monthsWithCrisis: Spread;
  /** (b) Crisis episodes that started in the window: length in days, and episodes a year. */
  readonly crisis: { readonly medianDays: Spread; readonly p90Days: Spread; readonly maxDays: Spread; readonly perYear: Spread };
  /** (c) Flows a year; cases on the register at some month end of a calendar year (mean over the window's whole years). */
  readonly flows: {
    readonly registeredPerYear: Spread;
    readonly onRegisterPerYear: Spread;
    /** The same for each whole calendar year of the window. */
    readonly onRegisterByYear: ReadonlyArray<{ readonly year: string; readonly cases: Spread }>;
    readonly resolvedPerYear: Spread;
    readonly withdrawnPerYear: Spread;
    readonly agreementShare: Spread;
  };
  /** (d) Months from registration to resolution or withdrawal, cases that ended in the window. */
  readonly durations: { readonly ended: Spread; readonly medianMonths: Spread; readonly p90Months: Spread };
  /** (e) Protest actions a month (each run's median month, and its 5% and 95% months). */
  readonly protest: { readonly medianMonth: Spread; readonly lowMonth: Spread; readonly highMonth: Spread };
  /**
   * (e) Blockades over the blockade window: national (the series), and per project counted from
   * events as case-months with at least one blockade (plus crises that block): a lower bound,
   * since one case-month may hold several. `counted` is that lower bound's national total.
   */
  readonly blockades: {
    readonly from: string;
    readonly to: string;
    readonly months: number;
    readonly national: Spread;
    readonly counted: Spread;
    readonly projects: ReadonlyArray<{ readonly project: string; readonly blockades: Spread }>;
  };
  /** (f) Shares of registered case-months by the department of the project, top ten by median share. */
  readonly departments: ReadonlyArray<{
    readonly department: string;
    readonly share: Spread;
    /** With a case panel: the share of its placed mining case-months in the department. */
    readonly recorded?: number;
  }>;
  /**
   * (g) With a case panel: registered cases at a time on the projects of each mine the panel
   * names (the mean over the window's months), beside the panel's cases naming that mine; the
   * last entry ("all") is every such mine together.
   */
  readonly mines?: ReadonlyArray<{
    readonly mine: string;
    readonly projects: readonly string[];
    readonly model: Spread;
    readonly recorded: number;
  }>;
  /** With a case panel: where its mining cases are, how long they stay, how many name a baseline project. */
  readonly register?: RegisterSummary;
}

export interface CasePatternOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly from: string;
  readonly to: string;
  readonly blockadesFrom?: string;
  readonly blockadesTo?: string;
  /** `--set path=value` overrides. */
  readonly set?: ReadonlyArray<{ readonly path: string; readonly value: string }>;
  /** Folder of the Defensoría case panel's tables (case-panel-file.ts), to set beside the model. */
  readonly panel?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Runs the scenario K times with events and summarises; the only part that reads files. */
export function runCasePatterns(file: string, options: CasePatternOptions): Result<CasePatterns, InputIssue[]> {
  const window: PatternWindow = {
    from: options.from,
    to: options.to,
    blockadesFrom: options.blockadesFrom ?? '2016-01',
    blockadesTo: options.blockadesTo ?? '2022-12',
  };
  const issues: InputIssue[] = [];
  for (const key of ['from', 'to', 'blockadesFrom', 'blockadesTo'] as const)
    if (!MONTH.test(window[key]))
      issues.push({ file: 'options', path: [key], message: `expected a month written YYYY-MM, got ${window[key]}` });
  if (window.from > window.to) issues.push({ file: 'options', path: ['from'], message: `${window.from} is after ${window.to}` });
  if (!(Number.isSafeInteger(options.runs) && options.runs >= 1))
    issues.push({ file: 'options', path: ['runs'], message: 'expected a whole number of at least 1' });
  if (issues.length > 0) return fail(issues);
  const loaded = loadScenario(file, { set: options.set ?? [] });
  if (!loaded.success) return loaded;
  if (loaded.data.scenario.model !== undefined && loaded.data.scenario.model !== 'peru-mining')
    return fail([{ file, path: ['model'], message: 'case patterns are a reading of the peru-mining model only' }]);
  const scenario = loaded.data.scenario as Scenario;
  let panel: CasePanel | undefined;
  if (options.panel !== undefined) {
    const read = readCasePanel(options.panel);
    if (!read.success) return read;
    panel = read.data;
    // A project the mines table names must be the scenario's: a typo would compare with nothing.
    const ids = new Set(scenario.projects.map((p) => p.id));
    const unknown = panel.mines.flatMap((m) =>
      m.projects
        .filter((id) => !ids.has(id))
        .map((id) => ({
          file: join(options.panel ?? '', PANEL_FILES.mines),
          path: [m.mine, 'projects'],
          message: `${id} is not a project of ${file}`,
        })),
    );
    if (unknown.length > 0) return fail(unknown);
  }
  const world = compileWorld(scenario);
  const seed = options.seed ?? 1;
  const runs: PatternRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    const run = simulateWorld(world, { seed: seedFor(seed, i), events: true });
    if (i === 0) {
      const first = run.monthLabels[0];
      const last = run.monthLabels[run.monthLabels.length - 1];
      for (const key of ['from', 'to'] as const)
        if (window[key] < first || window[key] > last)
          return fail([{ file: 'options', path: [key], message: `${window[key]} is outside the run (${first} to ${last})` }]);
    }
    const column = (name: SeriesName) => seriesColumn(run.series, world.months, name);
    runs.push({
      monthLabels: run.monthLabels,
      events: run.events ?? [],
      protestActions: column('protestActions'),
      blockades: column('blockades'),
      casesResolved: column('casesResolved'),
      casesResolvedAfterAgreement: column('casesResolvedAfterAgreement'),
      registerCases: column('registerCases'),
      registerActive: column('registerActive'),
    });
  }
  const places: PatternPlaces = {
    projectDepartment: projectDepartments(scenario),
    crisisBlocks: world.parameters.protest.crisisBlockadeShare > 0,
    watch: scenario.projects.some((p) => p.id === 'las-bambas') ? ['las-bambas'] : [],
    communityDistrict: new Map(scenario.communities.map((c) => [c.id, c.district])),
    groupByDistrict: world.parameters.register.groupByDistrict >= 0.5,
    departmentName: new Map(scenario.territory.departments.map((d) => [d.id, d.name])),
  };
  const departments = scenario.territory.departments.map((d) => d.name);
  return ok(summarisePatterns(file, seed, window, places, runs, panel && { panel, departments }));
}

/** Project → department of its producing district, by the scenario's territory. Pure. */
function projectDepartments(scenario: Scenario): Map<string, string> {
  const departmentName = new Map(scenario.territory.departments.map((d) => [d.id, d.name]));
  const provinceDepartment = new Map(scenario.territory.provinces.map((p) => [p.id, p.department]));
  const districtDepartment = new Map(scenario.territory.districts.map((d) => [d.id, provinceDepartment.get(d.province) ?? '']));
  return new Map(
    scenario.projects.map((p) => {
      const dep = districtDepartment.get(p.district) ?? '';
      return [p.id, departmentName.get(dep) ?? dep];
    }),
  );
}

/** One run's raw figures. */
interface RunFigures {
  months: number;
  registeredMonths: number;
  firstStock: number;
  lastStock: number;
  activeMonths: number;
  phaseMonths: number[];
  crisisAtMonthEnd: number;
  crisisDays: number[];
  registrations: number;
  resolved: number;
  withdrawn: number;
  resolvedSeries: number;
  afterAgreementSeries: number;
  onRegister: Map<string, number>;
  durations: number[];
  protestMonths: number[];
  blockadeMonths: number;
  blockadesNational: number;
  projectBlockades: Map<string, number>;
  departmentMonths: Map<string, number>;
  projectMonths: Map<string, number>;
  /** Month-ends summed of the project–district pairs with a registered case (NaN without communityDistrict). */
  groupMonths: number;
  /** Month-ends summed of the register's cases and of its active ones (as PatternRun.registerCases says). */
  registerMonths: number;
  registerActiveMonths: number;
  /** Month-ends summed of the cases in departmentMonths: modelled (in the register's unit) and background. */
  placedMonths: number;
  backgroundMonths: number;
  /** New cases in the register's unit (a district–project pair's first registered case when grouped) and the background's. */
  registerRegistrations: number;
}

const isActive = (label: string) => label.startsWith('active/') || label.startsWith('reactivated/');
const isRegistered = (label: string) => isActive(label) || label === 'latent';
const ENDS = new Set(['resuelto', 'retirado']);

/** Replays one run's case transitions month by month and counts what the window holds. Pure. */
export function runFigures(run: PatternRun, window: PatternWindow, places: PatternPlaces): RunFigures {
  const labels = run.monthLabels;
  const inWindow = (t: number) => labels[t] >= window.from && labels[t] <= window.to;
  const inBlockades = (t: number) => labels[t] >= window.blockadesFrom && labels[t] <= window.blockadesTo;
  const f: RunFigures = {
    months: 0,
    registeredMonths: 0,
    firstStock: Number.NaN,
    lastStock: Number.NaN,
    activeMonths: 0,
    phaseMonths: PHASES.map(() => 0),
    crisisAtMonthEnd: 0,
    crisisDays: [],
    registrations: 0,
    resolved: 0,
    withdrawn: 0,
    resolvedSeries: 0,
    afterAgreementSeries: 0,
    onRegister: new Map(),
    durations: [],
    protestMonths: [],
    blockadeMonths: 0,
    blockadesNational: 0,
    projectBlockades: new Map(),
    departmentMonths: new Map(),
    projectMonths: new Map(),
    groupMonths: places.communityDistrict ? 0 : Number.NaN,
    registerMonths: 0,
    registerActiveMonths: 0,
    placedMonths: 0,
    backgroundMonths: 0,
    registerRegistrations: 0,
  };
  const add = (map: Map<string, number>, key: string, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
  const place = (project: string) => {
    add(f.departmentMonths, places.projectDepartment.get(project) ?? project);
    add(f.projectMonths, project);
    f.placedMonths++;
  };
  // Where the register's cases are, how many each project carries and how many are new, in the register's unit.
  const grouped = places.groupByDistrict === true && places.communityDistrict !== undefined;
  // Cases not at 'none', by "community|project": their label and project.
  const cases = new Map<string, { label: string; project: string; community: string; registeredAt: number }>();
  // The background's cases on the register, by department id.
  const background = new Map<string, number>();
  const byMonth = [...run.events].sort((a, b) => a.month - b.month);
  let e = 0;
  let yearCases: Set<string> | null = null;
  // Background cases on the register during the year so far, and at the end of last month.
  let yearBackground = 0;
  let backgroundAtLastEnd = 0;
  let groupsAtLastEnd = new Set<string>();
  let firstWindow = -1;
  let lastWindow = -1;
  for (let t = 0; t < labels.length; t++) {
    const counted = inWindow(t);
    let backgroundNew = 0;
    for (; e < byMonth.length && byMonth[e].month === t; e++) {
      const ev = byMonth[e];
      if (ev.type === 'case-transition') {
        const key = `${ev.community}|${ev.project}`;
        const known = cases.get(key) ?? { label: 'none', project: ev.project, community: ev.community, registeredAt: -1 };
        if (ev.from === 'observation' && isRegistered(ev.to)) {
          known.registeredAt = t;
          if (counted) {
            f.registrations++;
            if (!grouped) f.registerRegistrations++;
          }
        }
        if (ENDS.has(ev.to)) {
          if (counted) {
            if (ev.to === 'resuelto') f.resolved++;
            else f.withdrawn++;
            if (known.registeredAt >= 0) f.durations.push(t - known.registeredAt);
          }
          cases.delete(key);
          continue;
        }
        known.label = ev.to;
        if (ev.to === 'none') cases.delete(key);
        else cases.set(key, known);
      } else if (ev.type === 'background-case') {
        if (ev.from === 'ninguno') {
          add(background, ev.department);
          backgroundNew++;
        } else if (ENDS.has(ev.to)) add(background, ev.department, -1);
      } else if (ev.type === 'dialogue-broken-off') {
        // Breaking off dialogue puts an active case back in escalamiento without a case-transition event (tables.ts).
        const known = cases.get(`${ev.community}|${ev.project}`);
        if (known && isActive(known.label)) known.label = `${known.label.slice(0, known.label.indexOf('/'))}/escalamiento`;
      } else if (ev.type === 'crisis') {
        if (counted) f.crisisDays.push(ev.days);
        if (places.crisisBlocks && inBlockades(t)) add(f.projectBlockades, ev.project);
      } else if (ev.type === 'protest') {
        if (ev.blockadeDays > 0 && inBlockades(t)) add(f.projectBlockades, ev.project);
      }
    }
    if (inBlockades(t)) {
      f.blockadeMonths++;
      f.blockadesNational += run.blockades[t] ?? 0;
    }
    if (!counted) {
      // The register at this month's end, for the window's first month to compare with.
      if (grouped && places.communityDistrict) groupsAtLastEnd = registeredGroups(cases, places.communityDistrict);
      backgroundAtLastEnd = [...background.values()].reduce((a, b) => a + b, 0);
      continue;
    }
    if (firstWindow < 0) firstWindow = t;
    lastWindow = t;
    f.months++;
    f.protestMonths.push(run.protestActions[t] ?? 0);
    // A calendar year counts for "on the register during the year" only if all its months are in the window.
    const monthOfYear = labels[t].slice(5);
    if (monthOfYear === '01') {
      yearCases = new Set();
      yearBackground = backgroundAtLastEnd;
    }
    yearBackground += backgroundNew;
    let crisisNow = false;
    let stock = 0;
    let activeNow = 0;
    const groups = places.communityDistrict && new Set<string>();
    for (const [key, c] of cases) {
      if (!isRegistered(c.label)) continue;
      stock++;
      f.registeredMonths++;
      if (!grouped) place(c.project);
      const group = `${c.project}|${places.communityDistrict?.get(c.community) ?? c.community}`;
      groups?.add(group);
      yearCases?.add(grouped ? group : key);
      if (!isActive(c.label)) continue;
      f.activeMonths++;
      activeNow++;
      const phase = PHASES.indexOf(c.label.slice(c.label.indexOf('/') + 1) as PhaseName);
      if (phase >= 0) f.phaseMonths[phase]++;
      if (phase === PHASES.indexOf('crisis')) crisisNow = true;
    }
    if (grouped && groups) {
      for (const key of groups) place(key.slice(0, key.indexOf('|')));
      for (const key of groups) if (!groupsAtLastEnd.has(key)) f.registerRegistrations++;
      groupsAtLastEnd = groups;
    }
    let backgroundNow = 0;
    for (const [department, n] of background) {
      add(f.departmentMonths, places.departmentName?.get(department) ?? department, n);
      backgroundNow += n;
    }
    f.placedMonths += backgroundNow;
    f.backgroundMonths += backgroundNow;
    backgroundAtLastEnd = backgroundNow;
    f.registerRegistrations += backgroundNew;
    if (crisisNow) f.crisisAtMonthEnd++;
    if (groups) f.groupMonths += groups.size;
    const register = run.registerCases ? (run.registerCases[t] ?? 0) : stock;
    f.registerMonths += register;
    f.registerActiveMonths += run.registerActive ? (run.registerActive[t] ?? 0) : activeNow;
    if (t === firstWindow) f.firstStock = register;
    f.lastStock = register;
    if (monthOfYear === '12' && yearCases) {
      f.onRegister.set(labels[t].slice(0, 4), yearCases.size + yearBackground);
      yearCases = null;
    }
  }
  if (firstWindow >= 0) {
    const before = (s: ArrayLike<number>) => (firstWindow > 0 ? (s[firstWindow - 1] ?? 0) : 0);
    f.resolvedSeries = (run.casesResolved[lastWindow] ?? 0) - before(run.casesResolved);
    f.afterAgreementSeries = (run.casesResolvedAfterAgreement[lastWindow] ?? 0) - before(run.casesResolvedAfterAgreement);
  }
  return f;
}

/** The district–project pairs with a registered case. */
function registeredGroups(
  cases: ReadonlyMap<string, { label: string; project: string; community: string }>,
  communityDistrict: ReadonlyMap<string, string>,
): Set<string> {
  const groups = new Set<string>();
  for (const c of cases.values())
    if (isRegistered(c.label)) groups.add(`${c.project}|${communityDistrict.get(c.community) ?? c.community}`);
  return groups;
}

/** Quantile p of values (NaN when there are none). */
function quantile(values: readonly number[], p: number): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/** Median and 5–95% range of the runs' values, the NaNs (runs without the figure) left out. */
export function spread(values: readonly number[]): Spread {
  const known = values.filter((v) => !Number.isNaN(v));
  return { p05: quantile(known, 0.05), p50: quantile(known, 0.5), p95: quantile(known, 0.95) };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
const mean = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);

/** (g): each mapped mine's registered cases at a time in the runs, beside the panel's. */
function mineRows(
  panel: CasePanel,
  window: PatternWindow,
  labels: readonly string[],
  over: (get: (f: RunFigures) => number) => Spread,
): NonNullable<CasePatterns['mines']> {
  const months = labels.filter((m) => m >= window.from && m <= window.to);
  return recordedMineStock(panel.mineCases, panel.mines, months).map((m) => ({
    mine: m.mine,
    projects: m.projects,
    model: over((f) =>
      ratio(
        m.projects.reduce((s, p) => s + (f.projectMonths.get(p) ?? 0), 0),
        f.months,
      ),
    ),
    recorded: m.mean,
  }));
}

/** A case panel to set beside the runs, and the scenario's department names (where its cases may be placed). */
export interface PanelBeside {
  readonly panel: CasePanel;
  readonly departments: readonly string[];
}

/** The patterns of K runs over a window. Pure. */
export function summarisePatterns(
  scenario: string,
  seed: number,
  window: PatternWindow,
  places: PatternPlaces,
  runs: readonly PatternRun[],
  beside?: PanelBeside,
): CasePatterns {
  const figures = runs.map((run) => runFigures(run, window, places));
  const over = (get: (f: RunFigures) => number) => spread(figures.map(get));
  const years = (f: RunFigures) => f.months / 12;
  const first = runs[0]?.monthLabels ?? [];
  const clippedFrom = window.blockadesFrom < (first[0] ?? '') ? first[0] : window.blockadesFrom;
  const clippedTo = window.blockadesTo > (first[first.length - 1] ?? '') ? first[first.length - 1] : window.blockadesTo;

  const projectIds = new Set([...places.watch, ...figures.flatMap((f) => [...f.projectBlockades.keys()])]);
  const projects = [...projectIds]
    .map((project) => ({ project, blockades: over((f) => f.projectBlockades.get(project) ?? 0) }))
    .sort((a, b) => b.blockades.p50 - a.blockades.p50 || a.project.localeCompare(b.project));
  const listed = projects.filter((p, i) => i < TOP_PROJECTS || places.watch.includes(p.project));

  const register = beside && summariseRegister(beside.panel.register, beside.panel.mines, beside.departments);
  const departmentNames = new Set(figures.flatMap((f) => [...f.departmentMonths.keys()]));
  const departments = [...departmentNames]
    .map((department) => ({
      department,
      share: over((f) => ratio(f.departmentMonths.get(department) ?? 0, f.placedMonths)),
    }))
    .sort((a, b) => b.share.p50 - a.share.p50 || a.department.localeCompare(b.department))
    .slice(0, TOP_DEPARTMENTS);

  return {
    scenario,
    runs: runs.length,
    seed,
    from: window.from,
    to: window.to,
    months: figures[0]?.months ?? 0,
    stock: {
      registered: over((f) => ratio(f.registerMonths, f.months)),
      activeShare: over((f) => ratio(f.registerActiveMonths, f.registerMonths)),
      first: over((f) => f.firstStock),
      last: over((f) => f.lastStock),
    },
    groupedByDistrict: over((f) => ratio(f.groupMonths, f.months)),
    onProjects: over((f) => ratio(f.placedMonths - f.backgroundMonths, f.placedMonths)),
    phases: Object.fromEntries(PHASES.map((name, i) => [name, over((f) => ratio(f.phaseMonths[i], f.activeMonths))])) as Record<
      PhaseName,
      Spread
    >,
    monthsWithCrisis: over((f) => ratio(f.crisisAtMonthEnd, f.months)),
    crisis: {
      medianDays: over((f) => quantile(f.crisisDays, 0.5)),
      p90Days: over((f) => quantile(f.crisisDays, 0.9)),
      maxDays: over((f) => (f.crisisDays.length > 0 ? Math.max(...f.crisisDays) : Number.NaN)),
      perYear: over((f) => ratio(f.crisisDays.length, years(f))),
    },
    flows: {
      registeredPerYear: over((f) => ratio(f.registerRegistrations, years(f))),
      onRegisterPerYear: over((f) => mean([...f.onRegister.values()])),
      onRegisterByYear: [...(figures[0]?.onRegister.keys() ?? [])].map((year) => ({
        year,
        cases: over((f) => f.onRegister.get(year) ?? Number.NaN),
      })),
      resolvedPerYear: over((f) => ratio(f.resolved, years(f))),
      withdrawnPerYear: over((f) => ratio(f.withdrawn, years(f))),
      agreementShare: over((f) => ratio(f.afterAgreementSeries, f.resolvedSeries)),
    },
    durations: {
      ended: over((f) => f.durations.length),
      medianMonths: over((f) => quantile(f.durations, 0.5)),
      p90Months: over((f) => quantile(f.durations, 0.9)),
    },
    protest: {
      medianMonth: over((f) => quantile(f.protestMonths, 0.5)),
      lowMonth: over((f) => quantile(f.protestMonths, 0.05)),
      highMonth: over((f) => quantile(f.protestMonths, 0.95)),
    },
    blockades: {
      from: clippedFrom ?? window.blockadesFrom,
      to: clippedTo ?? window.blockadesTo,
      months: figures[0]?.blockadeMonths ?? 0,
      national: over((f) => f.blockadesNational),
      counted: over((f) => [...f.projectBlockades.values()].reduce((s, n) => s + n, 0)),
      projects: listed,
    },
    departments: register
      ? departments.map((d) => ({
          ...d,
          recorded: register.departments.find((r) => r.department === departmentKey(d.department))?.share ?? 0,
        }))
      : departments,
    ...(beside && register && { mines: mineRows(beside.panel, window, first, over), register }),
  };
}
