/**
 * Kernel suite: nanoseconds per community-month of the model on given worlds, beside two
 * limits measured in the same process: a scalar typed-array update (one read-modify-write of
 * a Float64Array element) and the state loop (state-loop.ts: the reads and writes of state a
 * community-month makes, with no model logic), and the ratios. tinybench does the timing.
 */
import { Bench } from 'tinybench';
import type { World } from '../models/peru-mining/world.js';
import { simulateWorld } from '../models/peru-mining/simulate.js';
import { createStateLoopArrays, STATE_READS_PER_COMMUNITY, STATE_WRITES_PER_COMMUNITY, stateLoopMonth } from './state-loop.js';

export interface KernelResult {
  readonly scalarNsPerUpdate: number;
  /** State values the state loop reads and writes per community-month (state-loop.ts). */
  readonly stateReads: number;
  readonly stateWrites: number;
  readonly worlds: ReadonlyArray<{
    readonly name: string;
    readonly communities: number;
    readonly months: number;
    readonly msPerRun: number;
    readonly nsPerCommunityMonth: number;
    readonly ratioToScalar: number;
    /** The state loop on as many communities, for as many months. */
    readonly stateLoopNsPerCommunityMonth: number;
    readonly ratioToStateLoop: number;
  }>;
}

const SCALAR_SIZE = 1 << 16;

export async function measureKernel(worlds: ReadonlyArray<{ name: string; world: World }>, quick: boolean): Promise<KernelResult> {
  const scalar = new Float64Array(SCALAR_SIZE).fill(0.5);
  const bench = new Bench({ time: quick ? 250 : 2000, warmupTime: quick ? 100 : 500 });
  bench.add('scalar update', () => {
    for (let i = 0; i < SCALAR_SIZE; i++) scalar[i] = scalar[i] + 0.01 * (0.7 - scalar[i]);
  });
  // One state-loop task per territory size (cache effects depend on it), a run's months each.
  const sizes = [...new Set(worlds.map(({ world }) => Math.max(1, world.communityIds.length)))];
  const loopMonths = new Map<number, number>();
  for (const n of sizes) {
    const arrays = createStateLoopArrays(n);
    const months = Math.max(...worlds.filter(({ world }) => Math.max(1, world.communityIds.length) === n).map(({ world }) => world.months));
    loopMonths.set(n, months);
    let checksum = 0;
    bench.add(`state loop ${n}`, () => {
      for (let t = 0; t < months; t++) checksum += stateLoopMonth(arrays);
      if (!(checksum >= 0)) throw new Error('bug: the state loop diverged');
    });
  }
  let seed = 0;
  for (const { name, world } of worlds) bench.add(name, () => void simulateWorld(world, { seed: seed++ }));
  await bench.run();
  const meanMs = (i: number): number => {
    const r = bench.tasks[i]?.result;
    if (!r || !('latency' in r)) throw new Error(`benchmark task ${bench.tasks[i]?.name} did not complete`);
    return r.latency.mean;
  };
  const scalarNs = (meanMs(0) * 1e6) / SCALAR_SIZE;
  return {
    scalarNsPerUpdate: scalarNs,
    stateReads: STATE_READS_PER_COMMUNITY,
    stateWrites: STATE_WRITES_PER_COMMUNITY,
    worlds: worlds.map(({ name, world }, k) => {
      const ms = meanMs(k + 1 + sizes.length);
      const n = Math.max(1, world.communityIds.length);
      const ns = (ms * 1e6) / (n * world.months);
      const loopNs = (meanMs(1 + sizes.indexOf(n)) * 1e6) / (n * (loopMonths.get(n) as number));
      return {
        name,
        communities: world.communityIds.length,
        months: world.months,
        msPerRun: ms,
        nsPerCommunityMonth: ns,
        ratioToScalar: ns / scalarNs,
        stateLoopNsPerCommunityMonth: loopNs,
        ratioToStateLoop: ns / loopNs,
      };
    }),
  };
}
