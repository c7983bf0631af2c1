/**
 * The state (issue #20, item 4) on hand-built worlds: regional conflict offices, turnover by
 * office and era, and a national dialogue on mining.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tinyWorld } from '../../helpers/tiny-world.js';
import { seatAtTable } from '../../../src/models/peru-mining/mechanisms/tables.js';
import { makeCommitment, orphanCommitmentsOfNewHeads, registryInForce } from '../../../src/models/peru-mining/mechanisms/commitments.js';
import { stepTurnover } from '../../../src/models/peru-mining/mechanisms/turnover.js';
import { stepNationalDialogue } from '../../../src/models/peru-mining/mechanisms/national-dialogue.js';
import { CasePhase, CaseState, TableKind } from '../../../src/models/peru-mining/state.js';
import { CHANNELS } from '../../../src/models/peru-mining/world.js';
import { conflictOfficeDepartments } from '../../../src/models/peru-mining/national/build.js';

const office = (conflictOffice: boolean) => ({ government: { regions: [{ department: 'dep', conflictOffice }] } });

describe('regional conflict offices', () => {
  it('a region with an office convenes a reactive table at the first escalation; without one the state waits for an eruption', () => {
    for (const has of [true, false]) {
      const { world, state } = tinyWorld(office(has));
      state.caseState[0] = CaseState.active;
      state.casePhase[0] = CasePhase.escalamiento;
      seatAtTable(world, state, 0, false); // an escalation, not a blockade or a crisis
      const p = world.relationProject[0];
      expect(state.tableKind[p]).toBe(has ? TableKind.reactive : TableKind.none);
      seatAtTable(world, state, 0, true); // an eruption opens one either way
      expect(state.tableKind[p]).toBe(TableKind.reactive);
    }
  });

  it('only under a reactive policy: an office opens no table where the policy has none', () => {
    const { world, state } = tinyWorld({ ...office(true), policies: { dialogue: { timing: 'none' } } });
    seatAtTable(world, state, 0, false);
    expect(state.tableKind[world.relationProject[0]]).toBe(TableKind.none);
  });

  it('the office follows up every commitment of an agreement in its region; elsewhere 13% are (Informe Defensorial 187)', () => {
    const followed = (has: boolean) => {
      const { world, state } = tinyWorld(office(has));
      const n = 400;
      let k = 0;
      for (let i = 0; i < n; i++) {
        const id = makeCommitment(world, state, world.firstOffice, 0, 0, 0, 'agreement');
        k += state.ledger.followUp[id];
      }
      return k / n;
    };
    expect(followed(true)).toBe(1);
    // Binomial(400, 0.13): sd 0.017, so 0.13 ± 0.07 is beyond 4 sd.
    expect(Math.abs(followed(false) - 0.13)).toBeLessThan(0.07);
  });

  it('a commitment made outside an agreement (a project milestone) gets no follow-up from the office', () => {
    const { world, state } = tinyWorld(office(true));
    let k = 0;
    for (let i = 0; i < 400; i++) {
      const id = makeCommitment(world, state, world.firstOffice, 0, 0, -1, 'milestone');
      k += state.ledger.followUp[id];
    }
    expect(k / 400).toBeLessThan(0.2); // followUpShare 0.13, Binomial sd 0.017
  });

  it('the region flag falls back to defaults.region, and the reform lever gives every region one', () => {
    expect(tinyWorld().world.regionConflictOffice[0]).toBe(0);
    expect(tinyWorld({ government: { defaults: { region: { conflictOffice: true } } } }).world.regionConflictOffice[0]).toBe(1);
    const lever = { ...office(false), policies: { coordination: { regionalConflictOffices: true } } };
    expect(tinyWorld(lever).world.regionConflictOffice[0]).toBe(1);
  });

  it('the national baseline: 7 of 25 departments (FACTS §2), Loreto and Puno among them, Cusco, Ayacucho and Apurímac not', () => {
    const national = JSON.parse(readFileSync(new URL('../../../scenarios/national/peru-national.json', import.meta.url), 'utf8'));
    const withOffice = national.government.regions
      .filter((r: { conflictOffice?: boolean }) => r.conflictOffice)
      .map((r: { department: string }) => r.department);
    expect(national.territory.departments).toHaveLength(25);
    expect(withOffice).toHaveLength(7);
    expect(withOffice).toEqual(expect.arrayContaining(['loreto', 'puno']));
    for (const none of ['cusco', 'ayacucho', 'apurimac']) expect(withOffice).not.toContain(none);
    const ids = national.territory.departments.map((d: { id: string }) => d.id);
    expect(conflictOfficeDepartments(ids, 1)).toEqual(conflictOfficeDepartments(ids, 1)); // seeded: the same every build
  });
});

describe('turnover by office and era', () => {
  it("MINEM's hazards come from its ministers' tenures (FACTS §3: 192–912 days before Castillo, 62 under him)", () => {
    const { world } = tinyWorld();
    const minem = world.actorIds.indexOf('office:MINEM') - world.firstOffice;
    const baseline = world.officeBaselineHazard[minem];
    const crisis = world.officeCrisisHazard[minem];
    expect(baseline).toBeGreaterThanOrEqual(30.44 / 912 - 1e-3);
    expect(baseline).toBeLessThanOrEqual(30.44 / 192 + 1e-3);
    // 30.44/62 = 0.491; rounding to three decimals moves it by at most 0.0005.
    expect(Math.abs(crisis - 30.44 / 62)).toBeLessThan(6e-4);
    // The crisis era is faster by the tenure ratio 552/62 (rounding of both hazards: within 2%).
    expect(crisis / baseline).toBeCloseTo(552 / 62, 0);
    const minam = world.actorIds.indexOf('office:MINAM') - world.firstOffice;
    expect(world.officeBaselineHazard[minam]).toBe(world.parameters.turnover.baselineHazard);
    expect(world.officeCrisisHazard[minam]).toBe(world.parameters.turnover.crisisHazard);
  });

  it("MINEM's head changes at its era's hazard in a simulated century", () => {
    const months = 1200;
    const changes = (era: boolean) => {
      const overlay = {
        start: '2000-01',
        months,
        exogenous: {
          elections: { national: [], subnational: [] },
          turnoverEras: era ? [{ from: '2000-01', to: '2099-12' }] : [],
        },
      };
      const { world, state } = tinyWorld(overlay);
      const minem = world.actorIds.indexOf('office:MINEM');
      let k = 0;
      for (let t = 0; t < months; t++) {
        state.t = t;
        stepTurnover(world, state);
        if (state.headMonths[minem] === 0) k++;
      }
      return { k, h: era ? world.officeCrisisHazard[minem - world.firstOffice] : world.officeBaselineHazard[minem - world.firstOffice] };
    };
    for (const era of [false, true]) {
      const { k, h } = changes(era);
      const sd = Math.sqrt(months * h * (1 - h));
      expect(Math.abs(k - months * h)).toBeLessThan(4 * sd); // Binomial(1200, h), 4 sd
    }
    expect(changes(true).k / changes(false).k).toBeGreaterThan(5); // expected 8.9; 4-sd bounds give at least 5.7
  });

  it('a stable civil service multiplies every office hazard, MINEM included', () => {
    const overlay = {
      months: 600,
      exogenous: { elections: { national: [], subnational: [] } },
      policies: { civilService: { turnoverMultiplier: 0 } },
    };
    const { world, state } = tinyWorld(overlay);
    const minem = world.actorIds.indexOf('office:MINEM');
    const before = state.headMonths[minem];
    for (let t = 0; t < 600; t++) {
      state.t = t;
      stepTurnover(world, state);
    }
    expect(state.headMonths[minem]).toBe(before + 600); // never changed
    expect(tinyWorld().world.policies.civilService.turnoverMultiplier).toBe(1);
  });
});

describe('a national dialogue on mining', () => {
  const from = { policies: { nationalDialogue: { from: '2020-06' } } };

  it('from its opening month, every community hears the national state, and not before', () => {
    const { world, state } = tinyWorld(from);
    const signal = world.parameters.dialogue.nationalDialogueSignal;
    state.t = 4; // 2020-05
    stepNationalDialogue(world, state);
    for (let c = 0; c < world.communityIds.length; c++) expect(state.signal[c * CHANNELS + 1]).toBe(0);
    state.t = 5; // 2020-06
    stepNationalDialogue(world, state);
    for (let c = 0; c < world.communityIds.length; c++) {
      expect(state.signal[c * CHANNELS + 1]).toBeCloseTo(signal, 12);
      expect(state.signal[c * CHANNELS + 0]).toBe(0); // not the company
    }
  });

  it('absent, nothing happens', () => {
    const { world, state } = tinyWorld();
    state.t = 10;
    stepNationalDialogue(world, state);
    expect(state.signal.every((v) => v === 0)).toBe(true);
    expect(registryInForce(world, state)).toBe(false);
  });

  it('once open, commitments are registered: a change of head orphans orphanProbability × registryFactor of them', () => {
    const orphaned = (t: number) => {
      const { world, state } = tinyWorld(from);
      const n = 2000;
      state.t = t;
      for (let i = 0; i < n; i++) makeCommitment(world, state, world.firstOffice, 0, 0, 0, 'agreement');
      state.headMonths[world.firstOffice] = 0;
      orphanCommitmentsOfNewHeads(world, state);
      let k = 0;
      for (let id = 0; id < n; id++) k += state.ledger.dropped[id];
      return { share: k / n, registry: registryInForce(world, state), T: world.parameters.turnover };
    };
    const before = orphaned(4);
    const after = orphaned(5);
    expect(before.registry).toBe(false);
    expect(after.registry).toBe(true);
    // Binomial(2000, p) with p 0.5 and 0.1: sd ≤ 0.012, so ± 0.05 is beyond 4 sd.
    expect(Math.abs(before.share - before.T.orphanProbability)).toBeLessThan(0.05);
    expect(Math.abs(after.share - after.T.orphanProbability * after.T.registryFactor)).toBeLessThan(0.05);
  });
});
