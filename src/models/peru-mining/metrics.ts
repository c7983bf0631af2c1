/**
 * What a run reports: a monthly series of named metrics (one row per month in
 * timeseries.csv) and the run's outcomes (summary.json). Series are one Float64Array,
 * metric-major ([metric * months + t]), so that a batch can move them between threads
 * without copying. Pure; no I/O.
 */
import { CHANNELS, type World } from './world.js';
import { CasePhase, CaseState, Fate, TableKind, type State } from './state.js';
import { CommitmentStatus } from './ledger.js';

export const SERIES_NAMES = [
  'casesObservation',
  'casesActive',
  'casesLatent',
  'casesRegistered',
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
  'minerProtests',
  'formalisedMining',
] as const;
export type SeriesName = (typeof SERIES_NAMES)[number];
const S = Object.fromEntries(SERIES_NAMES.map((n, i) => [n, i])) as Record<SeriesName, number>;

/** Outcomes of one run (summary.json). Money in soles; trust is the final mean over communities. */
export interface Outcomes {
  activeConflictMonths: number;
  peakActiveConflicts: number;
  /** Mean over months of the registered stock (active, reactivated and latent cases): the Defensoría's monthly count. */
  meanRegisteredCases: number;
  /** The same mean over the first 12 counted months, and over the last 12: where the stock starts and ends. */
  registeredFirstYear: number;
  registeredLastYear: number;
  /** Share of registered case-months that were active (the Defensoría's active/total ratio over the run). */
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
  /** Protests of informal miners against enforcement or exclusion from the register (illegal-mining.ts). */
  informalMinerProtests: number;
  /** Share of small-scale mining formalised by the end: formalised ÷ (formalised + illegal and informal intensity). */
  formalisedShare: number;
}
export function createSeries(months: number): Float64Array {
  return new Float64Array(SERIES_NAMES.length * months);
}

/** Writes month t of the series from the state at the end of the step. */
export function recordMonth(world: World, state: State, series: Float64Array): void {
  const months = world.months;
  const t = state.t;
  const put = (name: SeriesName, value: number) => (series[S[name] * months + t] = value);
  const cumulative = (name: SeriesName, value: number) => put(name, (t > 0 ? series[S[name] * months + t - 1] : 0) + value);

  const byState = [0, 0, 0, 0, 0];
  const byPhase = [0, 0, 0, 0, 0];
  let followUp = 0;
  for (let r = 0; r < state.caseState.length; r++) {
    const s = state.caseState[r];
    byState[s]++;
    if (s === CaseState.active || s === CaseState.reactivated) byPhase[state.casePhase[r]]++;
    if (s !== CaseState.none && state.followUp[r]) followUp++;
  }
  put('casesObservation', byState[CaseState.observation]);
  put('casesActive', byState[CaseState.active] + byState[CaseState.reactivated]);
  put('casesLatent', byState[CaseState.latent]);
  // The Defensoría's monthly count: active (reactivated included) and latent cases.
  put('casesRegistered', byState[CaseState.active] + byState[CaseState.reactivated] + byState[CaseState.latent]);
  put('casesReactivated', byState[CaseState.reactivated]);
  cumulative('casesResolved', state.month.casesResolved);
  cumulative('casesResolvedAfterAgreement', state.month.casesResolvedAfterAgreement);
  cumulative('casesWithdrawn', state.month.casesWithdrawn);
  put('casesUnderFollowUp', followUp);
  put('phaseTemprana', byPhase[CasePhase.temprana]);
  put('phaseEscalamiento', byPhase[CasePhase.escalamiento]);
  put('phaseCrisis', byPhase[CasePhase.crisis]);
  put('phaseDesescalamiento', byPhase[CasePhase.desescalamiento]);
  put('phaseDialogo', byPhase[CasePhase.dialogo]);

  const nC = world.communityIds.length;
  const trustSum = [0, 0, 0, 0];
  let hardship = 0;
  let grievance = 0;
  let risk = 0;
  let people = 0;
  for (let c = 0; c < nC; c++) {
    for (let ch = 0; ch < CHANNELS; ch++) trustSum[ch] += state.trust[c * CHANNELS + ch];
    // Hardship and grievance weigh by people: a community of 1,200 counts four times one of 300.
    const n = world.communityPopulation[c];
    hardship += n * state.hardship[c];
    grievance += n * state.grievance[c];
    risk += n * state.perceivedRisk[c];
    people += n;
  }
  const mean = (x: number) => (nC > 0 ? x / nC : 0);
  put('trustCompany', mean(trustSum[0]));
  put('trustNational', mean(trustSum[1]));
  put('trustRegional', mean(trustSum[2]));
  put('trustLocal', mean(trustSum[3]));
  put('meanHardship', people > 0 ? hardship / people : 0);
  put('meanGrievance', people > 0 ? grievance / people : 0);
  put('perceivedRisk', people > 0 ? risk / people : 0);

  const counts = state.ledger.counts;
  put('commitmentsOpen', counts[CommitmentStatus.open]);
  put('commitmentsFulfilled', counts[CommitmentStatus.fulfilled]);
  put('commitmentsBroken', counts[CommitmentStatus.broken]);
  put('commitmentsOrphaned', counts[CommitmentStatus.orphaned]);
  put('commitmentsDroppedUnseen', state.ledger.droppedOpen);

  const m = state.month;
  put('production', m.production);
  put('productionPotential', m.potentialProduction);
  put('canonTransferred', m.canonTransferred / 100);
  put('royaltiesTransferred', m.royaltiesTransferred / 100);
  put('transfersExecuted', m.executed / 100);
  put('transfersToMunicipalities', m.toMunicipalities / 100);
  put('transfersToRegions', m.toRegions / 100);
  put('transfersToUniversities', m.toUniversities / 100);
  put('executedByMunicipalities', m.executedByMunicipalities / 100);
  put('executedByRegions', m.executedByRegions / 100);
  let earlyOpen = 0;
  let reactiveOpen = 0;
  for (let p = 0; p < state.tableKind.length; p++) {
    if (state.tableKind[p] === TableKind.early) earlyOpen++;
    else if (state.tableKind[p] === TableKind.reactive) reactiveOpen++;
  }
  put('tablesEarlyOpen', earlyOpen);
  put('tablesReactiveOpen', reactiveOpen);
  put('agreements', m.agreements);
  put('protestActions', m.protestActions);
  put('blockades', m.blockades);
  put('crisisEpisodes', m.crisisEpisodes);
  // Project-months halted: each project's blocked share of this month's days.
  let halted = 0;
  for (let p = 0; p < state.unblocked.length; p++) halted += 1 - state.unblocked[p];
  put('projectsHalted', halted);
  put('violentEvents', m.violentEvents);
  put('headChanges', m.headChanges);
  let illegal = 0;
  for (let d = 0; d < state.illegal.length; d++) illegal += state.illegal[d];
  put('illegalMining', state.illegal.length > 0 ? illegal / state.illegal.length : 0);
  let opposing = 0;
  for (let d = 0; d < state.mayorOpposes.length; d++) opposing += state.mayorOpposes[d];
  for (let dep = 0; dep < state.governorOpposes.length; dep++) opposing += state.governorOpposes[dep];
  put('authoritiesOpposing', opposing);
  put('suspensions', m.suspensions);
  let suspended = 0;
  let abandoned = 0;
  for (let p = 0; p < state.fate.length; p++) {
    if (state.fate[p] === Fate.suspended) suspended++;
    else if (state.fate[p] === Fate.abandoned) abandoned++;
  }
  put('projectsSuspended', suspended);
  put('projectsAbandoned', abandoned);
  put('disputesStarted', m.disputesStarted);
  let disputes = 0;
  for (let d = 0; d < state.disputeActive.length; d++) disputes += state.disputeActive[d];
  put('disputesActive', disputes);
  put('minerProtests', m.minerProtests);
  let formalised = 0;
  for (let d = 0; d < state.reinfoFormalised.length; d++) formalised += state.reinfoFormalised[d];
  put('formalisedMining', formalised + illegal > 0 ? formalised / (formalised + illegal) : 0);
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
  const registered = sum('casesActive') + sum('casesLatent');
  return {
    activeConflictMonths: sum('casesActive'),
    peakActiveConflicts: col('casesActive').reduce((a, b) => Math.max(a, b), 0),
    meanRegisteredCases: (sum('casesActive') + sum('casesLatent')) / counted,
    registeredFirstYear: yearMean(col('casesRegistered').subarray(0, 12)),
    registeredLastYear: yearMean(col('casesRegistered').subarray(Math.max(0, counted - 12))),
    activeShare: registered > 0 ? sum('casesActive') / registered : 0,
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
