/**
 * The compiled world: a validated Scenario turned into dense integer indices and typed
 * arrays (struct of arrays) that the monthly step reads. Nothing here changes during a
 * run; the mutable part is in state.ts. Pure; no I/O.
 *
 * Index conventions
 * - districts, provinces, departments, communities, companies, projects, offices: the order
 *   of the scenario's lists;
 * - actors (owners of commitments, holders of money): companies, then national offices,
 *   then regional governments (one per department), then municipalities (one per district);
 * - relations: one per (community, project) pair where the community lives in the
 *   project's producing district or another district of its area of direct influence
 *   (DIRECT), or in one of its corridor districts (CORRIDOR).
 *   Conflict cases and reactive dialogue tables live on relations.
 */
import type { Parameters, Policies, PriceProcess, Scenario } from './schema.js';
import { PERMIT_KINDS } from './permit-kinds.js';
import { monthIndex } from '../../engine/calendar.js';
import { compileFormula, type CompiledFormula } from './formulas.js';

export const ActorKind = { company: 0, national: 1, regional: 2, local: 3 } as const;
/** Trust channels per community, in this order (also the order of ActorKind). */
const TRUST_CHANNELS = ['company', 'national', 'regional', 'local'] as const;
export const CHANNELS = 4;

export const Phase = { none: 0, exploration: 1, permitting: 2, construction: 3, operation: 4, closure: 5 } as const;

export const RelationKind = { direct: 0, corridor: 1 } as const;

/** Permit events of a project's plan, by their index in PERMIT_KINDS. */
export const PermitKind = Object.fromEntries(PERMIT_KINDS.map((k, i) => [k, i])) as {
  readonly [K in (typeof PERMIT_KINDS)[number]]: number;
};

/** A compressed list of lists: items of row i are list[start[i] .. start[i+1]). */
interface Csr {
  readonly start: Int32Array;
  readonly list: Int32Array;
}

export interface World {
  readonly months: number;
  /** Absolute month index of step 0 (see calendar.ts). */
  readonly startMonth: number;
  /** First step whose month counts in the outcomes (0 unless the scenario has a spin-up). */
  readonly outcomesFrom: number;
  readonly parameters: Parameters;
  readonly policies: Policies;

  readonly districtIds: readonly string[];
  readonly districtPopulation: Float64Array;
  readonly districtPoverty: Float64Array;
  readonly districtWater: Float64Array;
  readonly districtIndigenous: Float64Array;
  /**
   * Livelihood stake in what a mine would change, scaling anticipated exposure:
   * stakeFloor + (1 − stakeFloor)·(w·waterDependence + (1 − w)·agricultureDependence).
   */
  readonly districtStake: Float64Array;
  readonly districtIllegalMining: Float64Array;
  /** First step at which the formalisation register (REINFO) is closed: Infinity while it is extended. */
  readonly registerClosedFrom: number;
  readonly districtProvince: Int32Array;
  readonly districtDepartment: Int32Array;
  /** Adjacent and corridor-linked districts, both directions. */
  readonly districtNeighbours: Csr;
  /**
   * The districts each district compares its mining revenue with (issue #20): the linked districts
   * it sees, and the producing district of every project of its province or whose corridor or
   * area of influence it lies in (Loayza & Rigolini 2016: the gains fall with administrative and
   * geographic distance from the producing district). Not every district the revenue reaches.
   */
  readonly districtComparison: Csr;
  /**
   * Possible claims on a deposit across a boundary (issue #20): claimant district, the adjacent
   * district hosting a project, and the boundary, one entry per direction of each adjacent link
   * with a project at one end or both. Whether a boundary is demarcated is the scenario's
   * `demarcated` (1 yes, 0 no) or, where it is unset (−1), drawn when a run starts (state.ts).
   */
  readonly demarcationClaimant: Int32Array;
  readonly demarcationProducer: Int32Array;
  readonly demarcationBoundary: Int32Array;
  readonly boundaryDemarcated: Int8Array;
  readonly districtCommunities: Csr;
  readonly departmentIds: readonly string[];
  readonly departmentPopulation: Float64Array;

  readonly communityIds: readonly string[];
  readonly communityDistrict: Int32Array;
  readonly communityPopulation: Float64Array;
  /**
   * Mobilisation capacity, from the stated mobilisation and the community's size:
   * m = 1 − (1 − mobilisation)^((population / referencePopulation)^populationElasticity).
   */
  readonly communityMobilisation: Float64Array;
  /** Initial trust, community-major: [c * CHANNELS + channel]. */
  readonly initialTrust: Float64Array;
  readonly communityRelations: Csr;

  readonly companyIds: readonly string[];
  readonly companyEsg: Float64Array;
  readonly companySocialBudget: Float64Array;
  readonly companySocialShare: Float64Array;

  readonly projectIds: readonly string[];
  readonly projectCompany: Int32Array;
  readonly projectDistrict: Int32Array;
  readonly projectMetal: Int32Array;
  /** Payable output at full operation, units per month. */
  readonly projectMonthlyOutput: Float64Array;
  readonly projectMargin: Float64Array;
  readonly projectRoyaltyRate: Float64Array;
  /** Step at which each phase starts, [p * 6 + phase]; Infinity when the phase never comes. */
  readonly projectPhaseStart: Float64Array;
  readonly projectConsultationQuality: Float64Array;
  /** The project's permit events in plan order: rows of `start` per project, plan step and kind per event. */
  readonly permits: { readonly start: Int32Array; readonly month: Int32Array; readonly kind: Uint8Array };
  readonly projectRelations: Csr;
  readonly projectCorridor: Csr;
  /** Districts of the area of direct influence besides the producing district. */
  readonly projectInfluence: Csr;
  /** Recipients (actor indices) and weights of each revenue tier, per project. */
  readonly revenueRecipients: readonly ProjectRecipients[];

  readonly relationCommunity: Int32Array;
  readonly relationProject: Int32Array;
  readonly relationKind: Uint8Array;
  /** What operation would bring a direct relation's community (0 for corridors): operationExposure·(1 − esgMitigation·ESG)·stake. */
  readonly relationAnticipated: Float64Array;
  /** The registered case each relation's case counts towards (parameters.register.groupByDistrict), 0..registerCaseCount − 1. */
  readonly relationRegisterCase: Int32Array;
  readonly registerCaseCount: number;
  /** Cumulative shares of the departments in the background of registered mining cases (territory.departments[].backgroundWeight). */
  readonly backgroundDepartmentCdf: Float64Array;
  /** Local referendums: step, project, share against, and the relations (of its project, in the districts that voted) they reach. */
  readonly referendums: {
    readonly month: Int32Array;
    readonly project: Int32Array;
    readonly against: Float64Array;
    readonly relations: Csr;
  };

  readonly metalNames: readonly string[];
  readonly priceProcesses: readonly PriceProcess[];
  /** Index of the metal named "gold", or -1. */
  readonly goldMetal: number;

  readonly nOffices: number;
  readonly actorIds: readonly string[];
  readonly actorKind: Uint8Array;
  readonly actorCapacity: Float64Array;
  readonly actorMonthlyBudget: Float64Array;
  readonly actorExecutionRate: Float64Array;
  /** Regional governments with a working conflict office (by department): the region's flag, its default, or the reform lever. */
  readonly regionConflictOffice: Uint8Array;
  readonly firstOffice: number;
  readonly firstRegion: number;
  readonly firstMunicipality: number;
  /** Office that owns national commitments under a single office, and leads state dialogue. */
  readonly leadOffice: number;
  /** Normalised share of national commitments owned by each office when fragmented. */
  readonly officeCommitmentShare: Float64Array;

  /** Response curves the scenario replaced with formulas (compiled once per world). */
  readonly formulas: { readonly dialogueEffectiveness?: CompiledFormula; readonly escalationHazard?: CompiledFormula };
  /** Protest-action multiplier of each case phase (indexed by CasePhase; crisis: 0, its episode is the protest). */
  readonly protestPhaseActions: Float64Array;
  /** Perceived-breach hazard of a commitment without deadline, by age in months (0 … months). */
  readonly impatienceByAge: Float64Array;
  /** Steps inside a ministerial-turnover era (turnoverEras and the older `crises`). */
  readonly turnoverEra: Uint8Array;
  /** Steps inside a national protest wave (protestWaves and the older `crises`). */
  readonly protestWave: Uint8Array;
  /** Per office: steps at which a fixed-term head changes (1), or all 0 for a political head; [j * months + t]. */
  readonly officeTermEnds: Uint8Array;
  /** Per office: 1 when its head has a fixed term (immune to turnover hazards and national elections). */
  readonly officeFixedTerm: Uint8Array;
  /** Per office: monthly change hazard of its head outside and inside a turnover era (before the civil-service multiplier). */
  readonly officeBaselineHazard: Float64Array;
  readonly officeCrisisHazard: Float64Array;
  /** First step of the national dialogue on mining (policies.nationalDialogue.from), or Infinity when there is none. */
  readonly nationalDialogueFrom: number;
  readonly nationalElection: Uint8Array;
  readonly subnationalElection: Uint8Array;
  /** Steps in the campaignMonths before a national election. */
  readonly nationalCampaign: Uint8Array;
}

interface ProjectRecipients {
  readonly producingDistrict: Recipients;
  readonly producingProvince: Recipients;
  readonly producingDepartment: Recipients;
  readonly regionalGovernment: Recipients;
  readonly universities: Recipients;
  readonly corridorDistricts: Recipients;
}

/** Actor indices (or, for universities, department indices) and their split weights. */
export interface Recipients {
  readonly actors: Int32Array;
  readonly weights: Float64Array;
}

function indexOf(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, i) => [id, i]));
}

function csr(rows: number, pairs: ReadonlyArray<readonly [number, number]>): Csr {
  const start = new Int32Array(rows + 1);
  for (const [row] of pairs) start[row + 1]++;
  for (let i = 0; i < rows; i++) start[i + 1] += start[i];
  const fill = start.slice(0, rows);
  const list = new Int32Array(pairs.length);
  for (const [row, item] of pairs) list[fill[row]++] = item;
  return { start, list };
}

/** (district, compared district) pairs, sorted and without repeats: see World.districtComparison. */
function comparisonPairs(
  s: Scenario,
  districtIndex: Map<string, number>,
  districtProvince: Int32Array,
  neighbourPairs: ReadonlyArray<readonly [number, number]>,
): Array<[number, number]> {
  const seen = new Set<number>();
  const nD = districtProvince.length;
  const pairs: Array<[number, number]> = [];
  const add = (d: number, other: number) => {
    if (d === other || seen.has(d * nD + other)) return;
    seen.add(d * nD + other);
    pairs.push([d, other]);
  };
  for (const [a, b] of neighbourPairs) add(a, b);
  for (const project of s.projects) {
    const producing = lookup(districtIndex, project.district);
    for (let d = 0; d < nD; d++) if (districtProvince[d] === districtProvince[producing]) add(d, producing);
    for (const id of [...project.corridor, ...project.influence]) add(lookup(districtIndex, id), producing);
  }
  return pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** Claims across boundaries with a producing district: see World.demarcationClaimant. */
function demarcationClaims(s: Scenario, districtIndex: Map<string, number>) {
  const t = s.territory;
  const hosts = new Set(s.projects.map((p) => lookup(districtIndex, p.district)));
  const seen = new Set<string>();
  const claims: Array<{ claimant: number; producer: number; boundary: number }> = [];
  const demarcated: number[] = [];
  for (const link of t.links) {
    if (link.kind !== 'adjacent') continue;
    const a = lookup(districtIndex, link.from);
    const b = lookup(districtIndex, link.to);
    const pair = a < b ? `${a}/${b}` : `${b}/${a}`;
    if (a === b || seen.has(pair) || !(hosts.has(a) || hosts.has(b))) continue;
    seen.add(pair);
    const boundary = demarcated.length;
    demarcated.push(link.demarcated === undefined ? -1 : link.demarcated ? 1 : 0);
    if (hosts.has(b)) claims.push({ claimant: a, producer: b, boundary });
    if (hosts.has(a)) claims.push({ claimant: b, producer: a, boundary });
  }
  return { claims, demarcated: Int8Array.from(demarcated) };
}

const lookup = (map: Map<string, number>, id: string): number => {
  const i = map.get(id);
  if (i === undefined) throw new Error(`bug: unresolved reference "${id}" in a validated scenario`);
  return i;
};

/** Compiles a validated scenario. Throws only on bugs (references are checked by validation). */
export function compileWorld(s: Scenario): World {
  const months = s.months;
  const startMonth = monthIndex(s.start);
  const P = s.parameters;
  const t = s.territory;

  const departmentIndex = indexOf(t.departments.map((d) => d.id));
  const provinceIndex = indexOf(t.provinces.map((p) => p.id));
  const districtIds = t.districts.map((d) => d.id);
  const districtIndex = indexOf(districtIds);
  const nD = districtIds.length;
  const provinceDepartment = Int32Array.from(t.provinces, (p) => lookup(departmentIndex, p.department));
  const districtProvince = Int32Array.from(t.districts, (d) => lookup(provinceIndex, d.province));
  const districtDepartment = Int32Array.from(districtProvince, (p) => provinceDepartment[p]);
  const districtPopulation = Float64Array.from(t.districts, (d) => d.population);
  const departmentPopulation = new Float64Array(t.departments.length);
  districtDepartment.forEach((dep, d) => (departmentPopulation[dep] += districtPopulation[d]));

  const neighbourPairs: Array<[number, number]> = [];
  const seenLinks = new Set<string>();
  for (const link of t.links) {
    const a = lookup(districtIndex, link.from);
    const b = lookup(districtIndex, link.to);
    const key = a < b ? `${a}/${b}` : `${b}/${a}`;
    if (seenLinks.has(key)) continue;
    seenLinks.add(key);
    neighbourPairs.push([a, b], [b, a]);
  }
  neighbourPairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const boundaries = demarcationClaims(s, districtIndex);

  const communityIds = s.communities.map((c) => c.id);
  const communityDistrict = Int32Array.from(s.communities, (c) => lookup(districtIndex, c.district));
  const initialTrust = new Float64Array(communityIds.length * CHANNELS);
  s.communities.forEach((c, i) => {
    TRUST_CHANNELS.forEach((channel, k) => (initialTrust[i * CHANNELS + k] = c.trust[channel]));
  });

  const companyIndex = indexOf(s.companies.map((c) => c.id));
  const metalNames = Object.keys(s.exogenous.prices).sort();
  const metalIndex = indexOf(metalNames);

  // Streamlined consultation shortens permitting: every later phase starts earlier.
  const speedup = s.policies.consultation.streamlining * P.licensing.permittingSpeedup;
  const projectPhaseStart = new Float64Array(s.projects.length * 6).fill(Infinity);
  s.projects.forEach((p, i) => {
    const at = (m: string | undefined) => (m === undefined ? Infinity : monthIndex(m) - startMonth);
    const permitting = at(p.phases.permitting);
    const construction = at(p.phases.construction);
    const saved = Number.isFinite(permitting) && Number.isFinite(construction) ? Math.round((construction - permitting) * speedup) : 0;
    projectPhaseStart[i * 6 + Phase.exploration] = at(p.phases.exploration);
    projectPhaseStart[i * 6 + Phase.permitting] = permitting;
    projectPhaseStart[i * 6 + Phase.construction] = construction - saved;
    projectPhaseStart[i * 6 + Phase.operation] = at(p.phases.operation) - saved;
    projectPhaseStart[i * 6 + Phase.closure] = at(p.phases.closure) - saved;
  });
  const permits = compilePermits(s, startMonth, speedup);

  // Relations: communities of the producing district, of the area of influence and of corridor districts.
  const relationPairs: Array<{ c: number; p: number; kind: number }> = [];
  const communitiesOfDistrict = csr(
    nD,
    Array.from(communityDistrict, (d, c) => [d, c] as const),
  );
  s.projects.forEach((proj, p) => {
    const add = (district: number, kind: number) => {
      for (let k = communitiesOfDistrict.start[district]; k < communitiesOfDistrict.start[district + 1]; k++) {
        relationPairs.push({ c: communitiesOfDistrict.list[k], p, kind });
      }
    };
    add(lookup(districtIndex, proj.district), RelationKind.direct);
    for (const d of proj.influence) add(lookup(districtIndex, d), RelationKind.direct);
    for (const d of proj.corridor) add(lookup(districtIndex, d), RelationKind.corridor);
  });
  relationPairs.sort((a, b) => a.c - b.c || a.p - b.p);

  // Actors: companies, offices, regions, municipalities.
  const nC = s.companies.length;
  const nO = s.government.offices.length;
  const nDep = t.departments.length;
  const firstOffice = nC;
  const firstRegion = nC + nO;
  const firstMunicipality = firstRegion + nDep;
  const nActors = firstMunicipality + nD;
  const actorIds: string[] = [];
  const actorKind = new Uint8Array(nActors);
  const actorCapacity = new Float64Array(nActors);
  const actorMonthlyBudget = new Float64Array(nActors);
  const actorExecutionRate = new Float64Array(nActors);
  s.companies.forEach((c, i) => {
    actorIds.push(`company:${c.id}`);
    actorKind[i] = ActorKind.company;
    actorCapacity[i] = c.capacity;
    actorMonthlyBudget[i] = c.socialBudget;
  });
  s.government.offices.forEach((o, j) => {
    actorIds.push(`office:${o.id}`);
    actorKind[firstOffice + j] = ActorKind.national;
    actorCapacity[firstOffice + j] = o.capacity;
    actorMonthlyBudget[firstOffice + j] = o.monthlyBudget;
  });
  const regionByDepartment = new Map(s.government.regions.map((r) => [r.department, r]));
  const regionConflictOffice = new Uint8Array(nDep);
  t.departments.forEach((dep, k) => {
    const r = regionByDepartment.get(dep.id);
    const settings = r ?? s.government.defaults.region;
    actorIds.push(`region:${dep.id}`);
    actorKind[firstRegion + k] = ActorKind.regional;
    actorCapacity[firstRegion + k] = settings.capacity;
    actorMonthlyBudget[firstRegion + k] = settings.monthlyBudget;
    actorExecutionRate[firstRegion + k] = settings.executionRate;
    const office = s.policies.coordination.regionalConflictOffices || (r?.conflictOffice ?? s.government.defaults.region.conflictOffice);
    regionConflictOffice[k] = office ? 1 : 0;
  });
  const municipalityByDistrict = new Map(s.government.municipalities.map((m) => [m.district, m]));
  t.districts.forEach((dist, d) => {
    const settings = municipalityByDistrict.get(dist.id) ?? s.government.defaults.municipality;
    actorIds.push(`municipality:${dist.id}`);
    actorKind[firstMunicipality + d] = ActorKind.local;
    actorCapacity[firstMunicipality + d] = settings.capacity;
    actorMonthlyBudget[firstMunicipality + d] = settings.monthlyBudget;
    actorExecutionRate[firstMunicipality + d] = settings.executionRate;
  });
  const officeIds = s.government.offices.map((o) => o.id);
  const leadOffice = firstOffice + Math.max(0, officeIds.indexOf(s.policies.coordination.office));
  const weightSum = s.government.offices.reduce((a, o) => a + o.commitmentWeight, 0);
  const officeCommitmentShare = Float64Array.from(s.government.offices, (o) => (weightSum > 0 ? o.commitmentWeight / weightSum : 1 / nO));

  // Revenue recipients: MEF weights by population and unmet needs (FACTS §4).
  const districtWeight = (d: number) => districtPopulation[d] * Math.max(t.districts[d].poverty, 1e-6);
  const municipalities = (districts: number[]): Recipients => ({
    actors: Int32Array.from(districts, (d) => firstMunicipality + d),
    weights: Float64Array.from(districts, districtWeight),
  });
  const districtsWhere = (pred: (d: number) => boolean) => districtIds.map((_, d) => d).filter(pred);
  const revenueRecipients = s.projects.map((proj): ProjectRecipients => {
    const d = lookup(districtIndex, proj.district);
    const corridor = proj.corridor.map((id) => lookup(districtIndex, id));
    return {
      producingDistrict: municipalities([d]),
      producingProvince: municipalities(districtsWhere((x) => districtProvince[x] === districtProvince[d])),
      producingDepartment: municipalities(districtsWhere((x) => districtDepartment[x] === districtDepartment[d])),
      regionalGovernment: { actors: Int32Array.of(firstRegion + districtDepartment[d]), weights: Float64Array.of(1) },
      universities: { actors: Int32Array.of(districtDepartment[d]), weights: Float64Array.of(1) },
      // Without corridor districts, a corridor share stays with the producing district.
      corridorDistricts: corridor.length > 0 ? municipalities(corridor) : municipalities([d]),
    };
  });

  // Calendar flags per step.
  const flags = (months: readonly string[]) => {
    const out = new Uint8Array(s.months);
    for (const m of months) {
      const step = monthIndex(m) - startMonth;
      if (step >= 0 && step < s.months) out[step] = 1;
    }
    return out;
  };
  const periods = (...lists: ReadonlyArray<ReadonlyArray<{ from: string; to: string }>>) => {
    const out = new Uint8Array(s.months);
    for (const c of lists.flat()) {
      for (let step = Math.max(0, monthIndex(c.from) - startMonth); step <= Math.min(s.months - 1, monthIndex(c.to) - startMonth); step++)
        out[step] = 1;
    }
    return out;
  };
  const officeTermEnds = new Uint8Array(nO * s.months);
  s.government.offices.forEach((o, j) => {
    if (!o.term) return;
    const first = monthIndex(o.term.start) - startMonth;
    for (let step = 0; step < s.months; step++) {
      if ((((step - first) % o.term.months) + o.term.months) % o.term.months === 0) officeTermEnds[j * s.months + step] = 1;
    }
  });
  const A = P.anticipation;
  const districtStake = Float64Array.from(
    t.districts,
    (d) =>
      A.stakeFloor + (1 - A.stakeFloor) * (A.waterStakeWeight * d.waterDependence + (1 - A.waterStakeWeight) * d.agricultureDependence),
  );
  // A regulatory ESG standard raises every company to at least its level.
  const companyEsg = Float64Array.from(s.companies, (c) => Math.max(c.esg, s.policies.esgStandard));
  const relationAnticipated = Float64Array.from(relationPairs, (r) => {
    if (r.kind !== RelationKind.direct) return 0;
    const esg = companyEsg[lookup(companyIndex, s.projects[r.p].company)];
    return P.hardship.operationExposure * (1 - P.hardship.esgMitigation * esg) * districtStake[communityDistrict[r.c]];
  });
  const projectIndex = indexOf(s.projects.map((p) => p.id));
  const referendumRelations: Array<[number, number]> = [];
  s.exogenous.referendums.forEach((ref, i) => {
    const p = lookup(projectIndex, ref.project);
    const voted = new Set(ref.districts.map((d) => lookup(districtIndex, d)));
    relationPairs.forEach((r, k) => {
      if (r.p === p && voted.has(communityDistrict[r.c])) referendumRelations.push([i, k]);
    });
  });
  const nationalCampaign = new Uint8Array(s.months);
  for (const m of s.exogenous.elections.national) {
    const election = monthIndex(m) - startMonth;
    for (let step = Math.max(0, election - Math.round(P.fate.campaignMonths)); step < Math.min(s.months, election); step++)
      nationalCampaign[step] = 1;
  }
  const C = P.conflict;
  const communityPopulation = Float64Array.from(s.communities, (c) => c.population);
  const communityMobilisation = Float64Array.from(s.communities, (c) => {
    const size = Math.pow(c.population / C.referencePopulation, C.populationElasticity);
    return 1 - Math.pow(1 - c.mobilisation, size);
  });

  return {
    months,
    startMonth,
    outcomesFrom: s.outcomesFrom === undefined ? 0 : monthIndex(s.outcomesFrom) - startMonth,
    parameters: P,
    policies: s.policies,
    districtIds,
    districtPopulation,
    districtPoverty: Float64Array.from(t.districts, (d) => d.poverty),
    districtWater: Float64Array.from(t.districts, (d) => d.waterDependence),
    districtIndigenous: Float64Array.from(t.districts, (d) => d.indigenousShare),
    districtStake,
    districtIllegalMining: Float64Array.from(t.districts, (d) => d.illegalMining),
    registerClosedFrom:
      s.policies.illegalMining.registerUntil === undefined ? Infinity : monthIndex(s.policies.illegalMining.registerUntil) - startMonth + 1,
    districtProvince,
    districtDepartment,
    districtNeighbours: csr(nD, neighbourPairs),
    districtComparison: csr(nD, comparisonPairs(s, districtIndex, districtProvince, neighbourPairs)),
    demarcationClaimant: Int32Array.from(boundaries.claims, (c) => c.claimant),
    demarcationProducer: Int32Array.from(boundaries.claims, (c) => c.producer),
    demarcationBoundary: Int32Array.from(boundaries.claims, (c) => c.boundary),
    boundaryDemarcated: boundaries.demarcated,
    districtCommunities: communitiesOfDistrict,
    departmentIds: t.departments.map((d) => d.id),
    departmentPopulation,
    communityIds,
    communityDistrict,
    communityPopulation,
    communityMobilisation,
    initialTrust,
    communityRelations: csr(
      communityIds.length,
      relationPairs.map((r, i) => [r.c, i] as const),
    ),
    companyIds: s.companies.map((c) => c.id),
    companyEsg,
    companySocialBudget: Float64Array.from(s.companies, (c) => c.socialBudget),
    companySocialShare: Float64Array.from(s.companies, (c) => c.socialInvestmentShare),
    projectIds: s.projects.map((p) => p.id),
    projectCompany: Int32Array.from(s.projects, (p) => lookup(companyIndex, p.company)),
    projectDistrict: Int32Array.from(s.projects, (p) => lookup(districtIndex, p.district)),
    projectMetal: Int32Array.from(s.projects, (p) => lookup(metalIndex, p.metal)),
    projectMonthlyOutput: Float64Array.from(s.projects, (p) => p.output / 12),
    projectMargin: Float64Array.from(s.projects, (p) => p.profitMargin),
    projectRoyaltyRate: Float64Array.from(s.projects, (p) => p.royaltyRate),
    projectPhaseStart,
    projectConsultationQuality: Float64Array.from(s.projects, (p) => p.consultation.quality),
    permits,
    projectRelations: csr(
      s.projects.length,
      relationPairs.map((r, i) => [r.p, i] as const),
    ),
    projectCorridor: csr(
      s.projects.length,
      s.projects.flatMap((proj, p) => proj.corridor.map((d) => [p, lookup(districtIndex, d)] as const)),
    ),
    projectInfluence: csr(
      s.projects.length,
      s.projects.flatMap((proj, p) => proj.influence.map((d) => [p, lookup(districtIndex, d)] as const)),
    ),
    revenueRecipients,
    relationCommunity: Int32Array.from(relationPairs, (r) => r.c),
    relationProject: Int32Array.from(relationPairs, (r) => r.p),
    relationKind: Uint8Array.from(relationPairs, (r) => r.kind),
    relationAnticipated,
    ...registerCases(relationPairs, communityDistrict, s.projects.length, P.register.groupByDistrict >= 0.5),
    backgroundDepartmentCdf: cumulativeShares(t.departments.map((d) => d.backgroundWeight)),
    referendums: {
      month: Int32Array.from(s.exogenous.referendums, (r) => monthIndex(r.month) - startMonth),
      project: Int32Array.from(s.exogenous.referendums, (r) => lookup(projectIndex, r.project)),
      against: Float64Array.from(s.exogenous.referendums, (r) => r.against),
      relations: csr(s.exogenous.referendums.length, referendumRelations),
    },
    metalNames,
    priceProcesses: metalNames.map((m) => s.exogenous.prices[m] as PriceProcess),
    goldMetal: metalNames.indexOf('gold'),
    nOffices: nO,
    actorIds,
    actorKind,
    actorCapacity,
    actorMonthlyBudget,
    actorExecutionRate,
    regionConflictOffice,
    firstOffice,
    firstRegion,
    firstMunicipality,
    leadOffice,
    officeCommitmentShare,
    formulas: {
      ...(s.formulas.dialogueEffectiveness
        ? { dialogueEffectiveness: compileFormula('dialogueEffectiveness', s.formulas.dialogueEffectiveness) }
        : {}),
      ...(s.formulas.escalationHazard ? { escalationHazard: compileFormula('escalationHazard', s.formulas.escalationHazard) } : {}),
    },
    // By CasePhase: temprana, escalamiento, crisis, desescalamiento, diálogo.
    protestPhaseActions: Float64Array.of(
      P.protest.earlyPhaseActions,
      1,
      0,
      P.protest.deescalationPhaseActions,
      P.protest.dialoguePhaseActions,
    ),
    impatienceByAge: Float64Array.from(
      { length: months + 1 },
      (_, age) => P.commitments.perceivedBreachRate * (1 - Math.exp(-age / P.commitments.patienceMonths)),
    ),
    turnoverEra: periods(s.exogenous.turnoverEras, s.exogenous.crises),
    protestWave: periods(s.exogenous.protestWaves, s.exogenous.crises),
    officeTermEnds,
    officeFixedTerm: Uint8Array.from(s.government.offices, (o) => (o.term ? 1 : 0)),
    officeBaselineHazard: Float64Array.from(s.government.offices, (o) => o.turnover?.baselineHazard ?? P.turnover.baselineHazard),
    officeCrisisHazard: Float64Array.from(s.government.offices, (o) => o.turnover?.crisisHazard ?? P.turnover.crisisHazard),
    nationalDialogueFrom:
      s.policies.nationalDialogue.from === undefined ? Infinity : monthIndex(s.policies.nationalDialogue.from) - startMonth,
    nationalElection: flags(s.exogenous.elections.national),
    subnationalElection: flags(s.exogenous.elections.subnational),
    nationalCampaign,
  };
}

/**
 * Each project's permit events as plan steps, in plan order. Streamlining compresses the
 * permitting phase as it does the phase starts: an event inside permitting moves toward its
 * start, a later one moves back by the months saved. A project that requires consulta previa
 * and lists none holds it when permitting starts.
 */
function compilePermits(s: Scenario, startMonth: number, speedup: number): World['permits'] {
  const start = new Int32Array(s.projects.length + 1);
  const month: number[] = [];
  const kind: number[] = [];
  s.projects.forEach((p, i) => {
    const at = (m: string) => monthIndex(m) - startMonth;
    const permitting = p.phases.permitting === undefined ? Infinity : at(p.phases.permitting);
    const construction = p.phases.construction === undefined ? Infinity : at(p.phases.construction);
    const saved = Number.isFinite(permitting) && Number.isFinite(construction) ? Math.round((construction - permitting) * speedup) : 0;
    // Without a planned construction nothing is saved, and nothing is compressed.
    const compress = Number.isFinite(construction) ? 1 - speedup : 1;
    const planned = (m: number) =>
      m < permitting ? m : m < construction ? permitting + Math.round((m - permitting) * compress) : m - saved;
    const events = p.permits.map((e) => ({ month: planned(at(e.month)), kind: PermitKind[e.kind] }));
    if (p.consultation.required && Number.isFinite(permitting) && !p.permits.some((e) => e.kind === 'consulta')) {
      events.push({ month: permitting, kind: PermitKind.consulta });
    }
    events.sort((a, b) => a.month - b.month || a.kind - b.kind);
    for (const e of events) {
      month.push(e.month);
      kind.push(e.kind);
    }
    start[i + 1] = month.length;
  });
  return { start, month: Int32Array.from(month), kind: Uint8Array.from(kind) };
}

/** Phase of project p at step t. */
export function phaseAt(world: World, p: number, t: number): number {
  const base = p * 6;
  for (let phase = Phase.closure; phase >= Phase.exploration; phase--) {
    if (t >= world.projectPhaseStart[base + phase]) return phase;
  }
  return Phase.none;
}

/**
 * The register's cases: one per relation, or (grouped) one per district and project, numbered
 * in the order of the relations (sorted by community, then project).
 */
function registerCases(
  relations: ReadonlyArray<{ c: number; p: number }>,
  communityDistrict: Int32Array,
  nProjects: number,
  groupByDistrict: boolean,
): { relationRegisterCase: Int32Array; registerCaseCount: number } {
  if (!groupByDistrict) return { relationRegisterCase: Int32Array.from(relations, (_, i) => i), registerCaseCount: relations.length };
  const caseOf = new Map<number, number>();
  const relationRegisterCase = Int32Array.from(relations, (r) => {
    const key = (communityDistrict[r.c] as number) * nProjects + r.p;
    let k = caseOf.get(key);
    if (k === undefined) {
      k = caseOf.size;
      caseOf.set(key, k);
    }
    return k;
  });
  return { relationRegisterCase, registerCaseCount: caseOf.size };
}

/** Cumulative shares of non-negative weights; equal shares when they are all 0. */
function cumulativeShares(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += total > 0 ? w / total : 1 / weights.length;
    cdf[i] = acc;
  });
  if (cdf.length > 0) cdf[cdf.length - 1] = 1;
  return cdf;
}
