/**
 * Epstein's civil violence model as the engine sees it: its schema, parser, compiler,
 * parameter table and outcome table in one ModelDefinition. Pure.
 */
import { defineModel, type CompiledModel } from '../../engine/model.js';
import { EPSTEIN_SERIES_NAMES } from './metrics.js';
import { CIVIL_VIOLENCE_DEFAULT_OUTCOMES, CIVIL_VIOLENCE_OUTCOME_NAMES, CIVIL_VIOLENCE_OUTCOMES, CIVIL_VIOLENCE_SUMMARY_OUTCOMES } from './outcomes.js';
import { CIVIL_VIOLENCE_PARAMETERS } from './parameters.js';
import { EPSTEIN_MODEL, EpsteinScenarioSchema, type EpsteinScenario } from './schema.js';
import { compileEpstein, simulateEpstein } from './simulate.js';
import { parseEpsteinScenario } from './validate.js';

export function compileEpsteinModel(scenario: EpsteinScenario): CompiledModel {
  const world = compileEpstein(scenario);
  return {
    model: EPSTEIN_MODEL,
    steps: world.steps,
    firstMonth: null,
    seriesNames: EPSTEIN_SERIES_NAMES,
    outcomeNames: CIVIL_VIOLENCE_OUTCOME_NAMES,
    costUnits: (world.citizens + world.copSlots) * world.steps,
    run(seed, options = {}) {
      const result = simulateEpstein(world, seed, { events: options.events === true });
      const outcomes = Float64Array.from(CIVIL_VIOLENCE_OUTCOME_NAMES, (name) => result.outcomes[name]);
      return { seed, series: result.series, outcomes, events: result.events };
    },
  };
}

export const civilViolence = defineModel<EpsteinScenario>({
  id: EPSTEIN_MODEL,
  schema: EpsteinScenarioSchema,
  parse: parseEpsteinScenario,
  compile: compileEpsteinModel,
  parameters: CIVIL_VIOLENCE_PARAMETERS,
  outcomes: CIVIL_VIOLENCE_OUTCOMES,
  defaultOutcomes: CIVIL_VIOLENCE_DEFAULT_OUTCOMES,
  summary: CIVIL_VIOLENCE_SUMMARY_OUTCOMES,
});
