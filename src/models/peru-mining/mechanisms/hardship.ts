/**
 * Hardship and grievance of each community (mechanism 5).
 *
 *   H = clamp01(wPov·poverty + wExp·min(1, exposure + risk) + wDep·deprivation + wMis·misuse + wMem·memory
 *               − wBen·relief − works)
 *   L = ωc·T_company + (1 − ωc)·(wN·T_national + wR·T_regional + wL·T_local)
 *   G = H·(1 − L)                      (in the spirit of Epstein 2002, G = H·(1 − L))
 * exposure (by district, capped at 1): operation or construction in the district or in a
 * project whose area of direct influence includes it (mitigated by the company's ESG, scaled
 * by water dependence), trucks and dust on the corridor of an
 * operating mine, illegal mining in the district and illegalSpillover of the mean in linked
 * districts. Works halt while a project is suspended.
 * risk (by community): the exposure it expects from projects not yet operating, and the
 * alarm of recent permit events and referendums (perceived-risk.ts).
 * deprivation (by district): how far mining transfers received per person in the districts it
 * compares itself with (world.districtComparison: those it sees, and the producing districts)
 * exceed its own (the canon that skips corridors), squashed to [0, 1).
 * relief (by district): the share of the infrastructure gap closed by completed works,
 * 1 − e^(−works per person / worksGapPerPerson): each sol closes a fixed share of what is
 * still missing, so returns diminish (PNIC 2019 sizes the gap; revenue.ts builds the works).
 * misuse (by district): mining money held unspent plus money visibly wasted, per person,
 * squashed to [0, 1) (Ponce & McClintock 2014: protest where mining meets low execution).
 * memory (by community): broken or orphaned commitments (trust.ts), halving every
 * memoryHalfLife months.
 * works (by community): hardship removed by delivered works and services (commitments.ts),
 * halving every reliefHalfLife months.
 * The state weights wN, wR, wL follow the Defensoría's competence shares (FACTS §1).
 */
import { CHANNELS, Phase, type World } from '../world.js';
import { Fate, type State } from '../state.js';

export interface HardshipScratch {
  /** The part of hardship shared by every community of a district. */
  readonly districtHardship: Float64Array;
  readonly exposure: Float64Array;
  /** Deprivation and misuse of each district this month, in [0, 1): disputes.ts reads them too. */
  readonly deprivation: Float64Array;
  readonly misuse: Float64Array;
}

export function createHardshipScratch(world: World): HardshipScratch {
  const n = world.districtIds.length;
  return {
    districtHardship: new Float64Array(n),
    exposure: new Float64Array(n),
    deprivation: new Float64Array(n),
    misuse: new Float64Array(n),
  };
}

export function stepHardship(world: World, state: State, scratch: HardshipScratch): void {
  const H = world.parameters.hardship;
  const Rv = world.parameters.revenue;

  // Exposure by district from the projects' phases.
  const exposure = scratch.exposure;
  const { start, list } = world.districtNeighbours;
  for (let d = 0; d < exposure.length; d++) {
    // Illegal mining in the district, and a share of that of linked districts (it harms neighbours).
    let nearby = 0;
    for (let k = start[d]; k < start[d + 1]; k++) nearby += state.illegal[list[k]];
    const links = start[d + 1] - start[d];
    exposure[d] = H.illegalExposure * (state.illegal[d] + (links > 0 ? (H.illegalSpillover * nearby) / links : 0));
  }
  for (let p = 0; p < world.projectIds.length; p++) {
    const phase = state.phase[p];
    if (phase !== Phase.operation && phase !== Phase.construction) continue;
    if (state.fate[p] === Fate.suspended) continue;
    const mitigation = 1 - H.esgMitigation * world.companyEsg[world.projectCompany[p]];
    const level = (phase === Phase.operation ? H.operationExposure : H.constructionExposure) * mitigation;
    const d = world.projectDistrict[p];
    exposure[d] += level * (0.5 + 0.5 * world.districtWater[d]);
    const influence = world.projectInfluence;
    for (let k = influence.start[p]; k < influence.start[p + 1]; k++) {
      const i = influence.list[k];
      exposure[i] += level * (0.5 + 0.5 * world.districtWater[i]);
    }
    if (phase !== Phase.operation) continue;
    const { start, list } = world.projectCorridor;
    for (let k = start[p]; k < start[p + 1]; k++) exposure[list[k]] += H.corridorExposure;
  }

  // District part of hardship: poverty, deprivation, misuse, relief (exposure joins each community's perceived risk below).
  const received = state.receivedPerCapita;
  const base = scratch.districtHardship;
  const compared = world.districtComparison;
  for (let d = 0; d < base.length; d++) {
    let sum = 0;
    const n = compared.start[d + 1] - compared.start[d];
    for (let k = compared.start[d]; k < compared.start[d + 1]; k++) sum += received[compared.list[k]];
    const gap = n > 0 ? sum / n - received[d] : 0;
    // receivedPerCapita holds about six months of receipts; ×2 gives a yearly figure.
    const deprivation = gap > 0 ? 1 - Math.exp((-2 * gap) / H.deprivationScale) : 0;
    const relief = 1 - Math.exp(-state.benefit[d] / Rv.worksGapPerPerson);
    const misused = state.wasted[d] + idleFunds(world, state, d);
    const misuse = misused > 0 ? 1 - Math.exp(-misused / Rv.idleFundsScale) : 0;
    scratch.deprivation[d] = deprivation;
    scratch.misuse[d] = misuse;
    base[d] =
      H.povertyWeight * world.districtPoverty[d] + H.deprivationWeight * deprivation + H.misuseWeight * misuse - H.benefitWeight * relief;
  }

  const memoryDecay = Math.pow(0.5, 1 / H.memoryHalfLife);
  const worksDecay = Math.pow(0.5, 1 / world.parameters.commitments.reliefHalfLife);
  const works = state.worksRelief;
  const trust = state.trust;
  const memory = state.memory;
  const stateWeight = 1 - H.companyTrustWeight;
  for (let c = 0; c < world.communityIds.length; c++) {
    const m = memory[c] * memoryDecay;
    memory[c] = m;
    const w = works[c] * worksDecay;
    works[c] = w;
    const d = world.communityDistrict[c];
    const e = exposure[d] + state.perceivedRisk[c];
    let h = base[d] + H.exposureWeight * (e > 1 ? 1 : e) + H.memoryWeight * m - w;
    h = h < 0 ? 0 : h > 1 ? 1 : h;
    state.hardship[c] = h;
    const k = c * CHANNELS;
    const stateLegitimacy = H.nationalCompetence * trust[k + 1] + H.regionalCompetence * trust[k + 2] + H.localCompetence * trust[k + 3];
    state.grievance[c] = h * (1 - (H.companyTrustWeight * trust[k] + stateWeight * stateLegitimacy));
  }
}

/** Mining money per person the district's municipality holds unspent, soles (balances are in cents). */
function idleFunds(world: World, state: State, d: number): number {
  return state.balance[world.firstMunicipality + d] / 100 / world.districtPopulation[d];
}
