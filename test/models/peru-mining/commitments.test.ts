import { describe, expect, it } from 'vitest';
import { tinyWorld } from '../../helpers/tiny-world.js';
import { makeCommitment, stepCommitments } from '../../../src/models/peru-mining/mechanisms/commitments.js';
import { changeHead } from '../../../src/models/peru-mining/mechanisms/turnover.js';
import { orphanCommitmentsOfNewHeads } from '../../../src/models/peru-mining/mechanisms/commitments.js';
import { CommitmentStatus, NO_CASE } from '../../../src/models/peru-mining/ledger.js';

const MINEM = 0; // first national office

function orphanedShare(registry: boolean): number {
  const { world, state } = tinyWorld({ policies: { coordination: { commitmentRegistry: registry } } });
  const office = world.firstOffice + MINEM;
  for (let i = 0; i < 2000; i++) makeCommitment(world, state, office, i % 6, 0, NO_CASE, 'agreement');
  changeHead(world, state, office, 'hazard');
  orphanCommitmentsOfNewHeads(world, state);
  // Orphaned commitments stay open, unseen (dropped), until their breach becomes visible.
  return state.ledger.droppedOpen / 2000;
}

describe('commitments ledger', () => {
  it('a change of head orphans open commitments: about orphanProbability without a registry, far fewer with one', () => {
    const without = orphanedShare(false);
    const withRegistry = orphanedShare(true);
    expect(without).toBeGreaterThan(0.45); // default 0.5
    expect(without).toBeLessThan(0.55);
    expect(withRegistry).toBeGreaterThan(0.07); // 0.5 × registryFactor 0.2 = 0.1
    expect(withRegistry).toBeLessThan(0.13);
  });

  it('only the commitments of the office whose head changed are orphaned', () => {
    const { world, state } = tinyWorld();
    const company = 0;
    for (let i = 0; i < 100; i++) makeCommitment(world, state, company, 0, 0, NO_CASE, 'milestone');
    changeHead(world, state, world.firstOffice, 'hazard');
    orphanCommitmentsOfNewHeads(world, state);
    expect(state.ledger.droppedOpen).toBe(0);
    expect(state.ledger.counts[CommitmentStatus.orphaned]).toBe(0);
  });

  it('a single coordinating office names a follow-up owner for every national commitment', () => {
    const fragmented = tinyWorld({ parameters: { commitments: { followUpShare: 0.13 } } });
    const single = tinyWorld({ policies: { coordination: { singleOffice: true } } });
    let followFragmented = 0;
    let followSingle = 0;
    for (let i = 0; i < 500; i++) {
      const a = makeCommitment(fragmented.world, fragmented.state, fragmented.world.firstOffice, 0, 0, NO_CASE, 'agreement');
      const b = makeCommitment(single.world, single.state, single.world.leadOffice, 0, 0, NO_CASE, 'agreement');
      followFragmented += fragmented.state.ledger.followUp[a];
      followSingle += single.state.ledger.followUp[b];
    }
    expect(followSingle).toBe(500);
    expect(followFragmented / 500).toBeGreaterThan(0.08);
    expect(followFragmented / 500).toBeLessThan(0.18);
  });

  it('a commitment past its deadline is broken, and the breach reaches the community', () => {
    const { world, state } = tinyWorld({ parameters: { commitments: { deadlineShare: 1, deadlineMonths: 2, fulfilmentRate: 0 } } });
    const id = makeCommitment(world, state, world.firstOffice, 4, 0, NO_CASE, 'agreement');
    for (state.t = 0; state.t <= 2; state.t++) stepCommitments(world, state);
    expect(state.ledger.status[id]).toBe(CommitmentStatus.open);
    stepCommitments(world, state); // t = 3 > deadline 2
    expect(state.ledger.status[id]).toBe(CommitmentStatus.broken);
    expect(state.brokenThisMonth[4]).toBe(1);
    expect(state.memory[4]).toBeGreaterThan(0);
    expect(state.signal[4 * 4 + 1]).toBeLessThan(0);
  });

  it('an owner without budget cannot deliver, however capable', () => {
    const { world, state } = tinyWorld({ parameters: { commitments: { fulfilmentRate: 1, deadlineShare: 0, followUpShare: 1 } } });
    // Followed up and fully capable: delivery is certain once the budget is there, whatever the draws.
    const company = 0;
    world.actorCapacity[company] = 1;
    const id = makeCommitment(world, state, company, 0, 0, NO_CASE, 'milestone');
    state.budget[company] = 0;
    stepCommitments(world, state);
    expect(state.ledger.status[id]).toBe(CommitmentStatus.open);
    state.budget[company] = 1e12;
    stepCommitments(world, state);
    expect(state.ledger.status[id]).toBe(CommitmentStatus.fulfilled);
    expect(state.signal[0]).toBeGreaterThan(0);
  });

  it('counts every commitment once', () => {
    const { world, state } = tinyWorld();
    for (let i = 0; i < 300; i++) makeCommitment(world, state, world.firstOffice + (i % 7), i % 6, 0, NO_CASE, 'agreement');
    for (state.t = 0; state.t < 60; state.t++) {
      state.budget.fill(1e9);
      stepCommitments(world, state);
      if (state.t % 10 === 0) {
        changeHead(world, state, world.firstOffice + (state.t % 7), 'hazard');
        orphanCommitmentsOfNewHeads(world, state);
      }
    }
    const c = state.ledger.counts;
    expect(c[0] + c[1] + c[2] + c[3]).toBe(300);
    const recount = [0, 0, 0, 0];
    for (let i = 0; i < state.ledger.size; i++) recount[state.ledger.status[i]]++;
    expect(recount).toEqual(Array.from(c));
  });
});
