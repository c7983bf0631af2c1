/**
 * The mutable state of one run: everything that changes month to month, in typed arrays
 * sized from the compiled world, plus the monthly counters the metrics read. Money is in
 * whole cents (exact; see apportion.ts). Pure; no I/O.
 */
import { CHANNELS, Phase, type World } from './world.js';
import { CommitmentLedger } from './ledger.js';
import type { EventSink } from './events.js';
import type { Streams } from '../../engine/streams.js';

export const CaseState = { none: 0, observation: 1, active: 2, latent: 3, reactivated: 4 } as const;
export const CASE_STATE_NAMES = ['none', 'observation', 'active', 'latent', 'reactivated'] as const;
export const CasePhase = { temprana: 0, escalamiento: 1, crisis: 2, desescalamiento: 3, dialogo: 4 } as const;
export const CASE_PHASE_NAMES = ['temprana', 'escalamiento', 'crisis', 'desescalamiento', 'dialogo'] as const;
export const TableKind = { none: 0, early: 1, reactive: 2 } as const;
/** What the state and the company have made of a project's plan (fate.ts). */
export const Fate = { planned: 0, suspended: 1, abandoned: 2 } as const;

/** Days in a month (365.25 / 12): crisis episodes and blockades are timed in days inside the month. */
export const MONTH_DAYS = 30.4375;

/** Counters of one month, reset at the start of each step. */
export interface MonthCounters {
  production: number;
  potentialProduction: number;
  canonTransferred: number;
  royaltiesTransferred: number;
  executed: number;
  /** Mining transfers by recipient level this month, in cents. */
  toMunicipalities: number;
  toRegions: number;
  toUniversities: number;
  executedByMunicipalities: number;
  executedByRegions: number;
  violentEvents: number;
  /** Road or mine blockades begun this month (protest actions that block, and crisis episodes that do). */
  blockades: number;
  protestActions: number;
  crisisEpisodes: number;
  casesResolved: number;
  /** Resolutions of cases under follow-up of an agreement. */
  casesResolvedAfterAgreement: number;
  casesWithdrawn: number;
  tablesOpenedEarly: number;
  tablesOpenedReactive: number;
  agreements: number;
  headChanges: number;
  suspensions: number;
  resumptions: number;
  abandonments: number;
  /** Revenue disputes begun this month (disputes.ts). */
  disputesStarted: number;
  /** Disputes between municipalities, and over a boundary, begun this month (municipal-disputes.ts). */
  municipalDisputesStarted: number;
  demarcationDisputesStarted: number;
  /** Pairs and claims in dispute at month end, counted by municipal-disputes.ts as it visits them. */
  municipalDisputesActive: number;
  demarcationDisputesActive: number;
  /** Protests of informal miners against enforcement or exclusion from the register (illegal-mining.ts). */
  minerProtests: number;
  /** Background cases registered, resolved and withdrawn this month (background-cases.ts). */
  backgroundRegistered: number;
  backgroundResolved: number;
  backgroundWithdrawn: number;
}

/** The background's case states, as the Defensoría names them. */
export const BackgroundState = { active: 1, latent: 2 } as const;

/** Background cases in a compact pool (an ended case's slot takes the last one). */
export interface BackgroundCases {
  count: number;
  department: Int32Array;
  state: Uint8Array;
  /** Months in the current state (latency counts toward withdrawal). */
  months: Int32Array;
}

function createBackgroundCases(): BackgroundCases {
  return { count: 0, department: new Int32Array(16), state: new Uint8Array(16), months: new Int32Array(16) };
}

export interface State {
  t: number;
  readonly streams: Streams;
  readonly events: EventSink;

  /** Trust [c * CHANNELS + channel] read this month; next is written by the trust update, then swapped. */
  trust: Float64Array;
  trustNext: Float64Array;
  readonly reputation: Float64Array;
  readonly signal: Float64Array;
  readonly memory: Float64Array;
  /** Hardship removed by delivered works and services, decaying (commitments.ts). */
  readonly worksRelief: Float64Array;
  readonly hardship: Float64Array;
  readonly grievance: Float64Array;
  /** Exposure each community expects from projects not yet operating, plus the alarm of recent events (perceived-risk.ts). */
  readonly perceivedRisk: Float64Array;
  /** A commitment to this community was broken or orphaned this month (a trigger). */
  readonly brokenThisMonth: Uint8Array;
  /** A neighbour got a cash settlement last month (a trigger this month). */
  contagion: Uint8Array;
  contagionNext: Uint8Array;
  /** Seats each community has taken at reactive tables (each new seat is cheapened by the earlier ones). */
  readonly reactiveTablesHeld: Int32Array;
  /** This month's dialogue effectiveness per community, and the month it was computed for (see tables.ts). */
  readonly effectiveness: Float64Array;
  readonly effectivenessMonth: Int32Array;

  /** Per relation: the case of the Defensoría's register, at month end. */
  readonly caseState: Uint8Array;
  readonly casePhase: Uint8Array;
  /** Months in the current state (latency counts toward withdrawal). */
  readonly caseMonths: Int32Array;
  /** Days of a crisis episode still to run after this month's end (0: no crisis carries over). */
  readonly crisisDaysLeft: Float64Array;
  /** The case is in diálogo straight after a crisis (its agreement may include a cash settlement). */
  readonly afterCrisis: Uint8Array;
  /** The case is under follow-up of an agreement: it resolves as the agreement's commitments are fulfilled. */
  readonly followUp: Uint8Array;
  /** Agreements the case has reached; a commitment records the number of the agreement it belongs to. */
  readonly agreementSerial: Int32Array;
  /** Commitments of the case's current agreement, and how many of them are fulfilled. */
  readonly agreementMade: Int32Array;
  readonly agreementFulfilled: Int32Array;
  /** A visible breach of the case's agreement this month brings the case back (drawn by commitments.ts). */
  readonly agreementBreached: Uint8Array;
  /** The relation's community sits at its project's table (the serial of the table it joined, or 0). */
  readonly tableSeat: Int32Array;
  /** Alarm from permit events and referendums, decaying (perceived-risk.ts). */
  readonly alarm: Float64Array;
  /** Strength of this month's mobilising permit event (1, or the reach of a consulta) and referendum (share against). */
  readonly permitTrigger: Float64Array;
  readonly referendumTrigger: Float64Array;
  /** The register's background of mining cases off the modelled projects (background-cases.ts). */
  readonly background: BackgroundCases;

  readonly phase: Uint8Array;
  /** Where each project stands in its plan: the step of the plan reached (a suspension stops it). */
  readonly planClock: Int32Array;
  readonly fate: Uint8Array;
  /** Index of the next permit event of each project (world.permits). */
  readonly nextPermit: Int32Array;
  /** Violent events and crisis episodes of each project's cases this month (read by fate.ts). */
  readonly projectViolence: Int32Array;
  readonly projectCrises: Int32Array;
  /** Share of last month's days on which the project was blocked; production falls by it. */
  readonly haltedShare: Float64Array;
  /** Share of this month's days free of blockades, built up by the conflict step (product over blockades). */
  readonly unblocked: Float64Array;
  /** Days of the longest blockade of each project still to run after this month's end. */
  readonly blockadeDaysLeft: Float64Array;
  readonly licenceTrigger: Uint8Array;
  /** fulfilmentRate × effective capacity of each actor this month (commitments.ts fills it). */
  readonly deliveryRate: Float64Array;
  readonly incident: Uint8Array;
  /** The project's table this month: none, early (permanent) or reactive. */
  readonly tableKind: Uint8Array;
  /** Serial number of the project's current table (a new reactive table takes the next one). */
  readonly tableSerial: Int32Array;

  /** Months since each actor's head took office (companies: never changes). */
  readonly headMonths: Int32Array;
  /** The mayor of each district and the governor of each department oppose the projects (authorities.ts). */
  readonly mayorOpposes: Uint8Array;
  readonly governorOpposes: Uint8Array;
  /** Soles available to each actor for its commitments. */
  readonly budget: Float64Array;
  /** Mining transfers held, received and executed by each actor, in cents. */
  readonly balance: Float64Array;
  readonly transferred: Float64Array;
  readonly executed: Float64Array;
  readonly universities: Float64Array;
  /** Income tax accrued in the current and previous calendar year, per project, in soles. */
  readonly taxThisYear: Float64Array;
  readonly taxLastYear: Float64Array;
  /** Completed works per person, soles (decaying as works age): the relief people notice. */
  readonly benefit: Float64Array;
  /** Executed spending per person whose works are not yet finished, by district: municipal and regional. */
  readonly worksPendingLocal: Float64Array;
  readonly worksPendingRegional: Float64Array;
  /** Mining money per person lost to corruption and misconduct (decaying), by district. */
  readonly wasted: Float64Array;
  /** Receipts per person a district has come to expect, and whether it is in a revenue dispute (disputes.ts). */
  readonly expectedPerCapita: Float64Array;
  readonly disputeActive: Uint8Array;
  /**
   * Disputes between municipalities (municipal-disputes.ts): one flag per entry of
   * world.districtComparison (claimant: its row; counterpart: the entry), and one per
   * demarcation claim (world.demarcationClaimant).
   */
  readonly municipalDisputeActive: Uint8Array;
  readonly demarcationActive: Uint8Array;
  /** The claim's boundary is undemarcated in this run (drawn at its start: undemarcatedBoundaries). */
  readonly demarcationOpen: Uint8Array;
  /** The project has paid canon at least once (revenue.ts): its deposit is worth claiming. */
  readonly canonPaid: Uint8Array;
  /** Mining transfers received per person over about the last year (decaying), by district. */
  readonly receivedPerCapita: Float64Array;

  /** Illegal and informal mining intensity by district: registered + suspended + outside (illegal-mining.ts). */
  illegal: Float64Array;
  /** Intensity displaced into each district this month (scratch). */
  illegalNext: Float64Array;
  /** Intensity by REINFO state, by district: registered (vigente), suspended, outside the register; and formalised (legal now). */
  readonly reinfoRegistered: Float64Array;
  readonly reinfoSuspended: Float64Array;
  readonly reinfoOutside: Float64Array;
  readonly reinfoFormalised: Float64Array;
  /** Informal miners' pressure on the ground of each project this month: a case trigger (cases.ts). */
  readonly informalPressure: Float64Array;
  readonly price: Float64Array;

  readonly ledger: CommitmentLedger;
  readonly month: MonthCounters;
}

export function emptyCounters(): MonthCounters {
  return {
    production: 0,
    potentialProduction: 0,
    canonTransferred: 0,
    royaltiesTransferred: 0,
    executed: 0,
    toMunicipalities: 0,
    toRegions: 0,
    toUniversities: 0,
    executedByMunicipalities: 0,
    executedByRegions: 0,
    violentEvents: 0,
    blockades: 0,
    protestActions: 0,
    crisisEpisodes: 0,
    casesResolved: 0,
    casesResolvedAfterAgreement: 0,
    casesWithdrawn: 0,
    tablesOpenedEarly: 0,
    tablesOpenedReactive: 0,
    agreements: 0,
    headChanges: 0,
    suspensions: 0,
    resumptions: 0,
    abandonments: 0,
    disputesStarted: 0,
    municipalDisputesStarted: 0,
    demarcationDisputesStarted: 0,
    municipalDisputesActive: 0,
    demarcationDisputesActive: 0,
    minerProtests: 0,
    backgroundRegistered: 0,
    backgroundResolved: 0,
    backgroundWithdrawn: 0,
  };
}

/** Zeroes the counters in place at the start of a month (no new object each month). */
export function resetCounters(m: MonthCounters): void {
  m.production = 0;
  m.potentialProduction = 0;
  m.canonTransferred = 0;
  m.royaltiesTransferred = 0;
  m.executed = 0;
  m.toMunicipalities = 0;
  m.toRegions = 0;
  m.toUniversities = 0;
  m.executedByMunicipalities = 0;
  m.executedByRegions = 0;
  m.violentEvents = 0;
  m.blockades = 0;
  m.protestActions = 0;
  m.crisisEpisodes = 0;
  m.casesResolved = 0;
  m.casesResolvedAfterAgreement = 0;
  m.casesWithdrawn = 0;
  m.tablesOpenedEarly = 0;
  m.tablesOpenedReactive = 0;
  m.agreements = 0;
  m.headChanges = 0;
  m.suspensions = 0;
  m.resumptions = 0;
  m.abandonments = 0;
  m.disputesStarted = 0;
  m.municipalDisputesStarted = 0;
  m.demarcationDisputesStarted = 0;
  m.municipalDisputesActive = 0;
  m.demarcationDisputesActive = 0;
  m.minerProtests = 0;
  m.backgroundRegistered = 0;
  m.backgroundResolved = 0;
  m.backgroundWithdrawn = 0;
}

const LONG_AGO = 1 << 20;

export function createState(world: World, streams: Streams, events: EventSink): State {
  const nC = world.communityIds.length;
  const nR = world.relationCommunity.length;
  const nP = world.projectIds.length;
  const nA = world.actorIds.length;
  const nD = world.districtIds.length;
  const trust = world.initialTrust.slice();
  const state: State = {
    t: 0,
    streams,
    events,
    trust,
    trustNext: new Float64Array(trust.length),
    reputation: new Float64Array(nC * CHANNELS),
    signal: new Float64Array(nC * CHANNELS),
    memory: new Float64Array(nC),
    worksRelief: new Float64Array(nC),
    hardship: new Float64Array(nC),
    grievance: new Float64Array(nC),
    perceivedRisk: new Float64Array(nC),
    brokenThisMonth: new Uint8Array(nC),
    contagion: new Uint8Array(nC),
    contagionNext: new Uint8Array(nC),
    reactiveTablesHeld: new Int32Array(nC),
    effectiveness: new Float64Array(nC),
    effectivenessMonth: new Int32Array(nC).fill(-1),
    caseState: new Uint8Array(nR),
    casePhase: new Uint8Array(nR),
    caseMonths: new Int32Array(nR),
    crisisDaysLeft: new Float64Array(nR),
    afterCrisis: new Uint8Array(nR),
    followUp: new Uint8Array(nR),
    agreementSerial: new Int32Array(nR),
    agreementMade: new Int32Array(nR),
    agreementFulfilled: new Int32Array(nR),
    agreementBreached: new Uint8Array(nR),
    tableSeat: new Int32Array(nR),
    alarm: new Float64Array(nR),
    permitTrigger: new Float64Array(nR),
    referendumTrigger: new Float64Array(nR),
    background: createBackgroundCases(),
    phase: new Uint8Array(nP).fill(Phase.none),
    planClock: new Int32Array(nP),
    fate: new Uint8Array(nP),
    nextPermit: world.permits.start.slice(0, nP),
    projectViolence: new Int32Array(nP),
    projectCrises: new Int32Array(nP),
    haltedShare: new Float64Array(nP),
    unblocked: new Float64Array(nP).fill(1),
    blockadeDaysLeft: new Float64Array(nP),
    licenceTrigger: new Uint8Array(nP),
    deliveryRate: new Float64Array(nA),
    incident: new Uint8Array(nP),
    tableKind: new Uint8Array(nP),
    tableSerial: new Int32Array(nP),
    headMonths: new Int32Array(nA).fill(LONG_AGO),
    mayorOpposes: new Uint8Array(nD),
    governorOpposes: new Uint8Array(world.departmentIds.length),
    budget: new Float64Array(nA),
    balance: new Float64Array(nA),
    transferred: new Float64Array(nA),
    executed: new Float64Array(nA),
    universities: new Float64Array(world.departmentIds.length),
    taxThisYear: new Float64Array(nP),
    taxLastYear: new Float64Array(nP),
    benefit: new Float64Array(nD),
    worksPendingLocal: new Float64Array(nD),
    worksPendingRegional: new Float64Array(nD),
    wasted: new Float64Array(nD),
    expectedPerCapita: new Float64Array(nD),
    disputeActive: new Uint8Array(nD),
    municipalDisputeActive: new Uint8Array(world.districtComparison.list.length),
    demarcationActive: new Uint8Array(world.demarcationClaimant.length),
    demarcationOpen: undemarcatedBoundaries(world, streams),
    canonPaid: new Uint8Array(nP),
    receivedPerCapita: new Float64Array(nD),
    illegal: world.districtIllegalMining.slice(),
    illegalNext: new Float64Array(nD),
    ...initialRegister(world),
    informalPressure: new Float64Array(nP),
    price: new Float64Array(world.metalNames.length),
    ledger: new CommitmentLedger(),
    month: emptyCounters(),
  };
  return state;
}

/**
 * Which claims cross an undemarcated boundary in this run. A boundary the scenario marks keeps
 * its mark; any other is undemarcated when a draw of the `demarcation` stream (one per boundary
 * with a project at one end, in link order) falls below undemarcatedShare. The draws happen
 * whatever the marks, so the run is a function of (scenario, seed), and nested: a larger share
 * keeps every boundary a smaller one draws under the same seed.
 */
function undemarcatedBoundaries(world: World, streams: Streams): Uint8Array {
  const share = world.parameters.municipalDisputes.undemarcatedShare;
  const boundaries = world.boundaryDemarcated.map((mark) => {
    const u = streams.demarcation();
    return mark === -1 ? (u < share ? 1 : 0) : mark === 0 ? 1 : 0;
  });
  return Uint8Array.from(world.demarcationBoundary, (b) => boundaries[b] as number);
}

/** Initial intensity by REINFO state: registerShare of it in the register, suspendedShare of that suspended. */
function initialRegister(world: World) {
  const M = world.parameters.illegalMining;
  const I = world.districtIllegalMining;
  return {
    reinfoRegistered: I.map((x) => x * M.registerShare * (1 - M.suspendedShare)),
    reinfoSuspended: I.map((x) => x * M.registerShare * M.suspendedShare),
    reinfoOutside: I.map((x) => x * (1 - M.registerShare)),
    reinfoFormalised: new Float64Array(I.length),
  };
}
