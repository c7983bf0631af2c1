/**
 * The reproduction experiments of Epstein (2002) behind docs/reference-epstein.md:
 * punctuated equilibrium (outbursts, waiting times, activation per outburst), gradual vs
 * sudden legitimacy falls, and the cop-reduction tipping point, each under both forms of
 * the estimated arrest probability. Every number comes from runs over seeds 1..n; nothing
 * here states a conclusion. Pure; no I/O.
 */
import { seededStream } from '../engine/streams.js';
import { quantileSorted } from '../stats/quantiles.js';
import { bcaInterval, mean, median, signedRankTest, type Interval } from '../stats/paired.js';
import { CIVIL_VIOLENCE_SERIES_NAMES, findOutbursts, waitingTimes } from '../models/civil-violence/metrics.js';
import { CivilViolenceScenarioSchema, type CivilViolenceScenario } from '../models/civil-violence/schema.js';
import { compileCivilViolence, simulateCivilViolence } from '../models/civil-violence/simulate.js';

type ArrestForm = 'floor' | 'continuous';
const FORMS: readonly ArrestForm[] = ['floor', 'continuous'];

const withForm = (s: CivilViolenceScenario, form: ArrestForm): CivilViolenceScenario => ({
  ...s,
  arrestProbability: { ...s.arrestProbability, form },
});
const activeOf = (series: Float64Array, steps: number) =>
  series.subarray(CIVIL_VIOLENCE_SERIES_NAMES.indexOf('active') * steps, (CIVIL_VIOLENCE_SERIES_NAMES.indexOf('active') + 1) * steps);
const interval = (x: readonly number[], tag: string): Interval => bcaInterval(x, 2000, seededStream(`ayni/reference/${tag}`));
const quantile = (sorted: readonly number[], p: number) => quantileSorted(sorted, p, 'lower');

interface PunctuatedResult {
  readonly scenario: string;
  readonly form: ArrestForm;
  readonly runs: number;
  readonly threshold: number;
  readonly outburstsPerRun: { readonly mean: number; readonly ci95: Interval };
  readonly runsWithOutburst: number;
  /** Pooled over runs: steps between the end of an outburst and the start of the next. */
  readonly waiting: { readonly count: number; readonly median: number; readonly p25: number; readonly p75: number };
  /** Pooled over outbursts: the most actives in one step of the outburst. */
  readonly peakPerOutburst: { readonly count: number; readonly mean: number; readonly p05: number; readonly p95: number };
  readonly meanActive: number;
  /** The active series of seed 1, for the chart. */
  readonly example: readonly number[];
}

function punctuatedEquilibrium(scenario: CivilViolenceScenario, form: ArrestForm, runs: number): PunctuatedResult {
  const s = withForm(scenario, form);
  const world = compileCivilViolence(s);
  const perRun: number[] = [];
  const waits: number[] = [];
  const peaks: number[] = [];
  const actives: number[] = [];
  let example: number[] = [];
  for (let seed = 1; seed <= runs; seed++) {
    const run = simulateCivilViolence(world, seed);
    const active = activeOf(run.series, s.steps);
    if (seed === 1) example = Array.from(active);
    const outbursts = findOutbursts(active, s.outburstThreshold);
    perRun.push(outbursts.length);
    waits.push(...waitingTimes(outbursts));
    peaks.push(...outbursts.map((o) => o.peak));
    actives.push(run.outcomes.meanActive);
  }
  const w = [...waits].sort((a, b) => a - b);
  const p = [...peaks].sort((a, b) => a - b);
  return {
    scenario: s.name,
    form,
    runs,
    threshold: s.outburstThreshold,
    outburstsPerRun: { mean: mean(perRun), ci95: interval(perRun, `${s.name}/${form}/outbursts`) },
    runsWithOutburst: perRun.filter((n) => n > 0).length,
    waiting: { count: w.length, median: median(w), p25: quantile(w, 0.25), p75: quantile(w, 0.75) },
    peakPerOutburst: { count: p.length, mean: p.length ? mean(p) : Number.NaN, p05: quantile(p, 0.05), p95: quantile(p, 0.95) },
    meanActive: mean(actives),
    example,
  };
}

export interface LegitimacyResult {
  readonly form: ArrestForm;
  readonly runs: number;
  readonly fromStep: number;
  /** Most actives in one step from `fromStep` on, per arm. */
  readonly gradualPeak: { readonly mean: number; readonly ci95: Interval };
  readonly jumpPeak: { readonly mean: number; readonly ci95: Interval };
  /** jump − gradual, paired by seed. */
  readonly difference: { readonly mean: number; readonly ci95: Interval; readonly wilcoxonP: number; readonly jumpHigher: number };
  /** Mean active citizens per step, for the chart. */
  readonly gradualMean: readonly number[];
  readonly jumpMean: readonly number[];
}

function gradualVersusJump(
  gradual: CivilViolenceScenario,
  jump: CivilViolenceScenario,
  form: ArrestForm,
  runs: number,
  fromStep: number,
): LegitimacyResult {
  const arms = [withForm(gradual, form), withForm(jump, form)].map((s) => ({
    s,
    world: compileCivilViolence(s),
    peaks: [] as number[],
    sum: new Float64Array(s.steps),
  }));
  for (let seed = 1; seed <= runs; seed++) {
    for (const arm of arms) {
      const active = activeOf(simulateCivilViolence(arm.world, seed).series, arm.s.steps);
      let peak = 0;
      for (let t = fromStep - 1; t < active.length; t++) peak = Math.max(peak, active[t] as number);
      arm.peaks.push(peak);
      active.forEach((a, t) => (arm.sum[t] = (arm.sum[t] as number) + a));
    }
  }
  const [g, j] = arms as [(typeof arms)[number], (typeof arms)[number]];
  const d = j.peaks.map((x, i) => x - (g.peaks[i] as number));
  return {
    form,
    runs,
    fromStep,
    gradualPeak: { mean: mean(g.peaks), ci95: interval(g.peaks, `gradual/${form}`) },
    jumpPeak: { mean: mean(j.peaks), ci95: interval(j.peaks, `jump/${form}`) },
    difference: {
      mean: mean(d),
      ci95: interval(d, `difference/${form}`),
      wilcoxonP: signedRankTest(d).pValue,
      jumpHigher: d.filter((x) => x > 0).length,
    },
    gradualMean: Array.from(g.sum, (x) => x / runs),
    jumpMean: Array.from(j.sum, (x) => x / runs),
  };
}

interface TippingPoint {
  readonly form: ArrestForm;
  readonly runs: number;
  /** Per constant cop density: the share of runs with an outburst and the mean peak. */
  readonly sweep: ReadonlyArray<{ readonly copDensity: number; readonly outburstShare: number; readonly meanPeak: number }>;
  /** Highest swept density at which at least half the runs have an outburst (null: none). */
  readonly tippingDensity: number | null;
  /** The cop-reduction schedule: cop density at the first outburst, over the runs that have one. */
  readonly schedule: {
    readonly runsWithOutburst: number;
    readonly densityAtFirstOutburst: { readonly median: number; readonly p25: number; readonly p75: number };
  };
}

function copReduction(
  base: CivilViolenceScenario,
  reduction: CivilViolenceScenario,
  form: ArrestForm,
  runs: number,
  densities: readonly number[],
): TippingPoint {
  const sweep = densities.map((copDensity) => {
    const s = withForm(
      CivilViolenceScenarioSchema.parse({
        ...base,
        name: `${base.name}-cops-${copDensity}`,
        copDensity: { initial: copDensity, changes: [] },
      }),
      form,
    );
    const world = compileCivilViolence(s);
    let withOutburst = 0;
    let peaks = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const o = simulateCivilViolence(world, seed).outcomes;
      withOutburst += o.outbursts > 0 ? 1 : 0;
      peaks += o.peakActive;
    }
    return { copDensity, outburstShare: withOutburst / runs, meanPeak: peaks / runs };
  });
  const tipped = sweep.filter((x) => x.outburstShare >= 0.5).map((x) => x.copDensity);
  const s = withForm(reduction, form);
  const world = compileCivilViolence(s);
  const cells = s.grid.width * s.grid.height;
  const atFirst: number[] = [];
  for (let seed = 1; seed <= runs; seed++) {
    const first = findOutbursts(activeOf(simulateCivilViolence(world, seed).series, s.steps), s.outburstThreshold)[0];
    if (first) atFirst.push((world.copsAt[first.first - 1] as number) / cells);
  }
  const sorted = [...atFirst].sort((a, b) => a - b);
  return {
    form,
    runs,
    sweep,
    tippingDensity: tipped.length ? Math.max(...tipped) : null,
    schedule: {
      runsWithOutburst: atFirst.length,
      densityAtFirstOutburst: { median: median(sorted), p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75) },
    },
  };
}

export interface Reproduction {
  readonly runs: number;
  readonly punctuated: readonly PunctuatedResult[];
  readonly legitimacy: readonly LegitimacyResult[];
  readonly tipping: readonly TippingPoint[];
}

export interface ReproductionScenarios {
  readonly run1: CivilViolenceScenario;
  readonly run2: CivilViolenceScenario;
  readonly gradual: CivilViolenceScenario;
  readonly jump: CivilViolenceScenario;
  readonly defaults: CivilViolenceScenario;
  readonly copReduction: CivilViolenceScenario;
}

/** Every experiment under both arrest-probability forms, over seeds 1..runs. */
export function reproduceCivilViolence(s: ReproductionScenarios, runs: number, log: (line: string) => void = () => {}): Reproduction {
  const densities = Array.from({ length: 15 }, (_, i) => Math.round((0.005 + 0.005 * i) * 1000) / 1000);
  const punctuated: PunctuatedResult[] = [];
  const legitimacy: LegitimacyResult[] = [];
  const tipping: TippingPoint[] = [];
  for (const form of FORMS) {
    log(`${form}: punctuated equilibrium…`);
    punctuated.push(punctuatedEquilibrium(s.run1, form, runs), punctuatedEquilibrium(s.run2, form, runs));
    log(`${form}: gradual vs sudden legitimacy fall…`);
    legitimacy.push(gradualVersusJump(s.gradual, s.jump, form, runs, 77));
    log(`${form}: cop reduction…`);
    // The sweep has 15 densities: fewer runs each keep it affordable.
    tipping.push(copReduction(s.defaults, s.copReduction, form, Math.min(runs, 40), densities));
  }
  return { runs, punctuated, legitimacy, tipping };
}
