/**
 * `compareScenarios`: a base and one or more variants, each run as a batch with the same
 * master seed, so that run i of every arm has the same seed and, thanks to the model's
 * separate random streams, the same exogenous draws (prices, turnover, incidents): the
 * differences are paired (common random numbers).
 *
 * With `precision`, all arms grow together (in whole blocks) until the 95% interval of the
 * primary outcome (the first) has a half-width of at most `precision` for every variant, or
 * `maxRuns` is reached.
 *
 * The same command run again gives the same comparison: arm folders that already hold at
 * least the runs a step needs are reused (only their first runs are read), and the precision
 * steps are replayed from the first, so the answer never depends on what the folders held.
 *
 * This file is the loop only: the arms' batches (batch/run-batch.ts), the reading of their
 * first runs (batch/outcome-columns.ts) and the statistics (paired-comparison.ts).
 */
import { join } from 'node:path';
import { describeModel, modelOf } from '../models/registry.js';
import type { Label } from '../scenario/label.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { distinctLabels } from '../scenario/arm-labels.js';
import type { LoadedScenario } from '../io/scenario-file.js';
import { BatchStore } from '../batch/store.js';
import { runBatch, type BatchHooks, type BatchOptions } from '../batch/run-batch.js';
import { DEFAULT_BLOCK_SIZE } from '../batch/plan.js';
import { readOutcomeColumns } from '../batch/outcome-columns.js';
import { MAX_ARM_RUNS } from './limits.js';
import { compareArms, type OutcomeComparison, type OutcomeName } from './paired-comparison.js';

export { MAX_ARM_RUNS };
// The statistics live in paired-comparison.ts; they are exported here too, beside the loop that uses them.
export { comparePaired, type OutcomeComparison, type OutcomeName } from './paired-comparison.js';

export interface CompareOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly workers?: number;
  readonly out: string;
  /** Outcomes to compare; the first is the primary. @default the model's defaultOutcomes */
  readonly outcomes?: readonly OutcomeName[];
  /** Target half-width of the primary outcome's 95% interval. */
  readonly precision?: number;
  /** Most runs per arm in precision mode. @default 10 × runs */
  readonly maxRuns?: number;
  /** Bootstrap resamples. @default 4000 */
  readonly resamples?: number;
  readonly blockSize?: number;
  /** Failed runs tolerated per arm before it stops (failed pairs are left out). @default 0 */
  readonly maxFailures?: number;
  /** Keep every run's series in each arm (series/*.parquet). */
  readonly keepSeries?: boolean;
  readonly taskTimeoutMs?: number;
  /** Fault injection for reliability tests, passed to every arm's batch. */
  readonly faults?: BatchOptions['faults'];
}

/** Where a comparison is: which arm is running, and all arms together at the current step. */
export interface CompareProgress {
  readonly arm: string;
  /** 0-based position of the arm (0 is the base). */
  readonly armIndex: number;
  readonly arms: number;
  /** Runs per arm at this step (it grows in precision mode). */
  readonly runsPerArm: number;
  /** This arm's batch: runs done (ok or failed) and its total. */
  readonly armDone: number;
  readonly armTotal: number;
  /** Every arm at this step. */
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  /** Runs computed in this session (not reused from an earlier one), for the rate. */
  readonly computed: number;
  readonly elapsedMs: number;
}

export interface CompareHooks {
  readonly onProgress?: (progress: CompareProgress) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

/** An arm whose batch stopped after more failed runs than maxFailures allows. */
export interface ArmStopped extends InputIssue {
  readonly reason: 'failed-runs';
  readonly arm: string;
  readonly failed: number;
}

export const isArmStopped = (issue: InputIssue): issue is ArmStopped => (issue as Partial<ArmStopped>).reason === 'failed-runs';

/**
 * An arm of a comparison: `name` as its scenario writes it, `label` as people see it in
 * each language (its scenario's label, else its name; made distinct between arms), `arm` its
 * folder under arms/ (a slug, which results[].variant refers to).
 */
interface ComparedArm {
  readonly arm: string;
  readonly name: string;
  readonly label: Label;
  readonly file: string;
  readonly hash: string;
}

export interface Comparison {
  readonly base: ComparedArm;
  readonly variants: readonly ComparedArm[];
  readonly seed: number;
  readonly runs: number;
  readonly resamples: number;
  readonly outcomes: readonly OutcomeName[];
  readonly precision: { readonly target: number | null; readonly reached: number; readonly met: boolean | null };
  readonly results: readonly OutcomeComparison[];
  readonly arms: readonly string[];
}

export async function compareScenarios(
  base: LoadedScenario,
  variants: readonly LoadedScenario[],
  options: CompareOptions,
  hooks: CompareHooks = {},
): Promise<Result<Comparison, InputIssue[]>> {
  const model = describeModel(modelOf(base.scenario));
  const otherModel = variants.find((v) => modelOf(v.scenario) !== model.id);
  if (otherModel)
    return fail([
      {
        file: otherModel.file,
        path: ['model'],
        message: `is a ${modelOf(otherModel.scenario)} scenario; the base is ${model.id}, and arms of a comparison must share a model`,
      },
    ]);
  const outcomes = options.outcomes ?? model.defaultOutcomes;
  const badOutcomes = checkOutcomes(outcomes, model.id, model.outcomeNames);
  if (badOutcomes) return fail([badOutcomes]);
  if (variants.length === 0) return fail([{ file: '', path: [], message: 'name at least one variant' }]);
  const seed = options.seed ?? 1;
  const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
  const resamples = options.resamples ?? 4000;
  const maxRuns = options.maxRuns ?? Math.min(options.runs * 10, MAX_ARM_RUNS);
  const badRuns = checkRuns(options.runs, maxRuns, options.precision !== undefined);
  if (badRuns) return fail([badRuns]);
  const arms = [base, ...variants];
  const names = armNames(arms);
  const armDirs = names.map((name) => join(options.out, 'arms', name));
  const now = hooks.now ?? (() => new Date());
  const started = now().getTime();
  // Runs each arm's folder is known to hold complete in this session: later steps that need
  // no more skip the batch.
  const ensured = arms.map(() => 0);
  let computed = 0;

  // In precision mode, arms grow in whole blocks so that earlier blocks stay valid.
  let runs = options.precision === undefined ? options.runs : roundUp(options.runs, blockSize);
  for (;;) {
    const armDone = arms.map(() => 0);
    const armTotal = arms.map(() => runs);
    for (const [i, arm] of arms.entries()) {
      if (ensured[i]! >= runs) {
        armDone[i] = armTotal[i] = ensured[i]!;
        continue;
      }
      // A folder that already holds more runs of the same batch is kept whole (a batch cannot
      // shrink); only its first `runs` runs are read.
      const dir = armDirs[i] as string;
      const asked = Math.max(runs, heldRuns(dir, arm, seed, blockSize));
      let firstDone: number | undefined;
      const batchHooks: BatchHooks = {
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        ...(hooks.now ? { now: hooks.now } : {}),
        onProgress: (p) => {
          firstDone ??= p.done;
          armDone[i] = p.done;
          armTotal[i] = p.total;
          hooks.onProgress?.({
            arm: names[i] as string,
            armIndex: i,
            arms: arms.length,
            runsPerArm: runs,
            armDone: p.done,
            armTotal: p.total,
            done: sum(armDone),
            total: sum(armTotal),
            failed: p.failed,
            computed: computed + p.done - firstDone,
            elapsedMs: now().getTime() - started,
          });
        },
      };
      const batchOptions: BatchOptions = {
        runs: asked,
        seed,
        out: dir,
        resume: true,
        blockSize,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.maxFailures !== undefined ? { maxFailures: options.maxFailures } : {}),
        ...(options.keepSeries ? { keepSeries: true } : {}),
        ...(options.taskTimeoutMs !== undefined ? { taskTimeoutMs: options.taskTimeoutMs } : {}),
        ...(options.faults ? { faults: options.faults } : {}),
      };
      const result = await runBatch(arm, batchOptions, batchHooks);
      if (!result.success) return result;
      computed += armDone[i]! - (firstDone ?? armDone[i]!);
      const { status, failed } = result.data;
      if (status === 'failed') return fail([armStopped(names[i] as string, dir, failed, options.maxFailures ?? 0)]);
      if (status !== 'complete') {
        return fail([{ file: dir, path: [], message: `arm ${names[i]} did not complete (${status}); rerun the same command to resume` }]);
      }
      ensured[i] = asked;
    }
    // Only the first `runs` runs of each arm are read: a reused folder may hold more.
    const columns = armDirs.map((dir) => readOutcomeColumns(dir, runs));
    const results = compareArms(columns, names, outcomes, model.better, seed, resamples);
    const reached = Math.max(
      ...results.filter((r) => r.outcome === outcomes[0]).map((r) => (r.difference.ci95.high - r.difference.ci95.low) / 2),
    );
    const done = options.precision === undefined || reached <= options.precision || runs >= maxRuns || !Number.isFinite(reached);
    if (done) {
      const labels = distinctLabels(
        [base, ...variants].map((a) => a.scenario),
        names,
      );
      const arm = (a: LoadedScenario, i: number): ComparedArm => ({
        arm: names[i] as string,
        name: a.scenario.name,
        label: labels[i] as Label,
        file: a.file,
        hash: a.hash,
      });
      return ok({
        base: arm(base, 0),
        variants: variants.map((v, i) => arm(v, i + 1)),
        seed,
        runs,
        resamples,
        outcomes,
        precision: {
          target: options.precision ?? null,
          reached,
          met: options.precision === undefined ? null : reached <= options.precision,
        },
        results,
        arms: armDirs,
      });
    }
    // Half-widths shrink as 1/√n: aim for the target with 10% to spare, never beyond maxRuns.
    const needed = Math.ceil(runs * Math.pow(reached / (options.precision as number), 2) * 1.1);
    runs = Math.min(roundUp(maxRuns, blockSize), roundUp(Math.max(needed, runs + blockSize), blockSize));
  }
}

/** Outcomes to compare: at least one, each once, each an outcome of the model. */
function checkOutcomes(outcomes: readonly OutcomeName[], model: string, known: readonly string[]): InputIssue | undefined {
  if (outcomes.length === 0)
    return { file: '--outcomes', path: [], message: `name at least one outcome of model ${model}; known: ${known.join(', ')}` };
  const unknown = outcomes.filter((o) => !known.includes(o));
  if (unknown.length > 0)
    return {
      file: '--outcomes',
      path: [],
      message: `unknown outcome(s) of model ${model}: ${unknown.join(', ')}; known: ${known.join(', ')}`,
    };
  const twice = outcomes.filter((o, i) => outcomes.indexOf(o) !== i);
  if (twice.length > 0)
    return { file: '--outcomes', path: [], message: `outcome(s) named more than once: ${[...new Set(twice)].join(', ')}` };
  return undefined;
}

function checkRuns(runs: number, maxRuns: number, precision: boolean): InputIssue | undefined {
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 2 && n <= MAX_ARM_RUNS;
  if (!whole(runs))
    return { file: '--runs', path: [], message: `expected a whole number of runs per arm from 2 to ${MAX_ARM_RUNS}, got ${runs}` };
  if (precision && !whole(maxRuns))
    return { file: '--max-runs', path: [], message: `expected a whole number of runs per arm from 2 to ${MAX_ARM_RUNS}, got ${maxRuns}` };
  if (precision && maxRuns < runs)
    return {
      file: '--max-runs',
      path: [],
      message: `${maxRuns} is below --runs ${runs}; precision mode starts at --runs and grows up to --max-runs`,
    };
  return undefined;
}

/** Runs of the same batch (scenario, seed, blocks, unsharded) that an arm's folder already holds; 0 when none. */
function heldRuns(dir: string, arm: LoadedScenario, seed: number, blockSize: number): number {
  let held: ReturnType<BatchStore['readIdentity']>;
  try {
    held = new BatchStore(dir).readIdentity();
  } catch {
    return 0; // an unreadable batch.json: the batch itself says what is wrong with it
  }
  if (held === undefined) return 0;
  const same = held.scenarioHash === arm.hash && held.masterSeed === seed && held.blockSize === blockSize && held.shard?.count === 1;
  return same && Number.isSafeInteger(held.runs) ? held.runs : 0;
}

function armStopped(arm: string, dir: string, failed: number, maxFailures: number): ArmStopped {
  const file = join(dir, 'failures.ndjson');
  return {
    file,
    path: [],
    message: `arm ${arm} stopped: ${failed} run${failed === 1 ? '' : 's'} failed, more than --max-failures ${maxFailures} allows; each failed run, its seed and error are listed in this file. Fix the cause, or raise --max-failures to leave failed pairs out, and rerun the same command`,
    reason: 'failed-runs',
    arm,
    failed,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

/** Folder names of the arms (slugs): scenario names, made unique and safe; labels keep the names as written. */
function armNames(arms: readonly LoadedScenario[]): string[] {
  return armFolderNames(arms.map((arm, i) => (i === 0 ? 'base' : arm.scenario.name)));
}

/**
 * Safe, unique folder names inside `arms/` for arm names as written: a slug of letters,
 * digits, "_", "-" and "." that never starts with a dot (so never `.` or `..`) and never
 * holds a path separator; `variant-<i>` when nothing is left. Unique ignoring case, since
 * some file systems do.
 */
export function armFolderNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name, i) => {
    const stem = name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '') || `variant-${i}`;
    let folder = stem;
    for (let n = 2; taken.has(folder.toLowerCase()); n++) folder = `${stem}-${n}`;
    taken.add(folder.toLowerCase());
    return folder;
  });
}
