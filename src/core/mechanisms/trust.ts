/**
 * Trust of each community toward the company, the national state, its regional government
 * and its municipality, in [0, 1] (mechanism 2).
 *
 * During a month, mechanisms add signals (+ fulfilled commitments, visible spending,
 * successful meetings; − broken or orphaned commitments, failed tables, force). At the end
 * of the month the signal s, clipped to [−1, 1], moves trust asymmetrically
 * (FACTS §7, Pant & Yu 2025; Slovic 1993):
 *   s > 0: T += buildRate·s·(Θ − T),  Θ = 1 − R (the reputation ceiling)
 *   s < 0: T −= erodeRate·|s|·T
 * Reputation damage R rises with each breach and halves every reputationHalfLife months,
 * so trust recovers slowly and never fully right after a breach. Then neighbouring
 * communities pull trust toward each other by bounded confidence over district means
 * (Deffuant / Hegselmann–Krause): own district and linked districts whose mean is within
 * ε count. Double-buffered: every community reads this month's values.
 */
import { CHANNELS, type World } from '../world.js';
import type { State } from '../state.js';

/** Adds a trust signal from community c toward a channel (0 company … 3 local). */
export function addSignal(state: State, c: number, channel: number, amount: number): void {
  state.signal[c * CHANNELS + channel] += amount;
}

/**
 * A broken promise: a negative signal, reputation damage for that channel, memory of the
 * breach (hardship) and a trigger for conflict this month.
 */
export function registerBreach(world: World, state: State, c: number, channel: number): void {
  const P = world.parameters;
  const k = c * CHANNELS + channel;
  state.signal[k] -= P.trust.brokenSignal;
  state.reputation[k] = Math.min(1, state.reputation[k] + P.trust.reputationPerBreach);
  state.memory[c] = Math.min(1, state.memory[c] + P.hardship.memoryPerBreach);
  state.brokenThisMonth[c] = 1;
}

/** Applies the month's signals, decays reputation, then neighbour influence; swaps buffers. */
export function stepTrust(world: World, state: State, scratch: TrustScratch): void {
  const { buildRate, erodeRate, reputationHalfLife, neighbourRate, neighbourConfidence } = world.parameters.trust;
  const decay = Math.pow(0.5, 1 / reputationHalfLife);
  const trust = state.trust;
  const signal = state.signal;
  const reputation = state.reputation;
  const n = trust.length;
  for (let k = 0; k < n; k++) {
    let s = signal[k];
    const r = reputation[k] * decay;
    reputation[k] = r;
    if (s === 0) continue;
    if (s > 1) s = 1;
    else if (s < -1) s = -1;
    const t = trust[k];
    if (s > 0) {
      const ceiling = 1 - r;
      if (t < ceiling) trust[k] = t + buildRate * s * (ceiling - t);
    } else {
      trust[k] = t + erodeRate * s * t;
    }
    signal[k] = 0;
  }

  // Bounded-confidence pull toward neighbouring districts' means (double-buffered).
  const { districtMean, districtCount } = scratch;
  districtMean.fill(0);
  districtCount.fill(0);
  const communityDistrict = world.communityDistrict;
  const nC = communityDistrict.length;
  for (let c = 0; c < nC; c++) {
    const d = communityDistrict[c];
    districtCount[d]++;
    for (let ch = 0; ch < CHANNELS; ch++) districtMean[d * CHANNELS + ch] += trust[c * CHANNELS + ch];
  }
  for (let d = 0; d < districtCount.length; d++) {
    const count = districtCount[d];
    if (count > 0) for (let ch = 0; ch < CHANNELS; ch++) districtMean[d * CHANNELS + ch] /= count;
  }
  const next = state.trustNext;
  const { start, list } = world.districtNeighbours;
  for (let c = 0; c < nC; c++) {
    const d = communityDistrict[c];
    for (let ch = 0; ch < CHANNELS; ch++) {
      const k = c * CHANNELS + ch;
      const own = trust[k];
      let sum = 0;
      let count = 0;
      const m = districtMean[d * CHANNELS + ch];
      if (Math.abs(m - own) <= neighbourConfidence) {
        sum += m;
        count++;
      }
      for (let j = start[d]; j < start[d + 1]; j++) {
        const e = list[j];
        if (districtCount[e] === 0) continue;
        const me = districtMean[e * CHANNELS + ch];
        if (Math.abs(me - own) <= neighbourConfidence) {
          sum += me;
          count++;
        }
      }
      const value = count > 0 ? own + neighbourRate * (sum / count - own) : own;
      next[k] = value < 0 ? 0 : value > 1 ? 1 : value;
    }
  }
  state.trustNext = trust;
  state.trust = next;
}

/** Scratch buffers reused every month (sized by districts). */
export interface TrustScratch {
  readonly districtMean: Float64Array;
  readonly districtCount: Int32Array;
}

export function createTrustScratch(world: World): TrustScratch {
  const nD = world.districtIds.length;
  return { districtMean: new Float64Array(nD * CHANNELS), districtCount: new Int32Array(nD) };
}
