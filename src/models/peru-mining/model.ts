/**
 * The Peru mining model as the engine sees it: its schema, parser, compiler, parameter
 * table and outcome table in one ModelDefinition. Pure.
 */
import { compileWorld } from './world.js';
import { simulateWorld } from './simulate.js';
import { SERIES_NAMES } from './metrics.js';
import { DEFAULT_OUTCOMES, OUTCOME_NAMES, OUTCOMES, SUMMARY_OUTCOMES } from './outcomes.js';
import { PARAMETER_TABLE } from './parameters.js';
import { ScenarioSchema, type Scenario } from './schema.js';
import { parseScenario } from './validate.js';
import { monthLabel } from '../../engine/calendar.js';
import { defineModel, type CompiledModel } from '../../engine/model.js';

export const PERU_MINING = 'peru-mining';

export function compilePeruMining(scenario: Scenario): CompiledModel {
  const world = compileWorld(scenario);
  return {
    model: PERU_MINING,
    steps: world.months,
    firstMonth: monthLabel(world.startMonth),
    seriesNames: SERIES_NAMES,
    outcomeNames: OUTCOME_NAMES,
    costUnits: Math.max(1, world.communityIds.length) * world.months,
    run(seed, options = {}) {
      const result = simulateWorld(world, { seed, events: options.events === true });
      const outcomes = new Float64Array(OUTCOME_NAMES.length);
      OUTCOME_NAMES.forEach((name, k) => (outcomes[k] = result.outcomes[name]));
      const events = result.events?.map((e) => ({ ...e, month: result.monthLabels[e.month] })) ?? null;
      return { seed, series: result.series, outcomes, events };
    },
  };
}

export const peruMining = defineModel<Scenario>({
  id: PERU_MINING,
  schema: ScenarioSchema,
  parse: parseScenario,
  compile: compilePeruMining,
  parameters: PARAMETER_TABLE,
  outcomes: OUTCOMES,
  defaultOutcomes: DEFAULT_OUTCOMES,
  summary: SUMMARY_OUTCOMES,
});
