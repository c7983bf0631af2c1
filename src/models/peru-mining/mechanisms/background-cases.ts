/**
 * The background of the register: mining cases on mining the scenario does not model as
 * projects (small, medium, informal and older operations, FACTS §5). In the Defensoría's case
 * panel only about a quarter of mining case-months name a large operation of the national
 * baseline (data/peru/sources-defensoria.md); the rest is this background. It has no agents:
 * its cases are registered, counted and ended, and touch no one's trust.
 *
 * Each month, in this order:
 *   every background case draws one uniform u:
 *     activo:  resolved if u < ρ; else latente if u < ρ + latencyRate
 *     latente: resolved if u < ρ; else withdrawn (retirado) after withdrawAfterMonths of latency
 *   with ρ = parameters.register.backgroundResolveRate and the latency and withdrawal of the
 *   modelled cases (parameters.conflict); then Poisson(backgroundRate) new cases, each active
 *   and placed in a department by one uniform over territory.departments[].backgroundWeight.
 *
 * Draws: `register`, one per background case per month, one for the count of new cases and
 * one per new case. The stream is this mechanism's alone: a background of another size shifts
 * no other mechanism's draws.
 */
import type { World } from '../world.js';
import { BackgroundState, type BackgroundCases, type State } from '../state.js';
import { poissonByInversion } from '../../../engine/streams.js';

export function stepBackgroundCases(world: World, state: State): void {
  const R = world.parameters.register;
  const rate = R.backgroundRate;
  const b = state.background;
  if (rate <= 0 && b.count === 0) return;
  const C = world.parameters.conflict;
  const resolve = R.backgroundResolveRate;
  const rng = state.streams.register;
  const m = state.month;
  let i = 0;
  while (i < b.count) {
    const u = rng();
    const s = b.state[i];
    b.months[i]++;
    if (u < resolve) {
      end(world, state, i, s as number, 'resuelto');
      continue;
    }
    if (s === BackgroundState.active) {
      if (u < resolve + C.latencyRate) {
        b.state[i] = BackgroundState.latent;
        b.months[i] = 0;
        if (state.events) push(world, state, b.department[i] as number, 'activo', 'latente');
      }
    } else if ((b.months[i] as number) >= C.withdrawAfterMonths) {
      end(world, state, i, s as number, 'retirado');
      continue;
    }
    i++;
  }
  const fresh = rate > 0 ? poissonByInversion(rate, rng()) : 0;
  const cdf = world.backgroundDepartmentCdf;
  for (let k = 0; k < fresh; k++) {
    const u = rng();
    let d = 0;
    while (d < cdf.length - 1 && u >= (cdf[d] as number)) d++;
    add(b, d);
    m.backgroundRegistered++;
    if (state.events) push(world, state, d, 'ninguno', 'activo');
  }
}

function add(b: BackgroundCases, department: number): void {
  if (b.count === b.state.length) grow(b);
  b.department[b.count] = department;
  b.state[b.count] = BackgroundState.active;
  b.months[b.count] = 0;
  b.count++;
}

/** Doubles the pool: allocation only when the background reaches a size it has not had before. */
function grow(b: BackgroundCases): void {
  const n = b.state.length * 2;
  const department = new Int32Array(n);
  const st = new Uint8Array(n);
  const months = new Int32Array(n);
  department.set(b.department);
  st.set(b.state);
  months.set(b.months);
  b.department = department;
  b.state = st;
  b.months = months;
}

function end(world: World, state: State, i: number, s: number, how: 'resuelto' | 'retirado'): void {
  const b = state.background;
  if (state.events) push(world, state, b.department[i] as number, s === BackgroundState.active ? 'activo' : 'latente', how);
  if (how === 'resuelto') state.month.backgroundResolved++;
  else state.month.backgroundWithdrawn++;
  const last = b.count - 1;
  b.department[i] = b.department[last] as number;
  b.state[i] = b.state[last] as number;
  b.months[i] = b.months[last] as number;
  b.count = last;
}

function push(world: World, state: State, d: number, from: string, to: string): void {
  state.events?.push({ month: state.t, type: 'background-case', department: world.departmentIds[d] as string, from, to });
}
