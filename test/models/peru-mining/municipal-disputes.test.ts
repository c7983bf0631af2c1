/**
 * Issue #20 on hand-built worlds: disputes between municipalities when a windfall arrives,
 * claims across undemarcated boundaries once a deposit pays canon, and a waste share that
 * grows with the windfall. Comparisons use paired seeds: both arms draw the same uniforms, so
 * more pressure can only start more disputes.
 */
import { describe, expect, it } from 'vitest';
import { tinyScenario, tinyWorld } from '../../helpers/tiny-world.js';
import { Phase, compileWorld, type World } from '../../../src/models/peru-mining/world.js';
import { createState, type State } from '../../../src/models/peru-mining/state.js';
import { createStreams } from '../../../src/engine/streams.js';
import { createHardshipScratch } from '../../../src/models/peru-mining/mechanisms/hardship.js';
import { createMunicipalDisputesScratch, stepMunicipalDisputes } from '../../../src/models/peru-mining/mechanisms/municipal-disputes.js';
import { createRevenueScratch, stepRevenue, windfallWasteShare } from '../../../src/models/peru-mining/mechanisms/revenue.js';
import { simulate, simulateWorld } from '../../../src/models/peru-mining/simulate.js';
import { loadScenario } from '../../../src/io/scenario-file.js';
import { seedFor } from '../../../src/batch/seeds.js';
import type { Scenario } from '../../../src/models/peru-mining/schema.js';
import { seriesColumn, type Outcomes } from '../../../src/models/peru-mining/metrics.js';

const LOCAL = 3;
const NATIONAL = 1;

/**
 * Three districts: the mine's, a road district linked to it (so each compares itself with the
 * other), and a far district in another province, linked to nothing and related to no project.
 */
const threeDistricts = {
  territory: {
    provinces: [
      { id: 'prov', name: 'Province', department: 'dep' },
      { id: 'far-prov', name: 'Far province', department: 'dep' },
    ],
    districts: [
      { id: 'mine', name: 'mine', province: 'prov', population: 10000, poverty: 0.6 },
      { id: 'road', name: 'road', province: 'prov', population: 10000, poverty: 0.6 },
      { id: 'far', name: 'far', province: 'far-prov', population: 10000, poverty: 0.6 },
    ],
  },
  communities: ['mine', 'road', 'far'].map((d) => ({ id: `${d}-0`, district: d, population: 500 })),
};

/** Intermunicipal disputes begun in one month, by claimant, over `seeds` paired seeds. */
function startsByClaimant(world: World, seeds: number, set: (state: State) => void): Map<string, number> {
  const starts = new Map<string, number>();
  for (let seed = 1; seed <= seeds; seed++) {
    const state = createState(world, createStreams(seed), []);
    set(state);
    stepMunicipalDisputes(world, state, createHardshipScratch(world), createMunicipalDisputesScratch(world));
    for (const e of state.events ?? []) {
      if (e.type === 'municipal-dispute') starts.set(e.district, (starts.get(e.district) ?? 0) + 1);
    }
  }
  return starts;
}

describe('disputes between municipalities', () => {
  // emergeRate at its top (1) so that a month over a few thousand seeds shows the direction,
  // which does not depend on the rate: with paired draws, more pressure only adds starts.
  const world = compileWorld(tinyScenario({ ...threeDistricts, parameters: { municipalDisputes: { emergeRate: 1 } } }));
  const [mine, road, far] = [0, 1, 2];

  it('the districts compared are the linked ones: the far district compares itself with no one', () => {
    const { start, list } = world.districtComparison;
    const of = (d: number) => Array.from(list.subarray(start[d], start[d + 1]));
    expect(of(road)).toContain(mine);
    expect(of(far)).toEqual([]);
    expect(of(mine)).not.toContain(far);
  });

  it('a windfall at the mine district raises the disputes of the districts that compare with it, and of no other', () => {
    // Receipts per person: the mine district S/2,000 against the road's S/500, the far district
    // S/100. With the windfall the mine district expected S/1,000; without it, what it gets.
    const receipts = (expected: number) => (state: State) => {
      state.receivedPerCapita.set([2000, 500, 100]);
      state.expectedPerCapita.set([expected, 500, 100]);
    };
    const windfall = startsByClaimant(world, 3000, receipts(1000));
    const none = startsByClaimant(world, 3000, receipts(2000));
    expect(windfall.get('road') ?? 0).toBeGreaterThan(none.get('road') ?? 0);
    // The gap alone keeps some pressure on: disputes start without a windfall too.
    expect(none.get('road') ?? 0).toBeGreaterThan(0);
    // Nobody compares with the far district and it compares with nobody; the mine district gets more than the road.
    expect(windfall.get('far') ?? 0).toBe(0);
    expect(windfall.get('mine') ?? 0).toBe(0);
  });

  it('a dispute costs both municipalities trust, and the claimant its trust in the state that does not settle it', () => {
    // The road district's dispute with the mine district: the entry of `mine` in road's row.
    const { start, list } = world.districtComparison;
    const k = start[road] + Array.from(list.subarray(start[road], start[road + 1])).indexOf(mine);
    // A month's draw may end the dispute; take the first seed whose draw keeps it.
    const kept = Array.from({ length: 100 }, (_, i) => {
      const state = createState(world, createStreams(i + 1), []);
      state.receivedPerCapita.set([2000, 500, 100]);
      state.expectedPerCapita.set([2000, 500, 100]);
      state.municipalDisputeActive[k] = 1;
      stepMunicipalDisputes(world, state, createHardshipScratch(world), createMunicipalDisputesScratch(world));
      return state;
    }).find((state) => state.municipalDisputeActive[k] === 1);
    if (!kept) throw new Error('no seed of 100 keeps the dispute');
    const signal = (c: number, channel: number) => kept.signal[c * 4 + channel];
    expect(signal(road, LOCAL)).toBeLessThan(0);
    expect(signal(mine, LOCAL)).toBeLessThan(0);
    expect(signal(road, NATIONAL)).toBeLessThan(0);
    expect(signal(mine, NATIONAL)).toBe(0);
    expect(signal(far, LOCAL)).toBe(0);
  });
});

describe('the draws of the municipalDisputes stream', () => {
  it('are one per pair and one per claim each month, whatever the state, so a reform elsewhere cannot shift them', () => {
    const world = compileWorld(
      tinyScenario({
        territory: { links: [{ from: 'mine', to: 'road', kind: 'adjacent', demarcated: false }] },
        parameters: { municipalDisputes: { emergeRate: 1, demarcationRate: 1 } },
      }),
    );
    const expected = world.districtComparison.list.length + world.demarcationClaimant.length;
    expect(world.demarcationClaimant.length).toBe(1);
    const counts = [0, 1, 2, 3].map((variant) => {
      const streams = createStreams(variant + 1);
      let draws = 0;
      const municipalDisputes = () => {
        draws++;
        return streams.municipalDisputes();
      };
      const counting = { ...streams, municipalDisputes };
      const state = createState(world, counting, null);
      // No receipts; receipts with a gap; every dispute active; a paying deposit with its claim open.
      if (variant >= 1) state.receivedPerCapita.set([3000, 100]);
      if (variant >= 2) state.municipalDisputeActive.fill(1);
      if (variant === 3) {
        state.phase[0] = Phase.operation;
        state.canonPaid[0] = 1;
        state.demarcationActive.fill(1);
      }
      stepMunicipalDisputes(world, state, createHardshipScratch(world), createMunicipalDisputesScratch(world));
      return draws;
    });
    expect(counts).toEqual([expected, expected, expected, expected]);
  });
});

describe('demarcation disputes', () => {
  // The mine starts operating in 2022 inside a run from 2020: its first canon is paid in
  // canonMonth of 2023. A ridge district shares a boundary with the mine district.
  const withRidge = (demarcated: boolean | undefined, undemarcatedShare?: number) =>
    tinyScenario({
      months: 120,
      territory: {
        districts: [
          { id: 'mine', name: 'mine', province: 'prov', population: 10000, poverty: 0.6 },
          { id: 'road', name: 'road', province: 'prov', population: 10000, poverty: 0.6 },
          { id: 'ridge', name: 'ridge', province: 'prov', population: 10000, poverty: 0.6 },
        ],
        links: [
          { from: 'mine', to: 'road', kind: 'corridor' },
          { from: 'mine', to: 'ridge', kind: 'adjacent', ...(demarcated === undefined ? {} : { demarcated }) },
        ],
      },
      communities: ['mine', 'road', 'ridge'].map((d) => ({ id: `${d}-0`, district: d, population: 500 })),
      projects: [
        {
          id: 'mine',
          name: 'Mine',
          company: 'co',
          district: 'mine',
          corridor: ['road'],
          output: 120000,
          phases: { exploration: '2005-01', permitting: '2008-01', construction: '2019-01', operation: '2022-01' },
        },
      ],
      ...(undemarcatedShare === undefined ? {} : { parameters: { municipalDisputes: { undemarcatedShare } } }),
    });
  const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);
  /** First month of canon, and demarcation disputes begun before and after it, over the seeds. */
  const claims = (scenario: Scenario) => {
    let before = 0;
    let after = 0;
    let firstCanon = Infinity;
    for (const seed of SEEDS) {
      const run = simulate(scenario, { seed, events: true });
      const canon = Array.from(seriesColumn(run.series, scenario.months, 'canonTransferred')).findIndex((x) => x > 0);
      if (canon >= 0) firstCanon = Math.min(firstCanon, canon);
      for (const e of run.events ?? []) {
        if (e.type !== 'demarcation-dispute') continue;
        expect(e.district).toBe('ridge');
        expect(e.counterpart).toBe('mine');
        if (e.month < canon || canon < 0) before++;
        else after++;
      }
    }
    return { before, after, firstCanon };
  };

  it('a neighbour across an undemarcated boundary claims the deposit once it pays canon; across a demarcated one, never', () => {
    const open = claims(withRidge(false));
    expect(open.firstCanon).toBeGreaterThan(24);
    expect(open.before).toBe(0);
    expect(open.after).toBeGreaterThan(0);
    const settled = claims(withRidge(true));
    expect(settled.before + settled.after).toBe(0);
  });

  it('an unmarked boundary is undemarcated with probability undemarcatedShare, nested across shares', () => {
    const openIn = (share: number) => {
      const world = compileWorld(withRidge(undefined, share));
      // Two claims (ridge on mine, and none back: only the mine district hosts a project).
      expect(world.demarcationClaimant.length).toBe(1);
      return Array.from({ length: 2000 }, (_, i) => createState(world, createStreams(i + 1), null).demarcationOpen[0] ?? 0);
    };
    const quarter = openIn(0.25);
    const half = openIn(0.5);
    const share = quarter.reduce((a, b) => a + b, 0) / quarter.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
    expect(quarter.every((open, i) => open <= (half[i] ?? 0))).toBe(true);
    expect(openIn(0).every((open) => open === 0)).toBe(true);
    expect(openIn(1).every((open) => open === 1)).toBe(true);
    // A scenario's mark wins over the draw.
    const marked = compileWorld(withRidge(true, 1));
    expect(createState(marked, createStreams(1), null).demarcationOpen[0]).toBe(0);
  });
});

describe('corruption grows with the windfall', () => {
  it('the share lost rises with receipts per person when the elasticity is above 0, stays below 1, and is the base at 0', () => {
    const base = 0.131;
    const shares = [0, 100, 300, 1000, 10000, 1e6].map((x) => windfallWasteShare(base, x, 0.5, 300));
    expect(shares[0]).toBe(base);
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThan(shares[i - 1] ?? 1);
    expect(shares.at(-1)).toBeLessThan(1);
    // At the reference the odds of loss have risen by 2^elasticity.
    const odds = (s: number) => s / (1 - s);
    expect(odds(shares[2] ?? 0) / odds(base)).toBeCloseTo(Math.SQRT2, 12);
    for (const x of [0, 300, 1e6]) expect(windfallWasteShare(base, x, 0, 300)).toBe(base);
  });

  it("a municipality's spending loses more to waste the larger its receipts, only when the elasticity is above 0", () => {
    /** Waste per sol the mine municipality executes in one month, with receipts per person `received`. */
    const wastePerSol = (received: number, elasticity: number) => {
      const { world, state } = tinyWorld({ parameters: { revenue: { wasteWindfallElasticity: elasticity } } });
      const municipality = world.firstMunicipality;
      state.balance[municipality] = 100 * 1e7;
      state.receivedPerCapita[0] = received;
      stepRevenue(world, state, createRevenueScratch(world));
      const spentPerPerson = state.executed[municipality] / 100 / world.districtPopulation[0];
      return state.wasted[0] / spentPerPerson;
    };
    expect(wastePerSol(5000, 0.5)).toBeGreaterThan(wastePerSol(100, 0.5));
    expect(wastePerSol(5000, 0)).toBeCloseTo(0.131, 12);
    expect(wastePerSol(100, 0)).toBeCloseTo(0.131, 12);
  });
});

describe('the corridor with the canon doubled (paired seeds)', () => {
  const load = (set: Array<{ path: string; value: string }>) => {
    const loaded = loadScenario(new URL('../../../scenarios/corridor.yaml', import.meta.url).pathname, { set });
    if (!loaded.success) throw new Error(JSON.stringify(loaded.error));
    return compileWorld(loaded.data.scenario as Scenario);
  };
  const RUNS = 100;
  const disputes = (o: Outcomes) => o.revenueDisputes + o.municipalDisputes + o.demarcationDisputes;
  const disputeMonths = (o: Outcomes) => o.revenueDisputeMonths + o.municipalDisputeMonths + o.demarcationDisputeMonths;
  const compare = (set: Array<{ path: string; value: string }>) => {
    const base = load([]);
    const doubled = load([{ path: 'parameters.revenue.canonShareOfIncomeTax', value: '1' }, ...set]);
    const baseAtSet = set.length > 0 ? load(set) : base;
    const diffs = { canon: 0, disputes: 0, months: 0 };
    let canonBase = 0;
    let canonDoubled = 0;
    for (let i = 0; i < RUNS; i++) {
      const seed = seedFor(1, i);
      const a = simulateWorld(baseAtSet, { seed }).outcomes;
      const b = simulateWorld(doubled, { seed }).outcomes;
      canonBase += a.canonTransferred;
      canonDoubled += b.canonTransferred;
      diffs.disputes += (disputes(b) - disputes(a)) / RUNS;
      diffs.months += (disputeMonths(b) - disputeMonths(a)) / RUNS;
    }
    diffs.canon = canonDoubled / canonBase;
    return diffs;
  };

  // Known weakness, measured and not tuned away (docs/model.md §10): every motive is a relative
  // change (gap, windfall against expectations, misuse squashed against a scale), so a canon
  // that doubles for every recipient leaves the gaps as they were, and its windfall passes within
  // the expectation's half-life. The test pins the measurement; it fails, and must be revisited,
  // the day the effect emerges.
  it('doubles the canon but barely moves the disputes of any kind (the windfall effect does not emerge at this scale)', () => {
    const d = compare([]);
    console.log(
      `corridor, canon doubled, ${RUNS} paired seeds: canon ×${d.canon.toFixed(2)}, disputes of all kinds ${d.disputes.toFixed(2)}, dispute-months ${d.months.toFixed(1)} a run`,
    );
    expect(d.canon).toBeGreaterThan(1.9);
    expect(Math.abs(d.months)).toBeLessThan(10);
    expect(Math.abs(d.disputes)).toBeLessThan(1);
  });
});
