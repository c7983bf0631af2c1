/**
 * Sub-national authorities take sides (mechanism 10b).
 *
 * Mayors and governors join or lead the opposition to mining projects (FACTS §8: Cajamarca
 * 2011–12; a UBC thesis links it to their dependence on mining revenue and low popularity).
 * At the start of the run and whenever new sub-national authorities take office, each
 * district's mayor (each department's governor) opposes with probability
 *   1 − exp(−opposeRate · mean grievance of the communities of the district (department))
 * and keeps that stance for the term. Opposition raises the pressure of the cases of the
 * communities it governs (cases.ts) and the political cost of a contested project
 * (fate.ts). Draws: the `authorities` stream, one per district and one per department at
 * each of those months.
 */
import type { World } from '../world.js';
import type { State } from '../state.js';

export interface AuthoritiesScratch {
  readonly sum: Float64Array;
  readonly count: Int32Array;
}

export function createAuthoritiesScratch(world: World): AuthoritiesScratch {
  return { sum: new Float64Array(world.departmentIds.length), count: new Int32Array(world.departmentIds.length) };
}

export function stepAuthorities(world: World, state: State, scratch: AuthoritiesScratch): void {
  if (state.t !== 0 && !world.subnationalElection[state.t]) return;
  const rate = world.parameters.authorities.opposeRate;
  const rng = state.streams.authorities;
  const { start, list } = world.districtCommunities;
  const { sum, count } = scratch;
  sum.fill(0);
  count.fill(0);
  for (let d = 0; d < world.districtIds.length; d++) {
    const u = rng();
    let g = 0;
    for (let k = start[d]; k < start[d + 1]; k++) g += state.grievance[list[k]];
    const n = start[d + 1] - start[d];
    const dep = world.districtDepartment[d];
    sum[dep] += g;
    count[dep] += n;
    setStance(state, state.mayorOpposes, d, 'municipality', world.districtIds, n > 0 && u < 1 - Math.exp((-rate * g) / n));
  }
  for (let dep = 0; dep < world.departmentIds.length; dep++) {
    const u = rng();
    const n = count[dep];
    setStance(state, state.governorOpposes, dep, 'region', world.departmentIds, n > 0 && u < 1 - Math.exp((-rate * sum[dep]) / n));
  }
}

/** Sets authority i's stance; its actor name (`level:id`) is made only for a recorded event. */
function setStance(state: State, stances: Uint8Array, i: number, level: string, ids: readonly string[], opposes: boolean): void {
  const before = stances[i] === 1;
  stances[i] = opposes ? 1 : 0;
  if (state.events && (opposes !== before || (state.t === 0 && opposes)))
    state.events.push({ month: state.t, type: 'authority-stance', actor: `${level}:${ids[i]}`, opposes });
}

/** Share of a community's authorities (its mayor, its governor) that oppose the projects: 0, ½ or 1. */
export function opposition(world: World, state: State, district: number): number {
  return (state.mayorOpposes[district] + state.governorOpposes[world.districtDepartment[district]]) / 2;
}
