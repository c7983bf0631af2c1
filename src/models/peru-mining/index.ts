/**
 * The Peru mining model's public face, exported by the library as the `peruMining`
 * namespace: its ModelDefinition, schema, parser, kernel and tables. Pure.
 */
export { peruMining as definition, PERU_MINING as ID, compilePeruMining } from './model.js';
export { ScenarioSchema, DEFAULT_OFFICES, type Scenario, type ScenarioInput, type Parameters, type Policies } from './schema.js';
export { parseScenario, checkReferences } from './validate.js';
export { PARAMETERS, PARAMETER_TABLE, type ParameterSpec } from './parameters.js';
export { OUTCOMES, OUTCOME_NAMES, OUTCOME_BETTER, DEFAULT_OUTCOMES, SUMMARY_OUTCOMES } from './outcomes.js';
export { SERIES_NAMES, seriesColumn, type Outcomes, type SeriesName } from './metrics.js';
export { simulate, simulateWorld, type RunResult, type SimulateOptions } from './simulate.js';
export { compileWorld, type World } from './world.js';
export { apportion } from './apportion.js';
export type { ModelEvent } from './events.js';
