import { describe, expect, it } from 'vitest';
import { tinyWorld } from '../../helpers/tiny-world.js';
import { block, carryBlockade, protestActions, startCrisis } from '../../../src/models/peru-mining/mechanisms/episodes.js';
import { stepProjects } from '../../../src/models/peru-mining/mechanisms/projects.js';
import { CasePhase, MONTH_DAYS } from '../../../src/models/peru-mining/state.js';

/** P(a lognormal episode that starts on a uniform day is still on at month end), by quadrature. */
function stillOnAtMonthEnd(median: number, spread: number): number {
  const steps = 2000;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const start = ((i + 0.5) / steps) * MONTH_DAYS;
    const z = Math.log((MONTH_DAYS - start) / median) / spread;
    sum += 0.5 * erfc(z / Math.SQRT2);
  }
  return sum / steps;
}

/** Complementary error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return x >= 0 ? y : 2 - y;
}

function crisisSurvival(overlay: Record<string, unknown>, trials: number): number {
  const { world, state } = tinyWorld(overlay, 3, 7);
  let on = 0;
  for (let i = 0; i < trials; i++) if (startCrisis(world, state, 0, true)) on++;
  return on / trials;
}

describe('crisis episodes and protest actions (events inside the month)', () => {
  it('a crisis rarely survives to month end, as often as its length in days says', () => {
    const trials = 20000;
    const short = crisisSurvival({}, trials);
    // Default: median 3 days, log-sd 0.8 → about 14% still on at month end (those that start in its last days).
    expect(short).toBeCloseTo(stillOnAtMonthEnd(3, 0.8), 2);
    expect(short).toBeLessThan(0.2);
    const long = crisisSurvival({ parameters: { conflict: { crisisMedianDays: 25, crisisDaysSpread: 0.75 } } }, trials);
    expect(long).toBeCloseTo(stillOnAtMonthEnd(25, 0.75), 2);
    expect(long).toBeGreaterThan(0.4);
  });

  it('blockades occur outside crisis: an escalated case protests and blocks, at the Poisson rate', () => {
    const { world, state } = tinyWorld({}, 3, 3);
    stepProjects(world, state);
    const months = 20000;
    const x = 0.4;
    for (let m = 0; m < months; m++) protestActions(world, state, 0, CasePhase.escalamiento, { x });
    const rate = world.parameters.protest.actionRate * x;
    expect(state.month.protestActions / months).toBeCloseTo(rate, 1);
    // About blockadeShare of the actions block the road or the mine.
    expect(state.month.blockades / state.month.protestActions).toBeCloseTo(world.parameters.protest.blockadeShare, 1);
    expect(state.unblocked[0]).toBeLessThan(1);
  });

  it('a case in diálogo protests less than an escalated one, by dialoguePhaseActions', () => {
    const count = (phase: number) => {
      const { world, state } = tinyWorld({}, 3, 5);
      for (let m = 0; m < 5000; m++) protestActions(world, state, 0, phase, { x: 0.5 });
      return state.month.protestActions;
    };
    const ratio = count(CasePhase.dialogo) / count(CasePhase.escalamiento);
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(0.47); // default 0.4
  });

  it('blockades halt a project by their days; overlapping ones as independent days; the rest carries over', () => {
    const { state } = tinyWorld();
    block(state, 0, { from: 0, days: 15 });
    expect(1 - state.unblocked[0]).toBeCloseTo(15 / MONTH_DAYS, 12);
    block(state, 0, { from: 10, days: 5 });
    expect(1 - state.unblocked[0]).toBeCloseTo(1 - (1 - 15 / MONTH_DAYS) * (1 - 5 / MONTH_DAYS), 12);
    // A blockade from day 25 for 10 days: 5.4375 days this month, 4.5625 next month.
    const { state: s2 } = tinyWorld();
    block(s2, 0, { from: 25, days: 10 });
    expect(1 - s2.unblocked[0]).toBeCloseTo((MONTH_DAYS - 25) / MONTH_DAYS, 12);
    carryBlockade(s2, 0);
    expect(1 - s2.unblocked[0]).toBeCloseTo((25 + 10 - MONTH_DAYS) / MONTH_DAYS, 12);
    carryBlockade(s2, 0);
    expect(s2.unblocked[0]).toBe(1);
  });

  it('force comes only where no table takes the case, and multiplies violence', () => {
    const violence = (tableTakesIt: boolean) => {
      const { world, state } = tinyWorld({ parameters: { conflict: { forceProbability: 1 } } }, 3, 11);
      for (let i = 0; i < 4000; i++) startCrisis(world, state, 0, tableTakesIt);
      return state.month.violentEvents / 4000;
    };
    const withTable = violence(true);
    const withForce = violence(false);
    expect(withTable).toBeCloseTo(0.1, 1); // violenceProbability
    expect(withForce).toBeCloseTo(0.3, 1); // × forceViolenceMultiplier 3
  });
});
