/**
 * Compiles a validated Peru scenario into what the engine runs. Its own file, importing no
 * schema, so that a worker thread compiles and runs without loading zod (models/compilers.ts).
 * Pure.
 */
import { compileWorld } from './world.js';
import { simulateWorld } from './simulate.js';
import { SERIES_NAMES } from './metrics.js';
import { OUTCOME_NAMES } from './outcomes.js';
import type { Scenario } from './schema.js';
import { monthLabel } from '../../engine/calendar.js';
import type { CompiledModel } from '../../engine/model.js';

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
