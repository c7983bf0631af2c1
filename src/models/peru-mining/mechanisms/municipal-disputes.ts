/**
 * Disputes between municipalities, and over district boundaries, when mining revenue arrives
 * (issue #20, mechanism 14b).
 *
 * The canon boom set municipalities against each other, over shares of the canon, over who
 * pays for shared works and over boundaries around producing land (Arellano-Yanguas 2011). The
 * Defensoría files the first under local government and the second under demarcación
 * territorial, not as mining cases, so both are counted apart from the mining register and
 * from a district's dispute with the state (disputes.ts).
 *
 * Intermunicipal: every pair (claimant d, counterpart c) with c among the districts d compares
 * itself with (world.districtComparison) can be in dispute. While c receives more mining money
 * per person than d (r_c > r_d), the pair has pressure
 *   π = mobilisation · (1 − (1 − wG·gap)(1 − wW·windfall_c)(1 − wM·misuse_c))
 *   gap = (r_c − r_d) / (r_c + r_d),  windfall_c = max(0, r_c − e_c) / (r_c + e_c)
 * (r: receipts per person over about the last year; e: what c has come to expect, as in
 * disputes.ts; misuse as in hardship.ts), and none otherwise. All three are relative, so no
 * scale in soles saturates them.
 *
 * Demarcation: across each undemarcated adjacent boundary (state.demarcationOpen), a
 * district may claim a producing neighbour's deposit once one of the neighbour's projects in
 * operation has paid canon: π = mobilisation · (1 − (1 − wG·gap)(1 − wW·windfall)), none while
 * no deposit pays.
 *
 * Either kind starts with probability 1 − e^(−rate·π) and ends with endRate·(1 − π). While it
 * lasts, the communities of both districts lose trust in their municipality (trustSignal), and
 * the claimant's in the national state that does not settle it (unarbitratedSignal: the MEF
 * sets the shares, the PCM demarcates).
 *
 * Draws: the `municipalDisputes` stream, one per pair and one per claim each month, whatever
 * the state: a reform elsewhere does not shift them. Runs before disputes.ts in step 8, so that
 * both read this month's expectations before disputes.ts updates them.
 */
import { Phase, type World } from '../world.js';
import type { State } from '../state.js';
import type { HardshipScratch } from './hardship.js';
import { addSignal } from './trust.js';

/** Trust channels (world.ts TRUST_CHANNELS: company, national, regional, local). */
const NATIONAL = 1;
const LOCAL = 3;

export interface MunicipalDisputesScratch {
  /** The district hosts a project in operation that has paid canon this run. */
  readonly paying: Uint8Array;
}

export function createMunicipalDisputesScratch(world: World): MunicipalDisputesScratch {
  return { paying: new Uint8Array(world.districtIds.length) };
}

/** Windfall of district d: its receipts above what it expects, relative to both. */
function windfallOf(state: State, d: number): number {
  const r = state.receivedPerCapita[d];
  const e = state.expectedPerCapita[d];
  return r > e ? (r - e) / (r + e) : 0;
}

export function stepMunicipalDisputes(world: World, state: State, hardship: HardshipScratch, scratch: MunicipalDisputesScratch): void {
  const M = world.parameters.municipalDisputes;
  const rng = state.streams.municipalDisputes;
  const received = state.receivedPerCapita;

  const { start, list } = world.districtComparison;
  const pairActive = state.municipalDisputeActive;
  // π ≤ mobilisation, so a draw at or above these bounds decides without the pressure (the same
  // decisions, at a fraction of the cost: most of the national 12,000 pairs stop here).
  const mayStart = 1 - Math.exp(-M.emergeRate * M.mobilisation);
  const mayEnd = M.endRate;
  for (let d = 0; d < start.length - 1; d++) {
    for (let k = start[d]; k < start[d + 1]; k++) {
      const u = rng();
      const c = list[k];
      if (pairActive[k] === 0) {
        if (u < mayStart && u < 1 - Math.exp(-M.emergeRate * pairPressure(world, state, hardship, d, c))) {
          pairActive[k] = 1;
          state.month.municipalDisputesStarted++;
          state.events?.push({
            month: state.t,
            type: 'municipal-dispute',
            district: world.districtIds[d],
            counterpart: world.districtIds[c],
          });
        }
      } else if (u < mayEnd && u < M.endRate * (1 - pairPressure(world, state, hardship, d, c))) {
        pairActive[k] = 0;
        state.events?.push({
          month: state.t,
          type: 'municipal-dispute-ended',
          district: world.districtIds[d],
          counterpart: world.districtIds[c],
        });
      }
      if (pairActive[k] === 1) {
        state.month.municipalDisputesActive++;
        feel(world, state, d, c);
      }
    }
  }

  const paying = scratch.paying;
  paying.fill(0);
  for (let p = 0; p < world.projectIds.length; p++) {
    if (state.phase[p] === Phase.operation && state.canonPaid[p] === 1) paying[world.projectDistrict[p]] = 1;
  }
  const claimant = world.demarcationClaimant;
  const producer = world.demarcationProducer;
  const active = state.demarcationActive;
  for (let i = 0; i < claimant.length; i++) {
    const u = rng();
    const d = claimant[i];
    const b = producer[i];
    const rd = received[d];
    const rb = received[b];
    let pressure = 0;
    if (state.demarcationOpen[i] === 1 && paying[b] === 1) {
      const gap = rb > rd ? (rb - rd) / (rb + rd) : 0;
      pressure = M.mobilisation * (1 - (1 - M.gapWeight * gap) * (1 - M.windfallWeight * windfallOf(state, b)));
    }
    if (active[i] === 0) {
      if (pressure > 0 && u < 1 - Math.exp(-M.demarcationRate * pressure)) {
        active[i] = 1;
        state.month.demarcationDisputesStarted++;
        state.events?.push({
          month: state.t,
          type: 'demarcation-dispute',
          district: world.districtIds[d],
          counterpart: world.districtIds[b],
        });
      }
    } else if (u < M.demarcationEndRate * (1 - pressure)) {
      active[i] = 0;
      state.events?.push({
        month: state.t,
        type: 'demarcation-dispute-ended',
        district: world.districtIds[d],
        counterpart: world.districtIds[b],
      });
    }
    if (active[i] === 1) {
      state.month.demarcationDisputesActive++;
      feel(world, state, d, b);
    }
  }
}

/** Pressure of claimant d on counterpart c: none unless c receives more per person than d. */
function pairPressure(world: World, state: State, hardship: HardshipScratch, d: number, c: number): number {
  const M = world.parameters.municipalDisputes;
  const rd = state.receivedPerCapita[d];
  const rc = state.receivedPerCapita[c];
  if (!(rc > rd)) return 0;
  const calm =
    (1 - (M.gapWeight * (rc - rd)) / (rc + rd)) * (1 - M.windfallWeight * windfallOf(state, c)) * (1 - M.misuseWeight * hardship.misuse[c]);
  return M.mobilisation * (1 - calm);
}

/** A month of a dispute: both municipalities lose trust with their communities; the claimant's lose it in the national state too. */
function feel(world: World, state: State, claimant: number, counterpart: number): void {
  const M = world.parameters.municipalDisputes;
  const { start, list } = world.districtCommunities;
  for (let k = start[claimant]; k < start[claimant + 1]; k++) {
    addSignal(state, list[k], LOCAL, -M.trustSignal);
    addSignal(state, list[k], NATIONAL, -M.unarbitratedSignal);
  }
  for (let k = start[counterpart]; k < start[counterpart + 1]; k++) addSignal(state, list[k], LOCAL, -M.trustSignal);
}
