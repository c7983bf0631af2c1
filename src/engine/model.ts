/**
 * The engine's view of a model: what batches, comparisons and reports need to run any
 * model and read its results, whatever its agents are. A model compiles a validated
 * scenario once (per batch, per worker) and then runs it for any seed. Pure; no I/O.
 */
import { monthIndex, monthLabel } from './calendar.js';

export type Better = 'lower' | 'higher' | 'neutral';

/** One run: series (metric-major, seriesNames × steps) and outcomes (in outcomeNames order). */
export interface ModelRun {
  readonly seed: number;
  readonly series: Float64Array;
  readonly outcomes: Float64Array;
  /** Events, each with its time as a step label, or null when not recorded. */
  readonly events: ReadonlyArray<Readonly<Record<string, unknown>>> | null;
}

export interface CompiledModel {
  readonly model: string;
  readonly steps: number;
  /** "YYYY-MM" of the first step for monthly models; null when steps are just numbered 1..steps. */
  readonly firstMonth: string | null;
  readonly seriesNames: readonly string[];
  readonly outcomeNames: readonly string[];
  /** Size of a run (agents × steps), used only to size worker tasks. */
  readonly costUnits: number;
  run(seed: number, options?: { readonly events?: boolean }): ModelRun;
}

/** What a model's results mean, read without compiling anything (compare, report). */
export interface ModelDescription {
  readonly id: string;
  readonly outcomeNames: readonly string[];
  readonly better: Readonly<Record<string, Better>>;
  /** Outcomes compared when the user names none; the first is the primary. */
  readonly defaultOutcomes: readonly string[];
}

/** Label of step t (0-based): the month for monthly models, else the step number. */
export function stepLabel(firstMonth: string | null, t: number): string {
  return firstMonth === null ? String(t + 1) : monthLabel(monthIndex(firstMonth) + t);
}

/** Name of the time column in tables: month or step. */
export const timeColumn = (firstMonth: string | null): string => (firstMonth === null ? 'step' : 'month');
