/**
 * One run of any registered model, in the plain form the run files and the terminal table
 * are made from: step labels, named series and named outcomes. A function of (scenario,
 * seed). Pure; no I/O.
 */
import { compileModel, type AnyScenario } from './registry.js';
import { stepLabel, type CompiledModel } from '../engine/model.js';

export interface ScenarioRun {
  readonly model: string;
  readonly seed: number;
  /** "YYYY-MM" for monthly models, "1", "2", ... otherwise. */
  readonly stepLabels: readonly string[];
  readonly monthly: boolean;
  readonly seriesNames: readonly string[];
  /** Metric-major: seriesNames × steps. */
  readonly series: Float64Array;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly events: ReadonlyArray<Readonly<Record<string, unknown>>> | null;
  /** What the scenario holds (the compiled model's size), for the summary's second line. */
  readonly size: NonNullable<CompiledModel['size']>;
}

export function runScenario(scenario: AnyScenario, options: { readonly seed: number; readonly events?: boolean }): ScenarioRun {
  const model = compileModel(scenario);
  const run = model.run(options.seed, { events: options.events === true });
  return {
    model: model.model,
    seed: options.seed,
    stepLabels: Array.from({ length: model.steps }, (_, t) => stepLabel(model.firstMonth, t)),
    monthly: model.firstMonth !== null,
    seriesNames: model.seriesNames,
    series: run.series,
    outcomes: Object.fromEntries(model.outcomeNames.map((name, k) => [name, run.outcomes[k] as number])),
    events: run.events,
    size: model.size ?? [],
  };
}
