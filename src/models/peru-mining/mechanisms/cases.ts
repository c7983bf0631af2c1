/**
 * Conflict cases per (community, project), as the Defensoría records them (mechanism 6).
 *
 * States at month end: en observación → activo | latente; latente → reactivado | resuelto |
 * retirado. An active (or reactivated) case is in one of the phases temprana, escalamiento,
 * crisis, desescalamiento, diálogo, not strictly in order (FACTS §1). Pressure on a case is
 *   x = grievance · mobilisation(size, authorities) · (corridorWeight for corridor communities) · triggers
 *   mobilisation(size, authorities) = 1 − (1 − m)^(1 + mobilisationGain · opposition): authorities
 *   that oppose (its mayor, its governor: 0, ½ or 1) act like more people joining (world.ts)
 *   triggers = 1 + Σ weight·[commitment seen broken, licence without dialogue, incident,
 *              national protest wave, a neighbour's cash settlement, a mobilising permit
 *              event (strength), a local referendum (share against)] + competitionTrigger·(informal miners'
 *              pressure on the project's ground, illegal-mining.ts)
 * and each competing transition has a monthly probability 1 − exp(−rate·x) (escalating) or
 * rate·(1 − pressure) (calming), one uniform choosing among them.
 *
 * - An escalating case whose project has a table goes to diálogo, the holding phase: its
 *   crisis hazard is × dialogueCrisisFactor; it leaves by agreement (tables.ts), by breaking
 *   off (frustration → escalamiento), or by calming as an escalated case does. Under a
 *   reactive policy a project without a table gets one when a case blocks a road or breaks
 *   into crisis (tables.ts), not at the first signs of escalation.
 * - Crisis is an episode of days inside the month (episodes.ts); the case is in crisis at
 *   month end only if the episode is still on. When it ends the case goes to diálogo if a
 *   table takes it, else to desescalamiento.
 * - Agreement puts the case under follow-up. A case under follow-up resolves with monthly
 *   probability followUpResolveRate × (share of its agreement's commitments fulfilled); a
 *   visible breach of one of them re-escalates it with breachReescalation ("recharged with
 *   disappointment"), ending the follow-up. A latent case without agreement may be resolved
 *   otherwise (resolveRate · legitimacy · calm); after withdrawAfterMonths of latency it is
 *   withdrawn (retirado: prolonged inactivity).
 * - Protest actions happen in every active phase but crisis, whose episode is the protest
 *   (episodes.ts).
 *
 * Draws: `conflict`, one per relation per month whether or not the case exists; `crisis`,
 * `violence` and `protest` as episodes.ts says.
 */
import { CHANNELS, RelationKind, type World } from '../world.js';
import { CASE_PHASE_NAMES, CASE_STATE_NAMES, CasePhase, CaseState, type State } from '../state.js';
import { carryBlockade, continueCrisis, protestActions, startCrisis } from './episodes.js';
import { convenerChannel, relationIsLive, seatAtTable, tableTakes } from './tables.js';
import { addSignal } from './trust.js';
import { opposition } from './authorities.js';

const builtInHazard = (rate: number, x: number) => 1 - Math.exp(-rate * x);

/** The escalation hazard: built in, or the scenario's formula (clamped to [0, 1]). */
function hazardOf(world: World): (rate: number, x: number, pressure: number, triggers: number) => number {
  const formula = world.formulas.escalationHazard;
  if (!formula) return builtInHazard;
  const scope = { rate: 0, x: 0, pressure: 0, triggers: 0 };
  return (rate, x, pressure, triggers) => {
    scope.rate = rate;
    scope.x = x;
    scope.pressure = pressure;
    scope.triggers = triggers;
    const h = formula(scope);
    return h < 0 ? 0 : h > 1 ? 1 : h;
  };
}

/** This month's hazards of one case, and its uniform draw (numbers passed in an object are not boxed per call). */
interface Hazards {
  u: number;
  x: number;
  calm: number;
  escalate: number;
  crisis: number;
}

/** One case's hazards, reused from case to case and month to month (the step runs to its end without yielding). */
const hazards: Hazards = { u: 0, x: 0, calm: 1, escalate: 0, crisis: 0 };

export function stepCases(world: World, state: State): void {
  const C = world.parameters.conflict;
  const Hp = world.parameters.hardship;
  const t = state.t;
  const rng = state.streams.conflict;
  const waveTrigger = world.protestWave[t] ? C.triggerProtestWave : 0;
  const authorityGain = world.parameters.authorities.mobilisationGain;
  const hazard = hazardOf(world);
  // The built-in curve written out where it is used (builtInHazard): a call that is not inlined boxes its numbers.
  const builtIn = hazard === builtInHazard;
  for (let p = 0; p < world.projectIds.length; p++) carryBlockade(state, p);
  const h = hazards;
  h.x = 0;
  h.calm = 1;
  h.escalate = 0;
  h.crisis = 0;
  const nR = world.relationCommunity.length;
  for (let r = 0; r < nR; r++) {
    const u = rng();
    const s = state.caseState[r];
    const live = relationIsLive(world, state, r);
    if (s === CaseState.none && !live) continue;

    const c = world.relationCommunity[r];
    const p = world.relationProject[r];
    const pressure = live
      ? state.grievance[c] *
        backedMobilisation(world.communityMobilisation[c], authorityGain * opposition(world, state, world.communityDistrict[c])) *
        (world.relationKind[r] === RelationKind.corridor ? C.corridorWeight : 1)
      : 0;
    const triggers =
      1 +
      C.triggerBroken * state.brokenThisMonth[c] +
      C.triggerLicence * state.licenceTrigger[p] +
      C.triggerIncident * state.incident[p] +
      waveTrigger +
      C.triggerContagion * state.contagion[c] +
      C.triggerPermit * state.permitTrigger[r] +
      C.triggerReferendum * state.referendumTrigger[r] +
      world.parameters.illegalMining.competitionTrigger * state.informalPressure[p];
    h.x = pressure * triggers;
    h.calm = 1 - pressure;
    state.caseMonths[r]++;

    // A visible breach of the agreement under follow-up that brings the case back (drawn in commitments.ts).
    const breached = state.agreementBreached[r] === 1;
    state.agreementBreached[r] = 0;
    if (breached && state.followUp[r]) {
      state.followUp[r] = 0;
      addSignal(state, c, convenerChannel(world), -world.parameters.trust.frustrationSignal);
      if (s === CaseState.latent) setState(world, state, r, CaseState.reactivated, CasePhase.temprana);
      if (s !== CaseState.none && s !== CaseState.observation) escalate(world, state, r);
      continue;
    }

    switch (s) {
      case CaseState.none:
        if (u < (builtIn ? 1 - Math.exp(-C.emergeRate * h.x) : hazard(C.emergeRate, h.x, pressure, triggers)))
          setState(world, state, r, CaseState.observation, CasePhase.temprana);
        break;
      case CaseState.observation: {
        const activate = builtIn ? 1 - Math.exp(-C.activateRate * h.x) : hazard(C.activateRate, h.x, pressure, triggers);
        if (u < activate) setState(world, state, r, CaseState.active, CasePhase.temprana);
        else if (u < activate + C.dropRate * h.calm) setState(world, state, r, CaseState.none, CasePhase.temprana);
        break;
      }
      case CaseState.latent: {
        const reactivate = builtIn ? 1 - Math.exp(-C.reactivateRate * h.x) : hazard(C.reactivateRate, h.x, pressure, triggers);
        const resolve = state.followUp[r] ? C.followUpResolveRate * fulfilledShare(state, r) : 0;
        const legitimacy =
          Hp.nationalCompetence * state.trust[c * CHANNELS + 1] +
          Hp.regionalCompetence * state.trust[c * CHANNELS + 2] +
          Hp.localCompetence * state.trust[c * CHANNELS + 3];
        const other = C.resolveRate * legitimacy * h.calm;
        if (u < reactivate) setState(world, state, r, CaseState.reactivated, CasePhase.temprana);
        else if (u < reactivate + resolve) endCase(world, state, r, 'resuelto', true);
        else if (u < reactivate + resolve + other) endCase(world, state, r, 'resuelto', false);
        else if (state.caseMonths[r] >= C.withdrawAfterMonths) endCase(world, state, r, 'retirado', false);
        break;
      }
      default:
        h.escalate = builtIn ? 1 - Math.exp(-C.escalateRate * h.x) : hazard(C.escalateRate, h.x, pressure, triggers);
        h.crisis = builtIn ? 1 - Math.exp(-C.crisisRate * h.x) : hazard(C.crisisRate, h.x, pressure, triggers);
        h.u = u;
        stepActiveCase(world, state, r, h);
    }
    const now = state.caseState[r];
    if ((now === CaseState.active || now === CaseState.reactivated) && state.casePhase[r] !== CasePhase.crisis) {
      // A blockade is an eruption: a reactive policy answers it with a table.
      if (protestActions(world, state, r, state.casePhase[r], h) > 0) seatAtTable(world, state, r, true);
    }
  }
  for (let p = 0; p < world.projectIds.length; p++) state.haltedShare[p] = 1 - state.unblocked[p];
}

/** Mobilisation capacity m of a community whose authorities lend it `backing` (0: none). */
function backedMobilisation(m: number, backing: number): number {
  return backing > 0 ? 1 - Math.pow(1 - m, 1 + backing) : m;
}

/** Share of the commitments of the case's current agreement that are fulfilled (1 for an agreement without any). */
function fulfilledShare(state: State, r: number): number {
  const made = state.agreementMade[r];
  return made > 0 ? state.agreementFulfilled[r] / made : 1;
}

/** Transitions of an active case this month. */
function stepActiveCase(world: World, state: State, r: number, h: Hazards): void {
  const C = world.parameters.conflict;
  const u = h.u;
  switch (state.casePhase[r]) {
    case CasePhase.temprana: {
      // An agreed case in temprana (an early table's agreement) resolves as its agreement is delivered.
      const resolve = state.followUp[r] ? C.followUpResolveRate * fulfilledShare(state, r) : 0;
      const latent = C.latencyRate * h.calm;
      if (u < resolve) endCase(world, state, r, 'resuelto', true);
      else if (u < resolve + h.escalate) escalate(world, state, r);
      else if (u < resolve + h.escalate + latent) setState(world, state, r, CaseState.latent, CasePhase.temprana);
      break;
    }
    case CasePhase.escalamiento: {
      const calm = C.deescalateRate * h.calm;
      if (u < h.crisis) crisis(world, state, r);
      else if (u < h.crisis + calm) setPhase(world, state, r, CasePhase.desescalamiento);
      else if (tableTakes(world, state, r)) setPhase(world, state, r, CasePhase.dialogo);
      break;
    }
    case CasePhase.crisis:
      if (!continueCrisis(world, state, r)) afterCrisis(world, state, r);
      break;
    case CasePhase.dialogo: {
      // The holding phase: a lower crisis hazard, and the same calming as escalamiento.
      const toCrisis = h.crisis * C.dialogueCrisisFactor;
      const calm = C.deescalateRate * h.calm;
      if (u < toCrisis) crisis(world, state, r);
      else if (u < toCrisis + calm) setPhase(world, state, r, CasePhase.desescalamiento);
      else if (!tableTakes(world, state, r)) setPhase(world, state, r, CasePhase.escalamiento);
      break;
    }
    case CasePhase.desescalamiento: {
      const latent = C.latencyRate * h.calm;
      const resolve = state.followUp[r] ? C.followUpResolveRate * fulfilledShare(state, r) : 0;
      if (u < resolve) endCase(world, state, r, 'resuelto', true);
      else if (u < resolve + latent) setState(world, state, r, CaseState.latent, CasePhase.temprana);
      else if (u < resolve + latent + h.escalate) escalate(world, state, r);
      break;
    }
  }
}

/** The case escalates: to diálogo if an open table takes it, else escalamiento. */
function escalate(world: World, state: State, r: number): void {
  state.followUp[r] = 0;
  seatAtTable(world, state, r, false);
  setPhase(world, state, r, tableTakes(world, state, r) ? CasePhase.dialogo : CasePhase.escalamiento);
}

/** A crisis episode starts; the state answers with a table where the policy has one. */
function crisis(world: World, state: State, r: number): void {
  state.followUp[r] = 0;
  seatAtTable(world, state, r, true);
  const onAtMonthEnd = startCrisis(world, state, r, tableTakes(world, state, r));
  if (onAtMonthEnd) setPhase(world, state, r, CasePhase.crisis);
  else afterCrisis(world, state, r);
}

function afterCrisis(world: World, state: State, r: number): void {
  if (tableTakes(world, state, r)) {
    state.afterCrisis[r] = 1;
    setPhase(world, state, r, CasePhase.dialogo);
  } else {
    setPhase(world, state, r, CasePhase.desescalamiento);
  }
}

function setState(world: World, state: State, r: number, next: number, phase: number): void {
  const fromState = state.caseState[r] as number;
  const fromPhase = state.casePhase[r] as number;
  state.caseState[r] = next;
  state.casePhase[r] = phase;
  state.caseMonths[r] = 0;
  state.crisisDaysLeft[r] = 0;
  if (next === CaseState.none || next === CaseState.observation) state.followUp[r] = 0;
  record(world, state, r, fromState, fromPhase);
}

function setPhase(world: World, state: State, r: number, phase: number): void {
  const fromState = state.caseState[r] as number;
  const fromPhase = state.casePhase[r] as number;
  state.casePhase[r] = phase;
  if (phase !== CasePhase.dialogo) state.afterCrisis[r] = 0;
  record(world, state, r, fromState, fromPhase);
}

function endCase(world: World, state: State, r: number, how: 'resuelto' | 'retirado', afterAgreement: boolean): void {
  const fromState = state.caseState[r] as number;
  const fromPhase = state.casePhase[r] as number;
  if (how === 'resuelto') {
    state.month.casesResolved++;
    if (afterAgreement) state.month.casesResolvedAfterAgreement++;
  } else state.month.casesWithdrawn++;
  state.caseState[r] = CaseState.none;
  state.casePhase[r] = CasePhase.temprana;
  state.caseMonths[r] = 0;
  state.crisisDaysLeft[r] = 0;
  state.followUp[r] = 0;
  state.afterCrisis[r] = 0;
  // Labels are strings: made only when events are recorded.
  if (state.events) pushTransition(world, state, r, label(fromState, fromPhase), how);
}

function label(s: number, phase: number): string {
  if (s === CaseState.active || s === CaseState.reactivated) return `${CASE_STATE_NAMES[s]}/${CASE_PHASE_NAMES[phase]}`;
  return CASE_STATE_NAMES[s];
}

/** Records the transition from (fromState, fromPhase) to the case's state now, when events are recorded and it changed. */
function record(world: World, state: State, r: number, fromState: number, fromPhase: number): void {
  if (!state.events) return;
  const from = label(fromState, fromPhase);
  const to = label(state.caseState[r], state.casePhase[r]);
  if (to !== from) pushTransition(world, state, r, from, to);
}

function pushTransition(world: World, state: State, r: number, from: string, to: string): void {
  state.events?.push({
    month: state.t,
    type: 'case-transition',
    community: world.communityIds[world.relationCommunity[r]],
    project: world.projectIds[world.relationProject[r]],
    from,
    to,
  });
}
