/**
 * Small hand-built worlds for mechanism tests: one department, a mine district and a
 * corridor district, a few communities, one copper mine already in operation.
 */
import { parseScenario } from '../../src/models/peru-mining/validate.js';
import { mergeOverlay } from '../../src/scenario/load.js';
import type { Scenario, ScenarioInput } from '../../src/models/peru-mining/schema.js';
import { compileWorld, type World } from '../../src/models/peru-mining/world.js';
import { createState, type State } from '../../src/models/peru-mining/state.js';
import { createStreams } from '../../src/engine/streams.js';

export function tinyScenarioInput(communitiesPerDistrict = 3): ScenarioInput {
  const districts = ['mine', 'road'];
  return {
    name: 'tiny',
    start: '2020-01',
    months: 24,
    territory: {
      departments: [{ id: 'dep', name: 'Department' }],
      provinces: [{ id: 'prov', name: 'Province', department: 'dep' }],
      districts: districts.map((id) => ({ id, name: id, province: 'prov', population: 10000, poverty: 0.6 })),
      links: [{ from: 'mine', to: 'road', kind: 'corridor' }],
    },
    communities: districts.flatMap((d) =>
      Array.from({ length: communitiesPerDistrict }, (_, i) => ({ id: `${d}-${i}`, district: d, population: 500 })),
    ),
    companies: [{ id: 'co', name: 'Company' }],
    projects: [
      {
        id: 'mine',
        name: 'Mine',
        company: 'co',
        district: 'mine',
        corridor: ['road'],
        output: 120000,
        phases: { exploration: '2005-01', permitting: '2008-01', construction: '2010-01', operation: '2013-01' },
      },
    ],
    exogenous: { prices: { copper: { kind: 'path', points: [{ month: '2020-01', value: 8000 }] } } },
  };
}

export function tinyScenario(overlay: Record<string, unknown> = {}, communitiesPerDistrict = 3): Scenario {
  const parsed = parseScenario(mergeOverlay(tinyScenarioInput(communitiesPerDistrict), overlay));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error, null, 2));
  return parsed.data;
}

export function tinyWorld(overlay: Record<string, unknown> = {}, communitiesPerDistrict = 3, seed = 1): { world: World; state: State } {
  const world = compileWorld(tinyScenario(overlay, communitiesPerDistrict));
  return { world, state: createState(world, createStreams(seed), []) };
}
