/**
 * Suites that need fresh processes: batches at 1…N workers (scaling), the parallel ceiling
 * beside them, batches of 1,000 and 10,000 runs (memory), a cold single run, CLI start-up, and
 * garbage collection in steady months.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KernelGcResult } from './gc.js';

/** Beside this module in dist/; run from the TypeScript source (tests), the compiled child in dist/. */
const child = (name: string): string =>
  [new URL(`./${name}`, import.meta.url), new URL(`../../dist/src/perf/${name}`, import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((path) => existsSync(path)) ?? fileURLToPath(new URL(`./${name}`, import.meta.url));

const CHILD = child('batch-child.js');
const CEILING_CHILD = child('ceiling-child.js');
const GC_CHILD = child('gc-child.js');
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

export interface ChildBatch {
  readonly wallMs: number;
  readonly runsPerSecond: number;
  readonly steadyRunsPerSecond: number;
  /** ms from before the scenario is loaded to each phase of the batch. */
  readonly phases: Readonly<Record<string, number>>;
  readonly maxRssKb: number;
}

export function batchInChild(scenario: string, runs: number, workers: number): ChildBatch {
  const dir = mkdtempSync(join(tmpdir(), 'ayni-bench-'));
  try {
    return JSON.parse(
      execFileSync(process.execPath, [CHILD, scenario, String(runs), String(workers), join(dir, 'batch')], { encoding: 'utf8' }),
    ) as ChildBatch;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ParallelCeiling {
  readonly workers: number;
  /** All the threads' timed runs over the wall time from the first start to the last end. */
  readonly runsPerSecond: number;
  /** Each thread's own rate over its timed runs. */
  readonly perThread: readonly number[];
}

/** W threads running the scenario in plain loops, in a fresh process (ceiling-child.ts). */
export function ceilingInChild(scenario: string, workers: number, warmUpRuns: number, timedRuns: number): ParallelCeiling {
  const out = execFileSync(process.execPath, [CEILING_CHILD, scenario, String(workers), String(warmUpRuns), String(timedRuns)], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as ParallelCeiling;
}

/** Median wall time in ms of `ayni <args>` in a fresh process. */
export function cliWallMs(args: readonly string[], repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    execFileSync(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** Collections over `measured` steady months of a synthetic territory, in a fresh process (gc-child.ts). */
export function kernelGcInChild(communities: number, warmUpMonths: number, measured: number): KernelGcResult {
  const out = execFileSync(process.execPath, [GC_CHILD, String(communities), String(warmUpMonths), String(measured)], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as KernelGcResult;
}
