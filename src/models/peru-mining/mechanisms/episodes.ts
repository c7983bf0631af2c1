/**
 * What happens inside a month of a case (mechanism 6b): crisis episodes and protest actions,
 * timed in days, so that the month-end phase means what the Defensoría's monthly report
 * means (FACTS §8: "the phase as it stands at the end of the month").
 *
 * A crisis episode, in the Defensoría's sense (explicit violence: damage to property, people
 * hurt; a blockade alone is escalamiento), starts on a uniform day of the month and lasts a
 * lognormal number of days (median crisisMedianDays, log-sd crisisDaysSpread). It is still
 * on at month end only if it has not ended by then; the rest carries into the next month.
 * crisisBlockadeShare of its days also block the mine or its road. At its onset the state opens
 * a reactive table where the policy has one, or, where no table takes the case, may answer
 * with force; the episode turns violent with violenceProbability (× forceViolenceMultiplier
 * after force).
 *
 * Protest actions (marches, road blockades, strikes, occupations) are their own Poisson
 * process, at actionRate · pressure · triggers a month, scaled by phase (temprana,
 * escalamiento, diálogo, desescalamiento; FACTS §8: protest is frequent outside crises, and
 * in the Defensoría's terms a blockade is escalamiento, not crisis). blockadeShare of them
 * block the road or the mine from a uniform day, for a lognormal number of days (median
 * blockadeMedianDays: paros of 24–72 hours; the tail: corridor blockades of 10–68 days).
 * A project's blocked share of a month is 1 − Π(1 − blocked days / month days) over its
 * blockades, as if each fell on independent days; the longest one's days past month end
 * carry over. Production falls by that share in the next month's revenue step.
 *
 * Draws: the `crisis` stream (3 per episode, none otherwise), the `violence` stream (2 per
 * episode) and the `protest` stream (1 per live active case per month, 4 per action).
 */
import { MONTH_DAYS, type State } from '../state.js';
import type { World } from '../world.js';
import { normal, poissonByInversion } from '../../../engine/streams.js';
import { addSignal } from './trust.js';

/** A blockade's first day this month and its length in days. */
export interface Span {
  from: number;
  days: number;
}

/**
 * The span handed to block(), reused call to call: a call that V8 does not inline boxes the
 * numbers passed to it, and the hot callers have used their inlining budget on the draws (#22).
 */
const span: Span = { from: 0, days: 0 };

/** Blocks project p over `s`; what runs past month end carries over. */
export function block(state: State, p: number, s: Span): void {
  const end = s.from + s.days;
  // Math.min, not a conditional: a conditional choosing between an imported constant and a
  // computed number makes V8 box the number.
  const inMonth = Math.min(end, MONTH_DAYS) - s.from;
  state.unblocked[p] *= 1 - inMonth / MONTH_DAYS;
  if (end > MONTH_DAYS && end - MONTH_DAYS > state.blockadeDaysLeft[p]) state.blockadeDaysLeft[p] = end - MONTH_DAYS;
}

/** The part of last month's longest blockade that runs into this month (called before any new blockade). */
export function carryBlockade(state: State, p: number): void {
  const left = state.blockadeDaysLeft[p];
  state.unblocked[p] = 1;
  if (left <= 0) return;
  state.blockadeDaysLeft[p] = 0;
  span.from = 0;
  span.days = left;
  block(state, p, span);
}

/**
 * Starts a crisis episode on case r this month. Returns whether it is still on at month end.
 * `tableTakesIt`: a dialogue table handles the case (no force).
 */
export function startCrisis(world: World, state: State, r: number, tableTakesIt: boolean): boolean {
  const C = world.parameters.conflict;
  const rng = state.streams.crisis;
  const startDay = rng() * MONTH_DAYS;
  const days = C.crisisMedianDays * Math.exp(C.crisisDaysSpread * normal(rng));
  const c = world.relationCommunity[r];
  const p = world.relationProject[r];
  state.month.crisisEpisodes++;
  state.projectCrises[p]++;
  state.month.protestActions++;
  const names = state.events ? { community: world.communityIds[c], project: world.projectIds[p] } : null;
  if (names) state.events?.push({ month: state.t, type: 'crisis', ...names, days: Math.round(days * 10) / 10 });

  const forceProbability = world.policies.forceResponse ?? C.forceProbability;
  const uViolence = state.streams.violence();
  const uForce = state.streams.violence();
  const force = !tableTakesIt && uForce < forceProbability;
  if (force) {
    addSignal(state, c, 1, -world.parameters.trust.forceSignal);
    if (names) state.events?.push({ month: state.t, type: 'force', ...names });
  }
  if (uViolence < C.violenceProbability * (force ? C.forceViolenceMultiplier : 1)) {
    state.month.violentEvents++;
    state.projectViolence[p]++;
    if (names) state.events?.push({ month: state.t, type: 'violence', ...names });
  }

  const end = startDay + days;
  const blockShare = world.parameters.protest.crisisBlockadeShare;
  if (blockShare > 0) {
    state.month.blockades++;
    span.from = startDay;
    span.days = (Math.min(end, MONTH_DAYS) - startDay) * blockShare;
    block(state, p, span);
  }
  state.crisisDaysLeft[r] = end > MONTH_DAYS ? end - MONTH_DAYS : 0;
  return end > MONTH_DAYS;
}

/** A crisis carried over from last month: its days this month. Returns whether it is still on at month end. */
export function continueCrisis(world: World, state: State, r: number): boolean {
  const left = state.crisisDaysLeft[r];
  const p = world.relationProject[r];
  const blockShare = world.parameters.protest.crisisBlockadeShare;
  const days = Math.min(left, MONTH_DAYS);
  if (blockShare > 0) {
    span.from = 0;
    span.days = days * blockShare;
    block(state, p, span);
  }
  state.crisisDaysLeft[r] = left - days;
  return left > MONTH_DAYS;
}

/**
 * Protest actions of an active case this month, in its current phase; `pressure.x` is pressure × triggers
 * (in an object, so that the hot call does not box a number). Returns the blockades.
 */
export function protestActions(world: World, state: State, r: number, phase: number, pressure: { readonly x: number }): number {
  const x = pressure.x;
  const P = world.parameters.protest;
  const rng = state.streams.protest;
  const u = rng();
  const rate = P.actionRate * x * world.protestPhaseActions[phase];
  if (rate <= 0) return 0;
  const k = poissonByInversion(rate, u);
  if (k === 0) return 0;
  const p = world.relationProject[r];
  state.month.protestActions += k;
  let blocked = 0;
  let blockades = 0;
  for (let i = 0; i < k; i++) {
    const uBlock = rng();
    const from = rng() * MONTH_DAYS;
    const days = P.blockadeMedianDays * Math.exp(P.blockadeDaysSpread * normal(rng));
    if (uBlock >= P.blockadeShare) continue;
    state.month.blockades++;
    blockades++;
    span.from = from;
    span.days = days;
    block(state, p, span);
    blocked += days;
  }
  if (state.events) {
    const c = world.relationCommunity[r];
    state.events.push({
      month: state.t,
      type: 'protest',
      community: world.communityIds[c],
      project: world.projectIds[p],
      blockadeDays: Math.round(blocked * 10) / 10,
    });
  }
  return blockades;
}
