/**
 * Metal prices (exogenous input). `reverting`: the log price reverts to a long-run level
 * (one-factor model of Schwartz 1997, J. Finance 52(3), for commodity prices), exact
 * discretisation of d ln P = κ(ln P̄ − ln P)dt + σ dW with κ = ln 2 / half-life. `gbm`:
 * geometric Brownian motion (no reversion; wide over decades). `path`: linear between
 * given months, flat outside them. A gbm or reverting price never exceeds
 * parameters.prices.ceiling times its reference price (initial, or the higher of initial and
 * long-run): prices cannot grow without bound, and long runs' money stays finite.
 *
 * Draws: the `prices` stream, two uniforms per stochastic metal per month after the first.
 */
import type { World } from '../world.js';
import type { State } from '../state.js';
import { normal } from '../../../engine/streams.js';
import { monthIndex } from '../../../engine/calendar.js';

export function stepPrices(world: World, state: State): void {
  const rng = state.streams.prices;
  const ceiling = world.parameters.prices.ceiling;
  const dt = 1 / 12;
  for (let m = 0; m < world.priceProcesses.length; m++) {
    const priceProcess = world.priceProcesses[m] as (typeof world.priceProcesses)[number];
    if (priceProcess.kind === 'path') {
      state.price[m] = pricePathAt(priceProcess.points, world.startMonth + state.t);
    } else if (state.t === 0) {
      state.price[m] = priceProcess.initial;
    } else if (priceProcess.kind === 'gbm') {
      const z = normal(rng);
      const next =
        state.price[m] *
        Math.exp(
          (priceProcess.drift - (priceProcess.volatility * priceProcess.volatility) / 2) * dt + priceProcess.volatility * Math.sqrt(dt) * z,
        );
      state.price[m] = Math.min(next, ceiling * priceProcess.initial);
    } else {
      const z = normal(rng);
      const kappa = Math.LN2 / priceProcess.halfLifeYears;
      const keep = Math.exp(-kappa * dt);
      const spread = priceProcess.volatility * Math.sqrt((1 - keep * keep) / (2 * kappa));
      const logPrice = Math.log(priceProcess.longRun) + (Math.log(state.price[m]) - Math.log(priceProcess.longRun)) * keep + spread * z;
      state.price[m] = Math.min(Math.exp(logPrice), ceiling * Math.max(priceProcess.initial, priceProcess.longRun));
    }
  }
}

/** Linear interpolation between (month, value) points; flat outside them. */
function pricePathAt(points: ReadonlyArray<{ month: string; value: number }>, month: number): number {
  const first = points[0];
  if (first === undefined) return 0;
  if (month <= monthIndex(first.month)) return first.value;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { month: string; value: number };
    const b = points[i] as { month: string; value: number };
    const mb = monthIndex(b.month);
    if (month <= mb) {
      const ma = monthIndex(a.month);
      return a.value + ((b.value - a.value) * (month - ma)) / (mb - ma);
    }
  }
  return (points[points.length - 1] as { value: number }).value;
}
