/**
 * Issue #20, item 3, on hand-built worlds: informal miners as an actor with REINFO states
 * (registered, suspended, outside the register, formalised), their protests against enforcement
 * and exclusion, and their pressure on a formal project that competes for their ground.
 * One-step checks are analytic (the flows of illegal-mining.ts); the project check is paired by seed.
 */
import { describe, expect, it } from 'vitest';
import { tinyScenarioInput, tinyWorld } from '../../helpers/tiny-world.js';
import { stepIllegalMining } from '../../../src/models/peru-mining/mechanisms/illegal-mining.js';
import { parseScenario } from '../../../src/models/peru-mining/validate.js';
import { mergeOverlay } from '../../../src/scenario/load.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';

const MINE = 0;
const ROAD = 1;
// No growth, so that each one-step check sees only the flow under test.
const still = { parameters: { illegalMining: { growthRate: 0 } } };

/** A tiny world after one illegal-mining step from the registered (R), suspended (S) and outside (O) intensity of the mine district. */
function afterOneMonth(overlay: Record<string, unknown>, R: number, S: number, O: number) {
  const { world, state } = tinyWorld(mergeOverlay(still, overlay) as Record<string, unknown>);
  state.reinfoRegistered[MINE] = R;
  state.reinfoSuspended[MINE] = S;
  state.reinfoOutside[MINE] = O;
  stepIllegalMining(world, state);
  return { world, state };
}

describe('informal miners in the formalisation register (REINFO)', () => {
  it('a formalisation push moves registered and suspended miners to formalised', () => {
    const policy = (formalisation: number) => ({ policies: { illegalMining: { formalisation, enforcement: 0 } } });
    const push = afterOneMonth(policy(1), 0.1, 0.3, 0);
    const none = afterOneMonth(policy(0), 0.1, 0.3, 0);
    const M = push.world.parameters.illegalMining;
    // Formalised this month: φ·R + φ·k·S at full effort, nothing without it.
    expect(push.state.reinfoFormalised[MINE]).toBeCloseTo(M.formalisationRate * (0.1 + M.suspendedFormalisation * 0.3), 12);
    expect(none.state.reinfoFormalised[MINE]).toBe(0);
    expect(push.state.reinfoRegistered[MINE]).toBeLessThan(none.state.reinfoRegistered[MINE]);
    expect(push.state.reinfoSuspended[MINE]).toBeLessThan(none.state.reinfoSuspended[MINE]);
    // Formalised miners leave illegal intensity.
    expect(push.state.illegal[MINE]).toBeLessThan(none.state.illegal[MINE]);
    expect(push.state.illegal[MINE] + push.state.reinfoFormalised[MINE]).toBeCloseTo(none.state.illegal[MINE], 12);
  });

  it('an extension of the register keeps suspended miners registered and working; a closed one excludes them', () => {
    // registerUntil 2019-12 closes the register before the tiny world's first month (2020-01).
    const policy = (registerUntil?: string) => ({
      policies: { illegalMining: { formalisation: 0, enforcement: 0.5, ...(registerUntil ? { registerUntil } : {}) } },
    });
    const extended = afterOneMonth(policy(), 0, 0.4, 0);
    const closed = afterOneMonth(policy('2019-12'), 0, 0.4, 0);
    const M = extended.world.parameters.illegalMining;
    expect(extended.state.reinfoOutside[MINE]).toBe(0);
    // Closed: exclusionRate of the suspended fall outside the register, and enforcement reaches them unshielded.
    const removal = 0.5 * M.enforcementRemoval;
    expect(closed.state.reinfoOutside[MINE]).toBeCloseTo(M.exclusionRate * 0.4, 12);
    expect(closed.state.reinfoSuspended[MINE]).toBeCloseTo(0.4 * (1 - M.reinstatementRate - M.exclusionRate - removal), 12);
    expect(extended.state.reinfoSuspended[MINE]).toBeCloseTo(0.4 * (1 - M.reinstatementRate - removal * (1 - M.registerShield)), 12);
    // Suspended miners under an extension keep more of the district's intensity active.
    expect(extended.state.illegal[MINE]).toBeGreaterThan(closed.state.illegal[MINE]);
  });
});

describe('informal miners and the state', () => {
  it('enforcement displaces intensity to the linked district and raises protest', () => {
    // protestRate at its bound: at full threat the monthly chance of a protest is 1 − e^(−50·0.5) ≈ 1 − 1e−11.
    const overlay = (enforcement: number) => ({
      parameters: { illegalMining: { protestRate: 50 } },
      policies: { illegalMining: { formalisation: 0, enforcement } },
    });
    const enforced = afterOneMonth(overlay(1), 0, 0, 0.5);
    const none = afterOneMonth(overlay(0), 0, 0, 0.5);
    const M = enforced.world.parameters.illegalMining;
    const removed = M.enforcementRemoval * 0.5;
    expect(enforced.state.illegal[MINE]).toBeCloseTo(0.5 - removed, 12);
    // The road district is the mine district's only link: it receives displacementShare of what was removed.
    expect(enforced.state.illegal[ROAD]).toBeCloseTo(removed * M.displacementShare, 12);
    expect(none.state.illegal[ROAD]).toBe(0);
    // Without enforcement or exclusion the miners have no threat to protest (threat 0: chance 0).
    expect(enforced.state.month.minerProtests).toBe(1);
    expect(none.state.month.minerProtests).toBe(0);
  });
});

describe('informal miners and companies', () => {
  /** The tiny world with informal mining at 0.8 in the road district, next to the mine's. */
  const scenario = (competitionTrigger: number) => {
    const input = tinyScenarioInput();
    input.territory.districts = input.territory.districts.map((d) => (d.id === 'road' ? { ...d, illegalMining: 0.8 } : d));
    const parsed = parseScenario(
      mergeOverlay(input as unknown as Record<string, unknown>, {
        months: 48,
        parameters: { illegalMining: { competitionTrigger, growthRate: 0 } },
        policies: { illegalMining: { formalisation: 0, enforcement: 0 } },
      }),
    );
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error));
    return parsed.data;
  };

  it('puts pressure on a formal project next to a district of high informal intensity', () => {
    const { world, state } = tinyWorld(mergeOverlay(still, { policies: { illegalMining: { enforcement: 0 } } }) as Record<string, unknown>);
    state.reinfoOutside[ROAD] = 0.8;
    stepIllegalMining(world, state);
    // Pressure = I of the project's district (0) + competitionReach · mean I of its linked districts (one: 0.8).
    expect(state.informalPressure[0]).toBeCloseTo(world.parameters.illegalMining.competitionReach * 0.8, 12);
  });

  it("raises the project's conflict and blockades (paired by seed; exposure is the same in both arms)", () => {
    const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
    const total = (trigger: number, outcome: 'activeConflictMonths' | 'protestActions') =>
      seeds.reduce((sum, seed) => sum + simulate(scenario(trigger), { seed }).outcomes[outcome], 0);
    // competitionTrigger 3 (the top of its explored range) against none: triggers 1 + 3·0.4 = 2.2 times the pressure.
    expect(total(3, 'activeConflictMonths')).toBeGreaterThan(total(0, 'activeConflictMonths'));
    expect(total(3, 'protestActions')).toBeGreaterThan(total(0, 'protestActions'));
  });
});
