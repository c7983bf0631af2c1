/**
 * Epstein's civil violence model's public face, exported by the library as the
 * `civilViolence` namespace: its ModelDefinition, schema, parser, kernel and tables. Pure.
 */
export { civilViolence as definition, compileCivilViolenceModel } from './model.js';
export {
  CIVIL_VIOLENCE as ID,
  CivilViolenceScenarioSchema,
  scheduleValue,
  type CivilViolenceScenario,
  type CivilViolenceScenarioInput,
  type Schedule,
} from './schema.js';
export { parseCivilViolenceScenario } from './validate.js';
export { CIVIL_VIOLENCE_PARAMETERS } from './parameters.js';
export {
  CIVIL_VIOLENCE_OUTCOMES,
  CIVIL_VIOLENCE_OUTCOME_NAMES,
  CIVIL_VIOLENCE_OUTCOME_BETTER,
  CIVIL_VIOLENCE_DEFAULT_OUTCOMES,
  type CivilViolenceOutcomeName,
  type CivilViolenceOutcomes,
} from './outcomes.js';
export { CIVIL_VIOLENCE_SERIES_NAMES, findOutbursts, waitingTimes, type CivilViolenceSeriesName, type Outburst } from './metrics.js';
export {
  compileCivilViolence,
  simulateCivilViolence,
  type CivilViolenceWorld,
  type CivilViolenceRun,
  type CivilViolenceEvent,
} from './simulate.js';
