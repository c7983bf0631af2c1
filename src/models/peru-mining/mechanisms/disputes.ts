/**
 * Disputes over mining revenue between a district and the state (issue #20, mechanism 14).
 *
 * The canon boom brought conflicts over who receives the money and how it is spent, between
 * people and their municipality, between municipalities, and over district boundaries
 * (Arellano-Yanguas 2011). The Defensoría files them as cases of local or regional government
 * or of demarcation, not as mining cases, so they are counted apart from the mining register:
 * any district can voice one, with or without a project nearby. The pressure of district d is
 *   π = mobilisation · (1 − (1 − wW·windfall)(1 − wL·loss)(1 − wM·misuse)(1 − wD·deprivation))
 * (each motive adds pressure on its own and none can saturate the others: no cap to hit)
 *   windfall = max(0, r − e) / (r + e),  loss = min(1, λ·max(0, e − r) / (r + e))
 * where r is what it has received per person over about the last year (revenue.ts), e what it has
 * come to expect (r smoothed with expectationHalfLife), λ loss aversion (Tversky & Kahneman
 * 1992), misuse and deprivation as in hardship.ts. Windfall and loss are relative changes, so
 * that no scale in soles saturates them: receipts that double give 1/3, receipts that halve
 * λ/3. A dispute starts with
 * probability 1 − e^(−emergeRate·π) and ends with endRate·(1 − π). While it lasts, the district's
 * communities lose trust in their municipality (trustSignal), which raises their grievance
 * G = H·(1 − L) and so the pressure of their mining cases: a channel from a windfall to mining
 * conflict, weak at the default weights (the municipality carries 13% of state legitimacy, and
 * company trust half of L).
 *
 * Draws: the `disputes` stream, one per district per month.
 */
import type { World } from '../world.js';
import type { State } from '../state.js';
import type { HardshipScratch } from './hardship.js';
import { addSignal } from './trust.js';

/** The municipality's trust channel (world.ts TRUST_CHANNELS: company, national, regional, local). */
const LOCAL = 3;

export function stepDisputes(world: World, state: State, hardship: HardshipScratch): void {
  const D = world.parameters.disputes;
  const follow = 1 - Math.pow(0.5, 1 / D.expectationHalfLife);
  const rng = state.streams.disputes;
  const { start, list } = world.districtCommunities;
  for (let d = 0; d < state.disputeActive.length; d++) {
    const u = rng();
    const received = state.receivedPerCapita[d];
    const expected = state.expectedPerCapita[d];
    const both = received + expected;
    const windfall = received > expected ? (received - expected) / both : 0;
    const lost = expected > received ? (D.lossAversion * (expected - received)) / both : 0;
    const loss = lost > 1 ? 1 : lost;
    state.expectedPerCapita[d] = expected + follow * (received - expected);
    const calm =
      (1 - D.windfallWeight * windfall) *
      (1 - D.lossWeight * loss) *
      (1 - D.misuseWeight * hardship.misuse[d]) *
      (1 - D.deprivationWeight * hardship.deprivation[d]);
    const pressure = D.mobilisation * (1 - calm);
    if (state.disputeActive[d] === 0) {
      if (u < 1 - Math.exp(-D.emergeRate * pressure)) {
        state.disputeActive[d] = 1;
        state.month.disputesStarted++;
        state.events?.push({ month: state.t, type: 'revenue-dispute', district: world.districtIds[d] });
      }
    } else if (u < D.endRate * (1 - pressure)) {
      state.disputeActive[d] = 0;
      state.events?.push({ month: state.t, type: 'revenue-dispute-ended', district: world.districtIds[d] });
    }
    if (state.disputeActive[d] === 1) {
      for (let k = start[d]; k < start[d + 1]; k++) addSignal(state, list[k], LOCAL, -D.trustSignal);
    }
  }
}
