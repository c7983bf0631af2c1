/**
 * The commitments ledger in motion (mechanism 1).
 *
 * Made by dialogue agreements, project milestones and cash settlements. Owners follow the
 * Defensoría's study of 4,258 agreements (FACTS §2): 72.5% state (76.5% of that national),
 * the rest the company; 57.7% without deadline; 87% without anyone named for follow-up.
 * Under a single coordinating office every national commitment is owned and followed up by
 * that office.
 *
 * Each month an open commitment is delivered with probability
 *   fulfilmentRate · capacity(owner) · (followUp ? 1 : noFollowUpFactor)
 * if its owner has the budget; it is broken when its deadline passes, or (without deadline)
 * perceived broken at perceivedBreachRate once older than patienceMonths. When an owner's
 * head changes, each open commitment is orphaned with orphanProbability (× registryFactor
 * under a commitment registry): nobody tracks it any more.
 *
 * Draws: the `commitments` stream, one per open commitment per month and a fixed number per
 * new commitment; the count depends on how many commitments exist, which is why this stream
 * is not shared with any other mechanism.
 */
import { ActorKind, type World } from '../world.js';
import { CommitmentStatus, NO_DEADLINE } from '../ledger.js';
import type { State } from '../state.js';
import type { CommitmentSource } from '../events.js';
import { effectiveCapacity } from './capacity.js';
import { addSignal, registerBreach } from './trust.js';

/** Chooses an owner for a commitment of an agreement (draws 3 uniforms). */
export function drawAgreementOwner(world: World, state: State, c: number, p: number): number {
  const P = world.parameters.commitments;
  const rng = state.streams.commitments;
  const u1 = rng();
  const u2 = rng();
  const u3 = rng();
  if (u1 >= P.stateOwnerShare) return world.projectCompany[p];
  if (u2 < P.nationalShareOfState) return nationalOwner(world, u3);
  const d = world.communityDistrict[c];
  return u3 < P.regionalShareOfSubnational ? world.firstRegion + world.districtDepartment[d] : world.firstMunicipality + d;
}

function nationalOwner(world: World, u: number): number {
  if (world.policies.coordination.singleOffice) return world.leadOffice;
  const share = world.officeCommitmentShare;
  let acc = 0;
  for (let j = 0; j < share.length; j++) {
    acc += share[j];
    if (u < acc) return world.firstOffice + j;
  }
  return world.firstOffice + share.length - 1;
}

/** Records a new open commitment (draws 3 uniforms) and returns its id. */
export function makeCommitment(world: World, state: State, owner: number, c: number, p: number, source: CommitmentSource): number {
  const P = world.parameters.commitments;
  const rng = state.streams.commitments;
  const uDeadline = rng();
  const uFollowUp = rng();
  const uCost = rng();
  const kind = world.actorKind[owner];
  const deadline = uDeadline < P.deadlineShare ? state.t + Math.round(P.deadlineMonths) : NO_DEADLINE;
  const singleOfficeFollowUp = kind === ActorKind.national && world.policies.coordination.singleOffice;
  const followUp = singleOfficeFollowUp || uFollowUp < P.followUpShare;
  const cost = (kind === ActorKind.company ? P.costCompany : P.costState) * (0.5 + uCost);
  const id = state.ledger.add(owner, c, p, state.t, deadline, followUp, cost);
  state.events?.push({
    month: state.t,
    type: 'commitment-made',
    id,
    community: world.communityIds[c],
    owner: world.actorIds[owner],
    source,
    deadline: deadline === NO_DEADLINE ? null : deadline,
    followUp,
    cost: Math.round(cost),
  });
  return id;
}

/** A cash settlement: a company commitment paid at once (FACTS §2, reactive settlements). */
export function settleInCash(world: World, state: State, c: number, p: number): void {
  const owner = world.projectCompany[p];
  const id = makeCommitment(world, state, owner, c, p, 'settlement');
  state.budget[owner] -= state.ledger.cost[id];
  close(world, state, id, CommitmentStatus.fulfilled);
}

/** Monthly progress of every open commitment. */
export function stepCommitments(world: World, state: State): void {
  const P = world.parameters.commitments;
  const rng = state.streams.commitments;
  const ledger = state.ledger;
  const t = state.t;
  for (let id = ledger.firstOpen; id < ledger.size; id++) {
    if (ledger.status[id] !== CommitmentStatus.open) continue;
    const u = rng();
    const owner = ledger.owner[id];
    const rate = P.fulfilmentRate * effectiveCapacity(world, state, owner) * (ledger.followUp[id] ? 1 : P.noFollowUpFactor);
    if (u < rate && state.budget[owner] >= ledger.cost[id]) {
      state.budget[owner] -= ledger.cost[id];
      close(world, state, id, CommitmentStatus.fulfilled);
      continue;
    }
    const deadline = ledger.deadline[id];
    if (deadline !== NO_DEADLINE) {
      if (t > deadline) close(world, state, id, CommitmentStatus.broken);
    } else if (t - ledger.created[id] > P.patienceMonths && u > 1 - P.perceivedBreachRate) {
      close(world, state, id, CommitmentStatus.broken);
    }
  }
  ledger.compact();
}

/**
 * After this month's changes of head (headMonths = 0): each open commitment of those owners
 * is orphaned with orphanProbability (× registryFactor under a registry). One pass over
 * the ledger however many heads changed (an election changes hundreds).
 */
export function orphanCommitmentsOfNewHeads(world: World, state: State): void {
  const T = world.parameters.turnover;
  const probability = T.orphanProbability * (world.policies.coordination.commitmentRegistry ? T.registryFactor : 1);
  const rng = state.streams.commitments;
  const ledger = state.ledger;
  const headMonths = state.headMonths;
  for (let id = ledger.firstOpen; id < ledger.size; id++) {
    if (ledger.status[id] !== CommitmentStatus.open || headMonths[ledger.owner[id]] !== 0) continue;
    if (rng() < probability) close(world, state, id, CommitmentStatus.orphaned);
  }
}

function close(world: World, state: State, id: number, status: number): void {
  const ledger = state.ledger;
  ledger.close(id, status);
  const c = ledger.community[id];
  const channel = world.actorKind[ledger.owner[id]];
  if (status === CommitmentStatus.fulfilled) addSignal(state, c, channel, world.parameters.trust.fulfilledSignal);
  else registerBreach(world, state, c, channel);
  state.events?.push({
    month: state.t,
    type:
      status === CommitmentStatus.fulfilled
        ? 'commitment-fulfilled'
        : status === CommitmentStatus.broken
          ? 'commitment-broken'
          : 'commitment-orphaned',
    id,
    community: world.communityIds[c],
    owner: world.actorIds[ledger.owner[id]],
  });
}
