/**
 * What a run reports: a monthly series of named metrics (one row per month in
 * timeseries.csv) and the run's outcomes (summary.json). Series are one Float64Array,
 * metric-major ([metric * months + t]), so that a batch can move them between threads
 * without copying. Pure; no I/O.
 */
import { CHANNELS, type World } from './world.js';
import { CASE_PHASE_NAMES, CASE_STATE_NAMES, CasePhase, CaseState, Fate, TableKind, type State } from './state.js';
import { CommitmentStatus } from './ledger.js';

export const SERIES_NAMES = [
  'casesObservation',
  'casesActive',
  'casesLatent',
  'casesRegistered',
  'registerCases',
  'registerActive',
  'backgroundCases',
  'backgroundRegistered',
  'casesReactivated',
  'casesResolved',
  'casesResolvedAfterAgreement',
  'casesWithdrawn',
  'casesUnderFollowUp',
  'phaseTemprana',
  'phaseEscalamiento',
  'phaseCrisis',
  'phaseDesescalamiento',
  'phaseDialogo',
  'trustCompany',
  'trustNational',
  'trustRegional',
  'trustLocal',
  'meanHardship',
  'meanGrievance',
  'commitmentsOpen',
  'commitmentsFulfilled',
  'commitmentsBroken',
  'commitmentsOrphaned',
  'commitmentsDroppedUnseen',
  'production',
  'productionPotential',
  'canonTransferred',
  'royaltiesTransferred',
  'transfersExecuted',
  'transfersToMunicipalities',
  'transfersToRegions',
  'transfersToUniversities',
  'executedByMunicipalities',
  'executedByRegions',
  'tablesEarlyOpen',
  'tablesReactiveOpen',
  'agreements',
  'protestActions',
  'blockades',
  'crisisEpisodes',
  'projectsHalted',
  'violentEvents',
  'headChanges',
  'illegalMining',
  'perceivedRisk',
  'authoritiesOpposing',
  'suspensions',
  'projectsSuspended',
  'projectsAbandoned',
  'disputesStarted',
  'disputesActive',
  'municipalDisputesStarted',
  'municipalDisputesActive',
  'demarcationDisputesStarted',
  'demarcationDisputesActive',
  'minerProtests',
  'formalisedMining',
] as const;
export type SeriesName = (typeof SERIES_NAMES)[number];
const S = Object.fromEntries(SERIES_NAMES.map((n, i) => [n, i])) as Record<SeriesName, number>;

/** Outcomes of one run (summary.json). Money in soles; trust is the final mean over communities. */
export interface Outcomes {
  activeConflictMonths: number;
  peakActiveConflicts: number;
  /** Mean over months of the register as the Defensoría counts it (registerCases: active, reactivated and latent cases, grouped by parameters.register, and the background). */
  meanRegisteredCases: number;
  /** The same mean over the first 12 counted months, and over the last 12: where the stock starts and ends. */
  registeredFirstYear: number;
  registeredLastYear: number;
  /** Share of the register's case-months that were active (the Defensoría's active/total ratio over the run). */
  activeShare: number;
  crisisMonths: number;
  crisisEpisodes: number;
  protestActions: number;
  blockades: number;
  blockadeMonths: number;
  productionLostShare: number;
  commitmentsMade: number;
  commitmentsFulfilled: number;
  commitmentsBroken: number;
  commitmentsOrphaned: number;
  commitmentsOpen: number;
  trustCompany: number;
  trustNational: number;
  trustRegional: number;
  trustLocal: number;
  canonTransferred: number;
  royaltiesTransferred: number;
  canonExecuted: number;
  dialogueTablesEarly: number;
  dialogueTablesReactive: number;
  agreements: number;
  violentEvents: number;
  casesResolved: number;
  casesResolvedAfterAgreement: number;
  casesWithdrawn: number;
  meanGrievance: number;
  projectSuspensions: number;
  suspendedMonths: number;
  projectsAbandoned: number;
  /** Disputes over mining revenue between a district and the state (disputes.ts), apart from the mining register. */
  revenueDisputes: number;
  revenueDisputeMonths: number;
  /** Disputes between municipalities (claimant and counterpart) and over boundaries (municipal-disputes.ts), apart from the mining register. */
  municipalDisputes: number;
  municipalDisputeMonths: number;
  demarcationDisputes: number;
  demarcationDisputeMonths: number;
  /** Protests of informal miners against enforcement or exclusion from the register (illegal-mining.ts). */
  informalMinerProtests: number;
  /** Share of small-scale mining formalised by the end: formalised ÷ (formalised + illegal and informal intensity). */
  formalisedShare: number;
}
export function createSeries(months: number): Float64Array {
  return new Float64Array(SERIES_NAMES.length * months);
}

/** Counters reused by recordMonth from month to month (a month allocates nothing). */
export interface MetricsScratch {
  readonly byState: Int32Array;
  readonly byPhase: Int32Array;
  readonly trustSum: Float64Array;
  /** Per registered case: 0 off the register, 1 latent, 2 active (the most active of its relations' cases). */
  readonly registerCase: Uint8Array;
  /** Active and latent background cases. */
  readonly background: Int32Array;
}

export function createMetricsScratch(world: World): MetricsScratch {
  return {
    byState: new Int32Array(CASE_STATE_NAMES.length),
    byPhase: new Int32Array(CASE_PHASE_NAMES.length),
    trustSum: new Float64Array(CHANNELS),
    registerCase: new Uint8Array(world.registerCaseCount),
    background: new Int32Array(2),
  };
}

/** Writes month t of the series from the state at the end of the step. */
export function recordMonth(world: World, state: State, series: Float64Array, scratch: MetricsScratch = createMetricsScratch(world)): void {
  const months = world.months;
  const t = state.t;
  // series[S.name * months + t] is metric `name` in month t: plain stores, no closure per month.

  const byState = scratch.byState;
  const byPhase = scratch.byPhase;
  byState.fill(0);
  byPhase.fill(0);
  let followUp = 0;
  const caseState = state.caseState;
  const casePhase = state.casePhase;
  const followUps = state.followUp;
  const registerCase = scratch.registerCase;
  const relationRegisterCase = world.relationRegisterCase;
  registerCase.fill(0);
  for (let r = 0; r < caseState.length; r++) {
    const s = caseState[r] as number;
    byState[s]++;
    const k = relationRegisterCase[r] as number;
    if (s === CaseState.active || s === CaseState.reactivated) {
      byPhase[casePhase[r] as number]++;
      registerCase[k] = 2;
    } else if (s === CaseState.latent && registerCase[k] === 0) registerCase[k] = 1;
    if (s !== CaseState.none && followUps[r]) followUp++;
  }
  let registered = 0;
  let registeredActive = 0;
  for (let k = 0; k < registerCase.length; k++) {
    const v = registerCase[k] as number;
    if (v > 0) registered++;
    if (v === 2) registeredActive++;
  }
  const background = scratch.background;
  background.fill(0);
  const pool = state.background;
  for (let i = 0; i < pool.count; i++) background[(pool.state[i] as number) - 1]++;
  const active = (byState[CaseState.active] as number) + (byState[CaseState.reactivated] as number);
  series[S.casesObservation * months + t] = byState[CaseState.observation] as number;
  series[S.casesActive * months + t] = active;
  series[S.casesLatent * months + t] = byState[CaseState.latent] as number;
  // The Defensoría's monthly count: active (reactivated included) and latent cases.
  series[S.casesRegistered * months + t] = active + (byState[CaseState.latent] as number);
  // The register as the Defensoría counts it: modelled cases grouped by parameters.register, and the background.
  series[S.registerCases * months + t] = registered + (background[0] as number) + (background[1] as number);
  series[S.registerActive * months + t] = registeredActive + (background[0] as number);
  series[S.backgroundCases * months + t] = (background[0] as number) + (background[1] as number);
  series[S.backgroundRegistered * months + t] = state.month.backgroundRegistered;
  series[S.casesReactivated * months + t] = byState[CaseState.reactivated] as number;
  const m = state.month;
  // Cumulative columns: last month's value plus this month's.
  series[S.casesResolved * months + t] = (t > 0 ? (series[S.casesResolved * months + t - 1] as number) : 0) + m.casesResolved;
  series[S.casesResolvedAfterAgreement * months + t] =
    (t > 0 ? (series[S.casesResolvedAfterAgreement * months + t - 1] as number) : 0) + m.casesResolvedAfterAgreement;
  series[S.casesWithdrawn * months + t] = (t > 0 ? (series[S.casesWithdrawn * months + t - 1] as number) : 0) + m.casesWithdrawn;
  series[S.casesUnderFollowUp * months + t] = followUp;
  series[S.phaseTemprana * months + t] = byPhase[CasePhase.temprana] as number;
  series[S.phaseEscalamiento * months + t] = byPhase[CasePhase.escalamiento] as number;
  series[S.phaseCrisis * months + t] = byPhase[CasePhase.crisis] as number;
  series[S.phaseDesescalamiento * months + t] = byPhase[CasePhase.desescalamiento] as number;
  series[S.phaseDialogo * months + t] = byPhase[CasePhase.dialogo] as number;

  const nC = world.communityIds.length;
  const trustSum = scratch.trustSum;
  trustSum.fill(0);
  const trust = state.trust;
  const population = world.communityPopulation;
  let hardship = 0;
  let grievance = 0;
  let risk = 0;
  let people = 0;
  for (let c = 0; c < nC; c++) {
    for (let ch = 0; ch < CHANNELS; ch++) trustSum[ch] += trust[c * CHANNELS + ch] as number;
    // Hardship and grievance weigh by people: a community of 1,200 counts four times one of 300.
    const n = population[c] as number;
    hardship += n * (state.hardship[c] as number);
    grievance += n * (state.grievance[c] as number);
    risk += n * (state.perceivedRisk[c] as number);
    people += n;
  }
  series[S.trustCompany * months + t] = nC > 0 ? (trustSum[0] as number) / nC : 0;
  series[S.trustNational * months + t] = nC > 0 ? (trustSum[1] as number) / nC : 0;
  series[S.trustRegional * months + t] = nC > 0 ? (trustSum[2] as number) / nC : 0;
  series[S.trustLocal * months + t] = nC > 0 ? (trustSum[3] as number) / nC : 0;
  series[S.meanHardship * months + t] = people > 0 ? hardship / people : 0;
  series[S.meanGrievance * months + t] = people > 0 ? grievance / people : 0;
  series[S.perceivedRisk * months + t] = people > 0 ? risk / people : 0;

  const counts = state.ledger.counts;
  series[S.commitmentsOpen * months + t] = counts[CommitmentStatus.open] as number;
  series[S.commitmentsFulfilled * months + t] = counts[CommitmentStatus.fulfilled] as number;
  series[S.commitmentsBroken * months + t] = counts[CommitmentStatus.broken] as number;
  series[S.commitmentsOrphaned * months + t] = counts[CommitmentStatus.orphaned] as number;
  series[S.commitmentsDroppedUnseen * months + t] = state.ledger.droppedOpen;

  series[S.production * months + t] = m.production;
  series[S.productionPotential * months + t] = m.potentialProduction;
  series[S.canonTransferred * months + t] = m.canonTransferred / 100;
  series[S.royaltiesTransferred * months + t] = m.royaltiesTransferred / 100;
  series[S.transfersExecuted * months + t] = m.executed / 100;
  series[S.transfersToMunicipalities * months + t] = m.toMunicipalities / 100;
  series[S.transfersToRegions * months + t] = m.toRegions / 100;
  series[S.transfersToUniversities * months + t] = m.toUniversities / 100;
  series[S.executedByMunicipalities * months + t] = m.executedByMunicipalities / 100;
  series[S.executedByRegions * months + t] = m.executedByRegions / 100;
  let earlyOpen = 0;
  let reactiveOpen = 0;
  for (let p = 0; p < state.tableKind.length; p++) {
    if (state.tableKind[p] === TableKind.early) earlyOpen++;
    else if (state.tableKind[p] === TableKind.reactive) reactiveOpen++;
  }
  series[S.tablesEarlyOpen * months + t] = earlyOpen;
  series[S.tablesReactiveOpen * months + t] = reactiveOpen;
  series[S.agreements * months + t] = m.agreements;
  series[S.protestActions * months + t] = m.protestActions;
  series[S.blockades * months + t] = m.blockades;
  series[S.crisisEpisodes * months + t] = m.crisisEpisodes;
  // Project-months halted: each project's blocked share of this month's days.
  let halted = 0;
  for (let p = 0; p < state.unblocked.length; p++) halted += 1 - (state.unblocked[p] as number);
  series[S.projectsHalted * months + t] = halted;
  series[S.violentEvents * months + t] = m.violentEvents;
  series[S.headChanges * months + t] = m.headChanges;
  let illegal = 0;
  for (let d = 0; d < state.illegal.length; d++) illegal += state.illegal[d] as number;
  series[S.illegalMining * months + t] = state.illegal.length > 0 ? illegal / state.illegal.length : 0;
  let opposing = 0;
  for (let d = 0; d < state.mayorOpposes.length; d++) opposing += state.mayorOpposes[d] as number;
  for (let dep = 0; dep < state.governorOpposes.length; dep++) opposing += state.governorOpposes[dep] as number;
  series[S.authoritiesOpposing * months + t] = opposing;
  series[S.suspensions * months + t] = m.suspensions;
  let suspended = 0;
  let abandoned = 0;
  for (let p = 0; p < state.fate.length; p++) {
    if (state.fate[p] === Fate.suspended) suspended++;
    else if (state.fate[p] === Fate.abandoned) abandoned++;
  }
  series[S.projectsSuspended * months + t] = suspended;
  series[S.projectsAbandoned * months + t] = abandoned;
  series[S.disputesStarted * months + t] = m.disputesStarted;
  let disputes = 0;
  for (let d = 0; d < state.disputeActive.length; d++) disputes += state.disputeActive[d] as number;
  series[S.disputesActive * months + t] = disputes;
  series[S.municipalDisputesStarted * months + t] = m.municipalDisputesStarted;
  series[S.municipalDisputesActive * months + t] = m.municipalDisputesActive;
  series[S.demarcationDisputesStarted * months + t] = m.demarcationDisputesStarted;
  series[S.demarcationDisputesActive * months + t] = m.demarcationDisputesActive;
  series[S.minerProtests * months + t] = m.minerProtests;
  let formalised = 0;
  for (let d = 0; d < state.reinfoFormalised.length; d++) formalised += state.reinfoFormalised[d] as number;
  series[S.formalisedMining * months + t] = formalised + illegal > 0 ? formalised / (formalised + illegal) : 0;
}

/** Reads a metric's column from a series matrix. */
export function seriesColumn(series: Float64Array, months: number, name: SeriesName): Float64Array {
  return series.subarray(S[name] * months, (S[name] + 1) * months);
}

export function computeOutcomes(world: World, state: State, series: Float64Array, totals: RunTotals): Outcomes {
  const months = world.months;
  // Outcomes count the months from outcomesFrom on; earlier months are the spin-up.
  const t0 = world.outcomesFrom;
  const counted = months - t0;
  const col = (name: SeriesName) => seriesColumn(series, months, name).subarray(t0);
  const sum = (name: SeriesName) => col(name).reduce((a, b) => a + b, 0);
  const last = (name: SeriesName) => seriesColumn(series, months, name)[months - 1] ?? 0;
  /** A cumulative column's growth over the counted months. */
  const since = (name: SeriesName) => last(name) - (t0 > 0 ? seriesColumn(series, months, name)[t0 - 1] : 0);
  const potential = sum('productionPotential');
  const counts = commitmentCounts(state, t0);
  const registered = sum('registerCases');
  return {
    activeConflictMonths: sum('casesActive'),
    peakActiveConflicts: col('casesActive').reduce((a, b) => Math.max(a, b), 0),
    meanRegisteredCases: registered / counted,
    registeredFirstYear: yearMean(col('registerCases').subarray(0, 12)),
    registeredLastYear: yearMean(col('registerCases').subarray(Math.max(0, counted - 12))),
    activeShare: registered > 0 ? sum('registerActive') / registered : 0,
    crisisMonths: sum('phaseCrisis'),
    crisisEpisodes: sum('crisisEpisodes'),
    protestActions: sum('protestActions'),
    blockades: sum('blockades'),
    blockadeMonths: sum('projectsHalted'),
    productionLostShare: potential > 0 ? 1 - sum('production') / potential : 0,
    commitmentsMade: counts[0] + counts[1] + counts[2] + counts[3],
    commitmentsFulfilled: counts[CommitmentStatus.fulfilled],
    commitmentsBroken: counts[CommitmentStatus.broken],
    commitmentsOrphaned: counts[CommitmentStatus.orphaned],
    commitmentsOpen: counts[CommitmentStatus.open],
    trustCompany: last('trustCompany'),
    trustNational: last('trustNational'),
    trustRegional: last('trustRegional'),
    trustLocal: last('trustLocal'),
    canonTransferred: sum('canonTransferred'),
    royaltiesTransferred: sum('royaltiesTransferred'),
    canonExecuted: sum('transfersExecuted'),
    dialogueTablesEarly: totals.tablesOpenedEarly,
    dialogueTablesReactive: totals.tablesOpenedReactive,
    agreements: sum('agreements'),
    violentEvents: sum('violentEvents'),
    casesResolved: since('casesResolved'),
    casesResolvedAfterAgreement: since('casesResolvedAfterAgreement'),
    casesWithdrawn: since('casesWithdrawn'),
    meanGrievance: last('meanGrievance'),
    projectSuspensions: sum('suspensions'),
    suspendedMonths: sum('projectsSuspended'),
    projectsAbandoned: last('projectsAbandoned'),
    revenueDisputes: sum('disputesStarted'),
    revenueDisputeMonths: sum('disputesActive'),
    municipalDisputes: sum('municipalDisputesStarted'),
    municipalDisputeMonths: sum('municipalDisputesActive'),
    demarcationDisputes: sum('demarcationDisputesStarted'),
    demarcationDisputeMonths: sum('demarcationDisputesActive'),
    informalMinerProtests: sum('minerProtests'),
    formalisedShare: last('formalisedMining'),
  };
}

/** Mean of up to 12 months (fewer in a run shorter than a year). */
const yearMean = (months: Float64Array) => (months.length > 0 ? months.reduce((a, b) => a + b, 0) / months.length : 0);

/** Commitments made from month t0 on, by their status at the end (the ledger's own counts when t0 is 0). */
function commitmentCounts(state: State, t0: number): ArrayLike<number> {
  const ledger = state.ledger;
  if (t0 === 0) return ledger.counts;
  const counts = new Int32Array(ledger.counts.length);
  for (let i = 0; i < ledger.size; i++) if (ledger.created[i] >= t0) counts[ledger.status[i]]++;
  return counts;
}

/** Totals that are not kept as a monthly column. */
export interface RunTotals {
  tablesOpenedEarly: number;
  tablesOpenedReactive: number;
}
