/**
 * Hardship and grievance of each community (mechanism 5).
 *
 *   H = clamp01(wPov·poverty + wExp·exposure + wDep·deprivation + wMem·memory − wBen·relief)
 *   L = ωc·T_company + (1 − ωc)·(wN·T_national + wR·T_regional + wL·T_local)
 *   G = H·(1 − L)                      (in the spirit of Epstein 2002, G = H·(1 − L))
 * exposure: operation or construction in the community's own district (mitigated by the
 * company's ESG and scaled by water dependence), trucks and dust on a corridor of an
 * operating mine, illegal mining in its district; capped at 1.
 * deprivation: how far the mining transfers received per person in linked districts exceed
 * the community's own district's (the canon that skips corridors), squashed to [0, 1).
 * memory: broken or orphaned commitments (see trust.ts), halving every memoryHalfLife.
 * relief: executed spending per person, squashed to [0, 1).
 * The state weights wN, wR, wL follow the Defensoría's competence shares (FACTS §1).
 */
import { CHANNELS, Phase, RelationKind, type World } from '../world.js';
import type { State } from '../state.js';

export function stepHardship(world: World, state: State, scratch: { deprivation: Float64Array }): void {
  const H = world.parameters.hardship;
  const Rv = world.parameters.revenue;
  const memoryDecay = Math.pow(0.5, 1 / H.memoryHalfLife);

  // Relative deprivation by district (against linked districts' receipts per person).
  const { start, list } = world.districtNeighbours;
  const received = state.receivedPerCapita;
  const deprivation = scratch.deprivation;
  for (let d = 0; d < deprivation.length; d++) {
    let sum = 0;
    const n = start[d + 1] - start[d];
    for (let k = start[d]; k < start[d + 1]; k++) sum += received[list[k]];
    const gap = n > 0 ? sum / n - received[d] : 0;
    // receivedPerCapita holds about six months of receipts; ×2 gives a yearly figure.
    deprivation[d] = gap > 0 ? 1 - Math.exp((-2 * gap) / H.deprivationScale) : 0;
  }

  const relations = world.communityRelations;
  const trust = state.trust;
  for (let c = 0; c < world.communityIds.length; c++) {
    const d = world.communityDistrict[c];
    let exposure = H.illegalExposure * state.illegal[d];
    for (let k = relations.start[c]; k < relations.start[c + 1]; k++) {
      const r = relations.list[k];
      const p = world.relationProject[r];
      const phase = state.phase[p];
      if (world.relationKind[r] === RelationKind.direct) {
        const mitigation = 1 - H.esgMitigation * world.companyEsg[world.projectCompany[p]];
        const water = 0.5 + 0.5 * world.districtWater[d];
        if (phase === Phase.operation) exposure += H.operationExposure * mitigation * water;
        else if (phase === Phase.construction) exposure += H.constructionExposure * mitigation * water;
      } else if (phase === Phase.operation) {
        exposure += H.corridorExposure;
      }
    }
    if (exposure > 1) exposure = 1;
    const memory = state.memory[c] * memoryDecay;
    state.memory[c] = memory;
    const relief = 1 - Math.exp(-state.benefit[d] / Rv.benefitScale);
    let h = H.povertyWeight * world.districtPoverty[d] + H.exposureWeight * exposure + H.deprivationWeight * deprivation[d] + H.memoryWeight * memory - H.benefitWeight * relief;
    h = h < 0 ? 0 : h > 1 ? 1 : h;
    state.hardship[c] = h;
    const k = c * CHANNELS;
    const stateLegitimacy = H.nationalCompetence * trust[k + 1] + H.regionalCompetence * trust[k + 2] + H.localCompetence * trust[k + 3];
    const legitimacy = H.companyTrustWeight * trust[k] + (1 - H.companyTrustWeight) * stateLegitimacy;
    state.grievance[c] = h * (1 - legitimacy);
  }
}
