/**
 * Dialogue tables (mechanism 7): a table is a process per project, with a convener, member
 * communities (seats), meetings and agreements. Permanent and reactive tables follow the
 * same rules; they differ only in when and why they open, and in cheapening.
 *
 * - Opening. early: a permanent table opens when the project reaches the policy's opening
 *   phase (projects.ts) and seats every community of the project as its relation becomes
 *   live; it stays open until closure. reactive: a table opens when a case of the project
 *   blocks a road or breaks into crisis and the project has none ("created or resurrected
 *   when conflict erupts", source paper), or, where the region has a working conflict
 *   office, as soon as a case escalates (offices detect and attend cases early: "the first
 *   response of the state", PCM-SGSD, UNDP 2024); it seats the communities whose cases escalate while
 *   it is open, and closes when no seated case is still in dispute (escalamiento, crisis,
 *   diálogo). none: no tables.
 * - Meetings: a Poisson number a month (meetingsPerMonth; PNUD 2014: 22 sessions in 18
 *   months). Each meeting sends each seated community meetingSignal·e toward the convener and
 *   relieves memoryRelief·e of its memory of broken commitments (grievances are heard).
 * - Agreement: at each meeting, a seated case that is active, not in crisis and not already
 *   under follow-up reaches agreement with probability e (so 1 − (1 − e)^k over k meetings).
 *   It then goes under follow-up (cases.ts) with perAgreement commitments; an escalated case
 *   moves to desescalamiento. An agreement reached straight after a crisis may include a cash
 *   settlement (cashSettlementProbability, doubled under a company convener), after which
 *   neighbouring communities ask for theirs (FACTS §2, Las Bambas).
 * - Breaking off: a case in diálogo without agreement leaves the table with monthly
 *   probability frustrationRate (frustration, re-escalation); it is seated again when it next
 *   escalates.
 * e = base · (0.25 + 0.75·trust in the convener) · (1 + inclusionEffect·inclusion)
 *   · (0.5 + 0.5·state capacity), and at a reactive table × cheapening^(k − 1) after k seats at
 * reactive tables for the same community (the source paper: proliferating, disconnected
 * dialogues cheapen the concept). The convener's trust is the community's trust in the
 * national state (state), in the company (company), or brokerTrust (independent broker).
 * State capacity is the lead office's effective capacity, or the regional government's if
 * it has a working conflict office and is more capable.
 *
 * Draws: the `dialogue` stream, one per project and one per relation per month; commitments
 * and settlements draw from the `commitments` stream.
 */
import { CHANNELS, Phase, RelationKind, type World } from '../world.js';
import { CasePhase, CaseState, TableKind, type State } from '../state.js';
import { drawAgreementOwner, makeCommitment, settleInCash } from './commitments.js';
import { effectiveCapacity } from './capacity.js';
import { addSignal } from './trust.js';
import { poissonByInversion } from '../../../engine/streams.js';

/** Trust channel that a table's convener answers to (the state guarantees a broker's table). */
export function convenerChannel(world: World): number {
  return world.policies.dialogue.convener === 'company' ? 0 : 1;
}

/** Chance that one meeting reaches agreement on a case of community c, before cheapening. */
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
 * Makes state.effectiveness[c] this month's dialogueEffectiveness, computed once per community:
 * trust changes only in the trust update and capacity only in turnover, so the value holds
 * through the tables step. The caller reads the array: a number returned from a call that is
 * not inlined is boxed (#22).
 */
export function refreshEffectiveness(world: World, state: State, c: number): void {
  if (state.effectivenessMonth[c] !== state.t) {
    state.effectiveness[c] = dialogueEffectiveness(world, state, c);
    state.effectivenessMonth[c] = state.t;
  }
}

/** Whether a relation can carry a case this month: its project is active, and a corridor only once trucks run. */
export function relationIsLive(world: World, state: State, r: number): boolean {
  const phase = state.phase[world.relationProject[r]];
  if (phase === Phase.none || phase === Phase.closure) return false;
  return world.relationKind[r] === RelationKind.direct || phase >= Phase.construction;
}

/** Whether the project's current table has the case's community seated. */
export function tableTakes(world: World, state: State, r: number): boolean {
  const p = world.relationProject[r];
  return state.tableKind[p] !== TableKind.none && state.tableSeat[r] === state.tableSerial[p];
}

/**
 * Seats a case at its project's open table. With `erupted` (a blockade or a crisis), a reactive
 * policy opens a table where the project has none: dialogue "created or resurrected when social
 * conflict erupts" (source paper), not at the first signs of escalation, unless the case's
 * region has a working conflict office, which convenes at the first escalation.
 */
export function seatAtTable(world: World, state: State, r: number, erupted: boolean): void {
  const p = world.relationProject[r];
  if (tableTakes(world, state, r)) return;
  if (state.tableKind[p] === TableKind.none) {
    // A regional conflict office detects a case as it escalates and convenes before it erupts.
    const office = world.regionConflictOffice[world.districtDepartment[world.communityDistrict[world.relationCommunity[r]]]] === 1;
    if (!(erupted || office) || world.policies.dialogue.timing !== 'reactive') return;
    state.tableKind[p] = TableKind.reactive;
    state.tableSerial[p]++;
    state.month.tablesOpenedReactive++;
    state.events?.push({ month: state.t, type: 'table-opened', timing: 'reactive', project: world.projectIds[p] });
  }
  state.tableSeat[r] = state.tableSerial[p];
  if (state.tableKind[p] === TableKind.reactive) state.reactiveTablesHeld[world.relationCommunity[r]]++;
}

export interface TablesScratch {
  readonly meetings: Int32Array;
  readonly disputes: Int32Array;
}

export function createTablesScratch(world: World): TablesScratch {
  const n = world.projectIds.length;
  return { meetings: new Int32Array(n), disputes: new Int32Array(n) };
}

export function stepTables(world: World, state: State, scratch: TablesScratch): void {
  const D = world.parameters.dialogue;
  const rng = state.streams.dialogue;
  const { meetings, disputes } = scratch;
  const nP = world.projectIds.length;
  for (let p = 0; p < nP; p++) {
    const u = rng();
    meetings[p] = state.tableKind[p] === TableKind.none ? 0 : poissonByInversion(D.meetingsPerMonth, u);
    disputes[p] = 0;
  }
  const signal = world.parameters.trust.meetingSignal;
  const channel = convenerChannel(world);
  const nR = world.relationCommunity.length;
  for (let r = 0; r < nR; r++) {
    const u = rng();
    const p = world.relationProject[r];
    const kind = state.tableKind[p];
    if (kind === TableKind.none) continue;
    const serial = state.tableSerial[p];
    // A permanent table seats every community once its relation is live; one that walked out returns when it escalates.
    if (kind === TableKind.early && state.tableSeat[r] !== serial && state.tableSeat[r] !== -serial && relationIsLive(world, state, r)) {
      state.tableSeat[r] = serial;
    }
    if (state.tableSeat[r] !== serial) continue;
    const c = world.relationCommunity[r];
    refreshEffectiveness(world, state, c);
    let e = state.effectiveness[c];
    if (kind === TableKind.reactive) e *= Math.pow(D.cheapening, state.reactiveTablesHeld[c] - 1);
    const k = meetings[p];
    if (k > 0) {
      // addSignal written out: this loop has spent V8's inlining budget, and a call boxes its numbers.
      state.signal[c * CHANNELS + channel] += signal * e * k;
      state.memory[c] *= Math.pow(1 - D.memoryRelief * e, k);
    }
    const s = state.caseState[r];
    const phase = state.casePhase[r];
    const active = s === CaseState.active || s === CaseState.reactivated;
    const eligible = active && phase !== CasePhase.crisis && !state.followUp[r];
    if (eligible && k > 0 && u < 1 - Math.pow(1 - e, k)) {
      reachAgreement(world, state, r, kind);
    } else if (active && phase === CasePhase.dialogo && u > 1 - D.frustrationRate) {
      breakOff(world, state, r, kind);
    }
    const now = state.casePhase[r];
    if (
      state.caseState[r] !== CaseState.none &&
      state.caseState[r] !== CaseState.latent &&
      !state.followUp[r] &&
      (now === CasePhase.escalamiento || now === CasePhase.crisis || now === CasePhase.dialogo)
    ) {
      disputes[p]++;
    }
  }
  // A reactive table ends when none of its cases is still in dispute.
  for (let p = 0; p < nP; p++) {
    if (state.tableKind[p] !== TableKind.reactive || disputes[p] > 0) continue;
    state.tableKind[p] = TableKind.none;
    state.events?.push({ month: state.t, type: 'table-closed', timing: 'reactive', project: world.projectIds[p] });
  }
}

function timingOf(kind: number): 'early' | 'reactive' {
  return kind === TableKind.early ? 'early' : 'reactive';
}

function reachAgreement(world: World, state: State, r: number, kind: number): void {
  const P = world.parameters;
  const c = world.relationCommunity[r];
  const p = world.relationProject[r];
  state.month.agreements++;
  addSignal(state, c, convenerChannel(world), P.trust.meetingSignal);
  state.followUp[r] = 1;
  state.agreementSerial[r]++;
  state.agreementMade[r] = 0;
  state.agreementFulfilled[r] = 0;
  state.agreementBreached[r] = 0;
  // A mean of perAgreement commitments an agreement: its whole part, and one more with the fraction's chance.
  const whole = Math.floor(P.commitments.perAgreement);
  const n = whole + (state.streams.commitments() < P.commitments.perAgreement - whole ? 1 : 0);
  for (let i = 0; i < n; i++) makeCommitment(world, state, drawAgreementOwner(world, state, c, p), c, p, r, 'agreement');
  if (state.afterCrisis[r]) {
    const cashProbability = Math.min(1, P.dialogue.cashSettlementProbability * (world.policies.dialogue.convener === 'company' ? 2 : 1));
    if (state.streams.commitments() < cashProbability) {
      settleInCash(world, state, c, p, r);
      markNeighboursForContagion(world, state, c);
      state.events?.push({ month: state.t, type: 'cash-settlement', community: world.communityIds[c], project: world.projectIds[p] });
    }
  }
  state.afterCrisis[r] = 0;
  const phase = state.casePhase[r];
  if (phase === CasePhase.escalamiento || phase === CasePhase.dialogo) {
    state.casePhase[r] = CasePhase.desescalamiento;
    if (state.events) {
      const from = `${state.caseState[r] === CaseState.reactivated ? 'reactivated' : 'active'}/${phase === CasePhase.dialogo ? 'dialogo' : 'escalamiento'}`;
      state.events.push({
        month: state.t,
        type: 'case-transition',
        community: world.communityIds[c],
        project: world.projectIds[p],
        from,
        to: from.replace(/\/.*/, '/desescalamiento'),
      });
    }
  }
  state.events?.push({
    month: state.t,
    type: 'table-agreement',
    timing: timingOf(kind),
    community: world.communityIds[c],
    project: world.projectIds[p],
  });
}

function breakOff(world: World, state: State, r: number, kind: number): void {
  const c = world.relationCommunity[r];
  const p = world.relationProject[r];
  state.tableSeat[r] = -state.tableSerial[p];
  state.casePhase[r] = CasePhase.escalamiento;
  state.afterCrisis[r] = 0;
  addSignal(state, c, convenerChannel(world), -world.parameters.trust.frustrationSignal);
  state.events?.push({
    month: state.t,
    type: 'dialogue-broken-off',
    timing: timingOf(kind),
    community: world.communityIds[c],
    project: world.projectIds[p],
  });
}

function markNeighboursForContagion(world: World, state: State, c: number): void {
  const d = world.communityDistrict[c];
  markDistrict(world, state, d, c);
  const { start, list } = world.districtNeighbours;
  for (let k = start[d]; k < start[d + 1]; k++) markDistrict(world, state, list[k], c);
}

/** Marks the communities of a district other than c (a function, not a closure made per call). */
function markDistrict(world: World, state: State, district: number, c: number): void {
  const { start, list } = world.districtCommunities;
  for (let k = start[district]; k < start[district + 1]; k++) if (list[k] !== c) state.contagionNext[list[k]] = 1;
}
