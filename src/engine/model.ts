/**
 * The engine's view of a model: what batches, comparisons and reports need to run any
 * model and read its results, whatever its agents are. A model compiles a validated
 * scenario once (per batch, per worker) and then runs it for any seed. Pure; no I/O.
 */
import { monthIndex, monthLabel } from './calendar.js';
import type { InputIssue, Result } from './result.js';

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
  /** What the scenario holds, for a run's summary ("1,891 districts"), largest units first; may be empty. */
  readonly size?: ReadonlyArray<{ readonly count: number; readonly one: Words; readonly many: Words }>;
  run(seed: number, options?: { readonly events?: boolean }): ModelRun;
}

/** Words in each language of the reports. */
export interface Words {
  readonly es: string;
  readonly en: string;
}
export type Language = keyof Words;

/** How an outcome's value is written in a run's summary table. */
export type NumberFormat = 'integer' | 'one-decimal' | 'two-decimals' | 'percent' | 'millions';

/** One outcome of a model: its column name, which direction is better, its unit and its words. */
export interface OutcomeSpec {
  readonly name: string;
  readonly better: Better;
  readonly unit: string;
  readonly format: NumberFormat;
  /** Its name in report sentences, charts and tables. */
  readonly label: Words;
  /** Its line in a run's summary table (with that table's units); outcomes without one are not shown there. */
  readonly runLabel?: Words;
}

/** One parameter: default, range, unit, and where the number comes from. */
export interface ParameterSpec {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  /** Where the default comes from: a FACTS.md section, the source paper, or "assumption". */
  readonly source: string;
  readonly description: string;
  /** The plausible range to explore, when the model states it outside the source's words (see exploreRange). */
  readonly explore?: readonly [number, number];
}

/** A model's parameters by their dotted path in a scenario file (e.g. "parameters.trust.buildRate"). */
export type ParameterTable = Readonly<Record<string, ParameterSpec>>;

/** One row of a parameter table, in the order the tables are written: default, range, unit, source, what it is. */
export const parameter = (
  value: number,
  min: number,
  max: number,
  unit: string,
  source: string,
  description: string,
  explore?: readonly [number, number],
): ParameterSpec => ({
  default: value,
  min,
  max,
  unit,
  source,
  description,
  ...(explore ? { explore } : {}),
});

/** Where a parameter's plausible range comes from: its source's words, or the project's convention. */
export type ExploreFrom = 'source' | 'convention';

const EXPLORE = /explore\s+(-?\d+(?:\.\d+)?)\s*[–-]\s*(-?\d+(?:\.\d+)?)/;

/**
 * The range a sensitivity analysis or a robustness check explores for a parameter: the one the
 * model states (`explore`) or its source states ("explore 0.05–0.3"), else, by the project's declared convention, half to one
 * and a half times the default, kept inside the parameter's bounds (docs/model.md §9). Never
 * the bounds themselves: those say what is valid, not what is plausible.
 */
export function exploreRange(spec: ParameterSpec): { range: [number, number]; from: ExploreFrom } {
  if (spec.explore) return { range: [spec.explore[0], spec.explore[1]], from: 'source' };
  const m = EXPLORE.exec(spec.source);
  if (m) return { range: [Number(m[1]), Number(m[2])], from: 'source' };
  const a = spec.default * 0.5;
  const b = spec.default * 1.5;
  const clamp = (x: number) => Math.min(spec.max, Math.max(spec.min, x));
  return { range: [clamp(Math.min(a, b)), clamp(Math.max(a, b))], from: 'convention' };
}

/** What a model's results mean, read without compiling anything (compare, report). */
export interface ModelDescription {
  readonly id: string;
  /** The outcome table, in the order of a run's outcomes (and of the outcome columns in tables). */
  readonly outcomes: readonly OutcomeSpec[];
  readonly outcomeNames: readonly string[];
  readonly better: Readonly<Record<string, Better>>;
  /** Outcomes compared when the user names none; the first is the primary. */
  readonly defaultOutcomes: readonly string[];
  /** Outcomes in a run's summary table, in its order (each has a runLabel). */
  readonly summary: readonly string[];
}

/** Everything that makes a model: what defineModel receives. */
export interface ModelSpec<S> {
  /** The scenario file's `model:` value. */
  readonly id: string;
  /** The scenario schema (its top-level keys tell a scenario from some other file). */
  readonly schema: { readonly shape: Readonly<Record<string, unknown>> };
  /** Validates a merged scenario document; every problem comes back as an issue. */
  readonly parse: (document: unknown, file: string) => Result<S, InputIssue[]>;
  /** Compiles a validated scenario once; the result runs it for any seed. */
  readonly compile: (scenario: S) => CompiledModel;
  readonly parameters: ParameterTable;
  readonly outcomes: readonly OutcomeSpec[];
  readonly defaultOutcomes: readonly string[];
  readonly summary: readonly string[];
}

/** A registered model (see src/models/registry.ts). */
export interface ModelDefinition<S = unknown> extends Omit<ModelSpec<S>, 'defaultOutcomes' | 'summary'> {
  describe(): ModelDescription;
}

/**
 * A model from its parts. The outcome table is checked once here, so that a misspelt
 * default or summary outcome fails when the model is loaded, not in the middle of a report.
 */
export function defineModel<S>(spec: ModelSpec<S>): ModelDefinition<S> {
  const names = spec.outcomes.map((o) => o.name);
  const unknown = [...spec.defaultOutcomes, ...spec.summary].filter((name) => !names.includes(name));
  if (new Set(names).size !== names.length) throw new Error(`bug: model ${spec.id} names an outcome twice`);
  if (unknown.length > 0) throw new Error(`bug: model ${spec.id} has no outcome ${unknown.join(', ')}`);
  if (spec.summary.some((name) => spec.outcomes.find((o) => o.name === name)?.runLabel === undefined))
    throw new Error(`bug: model ${spec.id} shows an outcome without a runLabel in its summary`);
  const description: ModelDescription = {
    id: spec.id,
    outcomes: spec.outcomes,
    outcomeNames: names,
    better: Object.fromEntries(spec.outcomes.map((o) => [o.name, o.better])),
    defaultOutcomes: spec.defaultOutcomes,
    summary: spec.summary,
  };
  const { defaultOutcomes: _defaults, summary: _summary, ...parts } = spec;
  return { ...parts, describe: () => description };
}

/** An outcome's label in `lang`; an outcome the table does not know (or does not label) shows its name. */
export function outcomeLabel(model: ModelDescription, name: string, lang: Language): string {
  return model.outcomes.find((o) => o.name === name)?.label[lang] ?? name;
}

/** Label of step t (0-based): the month for monthly models, else the step number. */
export function stepLabel(firstMonth: string | null, t: number): string {
  return firstMonth === null ? String(t + 1) : monthLabel(monthIndex(firstMonth) + t);
}

/** Name of the time column in tables: month or step. */
export const timeColumn = (firstMonth: string | null): string => (firstMonth === null ? 'step' : 'month');
