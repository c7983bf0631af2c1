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
  const organisations = scenario.communities.filter((c) => c.kind === 'organisation').length;
  return {
    model: PERU_MINING,
    steps: world.months,
    firstMonth: monthLabel(world.startMonth),
    seriesNames: SERIES_NAMES,
    outcomeNames: OUTCOME_NAMES,
    costUnits: Math.max(1, world.communityIds.length) * world.months,
    size: [
      {
        count: scenario.territory.departments.length,
        one: { en: 'department', es: 'departamento' },
        many: { en: 'departments', es: 'departamentos' },
      },
      { count: scenario.territory.provinces.length, one: { en: 'province', es: 'provincia' }, many: { en: 'provinces', es: 'provincias' } },
      { count: scenario.territory.districts.length, one: { en: 'district', es: 'distrito' }, many: { en: 'districts', es: 'distritos' } },
      {
        count: world.communityIds.length - organisations,
        one: { en: 'community', es: 'comunidad' },
        many: { en: 'communities', es: 'comunidades' },
      },
      ...(organisations > 0
        ? [
            {
              count: organisations,
              one: { en: 'local organisation', es: 'organización local' },
              many: { en: 'local organisations', es: 'organizaciones locales' },
            },
          ]
        : []),
      { count: world.projectIds.length, one: { en: 'project', es: 'proyecto' }, many: { en: 'projects', es: 'proyectos' } },
    ],
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
