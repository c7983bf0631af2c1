/**
 * Zod schemas of a scenario file: THE scenario types. `Scenario` (validated, defaults
 * filled) and `ScenarioInput` (what a user may write) are derived from these schemas and
 * never written by hand; `scenarios/scenario.schema.json` is generated from them.
 *
 * Objects are strict: an unknown key is an error. Cross-references (a district's province,
 * a community's district...) and sums of shares are checked by `checkReferences` in
 * validate.ts, so that every issue carries the path of the bad field. Pure; no I/O.
 */
import { z } from 'zod';
import { PERMIT_KINDS } from './permit-kinds.js';
import { PARAMETERS, type ParameterSpec } from './parameters.js';
import { LabelSchema } from '../../scenario/label.js';

/** Years a calendar month may carry: four digits, so that every label reads back as written. */
const FIRST_YEAR = 1000;
export const LAST_YEAR = 9999;

/** A calendar month written "YYYY-MM", years 1000 to 9999. */
const MonthSchema = z
  .string()
  .regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, `expected a month written YYYY-MM with a year from ${FIRST_YEAR} to ${LAST_YEAR}, e.g. "2022-12"`);

const Id = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_.-]+$/, 'ids use letters, digits, "_", "-" and "." only');
const Share = z.number().min(0).max(1);
const NonNegative = z.number().min(0);
/** Upper bounds far beyond any real value, so that absurd numbers (1e308) are input errors, not overflows. */
const Money = NonNegative.max(1e12);
const Price = z.number().positive().max(1e9);

// ---- parameters (built from the PARAMETERS table) ---------------------------------------

type GroupShape<G extends Record<string, ParameterSpec>> = { [K in keyof G]: z.ZodDefault<z.ZodNumber> };

function parameterGroup<G extends Record<string, ParameterSpec>>(group: G) {
  const shape: Record<string, z.ZodDefault<z.ZodNumber>> = {};
  for (const [name, spec] of Object.entries(group)) {
    shape[name] = z
      .number()
      .min(spec.min)
      .max(spec.max)
      .default(spec.default)
      .describe(`${spec.description} Unit: ${spec.unit}. Source: ${spec.source}.`);
  }
  // Every field has a default, so an empty object is valid input (the generic hides that).
  return z.strictObject(shape as GroupShape<G>).prefault({} as never);
}

const ParametersSchema = z
  .strictObject({
    trust: parameterGroup(PARAMETERS.trust),
    commitments: parameterGroup(PARAMETERS.commitments),
    turnover: parameterGroup(PARAMETERS.turnover),
    prices: parameterGroup(PARAMETERS.prices),
    revenue: parameterGroup(PARAMETERS.revenue),
    hardship: parameterGroup(PARAMETERS.hardship),
    conflict: parameterGroup(PARAMETERS.conflict),
    protest: parameterGroup(PARAMETERS.protest),
    dialogue: parameterGroup(PARAMETERS.dialogue),
    licensing: parameterGroup(PARAMETERS.licensing),
    anticipation: parameterGroup(PARAMETERS.anticipation),
    authorities: parameterGroup(PARAMETERS.authorities),
    fate: parameterGroup(PARAMETERS.fate),
    disputes: parameterGroup(PARAMETERS.disputes),
    municipalDisputes: parameterGroup(PARAMETERS.municipalDisputes),
    illegalMining: parameterGroup(PARAMETERS.illegalMining),
    register: parameterGroup(PARAMETERS.register),
  })
  .prefault({});

// ---- territory ---------------------------------------------------------------------------

/** INEI's territorial code: 2 digits for a department, 4 for a province, 6 for a district. */
const ubigeo = (digits: number, of: string) =>
  z
    .string()
    .regex(new RegExp(`^\\d{${digits}}$`), `expected the ${digits}-digit ubigeo of the ${of}`)
    .optional()
    .describe(`INEI ubigeo of the ${of} (${digits} digits), for maps and joins with other tables.`);

const DepartmentSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  ubigeo: ubigeo(2, 'department'),
  backgroundWeight: z
    .number()
    .min(0)
    .max(1e6)
    .default(0)
    .describe(
      "Relative weight of the department in the registered mining cases of the background (parameters.register.backgroundRate): the national baseline sets its share of the Defensoría's mining case-months that name none of its projects. All 0: the departments share equally.",
    ),
});

const ProvinceSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  department: Id,
  ubigeo: ubigeo(4, 'province'),
});

const DistrictSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  province: Id,
  ubigeo: ubigeo(6, 'district'),
  population: z.number().int().min(1).max(2e8).describe('Residents (census).'),
  altitude: z.number().min(-500).max(9000).optional().describe("Altitude of the district's capital, metres."),
  latitude: z.number().min(-90).max(90).optional().describe("Latitude of the district's capital, degrees."),
  longitude: z.number().min(-180).max(180).optional().describe("Longitude of the district's capital, degrees."),
  poverty: Share.describe('Unmet-basic-needs (NBI) index, 0–1: share of the population with at least one unmet need.'),
  waterDependence: Share.default(0.5).describe('Dependence on water shared with the mine, 0–1.'),
  agricultureDependence: Share.default(0.5).describe(
    'Share of livelihoods in farming and herding, 0–1: with water dependence, the stake that scales the exposure a project in exploration or permitting is expected to bring.',
  ),
  indigenousShare: Share.default(0).describe(
    'Share of the population in peasant or native communities, 0–1: the share a consulta previa (where the project requires one) reaches.',
  ),
  illegalMining: Share.default(0).describe('Initial illegal-mining intensity, 0–1.'),
});

const LinkSchema = z.strictObject({
  from: Id,
  to: Id,
  kind: z.enum(['adjacent', 'corridor']).default('adjacent'),
  demarcated: z
    .boolean()
    .optional()
    .describe(
      'Whether the shared boundary of two adjacent districts is demarcated by law (PCM, Ley 27795); unset: drawn when a run starts with parameters.municipalDisputes.undemarcatedShare. Corridor links share no boundary.',
    ),
});

const TerritorySchema = z.strictObject({
  departments: z.array(DepartmentSchema).min(1),
  provinces: z.array(ProvinceSchema).min(1),
  districts: z.array(DistrictSchema).min(1),
  links: z.array(LinkSchema).default([]),
});

// ---- actors ------------------------------------------------------------------------------

const TrustSchema = z.strictObject({
  company: Share.default(0.35),
  national: Share.default(0.25),
  regional: Share.default(0.35),
  local: Share.default(0.45),
});

const CommunitySchema = z.strictObject({
  id: Id,
  name: z.string().optional(),
  district: Id,
  population: z.number().int().min(1).max(2e8),
  kind: z
    .enum(['peasant', 'native', 'urban', 'organisation'])
    .default('peasant')
    .describe(
      'peasant or native community; urban residents; or a local organisation that is not a community (a frente de defensa, an irrigation board). Recorded for scenarios; no mechanism distinguishes kinds yet.',
    ),
  mobilisation: Share.default(0.5).describe('Capacity to mobilise (organisation, leadership), 0–1.'),
  trust: TrustSchema.prefault({}).describe('Initial trust toward each actor type, 0–1.'),
});

const CompanySchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  capacity: Share.default(0.8).describe('Capacity to deliver its commitments, 0–1.'),
  esg: Share.default(0.5).describe('ESG standards actually applied, 0–1.'),
  socialBudget: Money.default(2_000_000).describe('Social-investment budget, soles per month, besides the revenue share.'),
  socialInvestmentShare: Share.default(0.01).describe('Share of sales revenue set aside for social investment.'),
});

const PhasesSchema = z.strictObject({
  exploration: MonthSchema,
  permitting: MonthSchema.optional(),
  construction: MonthSchema.optional(),
  operation: MonthSchema.optional(),
  closure: MonthSchema.optional(),
});

const PermitEventSchema = z.strictObject({
  month: MonthSchema.describe('Month in the plan (delayed by any suspension before it).'),
  kind: z
    .enum(PERMIT_KINDS)
    .describe(
      'publication of the EIA, its public hearing, technical observations by an independent review, approval, rejection (declared inadmissible), consulta previa.',
    ),
  label: z.string().optional(),
});

const ProjectSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  company: Id,
  district: Id.describe('Producing district (where the ore is extracted).'),
  corridor: z.array(Id).default([]).describe('Non-producing districts crossed by its transport (trucks, dust).'),
  metal: z.string().min(1).default('copper').describe('Name of the price series in exogenous.prices.'),
  output: NonNegative.max(1e10).describe('Payable metal output at full operation, tonnes per year (gold: ounces per year).'),
  profitMargin: Share.default(0.35).describe('Taxable profit as a share of sales.'),
  royaltyRate: Share.default(0.03).describe('Regalía as a share of sales (the legal base is operating profit; 1–12% of it).'),
  influence: z
    .array(Id)
    .default([])
    .describe(
      "Other districts of the EIA's area of direct influence (water, land): their communities relate to the project as the producing district's do.",
    ),
  phases: PhasesSchema.describe('The plan: when each phase is due to start. Suspensions the model produces delay what is still to come.'),
  permits: z
    .array(PermitEventSchema)
    .default([])
    .describe('EIA and permit events of the plan (publication, hearing, technical observations, approval, rejection, consulta previa).'),
  consultation: z
    .strictObject({
      required: z
        .boolean()
        .default(true)
        .describe(
          'Consulta previa (Ley 29785) applies: held as its permits entry says, or when permitting starts; it reaches the indigenousShare of each district. The licence trigger judges quality either way.',
        ),
      quality: Share.default(0.4).describe('Quality of consultation (consulta previa where it applies) and EIA participation, 0–1.'),
    })
    .prefault({}),
});

const OfficeSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  capacity: Share.default(0.5),
  monthlyBudget: Money.default(3_000_000).describe('Soles per month available for its commitments.'),
  commitmentWeight: NonNegative.max(1000)
    .default(1)
    .describe('Relative share of national commitments it owns when offices are fragmented.'),
  turnover: z
    .strictObject({
      baselineHazard: Share.optional().describe(
        'Monthly chance that the head changes outside a turnover era (default: parameters.turnover.baselineHazard).',
      ),
      crisisHazard: Share.optional().describe(
        'Monthly chance that the head changes inside a turnover era (default: parameters.turnover.crisisHazard).',
      ),
    })
    .optional()
    .describe(
      'Change hazards of this office by era: a tenure of T days is a monthly hazard of about 30.44/T (MINEM: 192–912 days before Castillo, 62 under him; FACTS §3).',
    ),
  term: z
    .strictObject({
      months: z.number().int().min(1).max(240).describe('Length of a term in months.'),
      start: MonthSchema.describe('A month in which a term began.'),
    })
    .optional()
    .describe(
      'A head with a fixed term (the Defensor del Pueblo: five years, elected by Congress) changes only when a term ends, not with ministerial turnover or national elections.',
    ),
});

const SubnationalSettings = {
  capacity: Share.default(0.4),
  executionRate: Share.default(0.77).describe(
    'Share of available canon-funded budget executed in a year (press reports: 76.7–79% in 2014).',
  ),
  monthlyBudget: Money.default(500_000).describe('Own resources, soles per month, available for its commitments.'),
};

const RegionSchema = z.strictObject({
  department: Id,
  ...SubnationalSettings,
  executionRate: Share.default(0.79),
  conflictOffice: z
    .boolean()
    .optional()
    .describe(
      'Has a working conflict-prevention office (7 of 26 in 2018; 8 of 24 in 2024, PCM-SGSD): reactive tables open at the first escalation, agreements get a named follow-up owner. Default: defaults.region.conflictOffice.',
    ),
});

const MunicipalitySchema = z.strictObject({
  district: Id,
  ...SubnationalSettings,
});

const SubnationalDefaults = z.strictObject(SubnationalSettings);

/** Monthly change hazard of a head whose mean tenure is `days` (30.44 days a month), to three decimals. */
const hazardOfTenure = (days: number): number => Math.round((30.44 / days) * 1000) / 1000;

/** The seven national offices that share the mining-conflict portfolio (Binetti 2024). */
export const DEFAULT_OFFICES = [
  {
    id: 'MINEM',
    name: 'Ministry of Energy and Mines',
    capacity: 0.55,
    monthlyBudget: 4_000_000,
    commitmentWeight: 3,
    // FACTS §3: mean minister tenure 192–912 days over the six governments before Castillo (midpoint 552), 62 days under him.
    turnover: { baselineHazard: hazardOfTenure(552), crisisHazard: hazardOfTenure(62) },
  },
  { id: 'MINAM', name: 'Ministry of Environment', capacity: 0.5, monthlyBudget: 2_000_000, commitmentWeight: 1.5 },
  { id: 'CULTURA', name: 'Ministry of Culture', capacity: 0.4, monthlyBudget: 1_000_000, commitmentWeight: 0.5 },
  { id: 'PCM', name: 'Presidency of the Council of Ministers', capacity: 0.5, monthlyBudget: 3_000_000, commitmentWeight: 2 },
  {
    id: 'DEFENSORIA',
    name: 'Ombudsman (Defensoría del Pueblo)',
    capacity: 0.6,
    monthlyBudget: 500_000,
    commitmentWeight: 0.2,
    // Constitution art. 161 and Ley 26520: a five-year term; Walter Gutiérrez took office on 6 Sep 2016.
    term: { months: 60, start: '2016-09' },
  },
  { id: 'MEF', name: 'Ministry of Economy and Finance', capacity: 0.7, monthlyBudget: 5_000_000, commitmentWeight: 1.5 },
  { id: 'MININTER', name: 'Ministry of the Interior', capacity: 0.5, monthlyBudget: 1_000_000, commitmentWeight: 0.3 },
];

const GovernmentSchema = z.strictObject({
  offices: z.array(OfficeSchema).min(1).default(DEFAULT_OFFICES),
  regions: z.array(RegionSchema).default([]).describe('Regional governments; departments not listed use defaults.region.'),
  municipalities: z
    .array(MunicipalitySchema)
    .default([])
    .describe('District municipalities; districts not listed use defaults.municipality.'),
  defaults: z
    .strictObject({
      region: SubnationalDefaults.extend({
        executionRate: Share.default(0.79),
        conflictOffice: z.boolean().default(false).describe('Whether a region not listed has a working conflict office.'),
      }).prefault({}),
      municipality: SubnationalDefaults.prefault({}),
    })
    .prefault({}),
});

// ---- policies (the reform levers) ----------------------------------------------------------

/** Shares of a revenue transfer by tier; they must sum to 1. */
const TierSharesSchema = z.strictObject({
  producingDistrict: Share,
  producingProvince: Share,
  producingDepartment: Share,
  regionalGovernment: Share,
  universities: Share.default(0),
  corridorDistricts: Share.default(0).describe("Share for the municipalities of the project's corridor districts (reform lever)."),
});

const PoliciesSchema = z
  .strictObject({
    dialogue: z
      .strictObject({
        timing: z
          .enum(['early', 'reactive', 'none'])
          .default('reactive')
          .describe('early: a permanent space from exploration; reactive: a table after escalation; none.'),
        convener: z.enum(['state', 'broker', 'company']).default('state'),
        opensAt: z.enum(['exploration', 'permitting']).default('exploration').describe('Phase at which an early permanent table opens.'),
        monitoring: z
          .boolean()
          .default(false)
          .describe(
            'A monitoring body for agreements (the Quellaveco committee: region, mayors, communities, PCM, MINEM): every agreement commitment is watched, so it is delivered as if followed up and an orphaned one is seen at once.',
          ),
      })
      .prefault({}),
    inclusion: z.strictObject({ womenAndYouth: Share.default(0).describe('Inclusion of women and youth in dialogue, 0–1.') }).prefault({}),
    coordination: z
      .strictObject({
        singleOffice: z.boolean().default(false).describe('One national office owns and follows up every national commitment.'),
        office: Id.default('PCM').describe('The coordinating office when singleOffice is true.'),
        commitmentRegistry: z.boolean().default(false).describe('A registry keeps commitments tracked across changes of head.'),
        regionalConflictOffices: z
          .boolean()
          .default(false)
          .describe('Every regional government has a working conflict-prevention office (reform lever; overrides the per-region flag).'),
      })
      .prefault({}),
    revenue: z
      .strictObject({
        canon: TierSharesSchema.default({
          producingDistrict: 0.1,
          producingProvince: 0.25,
          producingDepartment: 0.4,
          regionalGovernment: 0.2,
          universities: 0.05,
          corridorDistricts: 0,
        }).describe('Canon minero tiers (Canon law: 10/25/40/25, of which 20% of the regional 25% to universities).'),
        royalties: TierSharesSchema.default({
          producingDistrict: 0.2,
          producingProvince: 0.2,
          producingDepartment: 0.4,
          regionalGovernment: 0.15,
          universities: 0.05,
          corridorDistricts: 0,
        }).describe('Regalía tiers (Canon law: 20/20/40/15/5).'),
      })
      .prefault({}),
    consultation: z
      .strictObject({
        streamlining: Share.default(0).describe(
          'Consolidated consultation and EIA requirements, 0–1: shorter permitting, clearer consultation.',
        ),
      })
      .prefault({}),
    illegalMining: z
      .strictObject({
        formalisation: Share.default(0.1).describe('Formalisation effort, 0–1.'),
        enforcement: Share.default(0.2).describe('Enforcement effort against illegal mining, 0–1.'),
        registerUntil: MonthSchema.optional().describe(
          'Last month the formalisation register (REINFO) is in force; after it suspended registrants are excluded. Absent: extended throughout, as every deadline has been (ampliaciones of Dec 2024 to Jun 2025, Jun 2025 to Dec 2025, Dec 2025 to Dec 2026).',
        ),
      })
      .prefault({}),
    civilService: z
      .strictObject({
        turnoverMultiplier: z
          .number()
          .min(0)
          .max(10)
          .default(1)
          .describe('Multiplier on office-head change hazards (stable civil service < 1).'),
      })
      .prefault({}),
    nationalDialogue: z
      .strictObject({
        from: MonthSchema.optional().describe(
          'Month the national dialogue on mining opens (source paper: ahead of the 2026 elections); absent: no national dialogue.',
        ),
      })
      .prefault({})
      .describe(
        'A standing multi-sectoral national dialogue on mining (source paper): from its opening, every community hears the national state (a monthly trust signal, parameters.dialogue.nationalDialogueSignal) and the commitments it oversees are registered (orphaned at registryFactor).',
      ),
    esgStandard: Share.default(0).describe(
      'Regulatory minimum of ESG standards, 0–1: every company applies at least this much (source paper: clear, measurable ESG standards).',
    ),
    forceResponse: Share.optional().describe('Overrides parameters.conflict.forceProbability.'),
  })
  .prefault({});

// ---- exogenous inputs ----------------------------------------------------------------------

const PriceProcessSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('gbm'),
    initial: Price,
    drift: z.number().min(-1).max(1).default(0).describe('Annual log drift.'),
    volatility: z.number().min(0).max(2).default(0.2).describe('Annual volatility.'),
  }),
  z.strictObject({
    kind: z.literal('reverting'),
    initial: Price,
    longRun: Price.describe('Long-run price the log price reverts to.'),
    halfLifeYears: z.number().positive().max(100).default(3).describe('Years for half of a deviation from the long-run price to fade.'),
    volatility: z.number().min(0).max(2).default(0.2).describe('Annual volatility of the log price.'),
  }),
  z.strictObject({
    kind: z.literal('path'),
    points: z
      .array(z.strictObject({ month: MonthSchema, value: Price }))
      .min(1)
      .describe('Prices at given months; linear in between, flat outside.'),
  }),
]);

const PeriodSchema = (what: string) =>
  z.strictObject({
    from: MonthSchema,
    to: MonthSchema,
    label: z.string().default(what),
  });

const ExogenousSchema = z
  .strictObject({
    prices: z
      .record(z.string().min(1), PriceProcessSchema)
      .default({ copper: { kind: 'reverting', initial: 7500, longRun: 7500, halfLifeYears: 3, volatility: 0.2 } })
      .describe('Metal prices, USD per tonne (gold: per ounce).'),
    turnoverEras: z
      .array(PeriodSchema('turnover era'))
      .default([])
      .describe(
        'Periods of ministerial turnover (FACTS §3: 72 ministers in 14 months under Castillo): office heads change at the crisis hazard.',
      ),
    protestWaves: z
      .array(PeriodSchema('protest wave'))
      .default([])
      .describe('National protest waves (Dec 2022 – Mar 2023): a trigger for every case.'),
    crises: z
      .array(PeriodSchema('political crisis'))
      .default([])
      .describe('Older files: a period that is both a turnover era and a protest wave. New files name the two apart.'),
    referendums: z
      .array(
        z.strictObject({
          month: MonthSchema,
          project: Id,
          districts: z.array(Id).min(1).describe('Districts that voted.'),
          against: Share.describe('Share of valid votes against the project.'),
          label: z.string().default('local referendum'),
        }),
      )
      .default([])
      .describe(
        'Local referendums and consultas vecinales on a project: mobilising events (Tía María, 27 Sep 2009: more than 90% against).',
      ),
    elections: z
      .strictObject({
        national: z.array(MonthSchema).default(['2011-06', '2016-06', '2021-06', '2026-06']),
        subnational: z.array(MonthSchema).default(['2010-10', '2014-10', '2018-10', '2022-10', '2026-10']),
      })
      .prefault({}),
  })
  .prefault({});

// ---- the scenario --------------------------------------------------------------------------

export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.string().optional().describe('A base scenario this file patches (objects merge, arrays replace, null deletes a key).'),
  model: z
    .literal('peru-mining')
    .optional()
    .describe('The model this scenario is for (peru-mining when absent; see also epstein-civil-violence).'),
  name: z.string().min(1),
  label: LabelSchema.optional(),
  description: z.string().default(''),
  start: MonthSchema.default('2010-01'),
  months: z.number().int().min(1).max(1200).default(240),
  outcomesFrom: MonthSchema.optional().describe(
    "Outcomes count from this month on (default: the start). The months before it are a spin-up: cases, trust and commitments reach the state of that date from the projects' own history, instead of starting from none. timeseries.csv still shows every month.",
  ),
  territory: TerritorySchema,
  communities: z.array(CommunitySchema).default([]),
  companies: z.array(CompanySchema).default([]),
  projects: z.array(ProjectSchema).default([]),
  government: GovernmentSchema.prefault({}),
  policies: PoliciesSchema,
  exogenous: ExogenousSchema,
  parameters: ParametersSchema,
  record: z
    .array(
      z.strictObject({
        month: MonthSchema,
        event: z.string().min(1),
        kind: z.enum(['protest', 'violence', 'suspension', 'resumption', 'abandonment', 'operation', 'other']).default('other'),
        source: z.string().min(1).optional(),
      }),
    )
    .default([])
    .describe('The public record of what happened, to compare the runs against. The model never reads it.'),
  formulas: z
    .strictObject({
      dialogueEffectiveness: z
        .string()
        .min(1)
        .optional()
        .describe(
          'mathjs expression of base, convenerTrust, inclusion, inclusionEffect, capacity (replaces the built-in dialogue effectiveness).',
        ),
      escalationHazard: z
        .string()
        .min(1)
        .optional()
        .describe('mathjs expression of rate, x, pressure, triggers (replaces 1 - exp(-rate * x) for escalating transitions).'),
    })
    .prefault({})
    .describe('Optional response curves as restricted mathjs expressions (see src/models/peru-mining/formulas.ts).'),
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Parameters = Scenario['parameters'];
export type Policies = Scenario['policies'];
export type TierShares = z.output<typeof TierSharesSchema>;
export type PriceProcess = z.output<typeof PriceProcessSchema>;
