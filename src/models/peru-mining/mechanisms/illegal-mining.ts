/**
 * Illegal and informal mining per district (mechanism 9).
 *
 * Intensity I in [0, 1] grows logistically with the gold price relative to a reference
 * (FACTS §5: it spreads with the gold price), shrinks with formalisation, and enforcement
 * removes a share of it of which displacementShare moves to linked districts (FACTS §5:
 * Operación Mercurio cut activity at La Pampa while it rose at three other sites).
 *   I' = I + g·(gold/ref)·I·(1 − I) − f·φ·I − e·ε·I + inflow
 * Illegal mining adds exposure to the district's communities (hardship.ts) and a risk of
 * violence.
 *
 * Draws: the `illegalMining` stream, one per district per month.
 */
import type { World } from '../world.js';
import type { State } from '../state.js';

export function stepIllegalMining(world: World, state: State): void {
  const M = world.parameters.illegalMining;
  const { formalisation, enforcement } = world.policies.illegalMining;
  const gold = world.goldMetal >= 0 ? state.price[world.goldMetal] : M.referenceGoldPrice;
  const growth = M.growthRate * (gold / M.referenceGoldPrice);
  const illegal = state.illegal;
  const next = state.illegalNext;
  next.fill(0);
  const { start, list } = world.districtNeighbours;
  for (let d = 0; d < illegal.length; d++) {
    const I = illegal[d];
    const removed = enforcement * M.enforcementRemoval * I;
    next[d] += I + growth * I * (1 - I) - formalisation * M.formalisationRate * I - removed;
    const neighbours = start[d + 1] - start[d];
    if (neighbours > 0) {
      const moved = (removed * M.displacementShare) / neighbours;
      for (let k = start[d]; k < start[d + 1]; k++) next[list[k]] += moved;
    }
  }
  const rng = state.streams.illegalMining;
  for (let d = 0; d < next.length; d++) {
    const I = next[d] < 0 ? 0 : next[d] > 1 ? 1 : next[d];
    next[d] = I;
    if (rng() < M.violenceProbability * I) {
      state.month.violentEvents++;
      state.events?.push({ month: state.t, type: 'illegal-mining-violence', district: world.districtIds[d] });
    }
  }
  state.illegalNext = illegal;
  state.illegal = next;
}
