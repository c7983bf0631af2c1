/**
 * The statistics of a comparison: each variant's outcomes against the base's, run by run
 * (run i of every arm shares a seed). Pure: the arms' outcomes come in as columns, and the
 * bootstrap draws from seeded streams.
 */
import type { Better } from '../engine/model.js';
import { seededStream } from '../engine/streams.js';
import { bcaInterval, holm, mean, median, signedRankTest, standardDeviation, unpairedInterval, type Interval } from '../stats/paired.js';

/** An outcome of the compared scenarios' model (see describeModel). */
export type OutcomeName = string;

export interface OutcomeComparison {
  /** The variant's arm (its folder under arms/); its label is in Comparison.variants. */
  readonly variant: string;
  readonly outcome: OutcomeName;
  readonly better: Better;
  /** Pairs in which both runs completed. */
  readonly n: number;
  readonly base: { readonly mean: number; readonly median: number };
  readonly variantArm: { readonly mean: number; readonly median: number };
  /** variant − base, paired. */
  readonly difference: {
    readonly mean: number;
    readonly ci95: Interval;
    readonly unpairedCi95: Interval;
    readonly pairedWidthShare: number;
  };
  /** Cohen's d_z: mean difference over its standard deviation (null when every pair is equal). */
  readonly effectSize: number | null;
  /** Share of pairs in which the variant is better (ties half); null for neutral outcomes. */
  readonly probabilityBetter: number | null;
  readonly wilcoxon: { readonly statistic: number; readonly pValue: number; readonly method: string };
  /** Holm-adjusted across this variant's outcomes. */
  readonly pHolm: number;
}

/**
 * Every variant against the base (arm 0), outcome by outcome, with Holm's adjustment across
 * each variant's outcomes. Each variant and outcome has its own bootstrap stream, so adding an
 * outcome or a variant never changes another's interval.
 */
export function compareArms(
  arms: ReadonlyArray<ReadonlyMap<string, Float64Array>>,
  names: readonly string[],
  outcomes: readonly OutcomeName[],
  better: Readonly<Record<string, Better>>,
  seed: number,
  resamples: number,
): OutcomeComparison[] {
  const baseColumns = arms[0] as ReadonlyMap<string, Float64Array>;
  const runs = baseColumns.values().next().value?.length ?? 0;
  const results: OutcomeComparison[] = [];
  for (let v = 1; v < arms.length; v++) {
    const variantColumns = arms[v] as ReadonlyMap<string, Float64Array>;
    const perOutcome = outcomes.map((outcome) => {
      const column = (arm: ReadonlyMap<string, Float64Array>) => arm.get(outcome) ?? new Float64Array(runs).fill(Number.NaN);
      return comparePaired(
        names[v] as string,
        outcome,
        better[outcome] ?? 'neutral',
        column(baseColumns),
        column(variantColumns),
        resamples,
        seededStream(`ayni/bootstrap/${seed}/${v}/${outcome}`),
      );
    });
    const adjusted = holm(perOutcome.map((r) => r.wilcoxon.pValue));
    perOutcome.forEach((r, i) => results.push({ ...r, pHolm: adjusted[i] as number }));
  }
  return results;
}

/** Paired comparison of one outcome; runs that failed in either arm are left out. */
export function comparePaired(
  variant: string,
  outcome: OutcomeName,
  better: Better,
  base: Float64Array,
  variantValues: Float64Array,
  resamples: number,
  rng: () => number,
): Omit<OutcomeComparison, 'pHolm'> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < base.length; i++) {
    if (Number.isNaN(base[i]) || Number.isNaN(variantValues[i])) continue;
    a.push(base[i] as number);
    b.push(variantValues[i] as number);
  }
  const d = b.map((x, i) => x - (a[i] as number));
  const ci95 = bcaInterval(d, resamples, rng);
  const unpairedCi95 = unpairedInterval(a, b, resamples, rng);
  const sd = standardDeviation(d);
  const meanDifference = mean(d);
  let wins = 0;
  for (const x of d) wins += x === 0 ? 0.5 : (better === 'lower' ? x < 0 : x > 0) ? 1 : 0;
  const test = signedRankTest(d);
  const pairedWidth = ci95.high - ci95.low;
  const unpairedWidth = unpairedCi95.high - unpairedCi95.low;
  return {
    variant,
    outcome,
    better,
    n: d.length,
    base: { mean: mean(a), median: median(a) },
    variantArm: { mean: mean(b), median: median(b) },
    difference: {
      mean: meanDifference,
      ci95,
      unpairedCi95,
      pairedWidthShare: unpairedWidth > 0 ? pairedWidth / unpairedWidth : Number.NaN,
    },
    effectSize: sd > 0 ? meanDifference / sd : null,
    probabilityBetter: better === 'neutral' || d.length === 0 ? null : wins / d.length,
    wilcoxon: { statistic: test.statistic, pValue: test.pValue, method: test.method },
  };
}
