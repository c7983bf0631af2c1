import { describe, expect, it } from 'vitest';
import { tinyWorld } from '../../helpers/tiny-world.js';
import {
  createTablesScratch,
  refreshEffectiveness,
  seatAtTable,
  stepTables,
  tableTakes,
} from '../../../src/models/peru-mining/mechanisms/tables.js';
import { stepProjects } from '../../../src/models/peru-mining/mechanisms/projects.js';
import { CasePhase, CaseState, TableKind, type State } from '../../../src/models/peru-mining/state.js';
import { createState } from '../../../src/models/peru-mining/state.js';
import { createStreams } from '../../../src/engine/streams.js';
import type { World } from '../../../src/models/peru-mining/world.js';

function escalated(state: State, r: number): void {
  state.caseState[r] = CaseState.active;
  state.casePhase[r] = CasePhase.dialogo;
}

/** Share of months in which relation 0's case reaches agreement, at a table of the given timing. */
function agreementShare(timing: 'early' | 'reactive', earlierReactive = 0): { share: number; e: number } {
  const { world } = tinyWorld({ policies: { dialogue: { timing } } });
  const trials = 3000;
  let agreed = 0;
  let e = 0;
  for (let seed = 0; seed < trials; seed++) {
    const state = createState(world, createStreams(seed), null);
    stepProjects(world, state);
    state.reactiveTablesHeld[0] = earlierReactive;
    escalated(state, 0);
    seatAtTable(world, state, 0, true);
    refreshEffectiveness(world, state, 0);
    e = state.effectiveness[0];
    stepTables(world, state, createTablesScratch(world));
    if (state.followUp[0]) agreed++;
  }
  return { share: agreed / trials, e };
}

function runMonths(world: World, state: State, months: number): void {
  const scratch = createTablesScratch(world);
  for (let m = 0; m < months; m++) {
    state.t = m;
    stepTables(world, state, scratch);
  }
}

describe('dialogue tables as processes', () => {
  it('permanent and reactive tables follow the same rule: agreement 1 − e^(−e·meetingsPerMonth) a month', () => {
    const early = agreementShare('early');
    const reactive = agreementShare('reactive');
    // A Poisson number of meetings k, each reaching agreement with e: P = 1 − exp(−e·rate).
    expect(early.share).toBeCloseTo(1 - Math.exp(-early.e), 1);
    expect(reactive.share).toBeCloseTo(1 - Math.exp(-reactive.e), 1);
    expect(Math.abs(early.share - reactive.share)).toBeLessThan(0.03);
  });

  it('a reactive table after earlier ones is less effective (dialogue cheapened); a permanent one is not', () => {
    const first = agreementShare('reactive', 0);
    const fifth = agreementShare('reactive', 4);
    // cheapening^4 = 0.41 on e, so about 0.41 of the chance at small e.
    expect(fifth.share).toBeLessThan(first.share * 0.55);
    expect(fifth.share).toBeGreaterThan(first.share * 0.3);
  });

  it('an agreement puts the case under follow-up with perAgreement commitments, and an escalated case de-escalates', () => {
    const { world } = tinyWorld({
      policies: { dialogue: { timing: 'reactive' } },
      parameters: { dialogue: { baseEffectiveness: 1, meetingsPerMonth: 8 }, commitments: { perAgreement: 3 } },
    });
    const state = createState(world, createStreams(3), null);
    stepProjects(world, state);
    escalated(state, 0);
    seatAtTable(world, state, 0, true);
    stepTables(world, state, createTablesScratch(world));
    expect(state.followUp[0]).toBe(1);
    expect(state.casePhase[0]).toBe(CasePhase.desescalamiento);
    expect(state.agreementMade[0]).toBe(3);
    expect(state.ledger.size).toBe(3);
  });

  it('an agreement makes perAgreement commitments on average (Informe Defensorial 187: 5.5 an acta)', () => {
    const { world } = tinyWorld({
      policies: { dialogue: { timing: 'reactive' } },
      parameters: { dialogue: { baseEffectiveness: 1, meetingsPerMonth: 8 } },
    });
    let made = 0;
    let agreements = 0;
    for (let seed = 0; seed < 2000; seed++) {
      const state = createState(world, createStreams(seed), null);
      stepProjects(world, state);
      escalated(state, 0);
      seatAtTable(world, state, 0, true);
      stepTables(world, state, createTablesScratch(world));
      if (!state.followUp[0]) continue;
      agreements++;
      made += state.agreementMade[0];
      expect([5, 6]).toContain(state.agreementMade[0]);
    }
    expect(made / agreements).toBeCloseTo(5.5, 1);
  });

  it('a reactive table opens on escalation, seats only escalating communities, and closes when no case is in dispute', () => {
    const { world, state } = tinyWorld({
      policies: { dialogue: { timing: 'reactive' } },
      parameters: { dialogue: { meetingsPerMonth: 0.05 } },
    });
    stepProjects(world, state);
    expect(state.tableKind[0]).toBe(TableKind.none);
    escalated(state, 0);
    seatAtTable(world, state, 0, true);
    expect(state.tableKind[0]).toBe(TableKind.reactive);
    expect(tableTakes(world, state, 0)).toBe(true);
    expect(tableTakes(world, state, 1)).toBe(false);
    state.casePhase[0] = CasePhase.desescalamiento;
    runMonths(world, state, 1);
    expect(state.tableKind[0]).toBe(TableKind.none);
    // The next escalation opens a new table: the community's second (cheapened).
    escalated(state, 0);
    seatAtTable(world, state, 0, true);
    expect(state.tableSerial[0]).toBe(2);
    expect(state.reactiveTablesHeld[world.relationCommunity[0]]).toBe(2);
  });

  it('a permanent table seats every live community, takes up early cases, and stays open without any dispute', () => {
    const { world, state } = tinyWorld({
      policies: { dialogue: { timing: 'early', convener: 'broker' } },
      parameters: { dialogue: { baseEffectiveness: 1, brokerTrust: 1, meetingsPerMonth: 8 } },
    });
    stepProjects(world, state);
    state.caseState[2] = CaseState.active;
    state.casePhase[2] = CasePhase.temprana;
    runMonths(world, state, 1);
    for (let r = 0; r < world.relationCommunity.length; r++) expect(tableTakes(world, state, r)).toBe(true);
    expect(state.followUp[2]).toBe(1); // an agreement before the case escalated
    expect(state.casePhase[2]).toBe(CasePhase.temprana);
    runMonths(world, state, 3);
    expect(state.tableKind[0]).toBe(TableKind.early);
  });

  it('meetings build trust in the convener and relieve the memory of broken commitments', () => {
    const { world, state } = tinyWorld({ policies: { dialogue: { timing: 'early' } } });
    stepProjects(world, state);
    state.memory.fill(0.5);
    runMonths(world, state, 12);
    expect(state.memory[0]).toBeLessThan(0.5 * 0.9);
    expect(state.signal[0 * 4 + 1]).toBeGreaterThan(0);
    expect(state.signal[0 * 4 + 0]).toBe(0); // the state convenes: no signal to the company
  });

  it('a case in diálogo without agreement breaks off at frustrationRate, leaves the table and re-escalates', () => {
    const { world } = tinyWorld({ policies: { dialogue: { timing: 'reactive' } }, parameters: { dialogue: { baseEffectiveness: 0 } } });
    const trials = 3000;
    let broke = 0;
    for (let seed = 0; seed < trials; seed++) {
      const state = createState(world, createStreams(seed), null);
      stepProjects(world, state);
      escalated(state, 0);
      seatAtTable(world, state, 0, true);
      stepTables(world, state, createTablesScratch(world));
      if (state.casePhase[0] === CasePhase.escalamiento) {
        broke++;
        expect(tableTakes(world, state, 0)).toBe(false);
        expect(state.signal[world.relationCommunity[0] * 4 + 1]).toBeLessThan(0);
      }
    }
    expect(broke / trials).toBeCloseTo(0.08, 1); // frustrationRate
  });
});
