import { describe, expect, it } from 'vitest';
import { tinyWorld } from '../../helpers/tiny-world.js';
import {
  drawAgreementOwner,
  makeCommitment,
  orphanCommitmentsOfNewHeads,
  stepCommitments,
} from '../../../src/models/peru-mining/mechanisms/commitments.js';
import { changeHead, stepTurnover } from '../../../src/models/peru-mining/mechanisms/turnover.js';
import { stepHardship, createHardshipScratch } from '../../../src/models/peru-mining/mechanisms/hardship.js';
import { CommitmentStatus, NO_CASE, NO_DEADLINE, SOCIETY } from '../../../src/models/peru-mining/ledger.js';

describe('commitments with substance and design', () => {
  it('an orphaned commitment stays quiet until its deadline, then counts as a breach', () => {
    const { world, state } = tinyWorld({
      parameters: {
        turnover: { orphanProbability: 1 },
        commitments: { deadlineShare: 1, deadlineMonths: 6, fulfilmentRate: 0 },
        conflict: { breachReescalation: 1 },
      },
    });
    const office = world.firstOffice;
    const id = makeCommitment(world, state, office, 0, 0, 0, 'agreement');
    state.agreementSerial[0] = 0;
    changeHead(world, state, office, 'hazard');
    orphanCommitmentsOfNewHeads(world, state);
    expect(state.ledger.dropped[id]).toBe(1);
    for (let t = 1; t <= 6; t++) {
      state.t = t;
      stepCommitments(world, state);
      expect(state.ledger.status[id]).toBe(CommitmentStatus.open);
      expect(state.brokenThisMonth[0]).toBe(0);
      expect(state.memory[0]).toBe(0);
    }
    state.t = 7;
    stepCommitments(world, state);
    expect(state.ledger.status[id]).toBe(CommitmentStatus.orphaned);
    expect(state.brokenThisMonth[0]).toBe(1);
    expect(state.agreementBreached[0]).toBe(1);
  });

  it('a breach seen of a commitment of the agreement under follow-up brings the case back with breachReescalation', () => {
    const { world, state } = tinyWorld({ parameters: { commitments: { deadlineShare: 1, deadlineMonths: 1, fulfilmentRate: 0 } } });
    const trials = 4000;
    let back = 0;
    for (let i = 0; i < trials; i++) {
      state.t = 0;
      makeCommitment(world, state, world.firstOffice, 0, 0, 0, 'agreement');
      state.t = 2;
      stepCommitments(world, state);
      back += state.agreementBreached[0];
      state.agreementBreached[0] = 0;
    }
    expect(state.ledger.counts[CommitmentStatus.broken]).toBe(trials);
    expect(back / trials).toBeCloseTo(0.5, 1);
  });

  it('a monitoring body sees an orphaned agreement commitment at once', () => {
    const { world, state } = tinyWorld({
      policies: { dialogue: { monitoring: true } },
      parameters: { turnover: { orphanProbability: 1 } },
    });
    const id = makeCommitment(world, state, world.firstOffice, 0, 0, 0, 'agreement');
    changeHead(world, state, world.firstOffice, 'hazard');
    orphanCommitmentsOfNewHeads(world, state);
    expect(state.ledger.status[id]).toBe(CommitmentStatus.orphaned);
    expect(state.brokenThisMonth[0]).toBe(1);
  });

  it("a delivered work relieves its community's hardship; a procedure does not", () => {
    const hardshipAfter = (worksShare: number) => {
      const { world, state } = tinyWorld({ parameters: { commitments: { worksShare, fulfilmentRate: 1 } } });
      state.budget.fill(1e12);
      world.actorCapacity.fill(1);
      makeCommitment(world, state, 0, 0, 0, NO_CASE, 'milestone');
      stepCommitments(world, state);
      expect(state.ledger.counts[CommitmentStatus.fulfilled]).toBe(1);
      stepHardship(world, state, createHardshipScratch(world));
      return state.hardship[0] - state.hardship[1];
    };
    expect(hardshipAfter(0)).toBeCloseTo(0, 12);
    expect(hardshipAfter(1)).toBeCloseTo(-0.04 * Math.pow(0.5, 1 / 60), 9); // reliefPerWork, one month of ageing
  });

  it('owners follow Informe Defensorial 187: state, company and society', () => {
    const { world, state } = tinyWorld();
    const n = 20000;
    let society = 0;
    let company = 0;
    for (let i = 0; i < n; i++) {
      const owner = drawAgreementOwner(world, state, 0, 0);
      if (owner === SOCIETY) society++;
      else if (owner === world.projectCompany[0]) company++;
    }
    expect(society / n).toBeCloseTo(0.136, 1);
    expect(company / n).toBeCloseTo(1 - 0.685 - 0.136, 1);
  });

  it('a single office with a registry gives every commitment a deadline and a follow-up owner', () => {
    const count = (overlay: Record<string, unknown>) => {
      const { world, state } = tinyWorld(overlay);
      let deadlines = 0;
      let followUps = 0;
      for (let i = 0; i < 2000; i++) {
        const id = makeCommitment(world, state, i % 2 === 0 ? 0 : world.firstRegion, 0, 0, 0, 'agreement');
        if (state.ledger.deadline[id] !== NO_DEADLINE) deadlines++;
        followUps += state.ledger.followUp[id];
      }
      return { deadlines: deadlines / 2000, followUps: followUps / 2000 };
    };
    const fragmented = count({});
    const registered = count({ policies: { coordination: { singleOffice: true, commitmentRegistry: true } } });
    expect(fragmented.deadlines).toBeCloseTo(0.423, 1);
    expect(fragmented.followUps).toBeCloseTo(0.13, 1);
    expect(registered).toEqual({ deadlines: 1, followUps: 1 });
  });
});

describe('shocks, terms and people', () => {
  it('turnover eras and protest waves are separate shocks', () => {
    const { world } = tinyWorld({
      exogenous: { turnoverEras: [{ from: '2020-03', to: '2020-04' }], protestWaves: [{ from: '2020-06', to: '2020-06' }] },
    });
    expect(Array.from(world.turnoverEra.slice(0, 8))).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(world.protestWave.slice(0, 8))).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
    const legacy = tinyWorld({ exogenous: { crises: [{ from: '2020-02', to: '2020-02' }] } }).world;
    expect(legacy.turnoverEra[1]).toBe(1);
    expect(legacy.protestWave[1]).toBe(1);
  });

  it('the Defensoría head changes only when its five-year term ends', () => {
    const { world, state } = tinyWorld({ start: '2020-01', months: 24, parameters: { turnover: { baselineHazard: 1 } } });
    const defensoria = world.actorIds.indexOf('office:DEFENSORIA');
    const minam = world.actorIds.indexOf('office:MINAM'); // MINEM has its own hazards (FACTS §3)
    const changes: number[] = [];
    for (let t = 0; t < 24; t++) {
      state.t = t;
      stepTurnover(world, state);
      if (state.headMonths[defensoria] === 0) changes.push(t);
      expect(state.headMonths[minam]).toBe(0); // hazard 1: every month
    }
    expect(changes).toEqual([20]); // 2016-09 + 60 months = 2021-09
  });

  it('a larger community mobilises more, and counts for more in mean hardship', () => {
    const { world } = tinyWorld({
      communities: [
        { id: 'small', district: 'mine', population: 300, mobilisation: 0.5 },
        { id: 'large', district: 'mine', population: 1200, mobilisation: 0.5 },
      ],
    });
    const [small, large] = [world.communityMobilisation[0], world.communityMobilisation[1]];
    expect(small).toBeCloseTo(1 - Math.pow(0.5, Math.pow(0.3, 0.75)), 12);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeCloseTo(1 - Math.pow(0.5, Math.pow(1.2, 0.75)), 12);
  });
});
