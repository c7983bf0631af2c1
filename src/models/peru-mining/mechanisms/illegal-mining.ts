/**
 * Informal and illegal miners of each district as an actor (mechanism 9).
 *
 * The district's intensity I in [0, 1] is split by the miners' state in the formalisation
 * register (REINFO, FACTS §5): registered (vigente) R, suspended S and outside the register O,
 * I = R + S + O; formalised miners F are legal and leave I. Each month:
 *   O += g·(gold/ref)·I·(1 − I)                       new miners arrive outside the register
 *   R → F at formalisation·φ, S → F at formalisation·φ·k   (the formalisation push)
 *   R → S at suspensionRate, S → R at reinstatementRate
 *   S → O at exclusionRate once the register is closed (DS 012-2025-EM); while it is extended
 *        (the ampliaciones of 2024 and 2025) suspended miners stay registered and keep working
 *   enforcement removes e·ε of O and e·ε·(1 − shield) of R and S (the register shields them);
 *        displacementShare of what it removes moves to linked districts, outside their register
 *        (Operación Mercurio).
 * Their conflicts:
 *   - with the state: they protest (road blockades, marches on Lima) with monthly chance
 *     1 − exp(−protestRate·I·threat), threat = enforcement·(share of I it reaches: O and the
 *     unshielded part of R and S) + share of I excluded from the register this month;
 *   - with companies: a formal project competing for their ground gets the case trigger
 *     competitionTrigger·pressure, pressure = min(1, I of its district + competitionReach·mean I
 *     of linked districts) (cases.ts; Los Chancas, Las Bambas' Chalcobamba);
 *   - with communities: exposure (hardship.ts) and violence with chance violenceProbability·I (Pataz).
 *
 * Draws: `illegalMining`, one per district per month (violence); `informalMiners`, one per
 * district per month (protest).
 */
import { Phase, type World } from '../world.js';
import { Fate, type State } from '../state.js';

export function stepIllegalMining(world: World, state: State): void {
  const M = world.parameters.illegalMining;
  const { formalisation, enforcement } = world.policies.illegalMining;
  const gold = world.goldMetal >= 0 ? state.price[world.goldMetal] : M.referenceGoldPrice;
  const growth = M.growthRate * (gold / M.referenceGoldPrice);
  const closed = state.t >= world.registerClosedFrom;
  const shield = closed ? 0 : M.registerShield;
  const removal = enforcement * M.enforcementRemoval;
  const toFormal = formalisation * M.formalisationRate;
  const R = state.reinfoRegistered;
  const S = state.reinfoSuspended;
  const O = state.reinfoOutside;
  const F = state.reinfoFormalised;
  const illegal = state.illegal;
  const inflow = state.illegalNext;
  inflow.fill(0);
  const protest = state.streams.informalMiners;
  const { start, list } = world.districtNeighbours;
  for (let d = 0; d < illegal.length; d++) {
    const I = R[d] + S[d] + O[d];
    const r = R[d];
    const s = S[d];
    const formalR = toFormal * r;
    const formalS = toFormal * M.suspendedFormalisation * s;
    const suspended = M.suspensionRate * r;
    const reinstated = M.reinstatementRate * s;
    const excluded = closed ? M.exclusionRate * s : 0;
    const removedR = removal * (1 - shield) * r;
    const removedS = removal * (1 - shield) * s;
    const o = O[d];
    const removedO = removal * o;
    const removed = removedR + removedS + removedO;
    R[d] = nonNegative(r - formalR - suspended + reinstated - removedR);
    S[d] = nonNegative(s - formalS + suspended - reinstated - excluded - removedS);
    O[d] = nonNegative(o + excluded - removedO + growth * I * (1 - I));
    F[d] += formalR + formalS;
    const neighbours = start[d + 1] - start[d];
    if (neighbours > 0) {
      const moved = (removed * M.displacementShare) / neighbours;
      for (let k = start[d]; k < start[d + 1]; k++) inflow[list[k]] += moved;
    }
    // The miners' threat this month: enforcement on those it reaches, and exclusion from the register.
    const threat = I > 0 ? (enforcement * ((1 - shield) * (r + s) + o) + excluded) / I : 0;
    if (protest() < 1 - Math.exp(-M.protestRate * I * threat)) {
      state.month.minerProtests++;
      state.events?.push({ month: state.t, type: 'informal-miner-protest', district: world.districtIds[d] });
    }
  }
  const rng = state.streams.illegalMining;
  for (let d = 0; d < illegal.length; d++) {
    O[d] += inflow[d];
    const sum = R[d] + S[d] + O[d];
    if (sum > 1) {
      // Intensity is a share of the district's ground: displaced miners crowd in up to it.
      R[d] /= sum;
      S[d] /= sum;
      O[d] /= sum;
    }
    const I = sum > 1 ? 1 : sum;
    illegal[d] = I;
    if (rng() < M.violenceProbability * I) {
      state.month.violentEvents++;
      state.events?.push({ month: state.t, type: 'illegal-mining-violence', district: world.districtIds[d] });
    }
  }
  competition(world, state);
}

/** Informal miners' pressure on the ground of each formal project that still competes for it. */
function competition(world: World, state: State): void {
  const reach = world.parameters.illegalMining.competitionReach;
  const { start, list } = world.districtNeighbours;
  const pressure = state.informalPressure;
  for (let p = 0; p < pressure.length; p++) {
    if (state.phase[p] === Phase.closure || state.fate[p] === Fate.abandoned) {
      pressure[p] = 0;
      continue;
    }
    const d = world.projectDistrict[p];
    let nearby = 0;
    for (let k = start[d]; k < start[d + 1]; k++) nearby += state.illegal[list[k]];
    const links = start[d + 1] - start[d];
    const x = state.illegal[d] + (links > 0 ? (reach * nearby) / links : 0);
    pressure[p] = x > 1 ? 1 : x;
  }
}

function nonNegative(x: number): number {
  return x > 0 ? x : 0;
}
