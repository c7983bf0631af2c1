import { describe, expect, it } from 'vitest';
import { tinyWorld } from '../../helpers/tiny-world.js';
import { createState } from '../../../src/models/peru-mining/state.js';
import { createStreams } from '../../../src/engine/streams.js';
import { stepCases } from '../../../src/models/peru-mining/mechanisms/cases.js';
import { stepProjects } from '../../../src/models/peru-mining/mechanisms/projects.js';
import { CasePhase, CaseState, type State } from '../../../src/models/peru-mining/state.js';
import type { World } from '../../../src/models/peru-mining/world.js';

/** A world whose communities feel no pressure (grievance 0), with relation 0's case set up by `setUp`. */
const worlds = new Map<string, World>();

function quietWorld(seed: number, overlay: Record<string, unknown>, setUp: (state: State) => void): { world: World; state: State } {
  const key = JSON.stringify(overlay);
  const world = worlds.get(key) ?? tinyWorld(overlay).world;
  worlds.set(key, world);
  const state = createState(world, createStreams(seed), []);
  stepProjects(world, state);
  state.grievance.fill(0);
  setUp(state);
  return { world, state };
}

/** Share of trials whose relation-0 case satisfies `done` after one month of the case step. */
function shareAfterOneMonth(overlay: Record<string, unknown>, setUp: (state: State) => void, done: (state: State) => boolean): number {
  const trials = 2000;
  let n = 0;
  for (let seed = 0; seed < trials; seed++) {
    const { world, state } = quietWorld(seed, overlay, setUp);
    stepCases(world, state);
    if (done(state)) n++;
  }
  return n / trials;
}

const underFollowUp = (fulfilled: number) => (state: State) => {
  state.caseState[0] = CaseState.active;
  state.casePhase[0] = CasePhase.desescalamiento;
  state.followUp[0] = 1;
  state.agreementSerial[0] = 1;
  state.agreementMade[0] = 4;
  state.agreementFulfilled[0] = fulfilled;
};

describe('the case life cycle', () => {
  it('a case in dialogue with fulfilled agreements resolves, at followUpResolveRate × the share fulfilled', () => {
    const noLatency = { parameters: { conflict: { latencyRate: 0 } } };
    const resolved = (s: State) => s.caseState[0] === CaseState.none && s.month.casesResolvedAfterAgreement === 1;
    const all = shareAfterOneMonth(noLatency, underFollowUp(4), resolved);
    const half = shareAfterOneMonth(noLatency, underFollowUp(2), resolved);
    const none = shareAfterOneMonth(noLatency, underFollowUp(0), resolved);
    expect(all).toBeCloseTo(0.15, 1); // followUpResolveRate
    expect(half).toBeCloseTo(0.075, 1);
    expect(none).toBe(0);
  });

  it('without an agreement a case is not resolved by follow-up; quiet ones go latent and, much later, are withdrawn', () => {
    const active = (state: State) => {
      state.caseState[0] = CaseState.active;
      state.casePhase[0] = CasePhase.desescalamiento;
    };
    expect(shareAfterOneMonth({}, active, (s) => s.month.casesResolved > 0)).toBe(0);
    expect(shareAfterOneMonth({}, active, (s) => s.caseState[0] === CaseState.latent)).toBeCloseTo(0.025, 1); // latencyRate × calm (1)
    const noOther = { parameters: { conflict: { resolveRate: 0 } } };
    const latentFor = (months: number) => (state: State) => {
      state.caseState[0] = CaseState.latent;
      state.caseMonths[0] = months;
    };
    expect(shareAfterOneMonth(noOther, latentFor(10), (s) => s.month.casesWithdrawn > 0)).toBe(0);
    expect(shareAfterOneMonth(noOther, latentFor(35), (s) => s.month.casesWithdrawn > 0)).toBe(1); // withdrawAfterMonths 36
  });

  it('a broken agreement re-escalates its case, ending the follow-up (whether a breach does is drawn where it is seen)', () => {
    const breached = (state: State) => {
      underFollowUp(1)(state);
      state.agreementBreached[0] = 1;
    };
    const noTables = { policies: { dialogue: { timing: 'none' } } };
    const back = shareAfterOneMonth(noTables, breached, (s) => s.casePhase[0] === CasePhase.escalamiento && !s.followUp[0]);
    expect(back).toBe(1);
    // Where the project's table is open, the re-escalating case takes a seat at it: diálogo.
    const reactive = { policies: { dialogue: { timing: 'reactive' } } };
    const withTable = (state: State) => {
      breached(state);
      state.tableKind[0] = 2;
      state.tableSerial[0] = 1;
    };
    const atTable = shareAfterOneMonth(reactive, withTable, (s) => s.casePhase[0] === CasePhase.dialogo && s.tableSeat[0] === 1);
    expect(atTable).toBe(1);
    // Without one, escalation alone opens none: a reactive table waits for a blockade or a crisis.
    const noTableYet = shareAfterOneMonth(reactive, breached, (s) => s.casePhase[0] === CasePhase.escalamiento && s.tableKind[0] === 0);
    expect(noTableYet).toBeGreaterThan(0.9);
    // A latent case whose agreement is breached comes back as reactivated.
    const latent = (state: State) => {
      breached(state);
      state.caseState[0] = CaseState.latent;
    };
    expect(shareAfterOneMonth(noTables, latent, (s) => s.caseState[0] === CaseState.reactivated)).toBe(1);
    // Without a breach, the same case stays under follow-up.
    expect(shareAfterOneMonth(noTables, underFollowUp(1), (s) => s.followUp[0] === 1)).toBeGreaterThan(0.9);
  });

  it('diálogo holds a case: its crisis hazard is dialogueCrisisFactor of an escalated one', () => {
    const crisisShare = (phase: number) =>
      shareAfterOneMonth(
        { policies: { dialogue: { timing: 'reactive' } }, parameters: { conflict: { deescalateRate: 0 } } },
        (state) => {
          state.caseState[0] = CaseState.active;
          state.casePhase[0] = phase;
          state.tableKind[0] = 2;
          state.tableSerial[0] = 1;
          state.tableSeat[0] = 1;
          state.grievance[0] = 0.8;
        },
        (s) => s.month.crisisEpisodes > 0,
      );
    const escalated = crisisShare(CasePhase.escalamiento);
    const inDialogue = crisisShare(CasePhase.dialogo);
    expect(escalated).toBeGreaterThan(0.1);
    expect(inDialogue / escalated).toBeGreaterThan(0.2);
    expect(inDialogue / escalated).toBeLessThan(0.4); // default 0.3
  });

  it('a month-end crisis is an episode still on: the case leaves crisis when its days run out', () => {
    const { world, state } = quietWorld(1, {}, (s) => {
      s.caseState[0] = CaseState.active;
      s.casePhase[0] = CasePhase.crisis;
      s.crisisDaysLeft[0] = 40;
    });
    stepCases(world, state);
    expect(state.casePhase[0]).toBe(CasePhase.crisis);
    expect(state.crisisDaysLeft[0]).toBeCloseTo(40 - 30.4375, 9);
    stepCases(world, state);
    expect(state.casePhase[0]).toBe(CasePhase.desescalamiento); // no table: not diálogo
    expect(state.crisisDaysLeft[0]).toBe(0);
  });
});
