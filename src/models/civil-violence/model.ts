/**
 * Epstein's civil violence model as the engine sees it: its schema, parser, compiler,
 * parameter table and outcome table in one ModelDefinition. Pure.
 */
import { defineModel, type CompiledModel } from '../../engine/model.js';
import { CIVIL_VIOLENCE_SERIES_NAMES } from './metrics.js';
import { CIVIL_VIOLENCE_DEFAULT_OUTCOMES, CIVIL_VIOLENCE_OUTCOME_NAMES, CIVIL_VIOLENCE_OUTCOMES } from './outcomes.js';
import { CIVIL_VIOLENCE_PARAMETERS } from './parameters.js';
import { CIVIL_VIOLENCE, CivilViolenceScenarioSchema, type CivilViolenceScenario } from './schema.js';
import { compileCivilViolence, simulateCivilViolence } from './simulate.js';
import { parseCivilViolenceScenario } from './validate.js';

export function compileCivilViolenceModel(scenario: CivilViolenceScenario): CompiledModel {
  const world = compileCivilViolence(scenario);
  return {
    model: CIVIL_VIOLENCE,
    steps: world.steps,
    firstMonth: null,
    seriesNames: CIVIL_VIOLENCE_SERIES_NAMES,
    outcomeNames: CIVIL_VIOLENCE_OUTCOME_NAMES,
    costUnits: (world.citizens + world.copSlots) * world.steps,
    run(seed, options = {}) {
      const result = simulateCivilViolence(world, seed, { events: options.events === true });
      const outcomes = Float64Array.from(CIVIL_VIOLENCE_OUTCOME_NAMES, (name) => result.outcomes[name]);
      return { seed, series: result.series, outcomes, events: result.events };
    },
  };
}

export const civilViolence = defineModel<CivilViolenceScenario>({
  id: CIVIL_VIOLENCE,
  schema: CivilViolenceScenarioSchema,
  parse: parseCivilViolenceScenario,
  compile: compileCivilViolenceModel,
  parameters: CIVIL_VIOLENCE_PARAMETERS,
  outcomes: CIVIL_VIOLENCE_OUTCOMES,
  defaultOutcomes: CIVIL_VIOLENCE_DEFAULT_OUTCOMES,
  // A run's summary table shows every outcome, in table order.
  summary: CIVIL_VIOLENCE_OUTCOME_NAMES,
});
