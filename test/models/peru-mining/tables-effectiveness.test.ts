import { describe, expect, it } from 'vitest';
import { tinyScenario, tinyWorld } from '../../helpers/tiny-world.js';
import {
  createTablesScratch,
  dialogueEffectiveness,
  refreshEffectiveness,
  seatAtTable,
  stepTables,
} from '../../../src/models/peru-mining/mechanisms/tables.js';
import { stepProjects } from '../../../src/models/peru-mining/mechanisms/projects.js';
import { CasePhase, CaseState, TableKind } from '../../../src/models/peru-mining/state.js';
import { CHANNELS } from '../../../src/models/peru-mining/world.js';

/** Agreements reached at reactive tables by community 0's case, after `earlier` reactive tables it joined. */
function agreementRate(earlier: number): number {
  let agreements = 0;
  const trials = 400;
  for (let seed = 0; seed < trials; seed++) {
    const { world, state } = tinyWorld({ policies: { dialogue: { timing: 'reactive' } } }, 3, seed);
    stepProjects(world, state);
    state.reactiveTablesHeld[0] = earlier;
    state.caseState[0] = CaseState.active;
    state.casePhase[0] = CasePhase.escalamiento;
    seatAtTable(world, state, 0, true);
    stepTables(world, state, createTablesScratch(world));
    agreements += state.month.agreements;
  }
  return agreements / trials;
}

describe('dialogue effectiveness at tables', () => {
  it('a reactive table after earlier ones is less effective (dialogue cheapened)', () => {
    const first = agreementRate(0);
    const fifth = agreementRate(4);
    expect(first).toBeGreaterThan(0.05);
    // Expected ratio about cheapening^4 = 0.8^4 ≈ 0.41 (a little higher over several meetings).
    expect(fifth).toBeLessThan(first * 0.7);
  });

  it('effectiveness rises with trust in the convener, inclusion and state capacity', () => {
    const { world, state } = tinyWorld();
    const base = dialogueEffectiveness(world, state, 0);
    state.trust[0 * CHANNELS + 1] = 0.9;
    expect(dialogueEffectiveness(world, state, 0)).toBeGreaterThan(base);

    const included = tinyWorld({ policies: { inclusion: { womenAndYouth: 1 } } });
    expect(dialogueEffectiveness(included.world, included.state, 0)).toBeCloseTo(base * 1.2, 12);

    const capable = tinyWorld();
    capable.world.actorCapacity[capable.world.leadOffice] = 1;
    expect(dialogueEffectiveness(capable.world, capable.state, 0)).toBeGreaterThan(base);
  });

  it('an independent broker works better than the state where the state is distrusted', () => {
    const state = tinyWorld();
    const broker = tinyWorld({ policies: { dialogue: { convener: 'broker' } } });
    state.state.trust[0 * CHANNELS + 1] = 0.1;
    broker.state.trust[0 * CHANNELS + 1] = 0.1;
    expect(dialogueEffectiveness(broker.world, broker.state, 0)).toBeGreaterThan(dialogueEffectiveness(state.world, state.state, 0));
  });

  it('under early dialogue an escalating case sits at the permanent table, which is not cheapened', () => {
    const { world, state } = tinyWorld({ policies: { dialogue: { timing: 'early' } } });
    stepProjects(world, state);
    expect(state.tableKind[0]).toBe(TableKind.early);
    state.caseState[0] = CaseState.active;
    seatAtTable(world, state, 0, false);
    expect(state.tableKind[0]).toBe(TableKind.early);
    expect(state.tableSeat[0]).toBe(state.tableSerial[0]);
    expect(state.reactiveTablesHeld[0]).toBe(0);
    expect(state.month.tablesOpenedReactive).toBe(0);
  });

  it('a reactive policy opens a table when conflict erupts (not before), and counts it for cheapening', () => {
    const { world, state } = tinyWorld({ policies: { dialogue: { timing: 'reactive' } } });
    stepProjects(world, state);
    expect(state.tableKind[0]).toBe(TableKind.none);
    state.caseState[0] = CaseState.active;
    seatAtTable(world, state, 0, false);
    expect(state.tableKind[0]).toBe(TableKind.none);
    seatAtTable(world, state, 0, true);
    expect(state.tableKind[0]).toBe(TableKind.reactive);
    expect(state.reactiveTablesHeld[0]).toBe(1);
    expect(state.month.tablesOpenedReactive).toBe(1);
  });

  it('no tables open when the policy is none', () => {
    const { world, state } = tinyWorld({ policies: { dialogue: { timing: 'none' } } });
    stepProjects(world, state);
    state.caseState[0] = CaseState.active;
    seatAtTable(world, state, 0, true);
    expect(state.tableKind[0]).toBe(TableKind.none);
    expect(state.tableSeat[0]).toBe(0);
  });
});

describe('monthly dialogue effectiveness', () => {
  it('equals a fresh computation after the cases and tables steps of the month (nothing moves trust or capacity in between)', async () => {
    const { compileWorld } = await import('../../../src/models/peru-mining/world.js');
    const { createState, emptyCounters } = await import('../../../src/models/peru-mining/state.js');
    const { createStreams } = await import('../../../src/engine/streams.js');
    const { createStepScratch, stepMonth } = await import('../../../src/models/peru-mining/step.js');
    const { createSeries } = await import('../../../src/models/peru-mining/metrics.js');
    const { stepTurnover } = await import('../../../src/models/peru-mining/mechanisms/turnover.js');
    const { stepPrices } = await import('../../../src/models/peru-mining/mechanisms/prices.js');
    const { stepRevenue, addSpendingSignals } = await import('../../../src/models/peru-mining/mechanisms/revenue.js');
    const { stepIllegalMining } = await import('../../../src/models/peru-mining/mechanisms/illegal-mining.js');
    const { stepCommitments } = await import('../../../src/models/peru-mining/mechanisms/commitments.js');
    const { stepHardship } = await import('../../../src/models/peru-mining/mechanisms/hardship.js');
    const { stepCases } = await import('../../../src/models/peru-mining/mechanisms/cases.js');
    const world = compileWorld(tinyScenario({ months: 40, policies: { dialogue: { timing: 'early' } } }, 6));
    const state = createState(world, createStreams(4), null);
    const scratch = createStepScratch(world);
    const series = createSeries(world.months);
    for (state.t = 0; state.t < 30; state.t++) stepMonth(world, state, scratch, series);
    Object.assign(state.month, emptyCounters());
    stepTurnover(world, state);
    stepPrices(world, state);
    stepProjects(world, state);
    stepRevenue(world, state, scratch.revenue);
    addSpendingSignals(world, state, scratch.revenue);
    stepIllegalMining(world, state);
    stepCommitments(world, state);
    stepHardship(world, state, scratch.hardship);
    stepCases(world, state);
    stepTables(world, state, scratch.tables);
    let computed = 0;
    for (let c = 0; c < world.communityIds.length; c++) {
      refreshEffectiveness(world, state, c);
      expect(state.effectiveness[c]).toBe(dialogueEffectiveness(world, state, c));
      computed++;
    }
    expect(computed).toBeGreaterThan(0);
  });
});
