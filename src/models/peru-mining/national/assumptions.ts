/**
 * The assumptions the national data forced: every number the builder uses that no source
 * gives, with its default, its plausible range and why. docs/national.md prints this table;
 * `ayni data-national --assume name=value` rebuilds the baseline at another value, so that
 * each one's effect can be measured. Pure data.
 */

export interface BuildAssumption {
  readonly default: number;
  readonly range: readonly [number, number];
  readonly unit: string;
  readonly description: string;
  readonly why: string;
}

export const BUILD_ASSUMPTIONS = {
  spinUpYears: {
    default: 10,
    range: [5, 15],
    unit: 'years',
    description:
      "Years the model runs before 2010 from the projects' own history (phases before 2010, the calendar of 2000–2009), so that 2010 opens with a stock of cases instead of none; outcomes count from 2010-01.",
    why: 'The Defensoría registered about 100 mining cases in 2010 (FACTS §1); a run that started with none would spend its first years filling up. From none, the stock levels off after about six years at the default rates.',
  },
  neighbours: {
    default: 5,
    range: [3, 8],
    unit: 'districts',
    description: 'Each district is adjacent to its k nearest districts (by the distance between capitals), links made symmetric.',
    why: 'The shared boundary polygons are of 2007 and miss 57 districts; a district of the Andes touches about five others.',
  },
  influenceRadiusKm: {
    default: 10,
    range: [0, 25],
    unit: 'km',
    description:
      "A project's area of direct influence: the districts named by its sources, and every district whose capital lies within this distance of the producing district's capital.",
    why: 'EIAs draw the area of direct influence by watershed and land use, which the data does not hold; a distance stands in for it.',
  },
  highlandAltitude: {
    default: 2500,
    range: [2000, 3500],
    unit: 'm',
    description:
      "Peasant communities are placed in districts whose capital stands at least this high (all of a department's districts when none does).",
    why: 'Peasant communities are mostly Andean; the census gives their number by department for Puno and Cusco only.',
  },
  lowlandAltitude: {
    default: 800,
    range: [500, 1500],
    unit: 'm',
    description:
      "Native communities are placed in districts whose capital stands below this altitude (all of a department's districts when none does).",
    why: 'Native communities are Amazonian (selva baja and the lower selva alta); the census gives their number by department for Loreto only.',
  },
  ruralCap: {
    default: 20000,
    range: [10000, 50000],
    unit: 'people',
    description:
      'A district weighs by its population up to this many people when communities are shared out: a city counts as no more than a large rural district.',
    why: 'Communities follow rural, not urban, population; rural population by district is not in the data.',
  },
  peasantSize: {
    default: 400,
    range: [200, 800],
    unit: 'people',
    description: 'Population of a peasant community (at most 90% of its district shared among its communities).',
    why: 'No community population is in the data; 9,385 communities at 400 and 250 people hold 3.3 M people, about half of the 6.07 M rural population of 2017 (S28).',
  },
  nativeSize: {
    default: 250,
    range: [100, 600],
    unit: 'people',
    description: 'Population of a native community (at most 90% of its district shared among its communities).',
    why: 'As for peasant communities; Amazonian communities are smaller.',
  },
  organisationSize: {
    default: 2000,
    range: [500, 5000],
    unit: 'people',
    description:
      "A district of a project's area (producing, influence or corridor) with no community gets one local organisation (a frente de defensa, an irrigation board) of this many people (at most 90% of the district).",
    why: 'Cases also arise where no community lives (Tía María: the farmers of the Tambo valley); the data holds no organisations, and without one such a project could have no case.',
  },
  mobilisationLow: {
    default: 0.4,
    range: [0.2, 0.5],
    unit: 'share',
    description: "Lower end of the uniform draw of a community's capacity to mobilise.",
    why: 'As in the corridor scenario (0.41–0.69): no source measures it.',
  },
  mobilisationHigh: {
    default: 0.7,
    range: [0.5, 0.9],
    unit: 'share',
    description: "Upper end of the uniform draw of a community's capacity to mobilise.",
    why: 'As above.',
  },
  seed: {
    default: 1,
    range: [1, 1],
    unit: 'seed',
    description: 'Seed of the draws the builder makes (mobilisation of each community).',
    why: 'A seed, not a quantity: another seed is another equally likely baseline.',
  },
} as const satisfies Record<string, BuildAssumption>;

type BuildAssumptionName = keyof typeof BUILD_ASSUMPTIONS;
export type BuildSettings = { readonly [K in BuildAssumptionName]: number };

export const DEFAULT_BUILD_SETTINGS: BuildSettings = Object.fromEntries(
  Object.entries(BUILD_ASSUMPTIONS).map(([k, a]) => [k, a.default]),
) as BuildSettings;
