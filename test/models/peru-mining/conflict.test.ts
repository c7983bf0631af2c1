import { describe, expect, it } from 'vitest';
import { tinyScenario, tinyWorld } from '../../helpers/tiny-world.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';
import { stepConflict } from '../../../src/models/peru-mining/mechanisms/conflict.js';
import { stepProjects } from '../../../src/models/peru-mining/mechanisms/projects.js';
import { CaseState, CasePhase } from '../../../src/models/peru-mining/state.js';

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

  it('a case in crisis blocks the mine, which halts it', () => {
    const { world, state } = tinyWorld({ parameters: { conflict: { blockadeProbability: 1, crisisExitRate: 0 } } });
    world.communityMobilisation.fill(1);
    stepProjects(world, state);
    state.caseState[0] = CaseState.active;
    state.casePhase[0] = CasePhase.crisis;
    stepConflict(world, state);
    expect(state.blockade[0]).toBe(1);
    expect(state.halted[0]).toBe(1);
    expect(state.month.blockades).toBe(1);
  });

  it('a latent case is withdrawn after withdrawAfterMonths without reactivation', () => {
    const { world, state } = tinyWorld({ parameters: { conflict: { withdrawAfterMonths: 3, reactivateRate: 0, resolveRate: 0 } } });
    stepProjects(world, state);
    state.caseState[0] = CaseState.latent;
    for (let month = 0; month < 3; month++) stepConflict(world, state);
    expect(state.caseState[0]).toBe(CaseState.none);
    expect(state.month.casesWithdrawn).toBe(1);
  });

  it('a corridor relation carries no case before the mine ships ore', () => {
    const { world, state } = tinyWorld({ parameters: { conflict: { emergeRate: 1 } } }, 3);
    world.projectPhaseStart[0 * 6 + 3] = Infinity; // never reaches construction
    world.projectPhaseStart[0 * 6 + 4] = Infinity;
    state.grievance.fill(1);
    world.communityMobilisation.fill(1);
    stepProjects(world, state);
    for (let month = 0; month < 12; month++) stepConflict(world, state);
    for (let r = 0; r < world.relationCommunity.length; r++) {
      if (world.relationKind[r] === 1) expect(state.caseState[r]).toBe(CaseState.none);
    }
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
