/**
 * The memory limit of a Peru community-month: one fused pass that reads and writes as many
 * state values per community as a month of the model does, in typed arrays of the same kinds
 * and sizes as state.ts, with no model logic between them. A kernel can not be faster than
 * the traffic of its state, so kernel time / this loop's time is how far the model is from it.
 *
 * Counted from state.ts: the per-community arrays every month touches, whatever happens
 * (conditional ones, such as the tables' effectiveness, and the per-relation and per-project
 * arrays are left out, which makes the limit cheaper and the ratio conservative):
 *
 *   array            reads  writes  where
 *   trust (4 ch.)      4      –     signals, district means, pull, hardship, metrics
 *   trustNext (4)      –      4     the pull toward district targets (double buffer)
 *   reputation (4)     4      4     decay every month
 *   signal (4)         4      2     read by the update; the spending signals add to 2 channels
 *   memory             1      1     decay (hardship)
 *   worksRelief        1      1     decay (hardship)
 *   hardship           1      1     hardship; metrics
 *   grievance          1      1     hardship; cases, metrics
 *   perceivedRisk      1      1     cleared and summed (perceived risk); hardship, metrics
 *   brokenThisMonth    1      1     cleared each month; cases
 *   contagion          1      –     cases
 *   contagionNext      –      1     cleared each month
 *   total             19     17
 */

export const STATE_READS_PER_COMMUNITY = 19;
export const STATE_WRITES_PER_COMMUNITY = 17;

const CHANNELS = 4;

/** Typed arrays shaped like a state of `communities` communities. */
export interface StateLoopArrays {
  readonly communities: number;
  /** Swapped each month, as the model swaps its trust buffers. */
  trust: Float64Array;
  trustNext: Float64Array;
  readonly reputation: Float64Array;
  readonly signal: Float64Array;
  readonly memory: Float64Array;
  readonly worksRelief: Float64Array;
  readonly hardship: Float64Array;
  readonly grievance: Float64Array;
  readonly perceivedRisk: Float64Array;
  readonly brokenThisMonth: Uint8Array;
  readonly contagion: Uint8Array;
  readonly contagionNext: Uint8Array;
}

export function createStateLoopArrays(communities: number): StateLoopArrays {
  const f = (n: number, v: number) => new Float64Array(n).fill(v);
  return {
    communities,
    trust: f(communities * CHANNELS, 0.4),
    trustNext: f(communities * CHANNELS, 0),
    reputation: f(communities * CHANNELS, 0.1),
    signal: f(communities * CHANNELS, 0.01),
    memory: f(communities, 0.2),
    worksRelief: f(communities, 0.1),
    hardship: f(communities, 0.5),
    grievance: f(communities, 0.3),
    perceivedRisk: f(communities, 0.2),
    brokenThisMonth: new Uint8Array(communities),
    contagion: new Uint8Array(communities),
    contagionNext: new Uint8Array(communities),
  };
}

/**
 * One month of state traffic: every value above read once and written once where the model
 * writes it, each written value depending on what was read (nothing is dead code). Stays
 * bounded month after month. Returns a checksum so that the work is observable.
 */
export function stateLoopMonth(s: StateLoopArrays): number {
  const { trust, trustNext, reputation, signal, memory, worksRelief, hardship, grievance, perceivedRisk } = s;
  const { brokenThisMonth, contagion, contagionNext } = s;
  let sum = 0;
  for (let c = 0; c < s.communities; c++) {
    const k = c * CHANNELS;
    let legitimacy = 0;
    for (let ch = 0; ch < CHANNELS; ch++) {
      const r = (reputation[k + ch] as number) * 0.99;
      reputation[k + ch] = r;
      const t = trust[k + ch] as number;
      const next = t + 0.01 * (signal[k + ch] as number) * (1 - r - t);
      trustNext[k + ch] = next;
      legitimacy += next;
    }
    signal[k + 2] = (signal[k + 2] as number) * 0.5;
    signal[k + 3] = (signal[k + 3] as number) * 0.5;
    const m = (memory[c] as number) * 0.99;
    memory[c] = m;
    const w = (worksRelief[c] as number) * 0.99;
    worksRelief[c] = w;
    const risk = (perceivedRisk[c] as number) * 0.5;
    perceivedRisk[c] = risk;
    const h = 0.5 * (hardship[c] as number) + 0.1 * m - 0.1 * w + 0.1 * risk + 0.01 * (brokenThisMonth[c] as number);
    hardship[c] = h;
    const g = 0.5 * (grievance[c] as number) + h * (1 - 0.25 * legitimacy) * 0.5;
    grievance[c] = g;
    brokenThisMonth[c] = 0;
    contagionNext[c] = contagion[c] as number;
    sum += g;
  }
  s.trust = trustNext;
  s.trustNext = trust;
  return sum;
}
