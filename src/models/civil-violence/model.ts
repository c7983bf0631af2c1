/**
 * Epstein's civil violence model behind the engine's model interface. Pure.
 */
import type { CompiledModel, ModelDescription } from '../../engine/model.js';
import { EPSTEIN_OUTCOME_BETTER, EPSTEIN_OUTCOME_NAMES, EPSTEIN_SERIES_NAMES } from './metrics.js';
import { EPSTEIN_MODEL, type EpsteinScenario } from './schema.js';
import { compileEpstein, simulateEpstein } from './simulate.js';

export const epsteinDescription: ModelDescription = {
  id: EPSTEIN_MODEL,
  outcomeNames: EPSTEIN_OUTCOME_NAMES,
  better: EPSTEIN_OUTCOME_BETTER,
  defaultOutcomes: ['meanActive', 'peakActive', 'outbursts', 'activationPerOutburst', 'firstOutburstStep', 'arrests'],
};

export function compileEpsteinModel(scenario: EpsteinScenario): CompiledModel {
  const world = compileEpstein(scenario);
  return {
    model: EPSTEIN_MODEL,
    steps: world.steps,
    firstMonth: null,
    seriesNames: EPSTEIN_SERIES_NAMES,
    outcomeNames: EPSTEIN_OUTCOME_NAMES,
    costUnits: (world.citizens + world.copSlots) * world.steps,
    run(seed, options = {}) {
      const result = simulateEpstein(world, seed, { events: options.events === true });
      const outcomes = Float64Array.from(EPSTEIN_OUTCOME_NAMES, (name) => result.outcomes[name]);
      return { seed, series: result.series, outcomes, events: result.events };
    },
  };
}
