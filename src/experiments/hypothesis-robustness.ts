/**
 * A hypothesis tested over its plausible assumption space (issue #18, item 4): the same
 * pre-registered rule, applied at every point of a design over the assumptions.
 *
 * The base and the variant each run as a design batch with the same points, replications and
 * seed (`<out>/robustness/base/batch`, `<out>/robustness/variant/batch`; resumable like any
 * batch): replicate j of every point in both arms has seedFor(seed, j), so the paired
 * difference variant − base at a point has common random numbers like the main comparison.
 * Per point, its mean and the comparison's paired 95% interval (BCa bootstrap, the same
 * resamples) go to `robustness()`, which applies the rule, counts the shares, ranks the drivers
 * and finds the PRIM box where the verdict at the default assumptions flips.
 *
 * Which assumptions: those the file names, else every parameter of the base's model whose
 * source says "assumption" (the parameter table), each over its explore range (exploreRange).
 * A path whose value differs between the base and the variant is what the variant changes (a
 * lever, or a parameter the reform moves): varying it in both arms would erase the contrast,
 * so a named one is refused and a default one is left out (and listed as held).
 */
import { join } from 'node:path';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { seededStream } from '../engine/streams.js';
import { modelById, modelOf, type AnyScenario } from '../models/registry.js';
import type { LoadedScenario } from '../io/scenario-file.js';
import { runBatch, type BatchHooks } from '../batch/run-batch.js';
import { designIdentity, scenarioAtPoint, type BatchDesign } from '../batch/design.js';
import { BatchStore } from '../batch/store.js';
import { readOutcomeColumns } from '../batch/outcome-columns.js';
import { bcaInterval, mean } from '../stats/paired.js';
import { sobolIndices, type SobolIndexRow } from '../stats/sobol-indices.js';
import { parameterRange, type DesignKind, type ResolvedFactor } from './design-file.js';
import { designPoints } from './design-points.js';
import { robustness, type Robustness, type RobustnessPoint } from './robustness.js';
import type { CompareProgress } from './compare.js';
import type { DecisionRule, Hypothesis, HypothesisResult, RobustnessSpec, Verdict } from './hypothesis.js';

/** Quick-look overrides of the file's design size (`ayni test --robustness-points/-replications`). */
export interface RobustnessOverrides {
  /** Points of an lhs design, or the base sample N of a sobol design. */
  readonly points?: number;
  readonly replications?: number;
}

/** What will run: resolved before the main comparison, so that a bad field costs no runs. */
export interface RobustnessPlan {
  readonly design: Extract<DesignKind, { kind: 'lhs' | 'sobol' }>;
  readonly factors: readonly ResolvedFactor[];
  readonly replications: number;
  readonly seed: number;
  /** Default assumptions left out because the variant sets them. */
  readonly held: readonly string[];
  /** Per factor: whether the scenario takes only whole numbers there (its sampled values are rounded). */
  readonly integer: readonly boolean[];
}

export interface HypothesisRobustness extends Robustness {
  readonly design: RobustnessPlan['design'];
  readonly factors: readonly ResolvedFactor[];
  readonly replications: number;
  readonly seed: number;
  readonly held: readonly string[];
  /** The verdict at the default assumptions (the main test's), against which flips are counted. */
  readonly defaultVerdict: Verdict;
  /** Each point's paired effect (values in the order of `factors`). */
  readonly effects: readonly RobustnessPoint[];
  readonly runs: { readonly total: number; readonly failed: number };
  /** A sobol design's first-order and total indices of the mean paired effect (Saltelli 2010 / Jansen), with bootstrap intervals; else empty. */
  readonly indices: readonly SobolIndexRow[];
  readonly wallTimeMs: number;
}

/** A hypothesis test's result with the rule over the assumption space, when the file declares `robustness:` and it ran. */
export interface TestResult extends HypothesisResult {
  readonly robustness?: HypothesisRobustness;
}

export interface RobustnessRunOptions {
  /** The test's folder; the batches go into `<out>/robustness/{base,variant}/batch`. */
  readonly out: string;
  readonly workers?: number;
  readonly maxFailures?: number;
  readonly taskTimeoutMs?: number;
  /** Bootstrap resamples of each point's interval: the comparison's. @default 4000 */
  readonly resamples?: number;
}

/** The batch folder of one arm of a robustness run. */
const robustnessBatchDir = (out: string, arm: 'base' | 'variant'): string => join(out, 'robustness', arm, 'batch');

/** Paths of a model's parameters whose source marks them an assumption (no published value). */
export function assumptionPaths(modelId: string): string[] {
  const table = modelById(modelId)?.parameters ?? {};
  return Object.keys(table).filter((path) => /\bassumption\b/i.test((table[path] as { source: string }).source));
}

/** The value at a dotted path of a scenario (undefined when absent). */
function valueAt(scenario: AnyScenario, path: string): unknown {
  let node: unknown = scenario;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Resolves a hypothesis's `robustness:` against its loaded base and variant, or says which field is wrong. */
export function planRobustness(
  file: string,
  spec: RobustnessSpec,
  hypothesisSeed: number,
  base: LoadedScenario,
  variant: LoadedScenario,
  overrides: RobustnessOverrides = {},
): Result<RobustnessPlan, InputIssue[]> {
  const modelId = modelOf(base.scenario);
  const table = modelById(modelId)?.parameters ?? {};
  const setByVariant = (path: string) => !sameValue(valueAt(base.scenario, path), valueAt(variant.scenario, path));
  const issues: InputIssue[] = [];
  const at = (i: number) => ['robustness', 'assumptions', String(i)];
  let paths: string[];
  let held: string[] = [];
  if (spec.assumptions === undefined) {
    const all = assumptionPaths(modelId);
    held = all.filter(setByVariant);
    paths = all.filter((p) => !setByVariant(p));
    if (paths.length === 0)
      return fail([
        {
          file,
          path: ['robustness'],
          message: `model ${modelId}'s parameter table marks no parameter as an assumption${held.length > 0 ? ' that the variant does not set' : ''}: name them in robustness.assumptions`,
        },
      ]);
  } else {
    paths = spec.assumptions;
    for (const [i, path] of paths.entries()) {
      if (paths.indexOf(path) !== i) issues.push({ file, path: at(i), message: `${path} is named twice` });
      else if (table[path] === undefined)
        issues.push({
          file,
          path: at(i),
          message: `${path} is not in model ${modelId}'s parameter table, so it has no plausible range; known: ${Object.keys(table).slice(0, 8).join(', ')}, …`,
        });
      else if (setByVariant(path))
        issues.push({
          file,
          path: at(i),
          message: `${path} is set by the variant (base ${JSON.stringify(valueAt(base.scenario, path))}, variant ${JSON.stringify(valueAt(variant.scenario, path))}): varying it in both arms would erase the contrast under test; leave it out`,
        });
    }
  }
  if (issues.length > 0) return fail(issues);
  const factors: ResolvedFactor[] = paths.map((path) => {
    const { range, from } = parameterRange(table[path]!);
    return { path, range, rangeFrom: from };
  });
  // Both ends of each range on both arms: a value the scenario refuses is found here, not mid-run.
  for (const [i, f] of factors.entries()) {
    for (const arm of [base, variant]) {
      for (const value of f.range ?? []) {
        try {
          scenarioAtPoint(arm.scenario, { factors: [f.path], points: [[value]], replications: 1 }, 0);
        } catch (e) {
          issues.push({
            file,
            path: spec.assumptions === undefined ? ['robustness'] : at(i),
            message: `${f.path} = ${value} (an end of its plausible range) is not a valid ${arm === base ? 'base' : 'variant'}: ${(e as Error).message.replace(/^design point 0: /, '')}`,
          });
        }
      }
    }
  }
  if (issues.length > 0) return fail(issues.slice(0, 10));
  // A field that takes only whole numbers (steps, a threshold in people) refuses a value inside
  // its range that the scenario would take rounded: its sampled values are then rounded.
  const integer = factors.map((f) => {
    const [lo, hi] = f.range as readonly [number, number];
    const inside = lo + (hi - lo) * 0.371;
    return Number.isInteger(inside) ? false : !accepts(base.scenario, f.path, inside) && accepts(base.scenario, f.path, Math.round(inside));
  });
  if (overrides.points !== undefined && overrides.points < 2)
    return fail([{ file: '--robustness-points', path: [], message: 'a design needs at least 2 points' }]);
  if (overrides.replications !== undefined && overrides.replications < 2)
    return fail([{ file: '--robustness-replications', path: [], message: 'a paired interval needs at least 2 runs per point' }]);
  const design: RobustnessPlan['design'] =
    spec.design.kind === 'lhs'
      ? { kind: 'lhs', points: overrides.points ?? spec.design.points }
      : { kind: 'sobol', baseSamples: overrides.points ?? spec.design.baseSamples };
  if (design.kind === 'sobol' && !Number.isInteger(Math.log2(design.baseSamples)))
    return fail([{ file: '--robustness-points', path: [], message: 'a sobol design needs a power of 2 base samples' }]);
  return ok({
    design,
    factors,
    replications: overrides.replications ?? spec.replications,
    seed: spec.seed ?? hypothesisSeed,
    held,
    integer,
  });
}

/** Whether the scenario is valid with `path` set to `value`. */
function accepts(scenario: AnyScenario, path: string, value: number): boolean {
  try {
    scenarioAtPoint(scenario, { factors: [path], points: [[value]], replications: 1 }, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stream key of the bootstrap of one design point's paired interval: fixed for good. */
const bootstrapKey = (seed: number, outcome: string, point: number) => `ayni/robustness-bootstrap/${seed}/${outcome}/${point}`;

/**
 * Runs the plan's design on the base and on the variant and applies the rule at each point.
 * `defaultVerdict` is the main test's verdict at the default assumptions.
 */
export async function testRobustness(
  plan: RobustnessPlan,
  h: Pick<Hypothesis, 'primary'> & DecisionRule,
  base: LoadedScenario,
  variant: LoadedScenario,
  defaultVerdict: Verdict,
  options: RobustnessRunOptions,
  hooks: { readonly onProgress?: (p: CompareProgress) => void; readonly signal?: AbortSignal; readonly now?: () => Date } = {},
): Promise<Result<HypothesisRobustness, InputIssue[]>> {
  const now = hooks.now ?? (() => new Date());
  const started = now().getTime();
  const points = designPoints(plan.design, plan.factors, plan.seed).points.map((p) =>
    p.map((v, i) => (plan.integer[i] ? Math.round(v as number) : v)),
  );
  const R = plan.replications;
  const design: BatchDesign = { factors: plan.factors.map((f) => f.path), points, replications: R };
  const runs = points.length * R;
  const arms = [
    { name: 'base' as const, scenario: base },
    { name: 'variant' as const, scenario: variant },
  ];
  // A folder holding another robustness design (a quick look, then the file's size) is refused
  // in a sentence, before any run: the batch's own message lists every factor.
  const wanted = designIdentity(design);
  for (const arm of arms) {
    const dir = robustnessBatchDir(options.out, arm.name);
    const held = new BatchStore(dir).loadIdentity();
    const existing = held.success ? held.data : undefined;
    if (existing?.design !== undefined && (existing.design.hash !== wanted.hash || existing.masterSeed !== plan.seed))
      return fail([
        {
          file: join(options.out, 'robustness'),
          path: [],
          message: `holds another robustness design (${existing.design.points} points × ${existing.design.replications} runs, seed ${existing.masterSeed}; this test asks for ${points.length} × ${R}, seed ${plan.seed}, over ${design.factors.length} assumptions): remove the folder to start over, or choose another --out`,
        },
      ]);
  }
  const done = [0, 0];
  let failed = 0;
  for (const [i, arm] of arms.entries()) {
    const dir = robustnessBatchDir(options.out, arm.name);
    let firstDone: number | undefined;
    const batchHooks: BatchHooks = {
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(hooks.now ? { now: hooks.now } : {}),
      onProgress: (p) => {
        firstDone ??= p.done;
        done[i] = p.done;
        hooks.onProgress?.({
          arm: `robustness ${arm.name}`,
          armIndex: i,
          arms: 2,
          runsPerArm: runs,
          armDone: p.done,
          armTotal: p.total,
          done: (done[0] as number) + (done[1] as number),
          total: 2 * runs,
          failed: p.failed,
          computed: p.done - firstDone + (i === 1 ? (done[0] as number) : 0),
          elapsedMs: now().getTime() - started,
        });
      },
    };
    const result = await runBatch(
      arm.scenario,
      {
        runs,
        seed: plan.seed,
        out: dir,
        resume: true,
        design,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.maxFailures !== undefined ? { maxFailures: options.maxFailures } : {}),
        ...(options.taskTimeoutMs !== undefined ? { taskTimeoutMs: options.taskTimeoutMs } : {}),
      },
      batchHooks,
    );
    if (!result.success) return result;
    if (result.data.status !== 'complete')
      return fail([
        {
          file: dir,
          path: [],
          message: `the robustness ${arm.name} batch did not complete (${result.data.status}${result.data.status === 'failed' ? `: ${result.data.failed} failed runs, more than --max-failures` : ''}); rerun the same command to resume`,
        },
      ]);
    failed += result.data.failed;
    done[i] = runs;
  }
  const column = (arm: 'base' | 'variant') => {
    const values = readOutcomeColumns(robustnessBatchDir(options.out, arm), runs).get(h.primary);
    if (values === undefined) throw new Error(`bug: the batch has no outcome ${h.primary}`);
    return values;
  };
  const baseValues = column('base');
  const variantValues = column('variant');
  const resamples = options.resamples ?? 4000;
  const effects = points.map((values, p): RobustnessPoint => {
    // Replicate j of both arms shares a seed; a pair with a failed run is left out, as in the comparison.
    const d: number[] = [];
    for (let j = 0; j < R; j++) {
      const x = (variantValues[p * R + j] as number) - (baseValues[p * R + j] as number);
      if (!Number.isNaN(x)) d.push(x);
    }
    const ci = bcaInterval(d, resamples, seededStream(bootstrapKey(plan.seed, h.primary, p)));
    return { values: values as number[], difference: mean(d), low: ci.low, high: ci.high };
  });
  const result = robustness(h, design.factors, effects, defaultVerdict);
  // A Saltelli design also apportions the paired effect's variance among the assumptions (NaN where a point has no pairs).
  const indices =
    plan.design.kind === 'sobol'
      ? sobolIndices(
          effects.map((e) => e.difference),
          design.factors,
          seededStream(`ayni/robustness-sobol/${plan.seed}/${h.primary}`),
        )
      : [];
  return ok({
    ...result,
    design: plan.design,
    factors: plan.factors,
    replications: R,
    seed: plan.seed,
    held: plan.held,
    defaultVerdict,
    effects,
    runs: { total: 2 * runs, failed },
    indices,
    wallTimeMs: now().getTime() - started,
  });
}

/** How many drivers a summary keeps (verdict.json, the report's table). */
const SUMMARY_DRIVERS = 10;

/** A PRIM box as a summary keeps it: its measures and only its restricted limits. */
export interface RobustnessBoxSummary {
  readonly coverage: number;
  readonly density: number;
  readonly support: number;
  readonly restricted: number;
  /** Restricted limits; `low` or `high` is null where the box reaches the design's edge on that factor. */
  readonly limits: ReadonlyArray<{ readonly factor: string; readonly low: number | null; readonly high: number | null }>;
}

interface SobolEstimate {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** What verdict.json and reports keep of a robustness run (verdict-file.ts, robustness-text.ts). */
export interface RobustnessSummary {
  readonly design: RobustnessPlan['design'];
  readonly points: number;
  readonly replications: number;
  readonly seed: number;
  readonly runs: { readonly total: number; readonly failed: number };
  readonly assumptions: number;
  readonly held: readonly string[];
  readonly defaultVerdict: Verdict;
  readonly share: Readonly<Record<Verdict, number>>;
  readonly drivers: ReadonlyArray<{ readonly factor: string; readonly spearman: number | null }>;
  /** A sobol design's indices of the strongest factors by total index (first-order S1 and total ST, with 95% intervals); else empty. */
  readonly indices: ReadonlyArray<{ readonly factor: string; readonly S1: SobolEstimate; readonly ST: SobolEstimate }>;
  readonly flips: {
    readonly share: number;
    readonly box: RobustnessBoxSummary | null;
    /** PRIM's peeling trajectory (coverage, density, restricted factors) and its chosen step, for the trade-off chart. */
    readonly trajectory: ReadonlyArray<{ readonly coverage: number; readonly density: number; readonly restricted: number }>;
    readonly chosen: number | null;
  };
  readonly wallTimeMs: number;
}

export function robustnessSummary(r: HypothesisRobustness): RobustnessSummary {
  const column = (k: number) => r.effects.map((e) => e.values[k] as number);
  const edge = (factor: string) => {
    const values = column(r.factors.findIndex((f) => f.path === factor));
    return { min: Math.min(...values), max: Math.max(...values) };
  };
  const box = r.flips.box;
  return {
    design: r.design,
    points: r.points,
    replications: r.replications,
    seed: r.seed,
    runs: r.runs,
    assumptions: r.factors.length,
    held: r.held,
    defaultVerdict: r.defaultVerdict,
    share: r.share,
    // NaN (a constant effect) is null in JSON.
    drivers: r.drivers.slice(0, SUMMARY_DRIVERS).map((d) => ({ factor: d.factor, spearman: Number.isNaN(d.spearman) ? null : d.spearman })),
    indices: sobolSummary(r.indices),
    flips: {
      share: r.flips.share,
      box:
        box === null
          ? null
          : {
              coverage: box.coverage,
              density: box.density,
              support: box.support,
              restricted: box.restricted,
              limits: box.limits
                .filter((l) => l.restricted)
                .map((l) => {
                  const { min, max } = edge(l.factor);
                  return { factor: l.factor, low: l.low > min ? l.low : null, high: l.high < max ? l.high : null };
                }),
            },
      trajectory: r.prim?.trajectory.map((b) => ({ coverage: b.coverage, density: b.density, restricted: b.restricted })) ?? [],
      chosen: r.prim?.chosen ?? null,
    },
    wallTimeMs: r.wallTimeMs,
  };
}

/** Indices by factor, strongest total index first (NaN last), the first few. */
function sobolSummary(rows: readonly SobolIndexRow[]): RobustnessSummary['indices'] {
  const of = (factor: string, index: 'S1' | 'ST'): SobolEstimate => {
    const row = rows.find((r) => r.factor === factor && r.index === index);
    return { estimate: row?.estimate ?? Number.NaN, low: row?.low ?? Number.NaN, high: row?.high ?? Number.NaN };
  };
  const size = (x: number) => (Number.isNaN(x) ? Number.NEGATIVE_INFINITY : x);
  return [...new Set(rows.map((r) => r.factor))]
    .map((factor) => ({ factor, S1: of(factor, 'S1'), ST: of(factor, 'ST') }))
    .sort((a, b) => size(b.ST.estimate) - size(a.ST.estimate))
    .slice(0, SUMMARY_DRIVERS);
}
