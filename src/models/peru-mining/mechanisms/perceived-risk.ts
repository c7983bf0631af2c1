/**
 * Perceived risk of projects not yet operating (mechanism 5a).
 *
 * For each community of a project's area of direct influence (its producing and `influence`
 * districts), while the project is in exploration, permitting or construction:
 *   risk = weight · anticipated · (1 − reassurance · credibility) + alarm
 *   anticipated = operationExposure · (1 − esgMitigation · ESG) · stake          (world.ts)
 *   stake = stakeFloor + (1 − stakeFloor)·(w·waterDependence + (1 − w)·agricultureDependence)
 *   credibility = ωc·T_company + (1 − ωc)·T_national  (the sources of information)
 * weight is explorationWeight in exploration and while the project is suspended (it may
 * never be built), 1 in permitting and construction. Without knowledge of their own, people
 * judge a hazard through their trust in those who manage it (Siegrist & Cvetkovich 2000):
 * trusted sources dispel up to `reassurance` of it. Once the mine operates, exposure is real
 * (hardship.ts) and only the alarm of events remains. Alarm (permits.ts) halves every
 * alarmHalfLife months; a referendum also alarms the corridor communities of the districts that
 * voted, whose risk counts from exploration on like any other alarm (their cases need a live
 * relation, from construction). A community's perceived risk sums its relations'; hardship.ts adds
 * it to the district's exposure (capped at 1 there). No draws.
 */
import { CHANNELS, Phase, type World } from '../world.js';
import { Fate, type State } from '../state.js';

export function stepPerceivedRisk(world: World, state: State): void {
  const A = world.parameters.anticipation;
  const companyWeight = world.parameters.hardship.companyTrustWeight;
  const decay = Math.pow(0.5, 1 / A.alarmHalfLife);
  const risk = state.perceivedRisk;
  risk.fill(0);
  const alarm = state.alarm;
  const trust = state.trust;
  for (let r = 0; r < alarm.length; r++) {
    const a = alarm[r];
    const anticipated = world.relationAnticipated[r];
    if (a === 0 && anticipated === 0) continue;
    alarm[r] = a * decay;
    const p = world.relationProject[r];
    const phase = state.phase[p];
    if (phase === Phase.none || phase === Phase.closure) continue;
    const c = world.relationCommunity[r];
    let x = a;
    if (phase < Phase.operation && anticipated > 0) {
      const weight = phase === Phase.exploration || state.fate[p] === Fate.suspended ? A.explorationWeight : 1;
      const k = c * CHANNELS;
      const credibility = companyWeight * trust[k] + (1 - companyWeight) * trust[k + 1];
      x += weight * anticipated * (1 - A.reassurance * credibility);
    }
    risk[c] += x;
  }
}
