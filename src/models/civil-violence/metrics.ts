/**
 * What a run of the civil violence model reports: per-step series and per-run outcomes,
 * including the punctuated-equilibrium measures (outbursts of more than `threshold` active
 * citizens, the waiting times between them and the activation in each). Pure.
 */
import type { CivilViolenceOutcomes } from './outcomes.js';

export const CIVIL_VIOLENCE_SERIES_NAMES = ['quiet', 'active', 'jailed', 'cops', 'legitimacy', 'arrests'] as const;
export type CivilViolenceSeriesName = (typeof CIVIL_VIOLENCE_SERIES_NAMES)[number];

/** One outburst: steps first..last (1-based, inclusive) with more actives than the threshold. */
export interface Outburst {
  readonly first: number;
  readonly last: number;
  /** Most active citizens in one step of the outburst. */
  readonly peak: number;
}

/** The outbursts of a series of active counts (index t is step t + 1). */
export function findOutbursts(active: ArrayLike<number>, threshold: number): Outburst[] {
  const out: Outburst[] = [];
  let first = -1;
  let peak = 0;
  for (let t = 0; t <= active.length; t++) {
    const above = t < active.length && (active[t] as number) > threshold;
    if (above) {
      if (first < 0) {
        first = t + 1;
        peak = 0;
      }
      peak = Math.max(peak, active[t] as number);
    } else if (first >= 0) {
      out.push({ first, last: t, peak });
      first = -1;
    }
  }
  return out;
}

/** Steps between the end of one outburst and the start of the next. */
export function waitingTimes(outbursts: readonly Outburst[]): number[] {
  return outbursts.slice(1).map((o, i) => o.first - (outbursts[i] as Outburst).last - 1);
}

/** A run's outcomes from its series (metric-major, `steps` values per metric). */
export function civilViolenceOutcomes(series: Float64Array, steps: number, threshold: number): CivilViolenceOutcomes {
  const column = (name: CivilViolenceSeriesName) =>
    series.subarray(CIVIL_VIOLENCE_SERIES_NAMES.indexOf(name) * steps, (CIVIL_VIOLENCE_SERIES_NAMES.indexOf(name) + 1) * steps);
  const active = column('active');
  const jailed = column('jailed');
  const arrests = column('arrests');
  const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);
  const outbursts = findOutbursts(active, threshold);
  return {
    meanActive: sum(active) / steps,
    peakActive: active.reduce((a, b) => Math.max(a, b), 0),
    outbursts: outbursts.length,
    outburstSteps: outbursts.reduce((n, o) => n + o.last - o.first + 1, 0),
    activationPerOutburst: outbursts.length === 0 ? 0 : outbursts.reduce((n, o) => n + o.peak, 0) / outbursts.length,
    // Censored at steps + 1 when no outburst happens, so that the outcome is always a number.
    firstOutburstStep: outbursts[0]?.first ?? steps + 1,
    arrests: sum(arrests),
    meanJailed: sum(jailed) / steps,
    finalActive: active[steps - 1] ?? 0,
  };
}
