/**
 * Reading a hypothesis file and running it: load the file, its base and its variant
 * (relative to the file), compare them with the declared outcomes, runs and precision, and
 * decide by the declared rule. Problems are blamed where they are: a field of the hypothesis
 * file (a scenario it names that does not exist, too many runs), or the scenario file itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { Override } from '../scenario/load.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { HypothesisSchema, decide, type Hypothesis } from './hypothesis.js';
import { compareScenarios, type CompareHooks, type CompareOptions } from './compare.js';
import { describeModel, modelOf } from '../models/registry.js';
import { readSchemaFile } from '../io/schema-file.js';
import { loadScenario, loadVariant, rootIssue, scenarioRoot } from '../io/scenario-file.js';
import { planRobustness, testRobustness, type RobustnessOverrides, type TestResult } from './hypothesis-robustness.js';

export function loadHypothesis(file: string, options: { readonly root?: string } = {}): Result<Hypothesis, InputIssue[]> {
  const root = scenarioRoot(options);
  const badRoot = rootIssue(root);
  if (badRoot) return fail([badRoot]);
  return readSchemaFile(file, HypothesisSchema, root === undefined ? {} : { root });
}

/** The hypothesis file's content hash (its bytes as registered), recorded in verdict.json. */
export function hypothesisFileHash(file: string): string {
  return `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
}

export interface TestOptions {
  readonly out: string;
  readonly workers?: number;
  /** Confine the hypothesis file, its base and its variant to this folder (see LoadOptions.root). */
  readonly root?: string;
  /** `--set path=value` overrides, applied to the base and to the variant. */
  readonly set?: readonly Override[];
  readonly maxFailures?: number;
  readonly taskTimeoutMs?: number;
  readonly faults?: CompareOptions['faults'];
  /** Run the file's `robustness:` after the main comparison. @default true */
  readonly robustness?: boolean;
  /** Quick-look sizes of the robustness design, instead of the file's. */
  readonly robustnessSize?: RobustnessOverrides;
  /**
   * Runs per arm instead of the file's runs and precision (reports/ publishes the national
   * hypotheses with fewer runs, and says so); the result's hypothesis carries them.
   */
  readonly runs?: number;
}

export interface TestHooks extends CompareHooks {
  /** Progress of the robustness batches (arms `robustness base` and `robustness variant`). */
  readonly onRobustnessProgress?: CompareHooks['onProgress'];
}

export async function testHypothesis(file: string, options: TestOptions, hooks: TestHooks = {}): Promise<Result<TestResult, InputIssue[]>> {
  const root = scenarioRoot(options);
  const access = root === undefined ? {} : { root };
  const loaded = loadHypothesis(file, access);
  if (!loaded.success) return loaded;
  const { precision: _precision, ...declared } = loaded.data;
  const h = options.runs === undefined ? loaded.data : { ...declared, runs: options.runs };
  // Scenario paths as the user would type them from here (relative to the hypothesis file).
  const near = (path: string) => (isAbsolute(path) ? path : join(dirname(file), path));
  const baseFile = near(h.base);
  const variantFile = near(h.variant);
  const missing = (['base', 'variant'] as const).filter((key) => !existsSync(near(h[key])));
  if (missing.length > 0) return fail(missing.map((key) => ({ file, path: [key], message: `scenario not found: ${near(h[key])}` })));
  const load = { ...access, set: options.set ?? [] };
  const base = loadScenario(baseFile, load);
  // A broken base is reported once, as itself: an overlay variant applied onto it would repeat its errors under the overlay's name.
  if (!base.success) return base;
  const variant = loadVariant(variantFile, baseFile, load);
  if (!variant.success) return variant;
  // Outcomes come from this file, not from --outcomes: check them against the scenarios' model here.
  const model = describeModel(modelOf(base.data.scenario));
  const foreign = [
    ...(model.outcomeNames.includes(h.primary) ? [] : [{ path: ['primary'], name: h.primary }]),
    ...h.secondary.flatMap((name, i) => (model.outcomeNames.includes(name) ? [] : [{ path: ['secondary', String(i)], name }])),
  ];
  if (foreign.length > 0)
    return fail(
      foreign.map(({ path, name }) => ({
        file,
        path,
        message: `${name} is not an outcome of model ${model.id} (the base's); known: ${model.outcomeNames.join(', ')}`,
      })),
    );
  // The robustness design is checked before anything runs: a bad field costs no runs.
  const wantRobustness = h.robustness !== undefined && options.robustness !== false;
  const plan =
    wantRobustness && h.robustness
      ? planRobustness(file, h.robustness, h.seed, base.data, variant.data, options.robustnessSize)
      : undefined;
  if (plan && !plan.success) return plan;
  const comparison = await compareScenarios(
    base.data,
    [variant.data],
    {
      runs: h.runs,
      seed: h.seed,
      out: options.out,
      outcomes: [...new Set([h.primary, ...h.secondary])],
      ...(h.precision ? { precision: h.precision.halfWidth, maxRuns: h.precision.maxRuns } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.maxFailures !== undefined ? { maxFailures: options.maxFailures } : {}),
      ...(options.taskTimeoutMs !== undefined ? { taskTimeoutMs: options.taskTimeoutMs } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
    },
    hooks,
  );
  if (!comparison.success) return comparison;
  const primary = comparison.data.results.find((r) => r.outcome === h.primary);
  if (primary === undefined) throw new Error('bug: the primary outcome is missing from the comparison');
  const { verdict, basis } = decide(h, primary);
  if (plan === undefined) return ok({ hypothesis: h, verdict, basis, primary, comparison: comparison.data });
  const robust = await testRobustness(
    plan.data,
    h,
    base.data,
    variant.data,
    verdict,
    {
      out: options.out,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.maxFailures !== undefined ? { maxFailures: options.maxFailures } : {}),
      ...(options.taskTimeoutMs !== undefined ? { taskTimeoutMs: options.taskTimeoutMs } : {}),
      resamples: comparison.data.resamples,
    },
    {
      ...(hooks.onRobustnessProgress ? { onProgress: hooks.onRobustnessProgress } : {}),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(hooks.now ? { now: hooks.now } : {}),
    },
  );
  if (!robust.success) return robust;
  return ok({ hypothesis: h, verdict, basis, primary, comparison: comparison.data, robustness: robust.data });
}

/**
 * One results folder name per hypothesis file: its name without the extension (`h`), or,
 * when two files of one command share it, with as many parent folders as tell them apart
 * (`a-h`, `b-h`). Two files that cannot be told apart, or one file named twice, are refused:
 * one would overwrite the other's results.
 */
export function hypothesisFolders(files: readonly string[]): Result<string[], InputIssue[]> {
  const absolute = files.map((f) => resolve(f));
  const twice = files.filter((_, i) => absolute.indexOf(absolute[i] as string) !== i);
  if (twice.length > 0)
    return fail(twice.map((f) => ({ file: f, path: [], message: 'hypothesis file named more than once in this command' })));
  const parts = absolute.map((a) => [...dirname(a).split(sep).filter(Boolean), basename(a).replace(/\.(ya?ml|json)$/i, '')]);
  const depth = files.map(() => 1);
  const name = (i: number) => (parts[i] as string[]).slice(-(depth[i] as number)).join('-');
  for (;;) {
    const names = files.map((_, i) => name(i));
    const clashing = names.map((n, i) => names.some((m, j) => j !== i && m === n));
    if (!clashing.includes(true)) return ok(names);
    let grew = false;
    clashing.forEach((clash, i) => {
      if (clash && (depth[i] as number) < (parts[i] as string[]).length) {
        depth[i] = (depth[i] as number) + 1;
        grew = true;
      }
    });
    if (!grew) {
      const first = clashing.indexOf(true);
      const other = names.findIndex((n, j) => j !== first && n === names[first]);
      const stem = (parts[first] as string[]).at(-1);
      return fail([
        {
          file: files[first] as string,
          path: [],
          message: `would write into the same results folder as ${files[other]} (both are named ${stem}); rename one of them, or test them in separate commands with different --out`,
        },
      ]);
    }
  }
}
