/**
 * Project fate: the state suspends a contested project, a suspended one resumes or is
 * abandoned (mechanism 8c). Suspension and abandonment are outputs of the model, never
 * inputs of a scenario.
 *
 * In both Conga (works suspended at the government's request, Nov 2011) and Tía María (EIA
 * declared inadmissible after the 2011 deaths; licence suspended in Aug 2019 after 25 days of
 * protest) the suspension was the state's answer to the protests (FACTS §8). So, for a
 * project in exploration, permitting or construction whose plan runs, the monthly hazard is
 *   1 − exp(−cost · (violenceSuspension·V + crisisSuspension·K + mobilisedSuspension·M))
 *   cost = (1 + campaignCost·[national campaign]) · (1 + authorityCost·opposition)
 * V: violent events and K: crisis episodes of its cases this month; M: share of its live
 * cases in escalamiento or crisis at month end; opposition: the producing district's mayor
 * and the governor (authorities.ts). A suspended project's plan stops (its phase, its permit
 * events and its later phases wait; construction works halt). Each month it is abandoned
 * with probability abandonRate (the company withdraws or the state cancels it: its phase
 * becomes closure) or resumes with resumeRate·(1 − M). An operating mine is not suspended
 * here: its stoppages are blockades (episodes.ts).
 * Draws: the `fate` stream, one per project per month.
 */
import { Phase, type World } from '../world.js';
import { CasePhase, CaseState, Fate, type State } from '../state.js';
import { relationIsLive } from './tables.js';
import { opposition } from './authorities.js';

export function stepFate(world: World, state: State): void {
  const F = world.parameters.fate;
  const rng = state.streams.fate;
  const t = state.t;
  for (let p = 0; p < world.projectIds.length; p++) {
    const u = rng();
    const violence = state.projectViolence[p];
    const crises = state.projectCrises[p];
    state.projectViolence[p] = 0;
    state.projectCrises[p] = 0;
    const fate = state.fate[p];
    const phase = state.phase[p];
    if (fate === Fate.abandoned || phase === Phase.none || phase >= Phase.operation) continue;
    const mobilised = escalatedShare(world, state, p);
    if (fate === Fate.planned) {
      const cost =
        (1 + F.campaignCost * world.nationalCampaign[t]) * (1 + F.authorityCost * opposition(world, state, world.projectDistrict[p]));
      const pressure = F.violenceSuspension * violence + F.crisisSuspension * crises + F.mobilisedSuspension * mobilised;
      if (u < 1 - Math.exp(-cost * pressure)) setFate(world, state, p, Fate.suspended);
    } else if (u < F.abandonRate) {
      setFate(world, state, p, Fate.abandoned);
    } else if (u < F.abandonRate + F.resumeRate * (1 - mobilised)) {
      setFate(world, state, p, Fate.planned);
    }
  }
}

/** Share of the project's live relations whose case is in escalamiento or crisis at month end. */
function escalatedShare(world: World, state: State, p: number): number {
  const { start, list } = world.projectRelations;
  let live = 0;
  let escalated = 0;
  for (let k = start[p]; k < start[p + 1]; k++) {
    const r = list[k];
    if (!relationIsLive(world, state, r)) continue;
    live++;
    const s = state.caseState[r];
    const phase = state.casePhase[r];
    if ((s === CaseState.active || s === CaseState.reactivated) && (phase === CasePhase.escalamiento || phase === CasePhase.crisis))
      escalated++;
  }
  return live > 0 ? escalated / live : 0;
}

function setFate(world: World, state: State, p: number, fate: number): void {
  const before = state.fate[p];
  state.fate[p] = fate;
  if (fate === Fate.suspended) state.month.suspensions++;
  else if (fate === Fate.abandoned) state.month.abandonments++;
  else if (before === Fate.suspended) state.month.resumptions++;
  const type = fate === Fate.suspended ? 'project-suspended' : fate === Fate.abandoned ? 'project-abandoned' : 'project-resumed';
  state.events?.push({ month: state.t, type, project: world.projectIds[p] });
}
