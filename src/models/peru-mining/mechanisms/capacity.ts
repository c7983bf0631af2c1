/**
 * Effective capacity of an actor this month: its base capacity, lowered while a new head
 * learns the job (mechanism 3: linear recovery over learningMonths). Pure.
 */
import type { World } from '../world.js';
import type { State } from '../state.js';

export function effectiveCapacity(world: World, state: State, actor: number): number {
  const { learningMonths, learningPenalty } = world.parameters.turnover;
  const months = state.headMonths[actor];
  const base = world.actorCapacity[actor];
  if (learningMonths <= 0 || months >= learningMonths) return base;
  return base * (1 - learningPenalty * (1 - months / learningMonths));
}
