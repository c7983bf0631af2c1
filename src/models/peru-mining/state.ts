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
  blockades: number;
  casesResolved: number;
  casesWithdrawn: number;
  tablesOpenedEarly: number;
  tablesOpenedReactive: number;
  agreements: number;
  headChanges: number;
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
  readonly hardship: Float64Array;
  readonly grievance: Float64Array;
  /** A commitment to this community was broken or orphaned this month (a trigger). */
  readonly brokenThisMonth: Uint8Array;
  /** A neighbour got a cash settlement last month (a trigger this month). */
  contagion: Uint8Array;
  contagionNext: Uint8Array;
  readonly reactiveTablesHeld: Int32Array;
  /** This month's dialogue effectiveness per community, and the month it was computed for (see dialogue.ts). */
  readonly effectiveness: Float64Array;
  readonly effectivenessMonth: Int32Array;

  readonly caseState: Uint8Array;
  readonly casePhase: Uint8Array;
  readonly caseMonths: Int32Array;
  readonly table: Uint8Array;
  readonly tableMonths: Int32Array;
  readonly blockade: Uint8Array;

  readonly phase: Uint8Array;
  readonly halted: Uint8Array;
  readonly licenceTrigger: Uint8Array;
  readonly incident: Uint8Array;
  /** Step at which the project's permanent (early) table opened, or -1. */
  readonly earlyTableSince: Int32Array;

  /** Months since each actor's head took office (companies: never changes). */
  readonly headMonths: Int32Array;
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
  /** Hardship relief from executed spending, soles per person (decaying). */
  readonly benefit: Float64Array;
  /** Mining transfers received per person over about the last year (decaying), by district. */
  readonly receivedPerCapita: Float64Array;

  illegal: Float64Array;
  illegalNext: Float64Array;
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
    casesResolved: 0,
    casesWithdrawn: 0,
    tablesOpenedEarly: 0,
    tablesOpenedReactive: 0,
    agreements: 0,
    headChanges: 0,
  };
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
    hardship: new Float64Array(nC),
    grievance: new Float64Array(nC),
    brokenThisMonth: new Uint8Array(nC),
    contagion: new Uint8Array(nC),
    contagionNext: new Uint8Array(nC),
    reactiveTablesHeld: new Int32Array(nC),
    effectiveness: new Float64Array(nC),
    effectivenessMonth: new Int32Array(nC).fill(-1),
    caseState: new Uint8Array(nR),
    casePhase: new Uint8Array(nR),
    caseMonths: new Int32Array(nR),
    table: new Uint8Array(nR),
    tableMonths: new Int32Array(nR),
    blockade: new Uint8Array(nR),
    phase: new Uint8Array(nP).fill(Phase.none),
    halted: new Uint8Array(nP),
    licenceTrigger: new Uint8Array(nP),
    incident: new Uint8Array(nP),
    earlyTableSince: new Int32Array(nP).fill(-1),
    headMonths: new Int32Array(nA).fill(LONG_AGO),
    budget: new Float64Array(nA),
    balance: new Float64Array(nA),
    transferred: new Float64Array(nA),
    executed: new Float64Array(nA),
    universities: new Float64Array(world.departmentIds.length),
    taxThisYear: new Float64Array(nP),
    taxLastYear: new Float64Array(nP),
    benefit: new Float64Array(nD),
    receivedPerCapita: new Float64Array(nD),
    illegal: world.districtIllegalMining.slice(),
    illegalNext: new Float64Array(nD),
    price: new Float64Array(world.metalNames.length),
    ledger: new CommitmentLedger(),
    month: emptyCounters(),
  };
  return state;
}
