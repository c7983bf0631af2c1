/**
 * The register as the Defensoría counts it (parameters.register): a district's communities on one
 * project as one case, and the background of mining cases off the modelled projects
 * (background-cases.ts), checked against a hand count of the state and an expected-value oracle.
 */
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../../src/engine/streams.js';
import { seriesColumn, SERIES_NAMES, createSeries, type SeriesName } from '../../../src/models/peru-mining/metrics.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';
import { CaseState, createState } from '../../../src/models/peru-mining/state.js';
import { createStepScratch, stepMonth } from '../../../src/models/peru-mining/step.js';
import { compileWorld } from '../../../src/models/peru-mining/world.js';
import { parseScenario } from '../../../src/models/peru-mining/validate.js';
import type { ModelEvent } from '../../../src/models/peru-mining/events.js';
import { tinyScenario, tinyScenarioInput } from '../../helpers/tiny-world.js';

const registered = (s: number) => s === CaseState.active || s === CaseState.reactivated || s === CaseState.latent;
const active = (s: number) => s === CaseState.active || s === CaseState.reactivated;

describe('a district’s communities on one project as one registered case', () => {
  // Cases emerge readily so that both districts (the mine's, the corridor's) hold several at once.
  const overlay = (group: number) => ({ months: 72, parameters: { conflict: { emergeRate: 0.6 }, register: { groupByDistrict: group } } });

  it('numbers one register case per district and project, or one per relation', () => {
    expect(compileWorld(tinyScenario(overlay(1))).registerCaseCount).toBe(2);
    const ungrouped = compileWorld(tinyScenario(overlay(0)));
    expect(ungrouped.registerCaseCount).toBe(ungrouped.relationCommunity.length);
  });

  it('counts, each month, the districts with a registered case and those with an active one', () => {
    const world = compileWorld(tinyScenario(overlay(1)));
    const state = createState(world, createStreams(5), null);
    const scratch = createStepScratch(world);
    const series = createSeries(world.months);
    const column = (name: SeriesName) => seriesColumn(series, world.months, name);
    let grouped = 0;
    for (let t = 0; t < world.months; t++) {
      state.t = t;
      stepMonth(world, state, scratch, series);
      const onRegister = new Set<string>();
      const activeHere = new Set<string>();
      for (let r = 0; r < world.relationCommunity.length; r++) {
        const district = world.communityDistrict[world.relationCommunity[r]];
        const key = `${district}|${world.relationProject[r]}`;
        if (registered(state.caseState[r])) onRegister.add(key);
        if (active(state.caseState[r])) activeHere.add(key);
      }
      expect([column('registerCases')[t], column('registerActive')[t]]).toEqual([onRegister.size, activeHere.size]);
      if (column('casesRegistered')[t] > onRegister.size) grouped++;
    }
    // The check means something only if communities did share a case in some months.
    expect(grouped).toBeGreaterThan(10);
  });

  it('leaves the modelled cases alone: only the count changes', () => {
    const a = simulate(tinyScenario(overlay(0)), { seed: 2 });
    const b = simulate(tinyScenario(overlay(1)), { seed: 2 });
    const col = (run: typeof a, name: SeriesName) => Array.from(seriesColumn(run.series, 72, name));
    expect(col(b, 'casesRegistered')).toEqual(col(a, 'casesRegistered'));
    expect(col(a, 'registerCases')).toEqual(col(a, 'casesRegistered'));
    expect(b.outcomes.meanRegisteredCases).toBeLessThan(a.outcomes.meanRegisteredCases);
  });
});

/** A second and a third department, with a district each and no communities. */
function threeDepartments(weights: [number, number, number], parameters: Record<string, unknown>, months: number) {
  const input = tinyScenarioInput();
  const ids = ['dep', 'dep2', 'dep3'];
  input.territory.departments = ids.map((id, i) => ({ id, name: id, backgroundWeight: weights[i] }));
  input.territory.provinces = ids.map((id) => ({ id: `prov-${id}`, name: id, department: id }));
  input.territory.districts = [
    ...input.territory.districts.map((d) => ({ ...d, province: 'prov-dep' })),
    { id: 'far2', name: 'far2', province: 'prov-dep2', population: 1000, poverty: 0.5 },
    { id: 'far3', name: 'far3', province: 'prov-dep3', population: 1000, poverty: 0.5 },
  ];
  const parsed = parseScenario({ ...input, months, parameters });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error));
  return parsed.data;
}

/**
 * Expected background cases at month end, by the rules of background-cases.ts written as
 * probability mass moving between states (no sampling): active cases resolve (ρ) or go latent
 * (λ); latent ones, m months latent, resolve (ρ) or are withdrawn once m reaches W; then
 * `rate` new active cases.
 */
function expectedBackground(rate: number, latency: number, resolve: number, withdrawAfter: number, months: number): number[] {
  let activeMass = 0;
  let latent: number[] = [];
  const out: number[] = [];
  for (let t = 0; t < months; t++) {
    const next: number[] = [];
    latent.forEach((mass, m) => {
      if (m + 1 < withdrawAfter) next[m + 1] = mass * (1 - resolve);
    });
    next[0] = activeMass * latency;
    activeMass = activeMass * (1 - resolve - latency) + rate;
    latent = Array.from(next, (x) => x ?? 0);
    out.push(activeMass + latent.reduce((a, b) => a + b, 0));
  }
  return out;
}

describe('the background of the register', () => {
  const months = 600;
  // Short lives, most of them latent: a month more or less of latency moves the stock by a fifth.
  const parameters = {
    conflict: { latencyRate: 0.5, withdrawAfterMonths: 4 },
    register: { backgroundRate: 20, backgroundResolveRate: 0.01 },
  };
  const scenario = threeDepartments([3, 1, 0], parameters, months);
  const run = simulate(scenario, { seed: 7, events: true });
  const column = (name: SeriesName) => Array.from(seriesColumn(run.series, months, name));

  it('holds the stock its life cycle implies: new cases × their months on the register', () => {
    const expected = expectedBackground(20, 0.5, 0.01, 4, months);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Months 200–599: the stock has long reached its level (about 20 × 6 months).
    const simulated = mean(column('backgroundCases').slice(200));
    const oracle = mean(expected.slice(200));
    expect(oracle).toBeGreaterThan(100);
    expect(Math.abs(simulated - oracle) / oracle).toBeLessThan(0.04);
    // New cases a month: Poisson(20).
    expect(mean(column('backgroundRegistered').slice(200))).toBeCloseTo(20, 0);
  });

  it('adds to the register and its active count, not to the modelled cases', () => {
    const registerCases = column('registerCases');
    const modelled = column('casesRegistered');
    const background = column('backgroundCases');
    registerCases.forEach((n, t) => expect(n).toBe(modelled[t] + background[t]));
  });

  it('places new cases in departments by their weights, none where the weight is 0', () => {
    const fresh = (run.events ?? []).filter(
      (e): e is Extract<ModelEvent, { type: 'background-case' }> => e.type === 'background-case' && e.from === 'ninguno',
    );
    const share = (d: string) => fresh.filter((e) => e.department === d).length / fresh.length;
    expect(fresh.length).toBeGreaterThan(5000);
    expect(share('dep')).toBeGreaterThan(0.73);
    expect(share('dep')).toBeLessThan(0.77);
    expect(share('dep3')).toBe(0);
    // All weights 0: equal shares.
    const equal = simulate(threeDepartments([0, 0, 0], parameters, 120), { seed: 7, events: true });
    const placed = (equal.events ?? []).filter((e) => e.type === 'background-case' && e.from === 'ninguno');
    const dep3 = placed.filter((e) => e.type === 'background-case' && e.department === 'dep3').length / placed.length;
    expect(dep3).toBeGreaterThan(0.27);
    expect(dep3).toBeLessThan(0.4);
  });

  it('draws from its own stream: its size shifts no other mechanism', () => {
    const none = simulate(threeDepartments([3, 1, 0], { ...parameters, register: { backgroundRate: 0 } }, months), { seed: 7 });
    const own = new Set<SeriesName>(['registerCases', 'registerActive', 'backgroundCases', 'backgroundRegistered']);
    for (const name of SERIES_NAMES) {
      if (own.has(name)) continue;
      expect(Array.from(seriesColumn(none.series, months, name)), name).toEqual(column(name));
    }
    expect(Math.max(...Array.from(seriesColumn(none.series, months, 'backgroundCases')))).toBe(0);
  });
});
