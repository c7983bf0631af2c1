/**
 * Production, mining revenue and its spending (mechanism 4).
 *
 * A project in operation produces its monthly output less the share of last month's days
 * that blockades halted it (episodes.ts). Sales = output · price · exchange rate. Regalías (royaltyRate of sales) are split
 * every month by the royalty tiers; income tax (incomeTaxRate of profitMargin·sales)
 * accrues over the calendar year and canonShareOfIncomeTax of the previous year's tax is
 * split once a year in canonMonth by the canon tiers (FACTS §4: 10/25/40/25, 20/20/40/15/5).
 * Within a tier, municipalities are weighted by population × unmet needs. Every split is
 * in whole cents by largest remainder, so money is conserved exactly:
 *   Σ transferred = Σ balance + Σ executed (+ universities).
 *
 * Governments execute a share of their balance each month, so that executionRate of it
 * is spent over a year; 12 months after a change of head they execute less (FACTS §3–4).
 * Part of it funds the government's commitments.
 *
 * People notice works, not soles (issue #20). Of each sol executed, wasteShare is lost to
 * corruption and misconduct (Contraloría: 13.1% local, 15.4% regional, 2023) and remembered
 * as waste (a municipality's share rising with its mining receipts per person,
 * windfallWasteShare); the rest enters a pipeline of works that complete at rate 1/worksLagMonths, of
 * which stalledWorksShare never finish (Contraloría's obras paralizadas). Completed works
 * per person accumulate as the district's benefit (aging with benefitHalfLife), relieve
 * hardship with diminishing returns against the infrastructure gap (hardship.ts), and send
 * the trust signal to the government that built them.
 */
import { CHANNELS, Phase, type Recipients, type World } from '../world.js';
import type { State } from '../state.js';
import { apportion, createApportionScratch, type ApportionScratch } from '../apportion.js';
import { monthLabel, monthOfYear } from '../../../engine/calendar.js';
import { RunFailure } from '../../../engine/run-failure.js';
import type { TierShares } from '../schema.js';

const TIERS = [
  'producingDistrict',
  'producingProvince',
  'producingDepartment',
  'regionalGovernment',
  'universities',
  'corridorDistricts',
] as const;
type Tier = (typeof TIERS)[number];

export interface RevenueScratch {
  readonly tierWeights: Float64Array;
  readonly tierParts: Float64Array;
  parts: Float64Array;
  /** Executed soles this month per district (municipal) and per department (regional). */
  readonly spentLocal: Float64Array;
  readonly spentRegional: Float64Array;
  readonly receivedThisMonth: Float64Array;
  readonly companyActive: Uint8Array;
  readonly localSignal: Float64Array;
  readonly regionalSignal: Float64Array;
  /** Works per person completed this month, by district: municipal and regional. */
  readonly completedLocal: Float64Array;
  readonly completedRegional: Float64Array;
  readonly apportion: ApportionScratch;
  /** Monthly share of its balance each government executes, usually and under a new head. */
  readonly execution: Float64Array;
  readonly executionNewHead: Float64Array;
}

export function createRevenueScratch(world: World): RevenueScratch {
  return {
    tierWeights: new Float64Array(TIERS.length),
    tierParts: new Float64Array(TIERS.length),
    parts: new Float64Array(Math.max(1, world.districtIds.length)),
    spentLocal: new Float64Array(world.districtIds.length),
    spentRegional: new Float64Array(world.departmentIds.length),
    receivedThisMonth: new Float64Array(world.districtIds.length),
    companyActive: new Uint8Array(world.companyIds.length),
    localSignal: new Float64Array(world.districtIds.length),
    regionalSignal: new Float64Array(world.districtIds.length),
    completedLocal: new Float64Array(world.districtIds.length),
    completedRegional: new Float64Array(world.districtIds.length),
    apportion: createApportionScratch(Math.max(TIERS.length, world.districtIds.length)),
    // Spending share·balance each month spends about `rate` of a balance in a year.
    execution: world.actorExecutionRate.map((rate) => 1 - Math.pow(1 - rate, 1 / 12)),
    executionNewHead: world.actorExecutionRate.map(
      (rate) => 1 - Math.pow(1 - rate * (1 - world.parameters.revenue.newHeadExecutionPenalty), 1 / 12),
    ),
  };
}

/** Whole cents of a soles amount. */
const cents = (soles: number) => Math.round(soles * 100);

/**
 * Money is counted in whole cents in doubles, exact up to 2^53 − 1 cents (about 90 trillion
 * soles, some 90 times Peru's GDP). A transfer, or a recipient's total over the run, beyond
 * that can only come from inputs far outside the real world (extreme output or prices over
 * a long run); the run then fails with a RunFailure rather than lose cents (or, as it once
 * did, never finish splitting them).
 */
const MAX_EXACT_CENTS = Number.MAX_SAFE_INTEGER;

function beyondExactRange(world: World, state: State, p: number, what: string, amount: number): RunFailure {
  const metal = world.metalNames[world.projectMetal[p]] ?? '?';
  const soles = (amount / 100).toPrecision(3);
  return new RunFailure(
    `money beyond the range counted to the cent (${(MAX_EXACT_CENTS / 100).toPrecision(3)} soles): ${what} of project ${world.projectIds[p]} reached ${soles} soles in ${monthLabel(world.startMonth + state.t)} (${metal} price ${state.price[world.projectMetal[p]]?.toPrecision(3)}); lower the project's output or the price series (see parameters.prices.ceiling)`,
  );
}

export function stepRevenue(world: World, state: State, scratch: RevenueScratch): void {
  const R = world.parameters.revenue;
  const t = state.t;
  const calendarMonth = monthOfYear(world.startMonth + t);
  const policies = world.policies.revenue;
  scratch.receivedThisMonth.fill(0);

  // Company social budgets accrue while any of the company's projects is between exploration and closure.
  scratch.companyActive.fill(0);
  for (let p = 0; p < world.projectIds.length; p++) {
    if (state.phase[p] !== Phase.none && state.phase[p] !== Phase.closure) scratch.companyActive[world.projectCompany[p]] = 1;
  }
  for (let company = 0; company < world.companyIds.length; company++) {
    if (scratch.companyActive[company]) state.budget[company] += world.companySocialBudget[company];
  }

  if (calendarMonth === 1) {
    state.taxLastYear.set(state.taxThisYear);
    state.taxThisYear.fill(0);
  }
  for (let p = 0; p < world.projectIds.length; p++) {
    if (state.phase[p] !== Phase.operation) continue;
    const potential = world.projectMonthlyOutput[p];
    const output = potential * (1 - state.haltedShare[p]);
    state.month.potentialProduction += potential;
    state.month.production += output;
    const sales = output * state.price[world.projectMetal[p]] * R.exchangeRate;
    // A mine already producing when the run starts paid last year's tax at today's output and price.
    if (t === 0)
      state.taxLastYear[p] =
        12 * potential * state.price[world.projectMetal[p]] * R.exchangeRate * world.projectMargin[p] * R.incomeTaxRate;
    state.taxThisYear[p] += sales * world.projectMargin[p] * R.incomeTaxRate;
    const company = world.projectCompany[p];
    state.budget[company] += sales * world.companySocialShare[company];
    const royalties = cents(sales * world.projectRoyaltyRate[p]);
    if (!(royalties <= MAX_EXACT_CENTS)) throw beyondExactRange(world, state, p, "the month's regalías", royalties);
    state.month.royaltiesTransferred += royalties;
    distribute(world, state, scratch, p, royalties, policies.royalties);
  }
  if (calendarMonth === Math.round(R.canonMonth)) {
    for (let p = 0; p < world.projectIds.length; p++) {
      const canon = cents(state.taxLastYear[p] * R.canonShareOfIncomeTax);
      if (!(canon <= MAX_EXACT_CENTS)) throw beyondExactRange(world, state, p, "the year's canon", canon);
      if (canon <= 0) continue;
      state.canonPaid[p] = 1;
      state.month.canonTransferred += canon;
      distribute(world, state, scratch, p, canon, policies.canon);
    }
  }
  executeBudgets(world, state, scratch);
}

/** Splits `amount` cents of project p's revenue across tiers and recipients (plain loops: no closure per call). */
export function distribute(world: World, state: State, scratch: RevenueScratch, p: number, amount: number, shares: TierShares): void {
  const weights = scratch.tierWeights;
  for (let i = 0; i < TIERS.length; i++) weights[i] = shares[TIERS[i] as Tier];
  apportion(amount, weights, scratch.tierParts, scratch.apportion);
  const recipients = world.revenueRecipients[p];
  for (let i = 0; i < TIERS.length; i++) {
    const tierAmount = scratch.tierParts[i] as number;
    if (tierAmount === 0) continue;
    const tier = TIERS[i] as Tier;
    const group: Recipients = recipients[tier];
    const n = group.actors.length;
    if (scratch.parts.length < n) scratch.parts = new Float64Array(n);
    // apportion writes parts[0..n) only: the buffer is passed whole, not as a fresh subarray.
    const parts = apportion(tierAmount, group.weights, scratch.parts, scratch.apportion);
    for (let k = 0; k < n; k++) {
      const a = group.actors[k] as number;
      const part = parts[k] as number;
      if (tier === 'universities') {
        state.universities[a] += part;
        if (state.universities[a] > MAX_EXACT_CENTS)
          throw beyondExactRange(world, state, p, "the universities' total revenue", state.universities[a]);
        state.month.toUniversities += part;
        continue;
      }
      state.balance[a] += part;
      state.transferred[a] += part;
      // A recipient's total bounds its balance and execution, so these stay exact too.
      if (state.transferred[a] > MAX_EXACT_CENTS)
        throw beyondExactRange(world, state, p, `the total revenue of ${world.actorIds[a]}`, state.transferred[a]);
      if (a >= world.firstMunicipality) {
        state.month.toMunicipalities += part;
        scratch.receivedThisMonth[a - world.firstMunicipality] += part / 100;
      } else {
        state.month.toRegions += part;
      }
    }
  }
}

function executeBudgets(world: World, state: State, scratch: RevenueScratch): void {
  const R = world.parameters.revenue;
  scratch.spentLocal.fill(0);
  scratch.spentRegional.fill(0);
  for (let a = world.firstRegion; a < world.actorIds.length; a++) {
    // Own resources available for commitments.
    state.budget[a] += world.actorMonthlyBudget[a];
    const balance = state.balance[a];
    if (balance <= 0) continue;
    const monthlyShare = state.headMonths[a] < 12 ? scratch.executionNewHead[a] : scratch.execution[a];
    const spent = Math.floor(balance * monthlyShare);
    if (spent <= 0) continue;
    state.balance[a] = balance - spent;
    state.executed[a] += spent;
    state.month.executed += spent;
    state.budget[a] += (spent / 100) * R.commitmentFundingShare;
    if (a >= world.firstMunicipality) {
      scratch.spentLocal[a - world.firstMunicipality] += spent / 100;
      state.month.executedByMunicipalities += spent;
    } else {
      scratch.spentRegional[a - world.firstRegion] += spent / 100;
      state.month.executedByRegions += spent;
    }
  }
  for (let a = world.firstOffice; a < world.firstRegion; a++) state.budget[a] += world.actorMonthlyBudget[a];

  // Works, waste and received revenue per person, by district.
  const aging = Math.pow(0.5, 1 / R.benefitHalfLife);
  const yearly = Math.pow(0.5, 1 / 6);
  const completion = 1 - Math.exp(-1 / R.worksLagMonths);
  const finished = 1 - R.stalledWorksShare;
  for (let d = 0; d < world.districtIds.length; d++) {
    const pop = world.districtPopulation[d];
    const dep = world.districtDepartment[d];
    const local = scratch.spentLocal[d] / pop;
    const regional = scratch.spentRegional[dep] / world.departmentPopulation[dep];
    // receivedPerCapita holds about six months of receipts; ×2 gives a yearly figure (as in hardship.ts).
    const wasteLocal = windfallWasteShare(
      R.wasteShareLocal,
      2 * state.receivedPerCapita[d],
      R.wasteWindfallElasticity,
      R.wasteReferenceReceipts,
    );
    state.wasted[d] = state.wasted[d] * aging + local * wasteLocal + regional * R.wasteShareRegional;
    const pendingLocal = state.worksPendingLocal[d] + local * (1 - wasteLocal);
    const pendingRegional = state.worksPendingRegional[d] + regional * (1 - R.wasteShareRegional);
    const doneLocal = pendingLocal * completion;
    const doneRegional = pendingRegional * completion;
    state.worksPendingLocal[d] = pendingLocal - doneLocal;
    state.worksPendingRegional[d] = pendingRegional - doneRegional;
    scratch.completedLocal[d] = doneLocal * finished;
    scratch.completedRegional[d] = doneRegional * finished;
    state.benefit[d] = state.benefit[d] * aging + (doneLocal + doneRegional) * finished;
    state.receivedPerCapita[d] = state.receivedPerCapita[d] * yearly + scratch.receivedThisMonth[d] / pop;
  }
}

/**
 * The share of a municipality's spending lost when it receives `yearly` soles of mining money
 * per person (Brollo et al. 2013: larger transfers, more corruption). The odds of loss are those
 * of the base share times (1 + yearly / reference)^elasticity, so the share rises with the
 * windfall and stays below 1 without a cap; at elasticity 0 it is the base share exactly.
 */
export function windfallWasteShare(base: number, yearly: number, elasticity: number, reference: number): number {
  if (elasticity === 0 || yearly <= 0) return base;
  const rise = Math.pow(1 + yearly / reference, elasticity);
  return (base * rise) / (1 - base + base * rise);
}

/**
 * Trust signals from this month's completed works: each community sees its own
 * municipality's and its regional government's works per person, saturating at
 * spendingSignal (1 − e^(−x / executionSignalScale)).
 */
export function addSpendingSignals(world: World, state: State, scratch: RevenueScratch): void {
  const R = world.parameters.revenue;
  const scale = world.parameters.trust.spendingSignal;
  const saturate = (perCapita: number) => (perCapita > 0 ? scale * (1 - Math.exp(-perCapita / R.executionSignalScale)) : 0);
  const local = scratch.localSignal;
  const regional = scratch.regionalSignal;
  for (let d = 0; d < local.length; d++) {
    local[d] = saturate(scratch.completedLocal[d]);
    regional[d] = saturate(scratch.completedRegional[d]);
  }
  const signal = state.signal;
  const communityDistrict = world.communityDistrict;
  for (let c = 0; c < communityDistrict.length; c++) {
    const d = communityDistrict[c];
    signal[c * CHANNELS + 3] += local[d];
    signal[c * CHANNELS + 2] += regional[d];
  }
}
