/**
 * One month of the model, in a fixed and documented order (docs/model.md, "Process
 * overview and scheduling"):
 *   1. turnover and the political calendar     8. perceived risk, hardship and grievance
 *   2. prices                                  9. sub-national stances (election months)
 *   3. projects: plan, phases, licences,      10. cases: life cycle, crisis episodes, protest;
 *      incidents; permit events, referendums  11. dialogue tables: meetings, agreements
 *   4. revenue: production, splits, spending  12. project fate: suspension, resumption,
 *   5. trust signals from spending and the        abandonment
 *      national dialogue
 *   6. illegal mining                         13. trust update (double-buffered)
 *   7. commitments: delivered, seen broken    14. metrics
 * Disputes over mining revenue follow hardship in step 8 (they read its misuse and deprivation):
 * between municipalities and over boundaries first, then each district's with the state.
 * Blockades of step 10 halt production in the next month's step 4; a suspension of step 12
 * holds the plan from the next month's step 3. Pure.
 */
import type { World } from './world.js';
import { resetCounters, type State } from './state.js';
import { stepTurnover } from './mechanisms/turnover.js';
import { stepPrices } from './mechanisms/prices.js';
import { stepProjects } from './mechanisms/projects.js';
import { stepPermits } from './mechanisms/permits.js';
import { stepPerceivedRisk } from './mechanisms/perceived-risk.js';
import { createAuthoritiesScratch, stepAuthorities, type AuthoritiesScratch } from './mechanisms/authorities.js';
import { stepFate } from './mechanisms/fate.js';
import { addSpendingSignals, createRevenueScratch, stepRevenue, type RevenueScratch } from './mechanisms/revenue.js';
import { stepNationalDialogue } from './mechanisms/national-dialogue.js';
import { stepIllegalMining } from './mechanisms/illegal-mining.js';
import { stepCommitments } from './mechanisms/commitments.js';
import { createHardshipScratch, stepHardship, type HardshipScratch } from './mechanisms/hardship.js';
import { stepCases } from './mechanisms/cases.js';
import { stepBackgroundCases } from './mechanisms/background-cases.js';
import { stepDisputes } from './mechanisms/disputes.js';
import { createMunicipalDisputesScratch, stepMunicipalDisputes, type MunicipalDisputesScratch } from './mechanisms/municipal-disputes.js';
import { createTablesScratch, stepTables, type TablesScratch } from './mechanisms/tables.js';
import { createTrustScratch, stepTrust, type TrustScratch } from './mechanisms/trust.js';
import { createMetricsScratch, recordMonth, type MetricsScratch } from './metrics.js';

/** Buffers reused from month to month. */
export interface StepScratch {
  readonly revenue: RevenueScratch;
  readonly trust: TrustScratch;
  readonly hardship: HardshipScratch;
  readonly municipalDisputes: MunicipalDisputesScratch;
  readonly tables: TablesScratch;
  readonly authorities: AuthoritiesScratch;
  readonly metrics: MetricsScratch;
}

export function createStepScratch(world: World): StepScratch {
  return {
    revenue: createRevenueScratch(world),
    trust: createTrustScratch(world),
    hardship: createHardshipScratch(world),
    municipalDisputes: createMunicipalDisputesScratch(world),
    tables: createTablesScratch(world),
    authorities: createAuthoritiesScratch(world),
    metrics: createMetricsScratch(world),
  };
}

/** Advances the state by one month and records month `state.t` into `series`. */
export function stepMonth(world: World, state: State, scratch: StepScratch, series: Float64Array): void {
  resetCounters(state.month);
  state.brokenThisMonth.fill(0);
  const contagion = state.contagion;
  state.contagion = state.contagionNext;
  state.contagionNext = contagion;
  state.contagionNext.fill(0);

  stepTurnover(world, state);
  stepPrices(world, state);
  stepProjects(world, state);
  stepPermits(world, state);
  stepRevenue(world, state, scratch.revenue);
  addSpendingSignals(world, state, scratch.revenue);
  stepNationalDialogue(world, state);
  stepIllegalMining(world, state);
  stepCommitments(world, state);
  stepPerceivedRisk(world, state);
  stepHardship(world, state, scratch.hardship);
  stepMunicipalDisputes(world, state, scratch.hardship, scratch.municipalDisputes);
  stepDisputes(world, state, scratch.hardship);
  stepAuthorities(world, state, scratch.authorities);
  stepCases(world, state);
  stepBackgroundCases(world, state);
  stepTables(world, state, scratch.tables);
  stepFate(world, state);
  stepTrust(world, state, scratch.trust);
  recordMonth(world, state, series, scratch.metrics);
}
