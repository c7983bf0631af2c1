/**
 * A run is a function of (scenario, seed): compile the world, create the state and its
 * random streams, step month by month, and report series, outcomes and (if asked) events.
 * Pure: no I/O, no clock, no global randomness.
 */
import type { Scenario } from './schema.js';
import { compileWorld, type World } from './world.js';
import { createState } from './state.js';
import { createStreams } from '../../engine/streams.js';
import { createStepScratch, stepMonth } from './step.js';
import { computeOutcomes, createSeries, type Outcomes, type RunTotals } from './metrics.js';
import type { ModelEvent } from './events.js';
import { monthLabel } from '../../engine/calendar.js';

export interface SimulateOptions {
  /** Run seed: a non-negative safe integer. Required: there is no default randomness. */
  readonly seed: number;
  /** Record the run's events (off for batches). @default false */
  readonly events?: boolean;
}

export interface RunResult {
  readonly seed: number;
  /** "YYYY-MM" of each step. */
  readonly monthLabels: readonly string[];
  /** Metric-major matrix of SERIES_NAMES × months. */
  readonly series: Float64Array;
  readonly outcomes: Outcomes;
  /** Events with `month` as a step index, or null when not recorded. */
  readonly events: readonly ModelEvent[] | null;
}

export function simulate(scenario: Scenario, options: SimulateOptions): RunResult {
  return simulateWorld(compileWorld(scenario), options);
}

/** Runs an already compiled world (a batch compiles once and runs many seeds). */
export function simulateWorld(world: World, options: SimulateOptions): RunResult {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer (got ${options.seed})`);
  }
  const events: ModelEvent[] | null = options.events ? [] : null;
  const state = createState(world, createStreams(options.seed), events);
  const scratch = createStepScratch(world);
  const series = createSeries(world.months);
  const totals: RunTotals = { tablesOpenedEarly: 0, tablesOpenedReactive: 0 };
  for (let t = 0; t < world.months; t++) {
    state.t = t;
    stepMonth(world, state, scratch, series);
    if (t < world.outcomesFrom) continue;
    totals.tablesOpenedEarly += state.month.tablesOpenedEarly;
    totals.tablesOpenedReactive += state.month.tablesOpenedReactive;
  }
  return {
    seed: options.seed,
    monthLabels: Array.from({ length: world.months }, (_, t) => monthLabel(world.startMonth + t)),
    series,
    outcomes: computeOutcomes(world, state, series, totals),
    events,
  };
}
