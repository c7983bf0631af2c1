/**
 * The Peru mining model (src/core) behind the engine's model interface. Pure.
 */
import { compileWorld } from './world.js';
import { simulateWorld } from './simulate.js';
import { OUTCOME_BETTER, OUTCOME_NAMES, SERIES_NAMES } from './metrics.js';
import { monthLabel } from '../../engine/calendar.js';
import type { Scenario } from './schema.js';
import type { CompiledModel, ModelDescription } from '../../engine/model.js';

export const PERU_MINING = 'peru-mining';

export const peruMiningDescription: ModelDescription = {
  id: PERU_MINING,
  outcomeNames: OUTCOME_NAMES,
  better: OUTCOME_BETTER,
  defaultOutcomes: ['activeConflictMonths', 'crisisMonths', 'blockadeMonths', 'violentEvents', 'commitmentsBroken', 'trustNational', 'trustCompany', 'productionLostShare'],
};

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
