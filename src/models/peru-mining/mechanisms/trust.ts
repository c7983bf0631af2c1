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
 * (Hegselmann–Krause): a district's target is the mean of its own and its linked districts'
 * means within ε of its own; a community moves neighbourRate of the way toward its
 * district's target if that is within ε of its trust. Double-buffered: every community
 * reads this month's values.
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
  applySignals(world, state);
  computeDistrictTargets(world, state.trust, scratch);
  pullTowardNeighbours(world, state, scratch);
}

/** Asymmetric update from this month's signals (then cleared); reputation decays. */
function applySignals(world: World, state: State): void {
  const { buildRate, erodeRate, reputationHalfLife } = world.parameters.trust;
  const decay = Math.pow(0.5, 1 / reputationHalfLife);
  const trust = state.trust;
  const signal = state.signal;
  const reputation = state.reputation;
  const n = trust.length;
  for (let k = 0; k < n; k++) {
    const r = reputation[k] * decay;
    reputation[k] = r;
    let s = signal[k];
    if (s === 0) continue;
    signal[k] = 0;
    if (s > 1) s = 1;
    else if (s < -1) s = -1;
    const t = trust[k];
    if (s > 0) {
      const ceiling = 1 - r;
      if (t < ceiling) trust[k] = t + buildRate * s * (ceiling - t);
    } else {
      trust[k] = t + erodeRate * s * t;
    }
  }
}

/**
 * District means, then each district's target: the mean of its own and its linked
 * districts' means within ε of its own (Hegselmann–Krause over districts).
 */
function computeDistrictTargets(world: World, trust: Float64Array, scratch: TrustScratch): void {
  const { neighbourConfidence } = world.parameters.trust;
  const { districtMean, districtCount, districtTarget } = scratch;
  districtMean.fill(0);
  districtCount.fill(0);
  const communityDistrict = world.communityDistrict;
  for (let c = 0; c < communityDistrict.length; c++) {
    const base = communityDistrict[c] * CHANNELS;
    const k = c * CHANNELS;
    districtCount[communityDistrict[c]]++;
    districtMean[base] += trust[k];
    districtMean[base + 1] += trust[k + 1];
    districtMean[base + 2] += trust[k + 2];
    districtMean[base + 3] += trust[k + 3];
  }
  const { start, list } = world.districtNeighbours;
  for (let d = 0; d < districtCount.length; d++) {
    const count = districtCount[d];
    if (count > 0) for (let ch = 0; ch < CHANNELS; ch++) districtMean[d * CHANNELS + ch] /= count;
  }
  for (let d = 0; d < districtCount.length; d++) {
    for (let ch = 0; ch < CHANNELS; ch++) {
      const own = districtMean[d * CHANNELS + ch];
      let sum = own;
      let count = 1;
      for (let j = start[d]; j < start[d + 1]; j++) {
        const e = list[j];
        if (districtCount[e] === 0) continue;
        const m = districtMean[e * CHANNELS + ch];
        if (Math.abs(m - own) <= neighbourConfidence) {
          sum += m;
          count++;
        }
      }
      districtTarget[d * CHANNELS + ch] = sum / count;
    }
  }
}

/** Each community moves neighbourRate toward its district's target if it is within ε; then swap. */
function pullTowardNeighbours(world: World, state: State, scratch: TrustScratch): void {
  const { neighbourRate, neighbourConfidence } = world.parameters.trust;
  const trust = state.trust;
  const next = state.trustNext;
  const target = scratch.districtTarget;
  const communityDistrict = world.communityDistrict;
  for (let c = 0; c < communityDistrict.length; c++) {
    const base = communityDistrict[c] * CHANNELS;
    for (let ch = 0; ch < CHANNELS; ch++) {
      const k = c * CHANNELS + ch;
      const own = trust[k];
      const gap = target[base + ch] - own;
      const value = gap <= neighbourConfidence && gap >= -neighbourConfidence ? own + neighbourRate * gap : own;
      next[k] = value < 0 ? 0 : value > 1 ? 1 : value;
    }
  }
  state.trustNext = trust;
  state.trust = next;
}

/** Scratch buffers reused every month (sized by districts). */
export interface TrustScratch {
  readonly districtMean: Float64Array;
  readonly districtTarget: Float64Array;
  readonly districtCount: Int32Array;
}

export function createTrustScratch(world: World): TrustScratch {
  const nD = world.districtIds.length;
  return {
    districtMean: new Float64Array(nD * CHANNELS),
    districtTarget: new Float64Array(nD * CHANNELS),
    districtCount: new Int32Array(nD),
  };
}
