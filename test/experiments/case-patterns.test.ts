/**
 * Case patterns (`ayni patterns`): the summary on hand-built event lists with answers worked
 * by hand, the replay of a real run's events against the run's own series, and the command on
 * the tiny scenario (good and bad input).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  type PatternPlaces,
  type PatternRun,
  type PatternWindow,
  runFigures,
  spread,
  summarisePatterns,
} from '../../src/experiments/case-patterns.js';
import type { ModelEvent } from '../../src/models/peru-mining/events.js';
import { seriesColumn, type SeriesName } from '../../src/models/peru-mining/metrics.js';
import { simulate } from '../../src/models/peru-mining/simulate.js';
import { tempFolder } from '../helpers/temp.js';
import { tinyScenario, tinyScenarioInput } from '../helpers/tiny-world.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ayni = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const move = (month: number, community: string, project: string, from: string, to: string): ModelEvent => ({
  month,
  type: 'case-transition',
  community,
  project,
  from,
  to,
});
const crisis = (month: number, community: string, project: string, days: number): ModelEvent => ({
  month,
  type: 'crisis',
  community,
  project,
  days,
});
const protest = (month: number, community: string, project: string, blockadeDays: number): ModelEvent => ({
  month,
  type: 'protest',
  community,
  project,
  blockadeDays,
});

/** Two months, 2010-01 and 2010-02, with the given events and no protest, blockade or resolution. */
const twoQuietMonths = (events: ModelEvent[], extra: Partial<PatternRun> = {}): PatternRun => ({
  monthLabels: ['2010-01', '2010-02'],
  events,
  protestActions: [0, 0],
  blockades: [0, 0],
  casesResolved: [0, 0],
  casesResolvedAfterAgreement: [0, 0],
  ...extra,
});
const bothMonths: PatternWindow = { from: '2010-01', to: '2010-02', blockadesFrom: '2010-01', blockadesTo: '2010-02' };

/*
 * Two cases over six months, 2010-01..2010-06; the window is 2010-02..2010-06 (t = 1..5).
 * Month-end labels:   t0        t1            t2      t3        t4       t5
 *   c1 (project p1)   temprana  escalamiento  crisis  crisis    diálogo  latent
 *   c2 (project p2)   -         -             obs.    temprana  latent   resolved
 *   c3 (project p1)   -         obs.          dropped
 */
const events: ModelEvent[] = [
  move(0, 'c1', 'p1', 'none', 'observation'),
  move(0, 'c1', 'p1', 'observation', 'active/temprana'),
  crisis(0, 'c1', 'p1', 99),
  move(1, 'c1', 'p1', 'active/temprana', 'active/escalamiento'),
  crisis(1, 'c1', 'p1', 3),
  move(1, 'c3', 'p1', 'none', 'observation'),
  move(2, 'c1', 'p1', 'active/escalamiento', 'active/crisis'),
  crisis(2, 'c1', 'p1', 40),
  protest(2, 'c1', 'p1', 4),
  move(2, 'c2', 'p2', 'none', 'observation'),
  move(2, 'c3', 'p1', 'observation', 'none'),
  move(3, 'c2', 'p2', 'observation', 'active/temprana'),
  protest(3, 'c2', 'p2', 0),
  move(4, 'c1', 'p1', 'active/crisis', 'active/dialogo'),
  move(4, 'c2', 'p2', 'active/temprana', 'latent'),
  protest(4, 'c2', 'p2', 1.5),
  // Two moves in one month: the month-end state is the last.
  move(5, 'c1', 'p1', 'active/dialogo', 'active/desescalamiento'),
  move(5, 'c1', 'p1', 'active/desescalamiento', 'latent'),
  move(5, 'c2', 'p2', 'latent', 'resuelto'),
  protest(5, 'c1', 'p1', 7),
];
const handRun: PatternRun = {
  monthLabels: ['2010-01', '2010-02', '2010-03', '2010-04', '2010-05', '2010-06'],
  events,
  protestActions: [5, 1, 2, 3, 4, 10],
  blockades: [9, 1, 2, 3, 4, 5],
  casesResolved: [0, 0, 0, 0, 0, 1],
  casesResolvedAfterAgreement: [0, 0, 0, 0, 0, 1],
};
const window: PatternWindow = { from: '2010-02', to: '2010-06', blockadesFrom: '2010-03', blockadesTo: '2010-05' };
const places: PatternPlaces = {
  projectDepartment: new Map([
    ['p1', 'Apurímac'],
    ['p2', 'Cusco'],
  ]),
  crisisBlocks: true,
  watch: ['p2'],
};

describe('summarisePatterns on two hand-built cases', () => {
  const p = summarisePatterns('hand', 1, window, places, [handRun]);
  const at = (s: { p50: number }) => s.p50;

  it('reads the phases at month end', () => {
    // Active case-months t1..t5: c1 esc, c1 crisis, c1 crisis + c2 temprana, c1 diálogo: 5.
    expect(at(p.phases.temprana)).toBeCloseTo(1 / 5, 12);
    expect(at(p.phases.escalamiento)).toBeCloseTo(1 / 5, 12);
    expect(at(p.phases.crisis)).toBeCloseTo(2 / 5, 12);
    expect(at(p.phases.desescalamiento)).toBe(0);
    expect(at(p.phases.dialogo)).toBeCloseTo(1 / 5, 12);
    // In crisis at the end of t2 and t3: 2 of the 5 months.
    expect(at(p.monthsWithCrisis)).toBeCloseTo(2 / 5, 12);
    // Registered case-months: 1 + 1 + 2 + 2 + 1 = 7, of which 5 active.
    expect(at(p.stock.registered)).toBeCloseTo(7 / 5, 12);
    expect(at(p.stock.activeShare)).toBeCloseTo(5 / 7, 12);
    // c1 alone at the end of t1; c1 latent alone at the end of t5.
    expect([at(p.stock.first), at(p.stock.last)]).toEqual([1, 1]);
  });

  it('takes crisis lengths from the episodes that start in the window', () => {
    // Days 3 and 40 (the 99 of t0 is outside): median 21.5; type-7 p90 = 3 + 0.9 · 37 = 36.3.
    expect(at(p.crisis.medianDays)).toBeCloseTo(21.5, 12);
    expect(at(p.crisis.p90Days)).toBeCloseTo(36.3, 12);
    expect(at(p.crisis.maxDays)).toBe(40);
    expect(at(p.crisis.perYear)).toBeCloseTo(2 / (5 / 12), 12);
  });

  it('counts flows and durations', () => {
    // c2 registered at t3 and resolved at t5 (c1's registration at t0 is before the window).
    expect(at(p.flows.registeredPerYear)).toBeCloseTo(12 / 5, 12);
    expect(at(p.flows.resolvedPerYear)).toBeCloseTo(12 / 5, 12);
    expect(at(p.flows.withdrawnPerYear)).toBe(0);
    expect(at(p.flows.agreementShare)).toBe(1);
    expect([at(p.durations.ended), at(p.durations.medianMonths), at(p.durations.p90Months)]).toEqual([1, 2, 2]);
    // The window holds no whole calendar year.
    expect(at(p.flows.onRegisterPerYear)).toBeNaN();
    expect(p.flows.onRegisterByYear).toEqual([]);
  });

  it('reads protest months, blockades per project and departments', () => {
    // Months t1..t5: 1, 2, 3, 4, 10: median 3; p05 = 1 + 0.2 · 1; p95 = 4 + 0.8 · 6.
    expect(at(p.protest.medianMonth)).toBe(3);
    expect(at(p.protest.lowMonth)).toBeCloseTo(1.2, 12);
    expect(at(p.protest.highMonth)).toBeCloseTo(8.8, 12);
    // Blockade window t2..t4: the series gives 2 + 3 + 4; events: p1 the t2 protest and the t2 crisis, p2 the t4 protest.
    expect(p.blockades).toMatchObject({ from: '2010-03', to: '2010-05', months: 3 });
    expect(at(p.blockades.national)).toBe(9);
    expect(at(p.blockades.counted)).toBe(3);
    expect(p.blockades.projects.map((x) => [x.project, at(x.blockades)])).toEqual([
      ['p1', 2],
      ['p2', 1],
    ]);
    // c1 (p1) is registered t1..t5, c2 (p2) t3 and t4.
    expect(p.departments.map((d) => [d.department, at(d.share)])).toEqual([
      ['Apurímac', 5 / 7],
      ['Cusco', 2 / 7],
    ]);
  });

  it('counts a crisis as a blockade only where a crisis blocks', () => {
    const q = summarisePatterns('hand', 1, window, { ...places, crisisBlocks: false }, [handRun]);
    expect(q.blockades.projects.map((x) => [x.project, at(x.blockades)])).toEqual([
      ['p1', 1],
      ['p2', 1],
    ]);
  });

  it('counts the cases on the register during a whole calendar year', () => {
    // 2010 whole: c1 and c2 were registered at some month end; c3 never was.
    const year = { ...window, from: '2010-01', to: '2010-12' };
    const labels = Array.from({ length: 12 }, (_, i) => `2010-${String(i + 1).padStart(2, '0')}`);
    const zeros = labels.map(() => 0);
    const run: PatternRun = {
      ...handRun,
      monthLabels: labels,
      protestActions: zeros,
      blockades: zeros,
      casesResolved: zeros,
      casesResolvedAfterAgreement: zeros,
    };
    const flows = summarisePatterns('hand', 1, year, places, [run]).flows;
    expect(flows.onRegisterPerYear.p50).toBe(2);
    expect(flows.onRegisterByYear).toEqual([{ year: '2010', cases: { p05: 2, p50: 2, p95: 2 } }]);
  });

  it('gives the median and 5–95% range over runs', () => {
    const doubled = { ...handRun, protestActions: Array.from(handRun.protestActions, (x) => 2 * x) };
    const two = summarisePatterns('hand', 1, window, places, [handRun, doubled]);
    // Median months 3 and 6: type-7 quantiles of two values.
    expect(two.protest.medianMonth).toEqual({ p05: 3 + 0.05 * 3, p50: 4.5, p95: 3 + 0.95 * 3 });
    expect(spread([Number.NaN, 1, 3])).toEqual({ p05: 1.1, p50: 2, p95: 2.9 });
  });
});

describe('cases grouped by project and district', () => {
  it('counts the communities of one district with a case on one project as one case', () => {
    // a and b (district d1) and c (d2) all register on p at t0; b ends at t1.
    const run = twoQuietMonths([
      ...['a', 'b', 'c'].flatMap((k) => [move(0, k, 'p', 'none', 'observation'), move(0, k, 'p', 'observation', 'active/temprana')]),
      move(1, 'b', 'p', 'active/temprana', 'retirado'),
    ]);
    const communityDistrict = new Map([
      ['a', 'd1'],
      ['b', 'd1'],
      ['c', 'd2'],
    ]);
    const p = summarisePatterns('hand', 1, bothMonths, { ...places, communityDistrict }, [run]);
    // Cases: 3 then 2 (mean 2.5); groups: {p|d1, p|d2} both months (mean 2).
    expect(p.stock.registered.p50).toBe(2.5);
    expect(p.groupedByDistrict.p50).toBe(2);
    expect(Number.isNaN(summarisePatterns('hand', 1, bothMonths, places, [run]).groupedByDistrict.p50)).toBe(true);
  });
});

describe('the register as the run counts it', () => {
  it("reads the stock from the run's register and places background cases in their departments", () => {
    // One modelled case (c on p, Apurímac) on both months; a background case in Cusco from t1.
    const background = (month: number, from: string, to: string): ModelEvent => ({
      month,
      type: 'background-case',
      department: 'cusco',
      from,
      to,
    });
    const run = twoQuietMonths(
      [move(0, 'c', 'p', 'none', 'observation'), move(0, 'c', 'p', 'observation', 'active/temprana'), background(1, 'ninguno', 'activo')],
      { registerCases: [1, 2], registerActive: [1, 1] },
    );
    const here: PatternPlaces = {
      projectDepartment: new Map([['p', 'Apurímac']]),
      crisisBlocks: true,
      watch: [],
      departmentName: new Map([['cusco', 'Cusco']]),
    };
    const p = summarisePatterns('hand', 1, bothMonths, here, [run]);
    expect([p.stock.registered.p50, p.stock.activeShare.p50, p.stock.first.p50, p.stock.last.p50]).toEqual([1.5, 2 / 3, 1, 2]);
    // Case-months: Apurímac 2, Cusco 1.
    expect(p.departments.map((d) => [d.department, d.share.p50])).toEqual([
      ['Apurímac', 2 / 3],
      ['Cusco', 1 / 3],
    ]);
    // The phases stay the modelled cases' own.
    expect(p.phases.temprana.p50).toBe(1);
  });

  it("places a district's communities on one project as one case where the register groups them", () => {
    // a and b (district d1) on p from t0: two modelled cases, one registered case; a background case in Cusco from t1.
    const run = twoQuietMonths([
      ...['a', 'b'].flatMap((k) => [move(0, k, 'p', 'none', 'observation'), move(0, k, 'p', 'observation', 'active/temprana')]),
      { month: 1, type: 'background-case', department: 'cusco', from: 'ninguno', to: 'activo' },
    ]);
    const here: PatternPlaces = {
      projectDepartment: new Map([['p', 'Apurímac']]),
      crisisBlocks: true,
      watch: [],
      communityDistrict: new Map([
        ['a', 'd1'],
        ['b', 'd1'],
      ]),
      departmentName: new Map([['cusco', 'Cusco']]),
    };
    const shares = (groupByDistrict: boolean) =>
      summarisePatterns('hand', 1, bothMonths, { ...here, groupByDistrict }, [run]).departments.map((d) => [d.department, d.share.p50]);
    // Grouped: Apurímac 1 + 1 case-months, Cusco 1. Not grouped: Apurímac 2 + 2, Cusco 1.
    expect(shares(true)).toEqual([
      ['Apurímac', 2 / 3],
      ['Cusco', 1 / 3],
    ]);
    expect(shares(false)).toEqual([
      ['Apurímac', 4 / 5],
      ['Cusco', 1 / 5],
    ]);
  });
});

describe('the replay of a run', () => {
  it("gives the run's own month-end counts, resolutions and crisis episodes", () => {
    // Five years of the tiny world with cases emerging readily, so that every state occurs.
    const scenario = tinyScenario({ months: 60, parameters: { conflict: { emergeRate: 0.5 } } }, 4);
    const run = simulate(scenario, { seed: 3, events: true });
    const months = run.monthLabels.length;
    const column = (name: SeriesName) => seriesColumn(run.series, months, name);
    const total = (name: SeriesName) => column(name).reduce((a, b) => a + b, 0);
    const whole: PatternWindow = {
      from: run.monthLabels[0],
      to: run.monthLabels[months - 1],
      blockadesFrom: run.monthLabels[0],
      blockadesTo: run.monthLabels[months - 1],
    };
    const f = runFigures(
      {
        monthLabels: run.monthLabels,
        events: run.events ?? [],
        protestActions: column('protestActions'),
        blockades: column('blockades'),
        casesResolved: column('casesResolved'),
        casesResolvedAfterAgreement: column('casesResolvedAfterAgreement'),
      },
      whole,
      { projectDepartment: new Map([['mine', 'Department']]), crisisBlocks: true, watch: [] },
    );
    expect(f.registeredMonths).toBeGreaterThan(0);
    expect(f.registeredMonths).toBe(total('casesRegistered'));
    expect(f.activeMonths).toBe(total('casesActive'));
    expect([f.firstStock, f.lastStock]).toEqual([column('casesRegistered')[0], column('casesRegistered')[months - 1]]);
    const phases: SeriesName[] = ['phaseTemprana', 'phaseEscalamiento', 'phaseCrisis', 'phaseDesescalamiento', 'phaseDialogo'];
    expect(f.phaseMonths).toEqual(phases.map(total));
    expect(f.resolved).toBe(column('casesResolved')[months - 1]);
    expect(f.withdrawn).toBe(column('casesWithdrawn')[months - 1]);
    expect(f.crisisDays.length).toBe(total('crisisEpisodes'));
    // Counted blockades are case-months with at least one: never more than the blockades.
    const counted = [...f.projectBlockades.values()].reduce((a, b) => a + b, 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(total('blockades'));
  });
});

describe('ayni patterns', () => {
  const scenarioFile = () => {
    const dir = tempFolder('patterns');
    const file = join(dir, 'tiny.yaml');
    writeFileSync(file, stringify(tinyScenarioInput()));
    return file;
  };

  it('prints the patterns beside the recorded values, as text and as JSON', () => {
    const file = scenarioFile();
    // Cases emerge readily, so that the tiny world has some in two years.
    const r = ayni('patterns', file, '--runs', '2', '--from', '2020-01', '--to', '2021-12', '--set', 'parameters.conflict.emergeRate=1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^case patterns: .*tiny\.yaml, 2 runs \(seed 1\), 2020-01 to 2021-12 \(24 months\)/);
    expect(r.stdout).toMatch(/active case-months in crisis at month end .*0 of 163 active cases in Oct 2024 \[FACTS §8, Reporte 248\]/);
    expect(r.stdout).toMatch(/active case-months in temprana at month end .*\(no record\)/);
    expect(r.stdout).toMatch(/registered case-months in Department /);
    const json = ayni('patterns', file, '--runs', '2', '--from', '2020-01', '--to', '2021-12', '--json');
    expect(json.code).toBe(0);
    const p = JSON.parse(json.stdout);
    expect(p).toMatchObject({ runs: 2, from: '2020-01', to: '2021-12', months: 24 });
    expect(p.blockades).toMatchObject({ from: '2020-01', to: '2021-12', months: 24 });
  }, 60_000);

  it('rejects bad input with exit 2 and one line naming the option', () => {
    const file = scenarioFile();
    const cases: Array<[string[], RegExp]> = [
      [['--runs', '0'], /--runs/],
      [['--from', '2020-13'], /--from/],
      [['--to', 'soon'], /--to/],
      [['--from', '2021-01', '--to', '2020-12'], /--from/],
      [['--from', '2019-01', '--to', '2020-12'], /^options: from: 2019-01 is outside the run \(2020-01 to 2021-12\)$/],
      [['--set', 'nonsense'], /--set/],
      [['--set', 'parameters.conflict.emergeRate=2', '--from', '2020-01', '--to', '2020-12'], /emergeRate/],
    ];
    for (const [args, message] of cases) {
      const r = ayni('patterns', file, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trim(), args.join(' ')).toMatch(message);
    }
    const missing = ayni('patterns', join(file, '..', 'missing.yaml'));
    expect(missing.code).toBe(2);
  });
});
