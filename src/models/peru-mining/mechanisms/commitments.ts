/**
 * The commitments ledger in motion (mechanism 1).
 *
 * Made by dialogue agreements, project milestones and cash settlements. Owners follow the
 * Defensoría's study of 4,258 agreements (FACTS §2): the state (76.5% of that national), the
 * company, or society (the community itself); 57.7% without deadline; 87% without anyone
 * named for follow-up. The dialogue institution decides the rest:
 * - a single office owns and follows up every national commitment; with a commitment
 *   registry as well it gives every commitment a deadline and a follow-up owner;
 * - a monitoring body (policies.dialogue.monitoring: the Quellaveco committee) watches every
 *   agreement commitment: delivered as if followed up, and an orphaned one is seen at once;
 * - a regional conflict office names itself follow-up owner of every commitment of an
 *   agreement reached in its region (offices "follow up the agreements": PCM-SGSD, UNDP 2024);
 * - a commitment registry, or a national dialogue once open, lowers the orphan probability.
 * Works and services (worksShare of state and company commitments) relieve their
 * community's hardship by reliefPerWork when delivered, fading with reliefHalfLife.
 *
 * Each month an open commitment is delivered with probability
 *   fulfilmentRate · capacity(owner) · (followed up or monitored ? 1 : noFollowUpFactor)
 * if its owner has the budget. Non-fulfilment becomes visible at the deadline; without
 * one, when the community's patience runs out, with hazard
 *   perceivedBreachRate · (1 − exp(−age / patienceMonths)).
 * A breach seen is not a cancellation: the owner may still deliver late, at the same rate.
 * When an owner's head changes, each of its open commitments is orphaned with
 * orphanProbability (× registryFactor under a registry): nobody will deliver it, but it stays
 * open, unseen, until the same visibility rule (or a monitoring body) reveals it. A visible
 * breach of a commitment of a case's current agreement may re-escalate the case
 * (breachReescalation; cases.ts).
 *
 * Draws: the `commitments` stream, one per open commitment per month and a fixed number per
 * new commitment, and one per breach of an agreement under follow-up (does it re-escalate the
 * case?); the count depends on how many commitments exist, which is why this stream is not
 * shared with any other mechanism.
 */
import { ActorKind, type World } from '../world.js';
import { CommitmentStatus, NO_CASE, NO_DEADLINE, SOCIETY, type NewCommitment } from '../ledger.js';
import type { State } from '../state.js';
import type { CommitmentSource } from '../events.js';
import { effectiveCapacity } from './capacity.js';
import { addSignal, registerBreach } from './trust.js';

/** A registry keeps commitments tracked: the policy's, or the national dialogue's once it is open (source paper: monitoring agreements). */
export function registryInForce(world: World, state: State): boolean {
  return world.policies.coordination.commitmentRegistry || state.t >= world.nationalDialogueFrom;
}

/** Chooses an owner for a commitment of an agreement (draws 3 uniforms): an actor, or SOCIETY. */
export function drawAgreementOwner(world: World, state: State, c: number, p: number): number {
  const P = world.parameters.commitments;
  const rng = state.streams.commitments;
  const u1 = rng();
  const u2 = rng();
  const u3 = rng();
  if (u1 >= P.stateOwnerShare) return u1 < P.stateOwnerShare + P.societyOwnerShare ? SOCIETY : world.projectCompany[p];
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

function ownerName(world: World, owner: number): string {
  return owner === SOCIETY ? 'society' : world.actorIds[owner];
}

/**
 * The commitment being recorded, reused from call to call: an object literal per commitment
 * (and the number boxed in it) was most of what a steady-state month allocated (#22).
 */
const draft: { -readonly [K in keyof NewCommitment]: NewCommitment[K] } = {
  owner: 0,
  community: 0,
  project: 0,
  relation: 0,
  agreement: 0,
  created: 0,
  deadline: 0,
  followUp: false,
  cost: 0.5,
  works: false,
  monitored: false,
};

/**
 * Records a new open commitment (draws 4 uniforms) and returns its id. `r` is the case whose
 * agreement makes it (NO_CASE for milestone promises).
 */
export function makeCommitment(
  world: World,
  state: State,
  owner: number,
  c: number,
  p: number,
  r: number,
  source: CommitmentSource,
): number {
  return record(world, state, owner, c, p, r, source, true);
}

function record(
  world: World,
  state: State,
  owner: number,
  c: number,
  p: number,
  r: number,
  source: CommitmentSource,
  canBeWorks: boolean,
): number {
  const P = world.parameters.commitments;
  const coordination = world.policies.coordination;
  const rng = state.streams.commitments;
  const uDeadline = rng();
  const uFollowUp = rng();
  const uCost = rng();
  const uWorks = rng();
  const society = owner === SOCIETY;
  const kind = society ? -1 : world.actorKind[owner];
  // A single office with a registry sets a deadline and a follow-up owner for every commitment.
  const registered = coordination.singleOffice && coordination.commitmentRegistry;
  const deadline = registered || uDeadline < P.deadlineShare ? state.t + Math.round(P.deadlineMonths) : NO_DEADLINE;
  const regionalOffice = r !== NO_CASE && world.regionConflictOffice[world.districtDepartment[world.communityDistrict[c]]] === 1;
  const followUp =
    registered || regionalOffice || (kind === ActorKind.national && coordination.singleOffice) || uFollowUp < P.followUpShare;
  const monitored = r !== NO_CASE && world.policies.dialogue.monitoring;
  const cost = society ? 0 : (kind === ActorKind.company ? P.costCompany : P.costState) * (0.5 + uCost);
  const works = canBeWorks && !society && uWorks < P.worksShare;
  const agreement = r === NO_CASE ? 0 : state.agreementSerial[r];
  const d = draft;
  d.owner = owner;
  d.community = c;
  d.project = p;
  d.relation = r;
  d.agreement = agreement;
  d.created = state.t;
  d.deadline = deadline;
  d.followUp = followUp;
  d.cost = cost;
  d.works = works;
  d.monitored = monitored;
  const id = state.ledger.add(d);
  if (r !== NO_CASE) state.agreementMade[r]++;
  state.events?.push({
    month: state.t,
    type: 'commitment-made',
    id,
    community: world.communityIds[c],
    owner: ownerName(world, owner),
    source,
    deadline: deadline === NO_DEADLINE ? null : deadline,
    followUp,
    works,
    cost: Math.round(cost),
  });
  return id;
}

/** A cash settlement: a company commitment paid at once (FACTS §2, reactive settlements); money, not a work. */
export function settleInCash(world: World, state: State, c: number, p: number, r: number): void {
  const owner = world.projectCompany[p];
  const id = record(world, state, owner, c, p, r, 'settlement', false);
  state.budget[owner] -= state.ledger.cost[id];
  close(world, state, id, CommitmentStatus.fulfilled);
}

/** fulfilmentRate × effective capacity of every actor this month (capacity changes only with heads). */
function ownerRates(world: World, state: State): Float64Array {
  const rates = state.deliveryRate;
  const rate = world.parameters.commitments.fulfilmentRate;
  for (let a = 0; a < rates.length; a++) rates[a] = rate * effectiveCapacity(world, state, a);
  return rates;
}

/** Monthly progress of every open commitment, and of broken ones that may still be delivered late. */
export function stepCommitments(world: World, state: State): void {
  const P = world.parameters.commitments;
  const rng = state.streams.commitments;
  const ledger = state.ledger;
  const t = state.t;
  const impatience = world.impatienceByAge;
  // Each owner's delivery rate this month, once per owner rather than once per commitment.
  const rates = ownerRates(world, state);
  const societyRate = P.fulfilmentRate * P.societyCapacity;
  const live = ledger.liveIds;
  const n = ledger.liveCount;
  for (let k = 0; k < n; k++) {
    const id = live[k];
    if (!ledger.live(id)) continue;
    const u = rng();
    const owner = ledger.owner[id];
    if (!ledger.dropped[id]) {
      const watched = ledger.followUp[id] || ledger.monitored[id];
      const rate = (owner === SOCIETY ? societyRate : rates[owner]) * (watched ? 1 : P.noFollowUpFactor);
      if (u < rate && (owner === SOCIETY || state.budget[owner] >= ledger.cost[id])) {
        if (owner !== SOCIETY) state.budget[owner] -= ledger.cost[id];
        close(world, state, id, CommitmentStatus.fulfilled);
        continue;
      }
    }
    if (ledger.status[id] !== CommitmentStatus.open) continue;
    const deadline = ledger.deadline[id];
    const seen = deadline !== NO_DEADLINE ? t > deadline : u > 1 - impatience[t - ledger.created[id]];
    if (seen) close(world, state, id, ledger.dropped[id] ? CommitmentStatus.orphaned : CommitmentStatus.broken);
  }
  ledger.compact();
}

/**
 * After this month's changes of head (headMonths = 0): each open commitment of those owners
 * is orphaned with orphanProbability (× registryFactor under a registry). One pass over
 * the ledger however many heads changed (an election changes hundreds). An orphaned
 * commitment stays open until its breach is seen, at once if a monitoring body watches it.
 */
export function orphanCommitmentsOfNewHeads(world: World, state: State): void {
  const T = world.parameters.turnover;
  const probability = T.orphanProbability * (registryInForce(world, state) ? T.registryFactor : 1);
  const rng = state.streams.commitments;
  const ledger = state.ledger;
  const headMonths = state.headMonths;
  const live = ledger.liveIds;
  const n = ledger.liveCount;
  for (let k = 0; k < n; k++) {
    const id = live[k];
    const owner = ledger.owner[id];
    if (!ledger.live(id) || owner === SOCIETY || ledger.dropped[id] || headMonths[owner] !== 0) continue;
    if (rng() >= probability) continue;
    ledger.drop(id);
    // A breach already seen: nobody will deliver it late now, and nothing new is seen.
    if (ledger.status[id] !== CommitmentStatus.open) continue;
    state.events?.push({
      month: state.t,
      type: 'commitment-dropped',
      id,
      community: world.communityIds[ledger.community[id]],
      owner: ownerName(world, owner),
    });
    if (ledger.monitored[id]) close(world, state, id, CommitmentStatus.orphaned);
  }
}

function close(world: World, state: State, id: number, status: number): void {
  const ledger = state.ledger;
  const late = ledger.status[id] === CommitmentStatus.broken;
  ledger.close(id, status);
  const c = ledger.community[id];
  const owner = ledger.owner[id];
  const r = ledger.relation[id];
  const current = r !== NO_CASE && ledger.agreement[id] === state.agreementSerial[r];
  if (status === CommitmentStatus.fulfilled) {
    if (current) state.agreementFulfilled[r]++;
    if (owner !== SOCIETY) {
      addSignal(state, c, world.actorKind[owner], world.parameters.trust.fulfilledSignal);
      if (ledger.works[id]) state.worksRelief[c] += world.parameters.commitments.reliefPerWork;
    }
  } else {
    // A community's own unkept promise sends no signal about others; the agreement is breached all the same.
    if (owner !== SOCIETY) registerBreach(world, state, c, world.actorKind[owner]);
    // Whether this breach brings the case back is drawn here, where breaches are (cases.ts acts on it).
    if (current && state.streams.commitments() < world.parameters.conflict.breachReescalation) state.agreementBreached[r] = 1;
  }
  if (!state.events) return;
  const names = { id, community: world.communityIds[c], owner: ownerName(world, owner) };
  if (status === CommitmentStatus.fulfilled) state.events.push({ month: state.t, type: 'commitment-fulfilled', ...names, late });
  else
    state.events.push({ month: state.t, type: status === CommitmentStatus.broken ? 'commitment-broken' : 'commitment-orphaned', ...names });
}
