/**
 * The permit calendar of each project's plan, and local referendums (mechanism 8b).
 *
 * Events fire when a project's plan reaches them (a suspension holds them back, fate.ts):
 * - publication, public hearing, approval of the EIA: alarm permitAlarm·(1 − q) for the
 *   communities of the area of direct influence, where q is the quality of consultation and
 *   participation (+ streamliningQualityGain·streamlining; an open dialogue table closes
 *   tableQualityGain of the gap to 1). A hearing mobilises; an approval does when q is below
 *   qualityThreshold.
 * - technical observations by an independent review, rejection: the risk is confirmed, alarm
 *   reviewAlarm; both mobilise (FACTS §8: the UNOPS review of Tía María, then the 2011
 *   protests and the EIA declared inadmissible).
 * - consulta previa (Ley 29785), where the project requires it: it reaches the district's
 *   indigenousShare s. Of good quality (q ≥ qualityThreshold) it sends trust in the national
 *   state a signal meetingSignal·s; of poor quality, a frustration signal −frustrationSignal·s,
 *   alarm permitAlarm·(1 − q)·s, and it mobilises with strength s.
 * A local referendum (exogenous.referendums) adds referendumAlarm·against to the communities
 * of its project in the districts that voted, and mobilises them with strength `against`.
 * No draws.
 */
import { PermitKind, RelationKind, type World } from '../world.js';
import { Fate, TableKind, type State } from '../state.js';
import { PERMIT_KINDS } from '../permit-kinds.js';
import { addSignal } from './trust.js';

/** Trust channel of the national state, which runs the consulta. */
const NATIONAL = 1;

export function stepPermits(world: World, state: State): void {
  state.permitTrigger.fill(0);
  state.referendumTrigger.fill(0);
  const { month, kind } = world.permits;
  for (let p = 0; p < world.projectIds.length; p++) {
    if (state.fate[p] !== Fate.planned) continue;
    const end = world.permits.start[p + 1];
    const clock = state.planClock[p];
    // Events planned before the run started happened before it: no alarm is carried in.
    while (state.nextPermit[p] < end && month[state.nextPermit[p]] <= clock) {
      const e = state.nextPermit[p]++;
      if (month[e] >= 0) firePermit(world, state, p, kind[e]);
    }
  }
  const R = world.referendums;
  const A = world.parameters.anticipation;
  for (let i = 0; i < R.month.length; i++) {
    if (R.month[i] !== state.t) continue;
    const against = R.against[i];
    for (let k = R.relations.start[i]; k < R.relations.start[i + 1]; k++) {
      const r = R.relations.list[k];
      state.alarm[r] += A.referendumAlarm * against;
      state.referendumTrigger[r] = against;
    }
    state.events?.push({ month: state.t, type: 'referendum', project: world.projectIds[R.project[i]], against });
  }
}

/** Quality of the project's consultation and participation as the communities meet it this month. */
function effectiveQuality(world: World, state: State, p: number): number {
  const L = world.parameters.licensing;
  const q = Math.min(1, world.projectConsultationQuality[p] + world.policies.consultation.streamlining * L.streamliningQualityGain);
  return state.tableKind[p] === TableKind.none ? q : q + (1 - q) * world.parameters.anticipation.tableQualityGain;
}

function firePermit(world: World, state: State, p: number, kind: number): void {
  const A = world.parameters.anticipation;
  const q = effectiveQuality(world, state, p);
  const poor = q < world.parameters.licensing.qualityThreshold;
  state.events?.push({ month: state.t, type: 'permit', project: world.projectIds[p], kind: PERMIT_KINDS[kind], quality: q });
  const { start, list } = world.projectRelations;
  for (let k = start[p]; k < start[p + 1]; k++) {
    const r = list[k];
    if (world.relationKind[r] !== RelationKind.direct) continue;
    switch (kind) {
      case PermitKind.publication:
        state.alarm[r] += A.permitAlarm * (1 - q);
        break;
      case PermitKind.hearing:
        state.alarm[r] += A.permitAlarm * (1 - q);
        state.permitTrigger[r] = 1;
        break;
      case PermitKind.approval:
        state.alarm[r] += A.permitAlarm * (1 - q);
        if (poor) state.permitTrigger[r] = 1;
        break;
      case PermitKind.observations:
      case PermitKind.rejection:
        state.alarm[r] += A.reviewAlarm;
        state.permitTrigger[r] = 1;
        break;
      case PermitKind.consulta:
        consult(world, state, r, q, poor);
        break;
    }
  }
}

function consult(world: World, state: State, r: number, q: number, poor: boolean): void {
  const c = world.relationCommunity[r];
  const reach = world.districtIndigenous[world.communityDistrict[c]];
  if (reach <= 0) return;
  const T = world.parameters.trust;
  if (!poor) {
    addSignal(state, c, NATIONAL, T.meetingSignal * reach);
    return;
  }
  addSignal(state, c, NATIONAL, -T.frustrationSignal * reach);
  state.alarm[r] += world.parameters.anticipation.permitAlarm * (1 - q) * reach;
  state.permitTrigger[r] = Math.max(state.permitTrigger[r], reach);
}
