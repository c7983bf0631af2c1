/**
 * Garbage collection in steady-state months: the synthetic territory is stepped through a
 * warm-up (projects start, the JIT settles), then the collections V8 reports to a
 * `PerformanceObserver` (entryTypes ['gc']) are counted over the months that follow. A month
 * that allocates nothing triggers no collection however many months run; one that allocates
 * even a few hundred bytes fills the young generation every few thousand months. The bytes a
 * month allocates are estimated from the heap in use after each month (rises only; a month
 * with a collection is left out), less what reading the heap statistics itself allocates.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { World } from '../models/peru-mining/world.js';
import { createState } from '../models/peru-mining/state.js';
import { createStreams } from '../engine/streams.js';
import { createStepScratch, stepMonth } from '../models/peru-mining/step.js';
import { createSeries } from '../models/peru-mining/metrics.js';

export interface KernelGcResult {
  readonly communities: number;
  readonly warmUpMonths: number;
  readonly months: number;
  /** Collections of any kind (scavenges, mark-sweeps, …) during the measured months. */
  readonly gcEvents: number;
  readonly gcPerMonth: number;
  /** Estimated bytes allocated per measured month (NaN when every month had a collection). */
  readonly bytesPerMonth: number;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Steps `world` (which must have at least warmUpMonths + 1 months) and counts collections after the warm-up. */
export async function measureKernelGc(world: World, warmUpMonths: number, seed = 1): Promise<KernelGcResult> {
  const months = world.months - warmUpMonths;
  if (warmUpMonths < 0 || months < 1)
    throw new RangeError(`measureKernelGc: ${world.months} months leave none after ${warmUpMonths} of warm-up`);
  const state = createState(world, createStreams(seed), null);
  const scratch = createStepScratch(world);
  const series = createSeries(world.months);
  for (let t = 0; t < warmUpMonths; t++) {
    state.t = t;
    stepMonth(world, state, scratch, series);
  }
  // The same reads with no month between them: what the measurement itself allocates.
  const idle = new Float64Array(months + 1);
  idle[0] = getHeapStatistics().used_heap_size;
  for (let i = 1; i <= months; i++) idle[i] = getHeapStatistics().used_heap_size;
  // Collections of the warm-up that the observer has not yet been told of must not count.
  await tick();
  let gcEvents = 0;
  const observer = new PerformanceObserver((list) => {
    gcEvents += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  await tick();
  const before = gcEvents;
  const used = new Float64Array(months + 1);
  used[0] = getHeapStatistics().used_heap_size;
  for (let t = warmUpMonths; t < world.months; t++) {
    state.t = t;
    stepMonth(world, state, scratch, series);
    used[t - warmUpMonths + 1] = getHeapStatistics().used_heap_size;
  }
  // GC entries are delivered asynchronously: let them arrive before counting.
  await tick();
  await tick();
  observer.disconnect();
  const during = gcEvents - before;
  const rise = (xs: Float64Array) => {
    let sum = 0;
    let n = 0;
    for (let i = 1; i < xs.length; i++) {
      const d = (xs[i] as number) - (xs[i - 1] as number);
      if (d < 0) continue; // a collection ran
      sum += d;
      n++;
    }
    return n > 0 ? sum / n : Number.NaN;
  };
  return {
    communities: world.communityIds.length,
    warmUpMonths,
    months,
    gcEvents: during,
    gcPerMonth: during / months,
    bytesPerMonth: Math.max(0, rise(used) - rise(idle)),
  };
}
