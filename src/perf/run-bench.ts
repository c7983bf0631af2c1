/**
 * `runBench`: the benchmark suites behind `ayni bench` and `npm run bench`.
 *
 * - kernel: ns per community-month on the default scenario and a 5,000-community territory,
 *   beside the scalar update (tinybench), and the ratio;
 * - single run: one run of each, cold (a fresh `ayni run` process) and warm (in process);
 * - batch: runs per second at 1, 2, … workers up to the available cores, speed-up and
 *   parallel efficiency, end to end and in steady state;
 * - memory: peak RSS of batches of 1,000 and 10,000 runs (left out with `quick`);
 * - CLI start-up: `ayni --help`;
 * - reference model: a 200-step run of Epstein's civil violence defaults, beside Mesa's time.
 *
 * Checks compare ratios, never absolute times. Guards are the limits CI enforces, set with
 * headroom from measured values; targets are the goals, reported as met or not.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileWorld } from '../core/world.js';
import { parseScenario } from '../scenario/validate.js';
import { syntheticScenario } from '../scenario/synthetic.js';
import { loadScenario } from '../io/scenario-file.js';
import { shippedScenario } from '../io/version.js';
import { isEpstein } from '../models/registry.js';
import { measureReference, type ReferenceResult } from './reference.js';
import { machineFacts, type MachineFacts } from './machine.js';
import { measureKernel, type KernelResult } from './kernel.js';
import { batchInChild, cliWallMs } from './processes.js';

/** CI fails when the synthetic territory's community-month costs more than this many scalar updates (measured ≈ 210–400). */
export const KERNEL_RATIO_GUARD = 1000;
/** CI fails when 2 workers are less than this much faster than 1 (steady state; measured ≈ 1.7). */
export const SPEEDUP_GUARD = 1.2;

export interface Check {
  readonly name: string;
  readonly kind: 'guard' | 'target';
  readonly value: number;
  readonly limit: number;
  readonly comparison: '≤' | '≥';
  readonly ok: boolean;
}

export interface BenchReport {
  readonly machine: MachineFacts;
  readonly quick: boolean;
  readonly createdAt: string;
  readonly kernel: KernelResult;
  readonly singleRun: ReadonlyArray<{ readonly scenario: string; readonly coldMs: number; readonly warmMs: number }>;
  readonly batch: { readonly runs: number; readonly byWorkers: ReadonlyArray<{ readonly workers: number; readonly runsPerSecond: number; readonly steadyRunsPerSecond: number; readonly speedUp: number; readonly steadySpeedUp: number; readonly efficiency: number }> };
  readonly memory: { readonly small: { runs: number; peakRssMb: number }; readonly large: { runs: number; peakRssMb: number }; readonly ratio: number } | null;
  readonly startup: { readonly helpMs: number };
  /** Run time with both response curves as mathjs formulas, over the built-in curves. */
  readonly formulaCost: number;
  readonly reference: ReferenceResult;
  readonly checks: readonly Check[];
}

export interface BenchOptions {
  readonly quick: boolean;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

const check = (name: string, kind: Check['kind'], value: number, comparison: Check['comparison'], limit: number): Check => ({
  name,
  kind,
  value,
  limit,
  comparison,
  ok: comparison === '≤' ? value <= limit : value >= limit,
});

/** Guards (CI fails on them) and targets (the goals) from measured ratios. */
export function benchChecks(kernelRatio: number, twoWorkers: { steadySpeedUp: number; efficiency: number } | undefined, memory: BenchReport['memory'], helpMs: number, reference?: ReferenceResult): Check[] {
  return [
    check('kernel: synthetic community-month / scalar update', 'guard', kernelRatio, '≤', KERNEL_RATIO_GUARD),
    check('batch: 2-worker steady-state speed-up', 'guard', twoWorkers?.steadySpeedUp ?? Number.NaN, '≥', SPEEDUP_GUARD),
    check('kernel: community-month / scalar update', 'target', kernelRatio, '≤', 20),
    check('batch: 2-worker steady-state speed-up', 'target', twoWorkers?.steadySpeedUp ?? Number.NaN, '≥', 1.6),
    check('batch: 2-worker parallel efficiency', 'target', twoWorkers?.efficiency ?? Number.NaN, '≥', 0.8),
    check('CLI: ayni --help (ms)', 'target', helpMs, '≤', 200),
    ...(memory ? [check('memory: peak RSS 10,000 / 1,000 runs', 'target', memory.ratio, '≤', 1.25)] : []),
    ...(reference ? [check('reference: Mesa 3.3.1 time / ayni time (Epstein defaults)', 'target', reference.speedUpOverMesa, '≥', 100)] : []),
  ];
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const quick = options.quick;
  const corridorFile = shippedScenario('corridor.yaml');
  const corridor = loadScenario(corridorFile);
  if (!corridor.success || isEpstein(corridor.data.scenario)) throw new Error('bug: the shipped corridor scenario is invalid');
  const corridorScenario = corridor.data.scenario;
  const syntheticDoc = syntheticScenario({ communities: 5000 });
  const synthetic = parseScenario(syntheticDoc);
  if (!synthetic.success) throw new Error('bug: the synthetic territory is invalid');
  const syntheticFile = join(mkdtempSync(join(tmpdir(), 'ayni-bench-')), 'synthetic-5000.json');
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

  log('single run: cold processes…');
  const singleRun = [
    { scenario: 'corridor (default)', file: corridorFile, warm: kernel.worlds[0]?.msPerRun ?? Number.NaN },
    { scenario: 'synthetic-5000', file: syntheticFile, warm: kernel.worlds[1]?.msPerRun ?? Number.NaN },
  ].map((s) => ({ scenario: s.scenario, coldMs: cliWallMs(['run', s.file, '--json'], quick ? 1 : 3), warmMs: s.warm }));

  const runs = quick ? 600 : 2000;
  const cores = machineFacts().cores;
  const workerCounts = Array.from({ length: Math.max(1, Math.min(16, cores)) }, (_, i) => i + 1);
  if (workerCounts.length === 1) workerCounts.push(2);
  log(`batch: ${runs} runs at ${workerCounts.join(', ')} workers…`);
  const measured = workerCounts.map((workers) => ({ workers, ...batchInChild(corridorFile, runs, workers) }));
  const one = measured[0] as (typeof measured)[number];
  const byWorkers = measured.map((m) => ({
    workers: m.workers,
    runsPerSecond: m.runsPerSecond,
    steadyRunsPerSecond: m.steadyRunsPerSecond,
    speedUp: m.runsPerSecond / one.runsPerSecond,
    steadySpeedUp: m.steadyRunsPerSecond / one.steadyRunsPerSecond,
    efficiency: m.steadyRunsPerSecond / one.steadyRunsPerSecond / m.workers,
  }));

  let memory: BenchReport['memory'] = null;
  if (!quick) {
    log('memory: batches of 1,000 and 10,000 runs…');
    const small = batchInChild(corridorFile, 1000, 2);
    const large = batchInChild(corridorFile, 10000, 2);
    memory = { small: { runs: 1000, peakRssMb: small.maxRssKb / 1024 }, large: { runs: 10000, peakRssMb: large.maxRssKb / 1024 }, ratio: large.maxRssKb / small.maxRssKb };
  }

  log('CLI start-up…');
  const startup = { helpMs: cliWallMs(['--help'], quick ? 3 : 7) };

  log('reference model: Epstein civil violence, defaults set…');
  const epstein = loadScenario(shippedScenario('reference/epstein-defaults.yaml'));
  if (!epstein.success || !isEpstein(epstein.data.scenario)) throw new Error('bug: the shipped Epstein defaults scenario is invalid');
  const reference = await measureReference(epstein.data.scenario, quick);

  const checks = benchChecks(kernel.worlds[1]?.ratioToScalar ?? Number.NaN, byWorkers.find((b) => b.workers === 2), memory, startup.helpMs, reference);
  const formulaCost = (kernel.worlds[2]?.msPerRun ?? Number.NaN) / (kernel.worlds[0]?.msPerRun ?? Number.NaN);
  return { formulaCost, reference, machine: machineFacts(), quick, createdAt: (options.now ?? (() => new Date()))().toISOString(), kernel, singleRun, batch: { runs, byWorkers }, memory, startup, checks };
}
