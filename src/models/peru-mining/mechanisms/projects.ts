/**
 * Project life cycle, consultation and licensing (mechanism 8), incidents and milestones.
 *
 * Phases follow the scenario's plan (exploration → permitting → construction → operation →
 * closure) on each project's plan clock, which advances one month a month unless the state
 * has suspended the project (fate.ts): a suspension delays everything still to come. An
 * abandoned project is closed. Streamlined consultation shortens permitting (world.ts). The
 * licence is granted when construction starts. A licence is a trigger for conflict when it
 * is granted without an open dialogue table and with the quality of consultation and EIA
 * participation (plus the gain from streamlining) below qualityThreshold, whether or not
 * consulta previa applies (FACTS §6: Tía María 2019, a licence granted without dialogue with
 * local authorities, where consulta previa was not at issue). Under early dialogue, a permanent table opens when the
 * project reaches the policy's opening phase. When construction and operation start, the
 * company makes perMilestone commitments to each community of the area of direct influence
 * (the producing and `influence` districts).
 * Environmental incidents happen at incidentRate·(1 − ESG) during construction and
 * operation (not while works are suspended).
 *
 * Draws: the `incidents` stream, one per project per month.
 */
import { Phase, RelationKind, phaseAt, type World } from '../world.js';
import { Fate, TableKind, type State } from '../state.js';
import { NO_CASE } from '../ledger.js';
import { makeCommitment } from './commitments.js';
import { addSignal } from './trust.js';

export function stepProjects(world: World, state: State): void {
  const P = world.parameters;
  const t = state.t;
  const dialogue = world.policies.dialogue;
  const openingPhase = dialogue.opensAt === 'permitting' ? Phase.permitting : Phase.exploration;
  const incidents = state.streams.incidents;
  for (let p = 0; p < world.projectIds.length; p++) {
    const before = state.phase[p];
    const fate = state.fate[p];
    if (t > 0 && fate === Fate.planned) state.planClock[p]++;
    const now = fate === Fate.abandoned ? Phase.closure : phaseAt(world, p, state.planClock[p]);
    state.phase[p] = now;
    state.licenceTrigger[p] = 0;
    state.incident[p] = 0;

    if (dialogue.timing === 'early' && state.tableKind[p] === TableKind.none && now >= openingPhase && now < Phase.closure) {
      state.tableKind[p] = TableKind.early;
      state.tableSerial[p]++;
      state.month.tablesOpenedEarly++;
      state.events?.push({ month: t, type: 'table-opened', timing: 'early', project: world.projectIds[p] });
    }
    if (now >= Phase.closure && state.tableKind[p] !== TableKind.none) {
      state.events?.push({
        month: t,
        type: 'table-closed',
        timing: state.tableKind[p] === TableKind.early ? 'early' : 'reactive',
        project: world.projectIds[p],
      });
      state.tableKind[p] = TableKind.none;
    }

    // A project already past the licence when the run starts was licensed before it.
    const planned = t > 0 && fate !== Fate.abandoned;
    if (planned && before < Phase.construction && now >= Phase.construction) grantLicence(world, state, p);
    if (planned && ((before < Phase.construction && now >= Phase.construction) || (before < Phase.operation && now === Phase.operation))) {
      makeMilestoneCommitments(world, state, p);
    }

    const u = incidents();
    const esg = world.companyEsg[world.projectCompany[p]];
    const works = (now === Phase.construction && fate === Fate.planned) || now === Phase.operation;
    if (works && u < P.conflict.incidentRate * (1 - esg)) {
      state.incident[p] = 1;
      state.events?.push({ month: t, type: 'incident', project: world.projectIds[p] });
    }
  }
}

function grantLicence(world: World, state: State, p: number): void {
  const L = world.parameters.licensing;
  const withDialogue = state.tableKind[p] !== TableKind.none;
  const quality = Math.min(1, world.projectConsultationQuality[p] + world.policies.consultation.streamlining * L.streamliningQualityGain);
  const trigger = !withDialogue && quality < L.qualityThreshold;
  if (trigger) {
    state.licenceTrigger[p] = 1;
    const { start, list } = world.projectRelations;
    for (let k = start[p]; k < start[p + 1]; k++) {
      addSignal(state, world.relationCommunity[list[k]], 1, -world.parameters.trust.frustrationSignal);
    }
  }
  state.events?.push({ month: state.t, type: 'licence', project: world.projectIds[p], withDialogue, trigger });
}

function makeMilestoneCommitments(world: World, state: State, p: number): void {
  const n = Math.round(world.parameters.commitments.perMilestone);
  const company = world.projectCompany[p];
  const { start, list } = world.projectRelations;
  for (let k = start[p]; k < start[p + 1]; k++) {
    const r = list[k];
    if (world.relationKind[r] !== RelationKind.direct) continue;
    for (let i = 0; i < n; i++) makeCommitment(world, state, company, world.relationCommunity[r], p, NO_CASE, 'milestone');
  }
}
