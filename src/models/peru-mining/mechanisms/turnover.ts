/**
 * Turnover of heads of office and the political calendar (mechanisms 3 and 10).
 *
 * Each national office's head changes with a monthly hazard by office and era: its own
 * baseline hazard, or its crisis hazard inside a ministerial-turnover era, times the
 * civil-service turnoverMultiplier. MINEM's come from its ministers' tenures (FACTS §3: a
 * tenure of T days is a hazard of 30.44/T a month; 192–912 days before Castillo, 62 under
 * him); other offices take parameters.turnover's baselineHazard and crisisHazard. New national authorities take office in the
 * national election months, new regional and municipal ones in the sub-national months.
 * An office whose head has a fixed term (the Defensoría: five years, Ley 26520) changes
 * head only when a term ends.
 * A change of head starts a learning period (see capacity.ts), restarts the first-year
 * execution penalty of sub-national governments, and may orphan open commitments.
 *
 * Draws: the `turnover` stream, exactly one per office per month (fixed-term offices too).
 */
import type { World } from '../world.js';
import type { State } from '../state.js';
import { orphanCommitmentsOfNewHeads } from './commitments.js';

/** Records a change of head; the office's commitments are checked for orphaning by `settleTurnover`. */
export function changeHead(world: World, state: State, actor: number, cause: 'hazard' | 'election' | 'term'): void {
  state.headMonths[actor] = 0;
  state.month.headChanges++;
  state.events?.push({ month: state.t, type: 'head-changed', actor: world.actorIds[actor], cause });
}

export function stepTurnover(world: World, state: State): void {
  const t = state.t;
  const headMonths = state.headMonths;
  for (let a = 0; a < headMonths.length; a++) headMonths[a]++;

  if (world.subnationalElection[t]) {
    for (let a = world.firstRegion; a < world.actorIds.length; a++) changeHead(world, state, a, 'election');
  }
  const election = world.nationalElection[t] === 1;
  const byEra = world.turnoverEra[t] ? world.officeCrisisHazard : world.officeBaselineHazard;
  const multiplier = world.policies.civilService.turnoverMultiplier;
  const rng = state.streams.turnover;
  for (let j = 0; j < world.nOffices; j++) {
    const u = rng();
    if (world.officeFixedTerm[j]) {
      if (world.officeTermEnds[j * world.months + t]) changeHead(world, state, world.firstOffice + j, 'term');
    } else if (election) changeHead(world, state, world.firstOffice + j, 'election');
    else if (u < Math.min(1, byEra[j] * multiplier)) changeHead(world, state, world.firstOffice + j, 'hazard');
  }
  if (state.month.headChanges > 0) orphanCommitmentsOfNewHeads(world, state);
}
