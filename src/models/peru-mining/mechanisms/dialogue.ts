/**
 * Dialogue tables (mechanism 7).
 *
 * early: a permanent space per project opens at exploration (or permitting) and meets every
 *   meetingIntervalMonths with each community of the project. A successful routine meeting
 *   sends a trust signal and relieves memoryRelief of the memory of broken commitments
 *   (grievances are heard before they pile up); it makes no new promises. Escalated cases of the project
 *   are taken up by the permanent table (no new table, so no cheapening), and its expected
 *   effectiveness damps escalation (conflict.ts).
 * reactive: a table opens for a (community, project) case when it reaches escalamiento or
 *   crisis (conflict.ts), and tries every month.
 * none: no tables.
 * Effectiveness = base · (0.25 + 0.75·trust in the convener) · (1 + inclusionEffect·inclusion)
 *   · (0.5 + 0.5·state capacity), and a reactive table is worth cheapening^k after k earlier
 *   reactive tables for the same community (the source paper: proliferating, disconnected
 *   dialogues cheapen the concept). The convener's trust is the community's trust in the
 *   national state (state), in the company (company), or brokerTrust (independent broker).
 *   State capacity is the lead office's effective capacity, or the regional government's if
 *   it has a working conflict office and is more capable.
 * Agreement: perAgreement commitments, de-escalation, a trust signal; a reactive agreement
 *   may include a cash settlement (twice as likely under a company convener), which makes
 *   neighbouring communities ask for theirs next month (FACTS §2, Las Bambas).
 * Failure: after maxTableMonths without agreement, frustration (a negative signal) and
 *   re-escalation; while open, a reactive table frustrates at frustrationRate a month.
 *
 * Draws: the `dialogue` stream, one per relation per month; commitments and settlements
 * draw from the `commitments` stream.
 */
import { CHANNELS, Phase, RelationKind, type World } from '../world.js';
import { CaseState, CasePhase, TableKind, type State } from '../state.js';
import { drawAgreementOwner, makeCommitment, settleInCash } from './commitments.js';
import { effectiveCapacity } from './capacity.js';
import { addSignal } from './trust.js';

/** Trust channel that a table's convener answers to (the state guarantees a broker's table). */
function convenerChannel(world: World): number {
  return world.policies.dialogue.convener === 'company' ? 0 : 1;
}

/** Chance that a meeting (early) or a month of work (reactive, before cheapening) reaches agreement. */
export function dialogueEffectiveness(world: World, state: State, c: number): number {
  const D = world.parameters.dialogue;
  const policy = world.policies;
  const convener = policy.dialogue.convener;
  const convenerTrust = convener === 'broker' ? D.brokerTrust : state.trust[c * CHANNELS + (convener === 'company' ? 0 : 1)];
  let capacity = effectiveCapacity(world, state, world.leadOffice);
  const department = world.districtDepartment[world.communityDistrict[c]];
  if (world.regionConflictOffice[department])
    capacity = Math.max(capacity, effectiveCapacity(world, state, world.firstRegion + department));
  const formula = world.formulas.dialogueEffectiveness;
  const e = formula
    ? formula({
        base: D.baseEffectiveness,
        convenerTrust,
        inclusion: policy.inclusion.womenAndYouth,
        inclusionEffect: D.inclusionEffect,
        capacity,
      })
    : D.baseEffectiveness *
      (0.25 + 0.75 * convenerTrust) *
      (1 + D.inclusionEffect * policy.inclusion.womenAndYouth) *
      (0.5 + 0.5 * capacity);
  return e > 1 ? 1 : e < 0 ? 0 : e;
}

/**
 * dialogueEffectiveness for this month, computed once per community: trust changes only in the
 * trust update and capacity only in turnover, so the value holds from the conflict step to the
 * end of the dialogue step, while conflict and dialogue ask for it once per relation.
 */
export function monthlyEffectiveness(world: World, state: State, c: number): number {
  if (state.effectivenessMonth[c] !== state.t) {
    state.effectiveness[c] = dialogueEffectiveness(world, state, c);
    state.effectivenessMonth[c] = state.t;
  }
  return state.effectiveness[c];
}

/** Whether a relation can carry a case this month: its project is active, and a corridor only once trucks run. */
export function relationIsLive(world: World, state: State, r: number): boolean {
  const phase = state.phase[world.relationProject[r]];
  if (phase === Phase.none || phase === Phase.closure) return false;
  return world.relationKind[r] === RelationKind.direct || phase >= Phase.construction;
}

/** Opens a table for an escalating case: the permanent one if the project has it, else a reactive one. */
export function openTableFor(world: World, state: State, r: number): void {
  if (state.table[r] !== TableKind.none) return;
  const timing = world.policies.dialogue.timing;
  if (timing === 'none') return;
  const c = world.relationCommunity[r];
  const p = world.relationProject[r];
  state.tableMonths[r] = 0;
  if (state.earlyTableSince[p] >= 0) {
    state.table[r] = TableKind.early;
    return;
  }
  state.table[r] = TableKind.reactive;
  state.reactiveTablesHeld[c]++;
  state.month.tablesOpenedReactive++;
  state.events?.push({
    month: state.t,
    type: 'table-opened',
    timing: 'reactive',
    community: world.communityIds[c],
    project: world.projectIds[p],
  });
}

export function stepDialogue(world: World, state: State): void {
  const D = world.parameters.dialogue;
  const rng = state.streams.dialogue;
  const t = state.t;
  const interval = Math.round(D.meetingIntervalMonths);
  const nR = world.relationCommunity.length;
  for (let r = 0; r < nR; r++) {
    const u = rng();
    const c = world.relationCommunity[r];
    const p = world.relationProject[r];
    const since = state.earlyTableSince[p];
    const meeting = since >= 0 && (t - since) % interval === 0;
    const table = state.table[r];
    if (table === TableKind.none) {
      if (meeting && relationIsLive(world, state, r) && u < monthlyEffectiveness(world, state, c)) {
        addSignal(state, c, convenerChannel(world), world.parameters.trust.meetingSignal);
        state.memory[c] *= 1 - D.memoryRelief;
      }
      continue;
    }
    state.tableMonths[r]++;
    if (table === TableKind.early) {
      if (since < 0)
        state.table[r] = TableKind.none; // the project closed
      else if (meeting && u < monthlyEffectiveness(world, state, c)) reachAgreement(world, state, r, 'early');
      else if (state.tableMonths[r] >= D.maxTableMonths) failTable(world, state, r, 'early');
      continue;
    }
    const cheapened = monthlyEffectiveness(world, state, c) * Math.pow(D.cheapening, state.reactiveTablesHeld[c] - 1);
    if (u < cheapened) reachAgreement(world, state, r, 'reactive');
    else if (state.tableMonths[r] >= D.maxTableMonths) failTable(world, state, r, 'reactive');
    else if (u > 1 - D.frustrationRate) addSignal(state, c, convenerChannel(world), -world.parameters.trust.frustrationSignal / 2);
  }
}

function reachAgreement(world: World, state: State, r: number, timing: 'early' | 'reactive'): void {
  const P = world.parameters;
  const c = world.relationCommunity[r];
  const p = world.relationProject[r];
  state.table[r] = TableKind.none;
  state.month.agreements++;
  addSignal(state, c, convenerChannel(world), P.trust.meetingSignal);
  const n = Math.round(P.commitments.perAgreement);
  for (let i = 0; i < n; i++) makeCommitment(world, state, drawAgreementOwner(world, state, c, p), c, p, 'agreement');
  if (timing === 'reactive') {
    const cashProbability = Math.min(1, P.dialogue.cashSettlementProbability * (world.policies.dialogue.convener === 'company' ? 2 : 1));
    if (state.streams.commitments() < cashProbability) {
      settleInCash(world, state, c, p);
      markNeighboursForContagion(world, state, c);
      state.events?.push({ month: state.t, type: 'cash-settlement', community: world.communityIds[c], project: world.projectIds[p] });
    }
  }
  const s = state.caseState[r];
  if ((s === CaseState.active || s === CaseState.reactivated) && state.casePhase[r] !== CasePhase.temprana) {
    state.casePhase[r] = CasePhase.desescalamiento;
  }
  state.events?.push({ month: state.t, type: 'table-agreement', timing, community: world.communityIds[c], project: world.projectIds[p] });
}

function failTable(world: World, state: State, r: number, timing: 'early' | 'reactive'): void {
  const c = world.relationCommunity[r];
  state.table[r] = TableKind.none;
  addSignal(state, c, convenerChannel(world), -world.parameters.trust.frustrationSignal);
  if (state.casePhase[r] === CasePhase.dialogo) state.casePhase[r] = CasePhase.escalamiento;
  state.events?.push({
    month: state.t,
    type: 'table-failed',
    timing,
    community: world.communityIds[c],
    project: world.projectIds[world.relationProject[r]],
  });
}

function markNeighboursForContagion(world: World, state: State, c: number): void {
  const d = world.communityDistrict[c];
  const mark = (district: number) => {
    const { start, list } = world.districtCommunities;
    for (let k = start[district]; k < start[district + 1]; k++) if (list[k] !== c) state.contagionNext[list[k]] = 1;
  };
  mark(d);
  const { start, list } = world.districtNeighbours;
  for (let k = start[d]; k < start[d + 1]; k++) mark(list[k]);
}
