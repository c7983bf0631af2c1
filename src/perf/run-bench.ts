/**
 * `runBench`: the benchmark suites behind `ayni bench` and `npm run bench`.
 *
 * - kernel: ns per community-month on the default scenario and a 5,000-community territory,
 *   beside the scalar update and the state loop (tinybench), and the ratios;
 * - kernel GC: collections per steady-state month of the 5,000-community territory;
 * - single run: one run of each, cold (a fresh `ayni run` process) and warm (in process);
 * - batch: 1,000 runs per second at 1, 2, … workers up to the available cores, speed-up and
 *   parallel efficiency, end to end and in steady state, with the batch's phases; the full
 *   suite adds 10,000 runs at 1 and 2 workers;
 * - memory: peak RSS of the 2-worker batches of 1,000 and 10,000 runs (left out with `quick`);
 * - CLI start-up: `ayni --help`;
 * - reference model: a 200-step run of Epstein's civil violence defaults, beside a loop that
 *   scans every agent's neighbourhood once per step (its limit), and the ratio;
 * - design point: a corridor run at its own design point (patched, validated, compiled) beside a
 *   run of one compiled corridor, and their ratio;
 * - national: a warm run of the national baseline beside a corridor run, their costs per
 *   community-month and the ratio.
 *
 * Checks compare ratios, never absolute times. Guards are the limits CI enforces, set with
 * headroom from measured values; targets are the goals, reported as met or not. The
 * scaling checks are skipped on one core, where 2 workers cannot be faster than one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileWorld } from '../models/peru-mining/world.js';
import { parseScenario } from '../models/peru-mining/validate.js';
import { syntheticScenario } from '../models/peru-mining/synthetic.js';
import { loadScenario } from '../io/scenario-file.js';
import { ayniVersion, shippedScenario } from '../io/version.js';
import { ayniGitCommit } from '../io/git-commit.js';
import { isCivilViolence, isPeruMining } from '../models/registry.js';
import { measureCivilViolence, type CivilViolenceBench } from './reference.js';
import { machineFacts, type MachineFacts } from './machine.js';
import { measureKernel, type KernelResult } from './kernel.js';
import { batchInChild, ceilingInChild, cliWallMs, kernelGcInChild, type ChildBatch } from './processes.js';
import { measureDesignPoint, type DesignPointResult } from './design-point.js';
import { measureNational, type NationalResult } from './national.js';
import type { KernelGcResult } from './gc.js';

/**
 * CI fails when the synthetic territory's community-month costs more than this many scalar
 * updates (measured 358–553 in quick benches on a shared 2-core machine at a load of 5–12, model
 * 0.4.0; the scalar loop's own time moves with the load, 1.6–2.6 ns, so this ratio is the noisier
 * of the two kernel guards and keeps its 1.8–2.8× headroom).
 */
export const KERNEL_RATIO_GUARD = 1000;
/** CI fails when it costs more than this many passes of the state loop (state-loop.ts; measured 8.6–12.8: 2.3–3.5× headroom). */
export const KERNEL_STATE_RATIO_GUARD = 30;
/** CI fails when a civil violence run costs more than this many neighbourhood scans of all its agent-steps (measured 1.21–1.55). */
export const CIVIL_VIOLENCE_SCAN_GUARD = 4;
/** CI fails when a run at its own design point costs more than this many runs of one compiled scenario (measured ≈ 1.3). */
export const DESIGN_POINT_GUARD = 2;
/** CI fails when 2 workers are less than this much faster than 1 (steady state, 1,000 runs; measured 1.4–1.9 under load). */
export const SPEEDUP_GUARD = 1.2;
/** Issue #22's goals for 2 workers over 1: end to end on 1,000 runs, and in steady state. */
export const BATCH_E2E_TARGET = 1.6;
export const BATCH_STEADY_TARGET = 1.8;
/**
 * CI fails when a national community-month costs more than a corridor community-month (same
 * process; measured 0.30–0.44 here under load). The national month is cheaper because the
 * offices, calendar and projects cost the same per month whether 44 communities share them or
 * 9,416; a cost growing with the territory (communities × projects, communities²) would take it
 * far above 1, while load noise between the two sides (≈ ±20%) stays well below it.
 */
export const NATIONAL_RATIO_GUARD = 1;

/** The shape of the JSON report; raised when a field changes meaning or goes away. */
export const BENCH_FORMAT_VERSION = 2;

export interface Check {
  /** Stable across versions, for scripts that read the JSON: `guard.…` or `target.…`. */
  readonly id: string;
  readonly name: string;
  readonly kind: 'guard' | 'target';
  readonly value: number;
  readonly limit: number;
  readonly comparison: '≤' | '≥';
  readonly status: 'pass' | 'fail' | 'skipped';
  /** Why the check was skipped. */
  readonly note?: string;
}

export interface BenchReport {
  readonly format: 'ayni-bench';
  readonly formatVersion: number;
  /** No guard failed (skipped guards do not fail). */
  readonly pass: boolean;
  readonly ayniVersion: string;
  /** The commit of ayni's checkout; null when ayni is not run from a git clone. */
  readonly gitCommit: string | null;
  readonly machine: MachineFacts;
  readonly quick: boolean;
  readonly createdAt: string;
  readonly kernel: KernelResult;
  readonly kernelGc: KernelGcResult;
  readonly singleRun: ReadonlyArray<{ readonly scenario: string; readonly coldMs: number; readonly warmMs: number }>;
  readonly batch: BatchScaling & {
    /** The full suite's 10,000 runs at 1 and 2 workers. */
    readonly large?: BatchScaling;
    /**
     * The machine's parallel ceiling at the same worker counts: threads running the scenario in
     * plain loops (ceiling-child.ts), their speed-up over one thread, and each batch's steady
     * speed-up as a share of it.
     */
    readonly ceiling?: ReadonlyArray<{
      readonly workers: number;
      readonly runsPerSecond: number;
      readonly speedUp: number;
      readonly batchSteadyShare: number;
    }>;
  };
  readonly memory: {
    readonly small: { runs: number; peakRssMb: number };
    readonly large: { runs: number; peakRssMb: number };
    readonly ratio: number;
  } | null;
  readonly startup: { readonly helpMs: number };
  /** Run time with both response curves as mathjs formulas, over the built-in curves. */
  readonly formulaCost: number;
  readonly reference: CivilViolenceBench;
  readonly designPoint: DesignPointResult;
  readonly national: NationalResult;
  readonly checks: readonly Check[];
}

export interface BatchScaling {
  readonly runs: number;
  readonly byWorkers: ReadonlyArray<{
    readonly workers: number;
    readonly runsPerSecond: number;
    readonly steadyRunsPerSecond: number;
    readonly speedUp: number;
    readonly steadySpeedUp: number;
    readonly efficiency: number;
    /** ms from before the scenario is loaded to each phase of the batch (batch-child.ts). */
    readonly phases?: Readonly<Record<string, number>>;
  }>;
}

export interface BenchOptions {
  readonly quick: boolean;
  /** Cores the batch suite and the scaling checks go by (default: the machine's). */
  readonly cores?: number;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

/** The measured ratios the checks judge. */
export interface CheckInputs {
  readonly kernelRatio: number;
  /** Synthetic community-month / state-loop community-month. */
  readonly kernelStateRatio: number;
  /** Garbage collections per steady-state month of the synthetic territory. */
  readonly kernelGcPerMonth: number;
  readonly twoWorkers: { readonly steadySpeedUp: number; readonly efficiency: number } | undefined;
  readonly memory: BenchReport['memory'];
  readonly helpMs: number;
  readonly reference?: CivilViolenceBench;
  /** A run at its own design point / a run of one compiled scenario. */
  readonly designPointRatio: number;
  /** National ns per community-month / corridor ns per community-month. */
  readonly nationalRatio: number;
  /** Median ms of a warm national run. */
  readonly nationalRunMs: number;
  /** With one core, workers cannot run side by side: the scaling checks are skipped. */
  readonly cores: number;
  /** 2 workers over 1, end to end and in steady state, for each batch size measured. */
  readonly batchSpeedUps?: ReadonlyArray<{ readonly runs: number; readonly endToEnd: number; readonly steady: number }>;
}

export const ONE_CORE_NOTE = 'one core: 2 workers cannot run side by side';

const check = (
  id: string,
  name: string,
  kind: Check['kind'],
  value: number,
  comparison: Check['comparison'],
  limit: number,
  skip?: string,
): Check =>
  skip !== undefined
    ? { id, name, kind, value, limit, comparison, status: 'skipped', note: skip }
    : { id, name, kind, value, limit, comparison, status: (comparison === '≤' ? value <= limit : value >= limit) ? 'pass' : 'fail' };

/** Guards (CI fails on them) and targets (the goals) from measured ratios. */
export function benchChecks(m: CheckInputs): Check[] {
  const scaling = m.cores < 2 ? ONE_CORE_NOTE : undefined;
  return [
    check('guard.kernel-ratio', 'kernel: synthetic community-month / scalar update', 'guard', m.kernelRatio, '≤', KERNEL_RATIO_GUARD),
    check(
      'guard.kernel-state-ratio',
      'kernel: synthetic community-month / state loop',
      'guard',
      m.kernelStateRatio,
      '≤',
      KERNEL_STATE_RATIO_GUARD,
    ),
    check(
      'guard.batch-speedup',
      'batch: 2-worker steady-state speed-up',
      'guard',
      m.twoWorkers?.steadySpeedUp ?? Number.NaN,
      '≥',
      SPEEDUP_GUARD,
      scaling,
    ),
    check(
      'guard.design-point-ratio',
      'experiment: run at its own design point / run',
      'guard',
      m.designPointRatio,
      '≤',
      DESIGN_POINT_GUARD,
    ),
    check(
      'guard.national-ratio',
      'national: community-month / corridor community-month',
      'guard',
      m.nationalRatio,
      '≤',
      NATIONAL_RATIO_GUARD,
    ),
    // The goal (#22): a community-month within 60 scalar updates.
    check('target.kernel-scalar-ratio', 'kernel: community-month / scalar update', 'target', m.kernelRatio, '≤', 60),
    // The goal: a steady-state month allocates nothing, so no collection ever runs.
    check('target.kernel-gc-per-month', 'kernel: garbage collections per steady month', 'target', m.kernelGcPerMonth, '≤', 0),
    check(
      'target.batch-speedup',
      'batch: 2-worker steady-state speed-up',
      'target',
      m.twoWorkers?.steadySpeedUp ?? Number.NaN,
      '≥',
      1.6,
      scaling,
    ),
    check(
      'target.batch-efficiency',
      'batch: 2-worker parallel efficiency',
      'target',
      m.twoWorkers?.efficiency ?? Number.NaN,
      '≥',
      0.8,
      scaling,
    ),
    ...(m.batchSpeedUps ?? []).flatMap((b) => [
      check(
        `target.batch-speedup-e2e-${b.runs}`,
        `batch: 2-worker end-to-end speed-up, ${b.runs} runs`,
        'target',
        b.endToEnd,
        '≥',
        BATCH_E2E_TARGET,
        scaling,
      ),
      check(
        `target.batch-speedup-steady-${b.runs}`,
        `batch: 2-worker steady-state speed-up, ${b.runs} runs`,
        'target',
        b.steady,
        '≥',
        BATCH_STEADY_TARGET,
        scaling,
      ),
    ]),
    check('target.cli-help-ms', 'CLI: ayni --help (ms)', 'target', m.helpMs, '≤', 200),
    // The goal: a design point costs about a batch run (an overhead of a few milliseconds on a run of about ten).
    check('target.design-point-ratio', 'experiment: run at its own design point / run', 'target', m.designPointRatio, '≤', 1.5),
    // The goal (#19): one national run in well under 2 s warm; reported, never a guard (an absolute time).
    check('target.national-run-ms', 'national: warm run, median (ms)', 'target', m.nationalRunMs, '≤', 2000),
    ...(m.memory ? [check('target.memory-ratio', 'memory: peak RSS 10,000 / 1,000 runs', 'target', m.memory.ratio, '≤', 1.25)] : []),
    ...(m.reference
      ? [
          check(
            'guard.civil-violence-scan-ratio',
            'civil violence: run / neighbourhood scans',
            'guard',
            m.reference.ratioToScan,
            '≤',
            CIVIL_VIOLENCE_SCAN_GUARD,
          ),
          // The goal (#22): within 2× of scanning the neighbourhoods alone.
          check('target.civil-violence-scan-ratio', 'civil violence: run / neighbourhood scans', 'target', m.reference.ratioToScan, '≤', 2),
        ]
      : []),
  ];
}

/** Whether a benchmark passes: no guard failed. */
export const benchPasses = (checks: readonly Check[]): boolean => checks.every((c) => c.kind !== 'guard' || c.status !== 'fail');

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const quick = options.quick;
  const corridorFile = shippedScenario('corridor.yaml');
  const corridor = loadScenario(corridorFile);
  if (!corridor.success || !isPeruMining(corridor.data.scenario)) throw new Error('bug: the shipped corridor scenario is invalid');
  const corridorScenario = corridor.data.scenario;
  const syntheticDoc = syntheticScenario({ communities: 5000 });
  const synthetic = parseScenario(syntheticDoc);
  if (!synthetic.success) throw new Error('bug: the synthetic territory is invalid');
  const syntheticDir = mkdtempSync(join(tmpdir(), 'ayni-bench-'));
  const syntheticFile = join(syntheticDir, 'synthetic-5000.json');
  writeFileSync(syntheticFile, JSON.stringify(syntheticDoc));

  log('kernel: model step beside a scalar typed-array update…');
  // The same corridor with both response curves given as formulas equal to the built-ins:
  // what a mathjs formula costs against the built-in curve.
  const withFormulas = compileWorld({
    ...corridorScenario,
    formulas: {
      dialogueEffectiveness: 'base * (0.25 + 0.75 * convenerTrust) * (1 + inclusionEffect * inclusion) * (0.5 + 0.5 * capacity)',
      escalationHazard: '1 - exp(-rate * x)',
    },
  });
  const kernel = await measureKernel(
    [
      { name: 'corridor (default)', world: compileWorld(corridorScenario) },
      { name: 'synthetic-5000', world: compileWorld(synthetic.data) },
      { name: 'corridor, curves as formulas', world: withFormulas },
    ],
    quick,
  );

  log('kernel: garbage collections in steady-state months, in a fresh process…');
  // 240 months of warm-up (every project has started), then 480 (quick: 240) measured months.
  const kernelGc = kernelGcInChild(5000, 240, quick ? 240 : 480);

  log('single run: cold processes…');
  let singleRun: BenchReport['singleRun'];
  try {
    singleRun = [
      { scenario: 'corridor (default)', file: corridorFile, warm: kernel.worlds[0]?.msPerRun ?? Number.NaN },
      { scenario: 'synthetic-5000', file: syntheticFile, warm: kernel.worlds[1]?.msPerRun ?? Number.NaN },
    ].map((s) => ({ scenario: s.scenario, coldMs: cliWallMs(['run', s.file, '--json'], quick ? 1 : 3), warmMs: s.warm }));
  } finally {
    rmSync(syntheticDir, { recursive: true, force: true });
  }

  // 1,000 runs in both suites, the size issue #22's end-to-end target is set at; the full suite
  // adds 10,000 runs at 1 and 2 workers. The 2-worker batches give the memory suite its peaks.
  const runs = 1000;
  const cores = options.cores ?? machineFacts().cores;
  const workerCounts = Array.from({ length: Math.max(1, Math.min(16, cores)) }, (_, i) => i + 1);
  if (workerCounts.length === 1) workerCounts.push(2);
  log(`batch: ${runs} runs at ${workerCounts.join(', ')} workers…`);
  const scaling = batchScaling(corridorFile, runs, workerCounts);
  let large: ReturnType<typeof batchScaling> | undefined;
  let memory: BenchReport['memory'] = null;
  if (!quick) {
    log('batch and memory: 10,000 runs at 1 and 2 workers…');
    large = batchScaling(corridorFile, 10000, [1, 2]);
    const small = scaling.children.find((c) => c.workers === 2) as (typeof scaling.children)[number];
    const big = large.children.find((c) => c.workers === 2) as (typeof large.children)[number];
    memory = {
      small: { runs, peakRssMb: small.maxRssKb / 1024 },
      large: { runs: 10000, peakRssMb: big.maxRssKb / 1024 },
      ratio: big.maxRssKb / small.maxRssKb,
    };
  }
  const byWorkers = scaling.byWorkers;
  log(`batch: the parallel ceiling, plain loops on ${workerCounts.join(', ')} threads…`);
  const loops = workerCounts.map((w) => ceilingInChild(corridorFile, w, 100, quick ? 200 : 400));
  const ceiling = loops.map((c) => {
    const speedUp = c.runsPerSecond / (loops[0]?.runsPerSecond ?? Number.NaN);
    const batch = byWorkers.find((b) => b.workers === c.workers);
    return {
      workers: c.workers,
      runsPerSecond: c.runsPerSecond,
      speedUp,
      batchSteadyShare: (batch?.steadySpeedUp ?? Number.NaN) / speedUp,
    };
  });
  const twoWorkerSpeedUps = [scaling, ...(large ? [large] : [])].flatMap((b) => {
    const two = b.byWorkers.find((w) => w.workers === 2);
    return two ? [{ runs: b.runs, endToEnd: two.speedUp, steady: two.steadySpeedUp }] : [];
  });

  log('CLI start-up…');
  const startup = { helpMs: cliWallMs(['--help'], quick ? 3 : 7) };

  log('reference model: Epstein civil violence, defaults set…');
  const civilViolence = loadScenario(shippedScenario('reference/epstein-defaults.yaml'));
  if (!civilViolence.success || !isCivilViolence(civilViolence.data.scenario))
    throw new Error('bug: the shipped Epstein defaults scenario is invalid');
  const reference = await measureCivilViolence(civilViolence.data.scenario, quick);

  log('design point: a corridor run at its own point beside a run of one compiled corridor…');
  const designPoint = await measureDesignPoint(corridorScenario, 'parameters.conflict.emergeRate', [0.05, 0.15], quick);

  log('national: a warm national run beside a corridor run…');
  const nationalFile = loadScenario(shippedScenario('peru-national.yaml'));
  if (!nationalFile.success || !isPeruMining(nationalFile.data.scenario)) throw new Error('bug: the shipped national scenario is invalid');
  const national = await measureNational(compileWorld(nationalFile.data.scenario), compileWorld(corridorScenario), quick);

  const formulaCost = (kernel.worlds[2]?.msPerRun ?? Number.NaN) / (kernel.worlds[0]?.msPerRun ?? Number.NaN);
  const inputs: CheckInputs = {
    kernelRatio: kernel.worlds[1]?.ratioToScalar ?? Number.NaN,
    kernelStateRatio: kernel.worlds[1]?.ratioToStateLoop ?? Number.NaN,
    kernelGcPerMonth: kernelGc.gcPerMonth,
    twoWorkers: byWorkers.find((b) => b.workers === 2),
    memory,
    helpMs: startup.helpMs,
    reference,
    designPointRatio: designPoint.ratio,
    nationalRatio: national.ratioToCorridor,
    nationalRunMs: national.medianMs,
    cores,
    batchSpeedUps: twoWorkerSpeedUps,
  };
  const results = {
    machine: machineFacts(),
    quick,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    kernel,
    kernelGc,
    singleRun,
    batch: { runs, byWorkers, ceiling, ...(large ? { large: { runs: large.runs, byWorkers: large.byWorkers } } : {}) },
    memory,
    startup,
    formulaCost,
    reference,
    designPoint,
    national,
  };
  return benchReport(results, inputs);
}

type Measurements = Omit<BenchReport, 'format' | 'formatVersion' | 'pass' | 'ayniVersion' | 'gitCommit' | 'checks'>;

/** The report of a set of measurements: its checks, the verdict on them, and what ayni made it. */
export function benchReport(measured: Measurements, inputs: CheckInputs): BenchReport {
  const checks = benchChecks(inputs);
  return {
    format: 'ayni-bench',
    formatVersion: BENCH_FORMAT_VERSION,
    pass: benchPasses(checks),
    ayniVersion: ayniVersion(),
    gitCommit: ayniGitCommit(),
    ...measured,
    checks,
  };
}

/** Batches of `runs` at each worker count, each in a fresh process, with speed-ups over the first. */
function batchScaling(
  scenario: string,
  runs: number,
  workerCounts: readonly number[],
): BatchScaling & { readonly children: ReadonlyArray<ChildBatch & { readonly workers: number }> } {
  const children = workerCounts.map((workers) => ({ workers, ...batchInChild(scenario, runs, workers) }));
  const one = children[0] as (typeof children)[number];
  const byWorkers = children.map((m) => ({
    workers: m.workers,
    runsPerSecond: m.runsPerSecond,
    steadyRunsPerSecond: m.steadyRunsPerSecond,
    speedUp: m.runsPerSecond / one.runsPerSecond,
    steadySpeedUp: m.steadyRunsPerSecond / one.steadyRunsPerSecond,
    efficiency: m.steadyRunsPerSecond / one.steadyRunsPerSecond / m.workers,
    phases: m.phases,
  }));
  return { runs, byWorkers, children };
}
