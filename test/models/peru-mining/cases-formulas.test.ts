import { describe, expect, it } from 'vitest';
import '../../../src/io/mathjs.js'; // formulas need the host to provide mathjs
import { tinyScenario, tinyWorld } from '../../helpers/tiny-world.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';
import { stepCases } from '../../../src/models/peru-mining/mechanisms/cases.js';
import { stepProjects } from '../../../src/models/peru-mining/mechanisms/projects.js';
import { CasePhase, CaseState, MONTH_DAYS } from '../../../src/models/peru-mining/state.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const seeds = Array.from({ length: 30 }, (_, i) => i + 1);

describe('conflict cases', () => {
  it('more hardship (poverty) gives more conflict', () => {
    const poor = tinyScenario({ months: 120 });
    const richer = structuredClone(poor);
    for (const d of richer.territory.districts) d.poverty = 0.1;
    const active = (s: typeof poor) => mean(seeds.map((seed) => simulate(s, { seed }).outcomes.activeConflictMonths));
    expect(active(poor)).toBeGreaterThan(active(richer) * 1.2);
  });

  it('broken commitments trigger conflict: more breaches, more cases', () => {
    const kept = tinyScenario({ months: 120, parameters: { commitments: { fulfilmentRate: 1 } } });
    const broken = tinyScenario({ months: 120, parameters: { commitments: { fulfilmentRate: 0, deadlineShare: 1, deadlineMonths: 1 } } });
    const a = seeds.map((seed) => simulate(kept, { seed }).outcomes);
    const b = seeds.map((seed) => simulate(broken, { seed }).outcomes);
    expect(mean(b.map((o) => o.commitmentsBroken))).toBeGreaterThan(mean(a.map((o) => o.commitmentsBroken)));
    expect(mean(b.map((o) => o.activeConflictMonths))).toBeGreaterThan(mean(a.map((o) => o.activeConflictMonths)));
  });

  it('a crisis episode that blocks on all its days halts the mine for the rest of the month, and into the next', () => {
    const { world, state } = tinyWorld({
      parameters: {
        conflict: { crisisRate: 1, crisisMedianDays: 30, crisisDaysSpread: 0, deescalateRate: 0 },
        protest: { crisisBlockadeShare: 1, actionRate: 0 },
      },
      policies: { dialogue: { timing: 'none' } },
    });
    world.communityMobilisation.fill(1);
    state.grievance.fill(1);
    stepProjects(world, state);
    state.caseState[0] = CaseState.active;
    state.casePhase[0] = CasePhase.escalamiento;
    stepCases(world, state);
    expect(state.month.crisisEpisodes).toBeGreaterThanOrEqual(1);
    expect(state.month.blockades).toBeGreaterThanOrEqual(1);
    expect(state.haltedShare[0]).toBeGreaterThan(0);
    expect(state.haltedShare[0]).toBeLessThanOrEqual(1);
    // A 30-day episode from a day of the month runs past its end: the case is in crisis at month end.
    expect(state.casePhase[0]).toBe(CasePhase.crisis);
    const carried = state.crisisDaysLeft[0];
    expect(carried).toBeGreaterThan(0);
    state.t = 1;
    stepCases(world, state);
    // The episode's days carried into next month block the mine on all of them (crisisBlockadeShare 1).
    expect(state.haltedShare[0]).toBeGreaterThanOrEqual(Math.min(1, carried / MONTH_DAYS) - 1e-12);
  });

  it('a latent case is withdrawn after withdrawAfterMonths without reactivation', () => {
    const { world, state } = tinyWorld({ parameters: { conflict: { withdrawAfterMonths: 3, reactivateRate: 0, resolveRate: 0 } } });
    stepProjects(world, state);
    state.caseState[0] = CaseState.latent;
    for (let month = 0; month < 2; month++) stepCases(world, state);
    expect(state.caseState[0]).toBe(CaseState.latent);
    stepCases(world, state);
    expect(state.caseState[0]).toBe(CaseState.none);
    expect(state.month.casesWithdrawn).toBe(1);
  });

  it('a corridor relation carries no case before trucks run (construction)', () => {
    const { world, state } = tinyWorld({ parameters: { conflict: { emergeRate: 1 } } }, 3);
    world.projectPhaseStart[0 * 6 + 3] = Infinity; // never reaches construction
    world.projectPhaseStart[0 * 6 + 4] = Infinity;
    state.grievance.fill(1);
    world.communityMobilisation.fill(1);
    stepProjects(world, state);
    let directCases = 0;
    for (let month = 0; month < 12; month++) stepCases(world, state);
    for (let r = 0; r < world.relationCommunity.length; r++) {
      if (world.relationKind[r] === 1) expect(state.caseState[r]).toBe(CaseState.none);
      else if (state.caseState[r] !== CaseState.none) directCases++;
    }
    // The direct relations of the same project do carry cases: only the corridor waits.
    expect(directCases).toBeGreaterThan(0);
  });
});

describe('formula-driven escalation hazard', () => {
  it('a scenario formula replaces the built-in hazard: zero keeps every case from emerging, one makes all emerge', () => {
    const never = tinyWorld({ formulas: { escalationHazard: '0 * rate * x' } });
    const always = tinyWorld({ formulas: { escalationHazard: '1 + 0 * rate * x' } });
    for (const { world, state } of [never, always]) {
      state.grievance.fill(0.5);
      world.communityMobilisation.fill(0.5);
      stepProjects(world, state);
      stepCases(world, state);
    }
    const opened = (s: typeof never) => Array.from(s.state.caseState).filter((x) => x !== CaseState.none).length;
    expect(opened(never)).toBe(0);
    const live = always.world.relationCommunity.length;
    expect(opened(always)).toBe(live); // the mine is in operation: every relation, corridor too, is live
  });
});

describe('illegal mining', () => {
  it('harms the communities of neighbouring districts, not only its own', async () => {
    const { stepHardship, createHardshipScratch } = await import('../../../src/models/peru-mining/mechanisms/hardship.js');
    const { world, state } = tinyWorld({
      parameters: { hardship: { exposureWeight: 1, povertyWeight: 0, deprivationWeight: 0, benefitWeight: 0, memoryWeight: 0 } },
    });
    stepProjects(world, state);
    world.projectPhaseStart.fill(Infinity); // no mine exposure: only illegal mining
    state.phase.fill(0);
    state.illegal[0] = 1; // the mine district; the road district is linked to it
    stepHardship(world, state, createHardshipScratch(world));
    const roadCommunity = world.communityDistrict.indexOf(1);
    expect(state.hardship[0]).toBeCloseTo(0.5, 12); // illegalExposure
    expect(state.hardship[roadCommunity]).toBeCloseTo(0.5 * 0.5, 12); // × illegalSpillover
  });
});
