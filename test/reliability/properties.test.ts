/**
 * Property-based tests: over at least 1,000 random valid small scenarios (territory, policies
 * and parameters drawn by fast-check), the model keeps its invariants: trust in [0, 1], no
 * NaN or Infinity in any output, money conserved exactly in every revenue split each month,
 * case counts consistent with transitions, every commitment counted once, determinism.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario } from '../../src/models/peru-mining/validate.js';
import { syntheticScenario } from '../../src/models/peru-mining/synthetic.js';
import { compileWorld } from '../../src/models/peru-mining/world.js';
import { createState } from '../../src/models/peru-mining/state.js';
import { createStreams } from '../../src/engine/streams.js';
import { createStepScratch, stepMonth } from '../../src/models/peru-mining/step.js';
import { createSeries, computeOutcomes, seriesColumn } from '../../src/models/peru-mining/metrics.js';
import { simulate } from '../../src/models/peru-mining/simulate.js';
import type { ModelEvent } from '../../src/models/peru-mining/events.js';

const share = fc.double({ min: 0, max: 1, noNaN: true });
const scenarioArbitrary = fc.record({
  communities: fc.integer({ min: 1, max: 40 }),
  districts: fc.integer({ min: 1, max: 8 }),
  projects: fc.integer({ min: 1, max: 3 }),
  months: fc.integer({ min: 12, max: 60 }),
  layout: fc.integer({ min: 1, max: 1000 }),
  timing: fc.constantFrom('early', 'reactive', 'none'),
  convener: fc.constantFrom('state', 'broker', 'company'),
  singleOffice: fc.boolean(),
  registry: fc.boolean(),
  inclusion: share,
  turnoverMultiplier: fc.double({ min: 0, max: 5, noNaN: true }),
  streamlining: share,
  enforcement: share,
  formalisation: share,
  corridorShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
  emergeRate: share,
  escalateRate: share,
  fulfilmentRate: share,
  buildRate: share,
  erodeRate: share,
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
});

type Drawn = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

function build(a: Drawn) {
  const doc = {
    ...syntheticScenario({ communities: a.communities, districts: a.districts, projects: a.projects, months: a.months, seed: a.layout }),
    policies: {
      dialogue: { timing: a.timing, convener: a.convener },
      coordination: { singleOffice: a.singleOffice, commitmentRegistry: a.registry },
      inclusion: { womenAndYouth: a.inclusion },
      civilService: { turnoverMultiplier: a.turnoverMultiplier },
      consultation: { streamlining: a.streamlining },
      illegalMining: { enforcement: a.enforcement, formalisation: a.formalisation },
      revenue: {
        canon: {
          producingDistrict: 0.1,
          producingProvince: 0.25,
          producingDepartment: 0.4 - a.corridorShare,
          regionalGovernment: 0.2,
          universities: 0.05,
          corridorDistricts: a.corridorShare,
        },
      },
    },
    parameters: {
      conflict: { emergeRate: a.emergeRate, escalateRate: a.escalateRate },
      commitments: { fulfilmentRate: a.fulfilmentRate },
      trust: { buildRate: a.buildRate, erodeRate: a.erodeRate },
    },
  };
  const parsed = parseScenario(doc);
  if (!parsed.success) throw new Error(`generator made an invalid scenario: ${JSON.stringify(parsed.error)}`);
  return parsed.data;
}

describe('model invariants over random scenarios', () => {
  it('hold for 1,000 random valid small scenarios', () => {
    let checked = 0;
    fc.assert(
      fc.property(scenarioArbitrary, (a) => {
        const scenario = build(a);
        const world = compileWorld(scenario);
        const events: ModelEvent[] = [];
        const state = createState(world, createStreams(a.seed), events);
        const scratch = createStepScratch(world);
        const series = createSeries(world.months);
        let transfers = 0;
        for (state.t = 0; state.t < world.months; state.t++) {
          stepMonth(world, state, scratch, series);
          transfers += state.month.canonTransferred + state.month.royaltiesTransferred;
          // Money: every cent transferred is held or executed, in whole cents.
          let held = 0;
          for (let k = 0; k < world.actorIds.length; k++) {
            if (state.transferred[k] !== state.balance[k] + state.executed[k] || !Number.isInteger(state.balance[k])) return false;
            held += state.transferred[k];
          }
          for (const u of state.universities) held += u;
          if (held !== transfers) return false;
          for (const v of state.trust) if (!(v >= 0 && v <= 1)) return false;
        }
        for (const v of series) if (!Number.isFinite(v)) return false;
        const outcomes = computeOutcomes(world, state, series, { tablesOpenedEarly: 0, tablesOpenedReactive: 0 });
        for (const v of Object.values(outcomes)) if (!Number.isFinite(v)) return false;
        // Commitments: each counted once, and the event log agrees with the ledger.
        const count = (type: string) => events.filter((e) => e.type === type).length;
        if (
          outcomes.commitmentsFulfilled + outcomes.commitmentsBroken + outcomes.commitmentsOrphaned + outcomes.commitmentsOpen !==
          outcomes.commitmentsMade
        )
          return false;
        if (count('commitment-made') !== outcomes.commitmentsMade || count('commitment-fulfilled') !== outcomes.commitmentsFulfilled)
          return false;
        // A breach seen may be delivered late: broken now = breaches seen − late deliveries.
        const late = events.filter((e) => e.type === 'commitment-fulfilled' && e.late).length;
        if (
          count('commitment-broken') - late !== outcomes.commitmentsBroken ||
          count('commitment-orphaned') !== outcomes.commitmentsOrphaned
        )
          return false;
        // Cases: the final states equal the states reached by the logged transitions.
        const last = new Map<string, string>();
        for (const e of events) if (e.type === 'case-transition') last.set(`${e.community}/${e.project}`, e.to);
        const finalCounts = { observation: 0, active: 0, latent: 0 };
        for (const to of last.values()) {
          const state0 = to.split('/')[0] as string;
          if (state0 === 'observation') finalCounts.observation++;
          else if (state0 === 'active' || state0 === 'reactivated') finalCounts.active++;
          else if (state0 === 'latent') finalCounts.latent++;
        }
        const m = world.months - 1;
        if (seriesColumn(series, world.months, 'casesObservation')[m] !== finalCounts.observation) return false;
        if (seriesColumn(series, world.months, 'casesActive')[m] !== finalCounts.active) return false;
        if (seriesColumn(series, world.months, 'casesLatent')[m] !== finalCounts.latent) return false;
        if (
          count('case-transition') > 0 &&
          events.filter((e) => e.type === 'case-transition' && e.to === 'resuelto').length !== outcomes.casesResolved
        )
          return false;
        // Determinism, on a sample.
        if (checked % 10 === 0) {
          const again = simulate(scenario, { seed: a.seed });
          for (let i = 0; i < series.length; i++) if (again.series[i] !== series[i]) return false;
        }
        checked++;
        return true;
      }),
      { numRuns: 1000, seed: Number(process.env['AYNI_PROPERTY_SEED'] ?? 20261128) },
    );
    expect(checked).toBe(1000);
  }, 300_000);
});
