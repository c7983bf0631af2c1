/**
 * Conflict cases per (community, project), following the Defensoría's register (mechanism 6).
 *
 * States: en observación → activo | latente; latente → reactivado | resuelto | retirado
 * (withdrawn after withdrawAfterMonths of latency). An active (or reactivated) case moves
 * through temprana → escalamiento → crisis → desescalamiento → diálogo, not strictly in
 * order (FACTS §1). Pressure on a case is
 *   x = grievance · mobilisation · (corridorWeight for corridor communities) · triggers
 *   triggers = 1 + Σ weight·[broken commitment, licence without dialogue, incident,
 *              national crisis, a neighbour's cash settlement]
 * and each competing transition has a monthly probability 1 − exp(−rate·x) (escalation) or
 * rate·(1 − pressure) (calming), one uniform choosing among them. A permanent table
 * damps escalation by escalationDamping × its effectiveness. On reaching escalamiento or
 * crisis, the state responds with a table (dialogue.ts) if the policy has one. In crisis a
 * case may block the mine or its road (halting production next month: revenue.ts), the
 * state may use force when no table handles the case, and violence happens with a risk that
 * force multiplies.
 *
 * Draws: `conflict`, one per relation per month; `violence`, three per relation per month.
 */
import { CHANNELS, RelationKind, type World } from '../world.js';
import { CASE_PHASE_NAMES, CASE_STATE_NAMES, CasePhase, CaseState, TableKind, type State } from '../state.js';
import { monthlyEffectiveness, openTableFor, relationIsLive } from './dialogue.js';
import { addSignal } from './trust.js';

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

export function stepConflict(world: World, state: State): void {
  const C = world.parameters.conflict;
  const Hp = world.parameters.hardship;
  const D = world.parameters.dialogue;
  const t = state.t;
  const conflict = state.streams.conflict;
  const violence = state.streams.violence;
  const crisisTrigger = world.crisis[t] ? C.triggerCrisis : 0;
  const forceProbability = world.policies.forceResponse ?? C.forceProbability;
  const hazard = hazardOf(world);
  state.halted.fill(0);
  const nR = world.relationCommunity.length;
  for (let r = 0; r < nR; r++) {
    const u = conflict();
    const vBlockade = violence();
    const vViolence = violence();
    const vForce = violence();
    state.blockade[r] = 0;
    const s = state.caseState[r];
    const live = relationIsLive(world, state, r);
    if (s === CaseState.none && !live) continue;

    const c = world.relationCommunity[r];
    const p = world.relationProject[r];
    const pressure = live
      ? state.grievance[c] * world.communityMobilisation[c] * (world.relationKind[r] === RelationKind.corridor ? C.corridorWeight : 1)
      : 0;
    const triggers =
      1 +
      C.triggerBroken * state.brokenThisMonth[c] +
      C.triggerLicence * state.licenceTrigger[p] +
      C.triggerIncident * state.incident[p] +
      crisisTrigger +
      C.triggerContagion * state.contagion[c];
    const x = pressure * triggers;
    const calm = 1 - pressure;
    const damping = state.earlyTableSince[p] >= 0 ? D.escalationDamping * monthlyEffectiveness(world, state, c) : 0;
    state.caseMonths[r]++;

    switch (s) {
      case CaseState.none:
        if (u < hazard(C.emergeRate, x, pressure, triggers)) setState(world, state, r, CaseState.observation, CasePhase.temprana);
        break;
      case CaseState.observation: {
        const activate = hazard(C.activateRate, x, pressure, triggers);
        if (u < activate) setState(world, state, r, CaseState.active, CasePhase.temprana);
        else if (u < activate + C.dropRate * calm) setState(world, state, r, CaseState.none, CasePhase.temprana);
        break;
      }
      case CaseState.latent: {
        const reactivate = hazard(C.reactivateRate, x, pressure, triggers);
        const legitimacy =
          Hp.nationalCompetence * state.trust[c * CHANNELS + 1] +
          Hp.regionalCompetence * state.trust[c * CHANNELS + 2] +
          Hp.localCompetence * state.trust[c * CHANNELS + 3];
        if (u < reactivate) setState(world, state, r, CaseState.reactivated, CasePhase.temprana);
        else if (u < reactivate + C.resolveRate * legitimacy * calm) endCase(world, state, r, 'resuelto');
        else if (state.caseMonths[r] >= C.withdrawAfterMonths) endCase(world, state, r, 'retirado');
        break;
      }
      default:
        stepActivePhase(
          world,
          state,
          r,
          u,
          hazard(C.escalateRate, x, pressure, triggers),
          hazard(C.crisisRate, x, pressure, triggers),
          calm,
          damping,
        );
    }

    if (
      (state.caseState[r] === CaseState.active || state.caseState[r] === CaseState.reactivated) &&
      state.casePhase[r] === CasePhase.crisis
    ) {
      respondToCrisis(world, state, r, c, p, vBlockade, vViolence, vForce, forceProbability);
    }
  }
}

/** Transitions of an active case; `escalation` and `crisis` are the undamped hazards of this month. */
function stepActivePhase(
  world: World,
  state: State,
  r: number,
  u: number,
  escalation: number,
  crisis: number,
  calm: number,
  damping: number,
): void {
  const C = world.parameters.conflict;
  const escalate = escalation * (1 - damping);
  const toCrisis = crisis * (1 - damping);
  switch (state.casePhase[r]) {
    case CasePhase.temprana: {
      const latent = C.latencyRate * calm;
      if (u < escalate) setPhase(world, state, r, CasePhase.escalamiento);
      else if (u < escalate + latent) setState(world, state, r, CaseState.latent, CasePhase.temprana);
      break;
    }
    case CasePhase.escalamiento:
      if (u < toCrisis) setPhase(world, state, r, CasePhase.crisis);
      else if (u < toCrisis + C.deescalateRate * calm) setPhase(world, state, r, CasePhase.desescalamiento);
      break;
    case CasePhase.crisis:
      if (u < C.crisisExitRate)
        setPhase(world, state, r, state.table[r] !== TableKind.none ? CasePhase.dialogo : CasePhase.desescalamiento);
      break;
    case CasePhase.desescalamiento: {
      const latent = C.latencyRate * calm;
      if (u < latent) setState(world, state, r, CaseState.latent, CasePhase.temprana);
      else if (u < latent + escalate) setPhase(world, state, r, CasePhase.escalamiento);
      break;
    }
    case CasePhase.dialogo:
      if (state.table[r] === TableKind.none) setPhase(world, state, r, CasePhase.desescalamiento);
      else if (u < toCrisis) setPhase(world, state, r, CasePhase.crisis);
      break;
  }
}

function respondToCrisis(
  world: World,
  state: State,
  r: number,
  c: number,
  p: number,
  vBlockade: number,
  vViolence: number,
  vForce: number,
  forceProbability: number,
): void {
  const C = world.parameters.conflict;
  const names = { community: world.communityIds[c], project: world.projectIds[p] };
  if (vBlockade < C.blockadeProbability * world.communityMobilisation[c]) {
    state.blockade[r] = 1;
    state.halted[p] = 1;
    state.month.blockades++;
    state.events?.push({ month: state.t, type: 'blockade', ...names });
  }
  const force = state.table[r] === TableKind.none && vForce < forceProbability;
  if (force) {
    addSignal(state, c, 1, -world.parameters.trust.forceSignal);
    state.events?.push({ month: state.t, type: 'force', ...names });
  }
  if (vViolence < C.violenceProbability * (force ? C.forceViolenceMultiplier : 1)) {
    state.month.violentEvents++;
    state.events?.push({ month: state.t, type: 'violence', ...names });
  }
}

function setState(world: World, state: State, r: number, next: number, phase: number): void {
  const from = label(state.caseState[r], state.casePhase[r]);
  state.caseState[r] = next;
  state.casePhase[r] = phase;
  state.caseMonths[r] = 0;
  if (next !== CaseState.active && next !== CaseState.reactivated) state.table[r] = TableKind.none;
  record(world, state, r, from);
}

function setPhase(world: World, state: State, r: number, phase: number): void {
  const from = label(state.caseState[r], state.casePhase[r]);
  state.casePhase[r] = phase;
  if (phase === CasePhase.escalamiento || phase === CasePhase.crisis) {
    openTableFor(world, state, r);
    if (phase === CasePhase.escalamiento && state.table[r] !== TableKind.none) state.casePhase[r] = CasePhase.dialogo;
  }
  record(world, state, r, from);
}

function endCase(world: World, state: State, r: number, how: 'resuelto' | 'retirado'): void {
  const from = label(state.caseState[r], state.casePhase[r]);
  if (how === 'resuelto') state.month.casesResolved++;
  else state.month.casesWithdrawn++;
  state.caseState[r] = CaseState.none;
  state.casePhase[r] = CasePhase.temprana;
  state.caseMonths[r] = 0;
  state.table[r] = TableKind.none;
  if (state.events) {
    state.events.push({
      month: state.t,
      type: 'case-transition',
      community: world.communityIds[world.relationCommunity[r]],
      project: world.projectIds[world.relationProject[r]],
      from,
      to: how,
    });
  }
}

function label(s: number, phase: number): string {
  if (s === CaseState.active || s === CaseState.reactivated) return `${CASE_STATE_NAMES[s]}/${CASE_PHASE_NAMES[phase]}`;
  return CASE_STATE_NAMES[s];
}

function record(world: World, state: State, r: number, from: string): void {
  if (!state.events) return;
  const to = label(state.caseState[r], state.casePhase[r]);
  if (to === from) return;
  state.events.push({
    month: state.t,
    type: 'case-transition',
    community: world.communityIds[world.relationCommunity[r]],
    project: world.projectIds[world.relationProject[r]],
    from,
    to,
  });
}
