/**
 * The Peru mining model as the engine sees it: its schema, parser, compiler, parameter
 * table and outcome table in one ModelDefinition. Pure.
 */
import { compilePeruMining, PERU_MINING } from './compile.js';
import { DEFAULT_OUTCOMES, OUTCOMES, SUMMARY_OUTCOMES } from './outcomes.js';
import { PARAMETER_TABLE } from './parameters.js';
import { ScenarioSchema, type Scenario } from './schema.js';
import { parseScenario } from './validate.js';
import { defineModel } from '../../engine/model.js';

export { compilePeruMining, PERU_MINING };

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
