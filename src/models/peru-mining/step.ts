/**
 * One month of the model, in a fixed and documented order (docs/model.md, "Process
 * overview and scheduling"):
 *   1. turnover and the political calendar    7. commitments: delivered, seen broken
 *   2. prices                                 8. hardship and grievance
 *   3. projects: phases, licences, incidents  9. cases: life cycle, crisis episodes, protest
 *   4. revenue: production, splits, spending 10. dialogue tables: meetings, agreements
 *   5. trust signals from spending           11. trust update (double-buffered)
 *   6. illegal mining                        12. metrics
 * Blockades of step 9 halt production in the next month's step 4. Pure.
 */
import type { World } from './world.js';
import { emptyCounters, type State } from './state.js';
import { stepTurnover } from './mechanisms/turnover.js';
import { stepPrices } from './mechanisms/prices.js';
import { stepProjects } from './mechanisms/projects.js';
import { addSpendingSignals, createRevenueScratch, stepRevenue, type RevenueScratch } from './mechanisms/revenue.js';
import { stepIllegalMining } from './mechanisms/illegal-mining.js';
import { stepCommitments } from './mechanisms/commitments.js';
import { createHardshipScratch, stepHardship, type HardshipScratch } from './mechanisms/hardship.js';
import { stepCases } from './mechanisms/cases.js';
import { createTablesScratch, stepTables, type TablesScratch } from './mechanisms/tables.js';
import { createTrustScratch, stepTrust, type TrustScratch } from './mechanisms/trust.js';
import { recordMonth } from './metrics.js';

/** Buffers reused from month to month. */
export interface StepScratch {
  readonly revenue: RevenueScratch;
  readonly trust: TrustScratch;
  readonly hardship: HardshipScratch;
  readonly tables: TablesScratch;
}

export function createStepScratch(world: World): StepScratch {
  return {
    revenue: createRevenueScratch(world),
    trust: createTrustScratch(world),
    hardship: createHardshipScratch(world),
    tables: createTablesScratch(world),
  };
}

/** Advances the state by one month and records month `state.t` into `series`. */
export function stepMonth(world: World, state: State, scratch: StepScratch, series: Float64Array): void {
  Object.assign(state.month, emptyCounters());
  state.brokenThisMonth.fill(0);
  const contagion = state.contagion;
  state.contagion = state.contagionNext;
  state.contagionNext = contagion;
  state.contagionNext.fill(0);

  stepTurnover(world, state);
  stepPrices(world, state);
  stepProjects(world, state);
  stepRevenue(world, state, scratch.revenue);
  addSpendingSignals(world, state, scratch.revenue);
  stepIllegalMining(world, state);
  stepCommitments(world, state);
  stepHardship(world, state, scratch.hardship);
  stepCases(world, state);
  stepTables(world, state, scratch.tables);
  stepTrust(world, state, scratch.trust);
  recordMonth(world, state, series);
}
