/**
 * Epstein's civil violence model: the invariants of the issue (agent counts conserved, cops
 * never arrested, jail terms honoured, determinism), identity with the readable oracle,
 * mechanism directions, and the gradual-vs-sudden legitimacy result as a statistical test
 * over seeds.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CivilViolenceScenarioSchema, scheduleValue, type CivilViolenceScenarioInput } from '../../../src/models/civil-violence/schema.js';
import { compileCivilViolence, simulateCivilViolence } from '../../../src/models/civil-violence/simulate.js';
import { CIVIL_VIOLENCE_SERIES_NAMES, findOutbursts, waitingTimes } from '../../../src/models/civil-violence/metrics.js';
import { neighbourTable } from '../../../src/models/civil-violence/grid.js';
import { parseAnyScenario } from '../../../src/models/registry.js';
import { signedRankTest } from '../../../src/stats/paired.js';
import { oracleRun } from '../../helpers/epstein-oracle.js';

const scenario = (input: Partial<CivilViolenceScenarioInput> = {}) =>
  CivilViolenceScenarioSchema.parse({ model: 'epstein-civil-violence', name: 'test', ...input });
const reference = (name: string) => {
  const parsed = parseAnyScenario(parse(readFileSync(new URL(`../../../scenarios/reference/${name}.yaml`, import.meta.url), 'utf8')));
  if (!parsed.success || parsed.data.model !== 'epstein-civil-violence') throw new Error(`bad reference scenario ${name}`);
  return parsed.data;
};
const column = (series: Float64Array, steps: number, name: (typeof CIVIL_VIOLENCE_SERIES_NAMES)[number]) => {
  const m = CIVIL_VIOLENCE_SERIES_NAMES.indexOf(name);
  return Array.from(series.subarray(m * steps, (m + 1) * steps));
};

// Busy worlds: short jail terms and few cops keep arrests and releases happening.
const busy = scenario({
  steps: 120,
  grid: { width: 20, height: 20 },
  vision: { citizens: 3, cops: 3 },
  legitimacy: { initial: 0.7 },
  copDensity: {
    initial: 0.05,
    changes: [
      { start: 30, end: 60, to: 0.12 },
      { start: 90, to: 0.02 },
    ],
  },
  maxJailTerm: 12,
});

describe('neighbourhoods', () => {
  it('have the sizes of their metric, without the cell itself', () => {
    expect(neighbourTable(40, 40, 1.7, 'euclidean').start[1]).toBe(8);
    expect(neighbourTable(40, 40, 7, 'euclidean').start[1]).toBe(148);
    expect(neighbourTable(40, 40, 2, 'moore').start[1]).toBe(24);
    expect(neighbourTable(40, 40, 2, 'von-neumann').start[1]).toBe(12);
    // On a torus smaller than the vision, each cell is counted once.
    expect(neighbourTable(3, 3, 7, 'moore').start[1]).toBe(8);
  });
  it('are symmetric: b sees a whenever a sees b', () => {
    const v = neighbourTable(12, 9, 2.5, 'euclidean');
    for (let a = 0; a < 12 * 9; a++) {
      for (const b of v.cells.subarray(v.start[a], v.start[a + 1]))
        expect(Array.from(v.cells.subarray(v.start[b], v.start[b + 1]))).toContain(a);
    }
  });
});

describe('schedules', () => {
  it('jump at their start and ramp linearly to their end', () => {
    const s = {
      initial: 0.9,
      changes: [
        { start: 10, to: 0.7 },
        { start: 21, end: 30, to: 0.2 },
      ],
    };
    expect(scheduleValue(s, 9)).toBe(0.9);
    expect(scheduleValue(s, 10)).toBe(0.7);
    expect(scheduleValue(s, 20)).toBe(0.7);
    expect(scheduleValue(s, 21)).toBeCloseTo(0.65, 12);
    expect(scheduleValue(s, 25)).toBeCloseTo(0.45, 12);
    expect(scheduleValue(s, 30)).toBe(0.2);
    expect(scheduleValue(s, 99)).toBe(0.2);
  });
  it('that overlap, run backwards or fill the grid are input errors with their path', () => {
    const bad = (doc: Record<string, unknown>) => {
      const r = parseAnyScenario({ model: 'epstein-civil-violence', name: 'x', ...doc }, 'f.yaml');
      return r.success ? [] : r.error.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(
      bad({
        legitimacy: {
          changes: [
            { start: 10, end: 30, to: 0.5 },
            { start: 20, to: 0.1 },
          ],
        },
      }),
    ).toEqual(['legitimacy.changes.1.start: changes must be in order and must not overlap']);
    expect(bad({ copDensity: { changes: [{ start: 60, end: 40, to: 0.1 }] } })).toEqual([
      'copDensity.changes.0.end: a ramp must end at or after its start (60)',
    ]);
    expect(bad({ steps: 50, copDensity: { changes: [{ start: 60, to: 0.1 }] } })).toEqual([]); // inert past the last step
    expect(bad({ citizenDensity: 0.95, copDensity: { initial: 0.05 } })[0]).toMatch(/^citizenDensity: /);
    expect(bad({ vision: { citizens: 7, sight: 3 } })).toEqual(['vision.sight: unknown key']);
    const unknownModel = parseAnyScenario({ model: 'sugarscape', name: 'x' }, 'f.yaml');
    expect(unknownModel.success ? '' : unknownModel.error[0]?.message).toMatch(
      /unknown model "sugarscape"; known: peru-mining, epstein-civil-violence/,
    );
  });
});

describe('invariants', () => {
  const cases = [busy, reference('epstein-table2-run1'), reference('epstein-cop-reduction')];
  it('quiet + active + jailed = citizens at every step, and cops follow their schedule', () => {
    for (const s of cases) {
      const world = compileCivilViolence(s);
      for (const seed of [1, 2, 3]) {
        const run = simulateCivilViolence(world, seed);
        const [quiet, active, jailed, cops] = (['quiet', 'active', 'jailed', 'cops'] as const).map((n) => column(run.series, s.steps, n));
        for (let t = 0; t < s.steps; t++) {
          expect(quiet[t]! + active[t]! + jailed[t]!).toBe(world.citizens);
          expect(cops[t]).toBe(world.copsAt[t]);
        }
      }
    }
  });

  it('cops are never arrested and every jail term is served exactly', () => {
    const world = compileCivilViolence(busy);
    let arrests = 0;
    for (const seed of [1, 2, 3, 4]) {
      const run = simulateCivilViolence(world, seed, { events: true });
      const events = run.events ?? [];
      const open = new Map<number, number>();
      for (const e of events) {
        expect(e.citizen).toBeGreaterThanOrEqual(0);
        expect(e.citizen).toBeLessThan(world.citizens); // a citizen, never a cop
        if (e.type === 'arrest') {
          expect(open.has(e.citizen)).toBe(false); // not arrested while in jail
          expect(e.term).toBeGreaterThanOrEqual(0);
          expect(e.term).toBeLessThanOrEqual(busy.maxJailTerm);
          open.set(e.citizen, e.step + e.term + 1);
          arrests++;
        } else {
          expect(open.get(e.citizen)).toBe(e.step); // back exactly when the term ends
          open.delete(e.citizen);
        }
      }
      // Whoever is still in jail at the end was due back after the last step.
      for (const due of open.values()) expect(due).toBeGreaterThan(busy.steps);
      expect(column(run.series, busy.steps, 'arrests').reduce((a, b) => a + b, 0)).toBe(events.filter((e) => e.type === 'arrest').length);
    }
    expect(arrests).toBeGreaterThan(100); // the checks above were exercised
  });

  it('is deterministic: the same seed gives the same series, another seed another', () => {
    const world = compileCivilViolence(busy);
    expect(Buffer.from(simulateCivilViolence(world, 7).series.buffer)).toEqual(
      Buffer.from(simulateCivilViolence(compileCivilViolence(busy), 7).series.buffer),
    );
    expect(Buffer.from(simulateCivilViolence(world, 7).series.buffer)).not.toEqual(
      Buffer.from(simulateCivilViolence(world, 8).series.buffer),
    );
  });
});

describe('the optimised model equals the readable oracle', () => {
  const cases: Array<[string, ReturnType<typeof scenario>]> = [
    ['busy world with cop schedule', busy],
    [
      'continuous arrest probability, Moore vision',
      scenario({ ...busy, arrestProbability: { form: 'continuous', k: 2.3 }, neighbourhood: 'moore', vision: { citizens: 2, cops: 3 } }),
    ],
    [
      'no movement, legitimacy ramp',
      scenario({
        steps: 80,
        grid: { width: 15, height: 15 },
        movement: false,
        vision: { citizens: 2, cops: 2 },
        legitimacy: { initial: 0.9, changes: [{ start: 20, end: 60, to: 0.3 }] },
        maxJailTerm: 20,
      }),
    ],
    ['Table 2 run 1', reference('epstein-table2-run1')],
  ];
  for (const [name, s] of cases) {
    it(name, () => {
      const world = compileCivilViolence(s);
      for (const seed of [1, 2]) {
        const fast = simulateCivilViolence(world, seed);
        const slow = oracleRun(s, seed);
        for (const key of ['quiet', 'active', 'jailed', 'cops'] as const) expect(column(fast.series, s.steps, key)).toEqual(slow[key]);
        expect(Math.max(...slow.active)).toBeGreaterThan(0); // something happened to compare
      }
    });
  }
});

describe('mechanisms', () => {
  const meanActive = (s: ReturnType<typeof scenario>, seeds = 8) => {
    const world = compileCivilViolence(s);
    let total = 0;
    for (let seed = 1; seed <= seeds; seed++) total += simulateCivilViolence(world, seed).outcomes.meanActive;
    return total / seeds;
  };
  const base = { steps: 100, grid: { width: 30, height: 30 }, vision: { citizens: 3, cops: 3 }, maxJailTerm: 15 };
  it('lower legitimacy means more active citizens', () => {
    expect(meanActive(scenario({ ...base, legitimacy: { initial: 0.6 } }))).toBeGreaterThan(
      1.5 * meanActive(scenario({ ...base, legitimacy: { initial: 0.85 } })),
    );
  });
  it('more cops means fewer active citizens', () => {
    expect(meanActive(scenario({ ...base, legitimacy: { initial: 0.7 }, copDensity: { initial: 0.02 } }))).toBeGreaterThan(
      1.5 * meanActive(scenario({ ...base, legitimacy: { initial: 0.7 }, copDensity: { initial: 0.1 } })),
    );
  });
  it('with no cops, exactly the citizens with G > T are active', () => {
    const s = scenario({ ...base, legitimacy: { initial: 0.7 }, copDensity: { initial: 0 } });
    const run = simulateCivilViolence(compileCivilViolence(s), 3);
    const active = column(run.series, s.steps, 'active');
    // Without cops P = 0, so the rule reduces to H·(1 − L) > T: H > 1/3, about 2/3 of 630 citizens.
    expect(active[s.steps - 1]).toBeGreaterThan(0.6 * 630);
    expect(active[s.steps - 1]).toBeLessThan(0.73 * 630);
    expect(new Set(active).size).toBe(1); // nobody is ever arrested, so nothing changes
  });
});

describe('outbursts', () => {
  it('are runs of steps above the threshold, with waiting times between them', () => {
    const o = findOutbursts([0, 60, 70, 10, 0, 55, 0, 0, 80], 50);
    expect(o).toEqual([
      { first: 2, last: 3, peak: 70 },
      { first: 6, last: 6, peak: 55 },
      { first: 9, last: 9, peak: 80 },
    ]);
    expect(waitingTimes(o)).toEqual([2, 2]);
  });
});

describe('Epstein (2002): a sudden fall in legitimacy sparks a larger outburst than a deeper gradual one', () => {
  it('holds over 30 paired seeds (Wilcoxon signed-rank p < 0.001)', () => {
    const gradual = compileCivilViolence(reference('epstein-legitimacy-gradual'));
    const jump = compileCivilViolence(reference('epstein-legitimacy-jump'));
    const differences: number[] = [];
    for (let seed = 1; seed <= 30; seed++)
      differences.push(simulateCivilViolence(jump, seed).outcomes.peakActive - simulateCivilViolence(gradual, seed).outcomes.peakActive);
    const test = signedRankTest(differences);
    expect(test.pValue).toBeLessThan(0.001);
    expect(differences.reduce((a, b) => a + b, 0) / differences.length).toBeGreaterThan(100);
  }, 60_000);
});
