/**
 * Kernel suite: nanoseconds per community-month of the model on given worlds, beside a
 * scalar typed-array update (one read-modify-write of a Float64Array element) measured in
 * the same process, and their ratio. tinybench does the timing.
 */
import { Bench } from 'tinybench';
import type { World } from '../models/peru-mining/world.js';
import { simulateWorld } from '../models/peru-mining/simulate.js';

export interface KernelResult {
  readonly scalarNsPerUpdate: number;
  readonly worlds: ReadonlyArray<{
    readonly name: string;
    readonly communities: number;
    readonly months: number;
    readonly msPerRun: number;
    readonly nsPerCommunityMonth: number;
    readonly ratioToScalar: number;
  }>;
}

const SCALAR_SIZE = 1 << 16;

export async function measureKernel(worlds: ReadonlyArray<{ name: string; world: World }>, quick: boolean): Promise<KernelResult> {
  const scalar = new Float64Array(SCALAR_SIZE).fill(0.5);
  const bench = new Bench({ time: quick ? 250 : 2000, warmupTime: quick ? 100 : 500 });
  bench.add('scalar update', () => {
    for (let i = 0; i < SCALAR_SIZE; i++) scalar[i] = scalar[i] + 0.01 * (0.7 - scalar[i]);
  });
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
    worlds: worlds.map(({ name, world }, k) => {
      const ms = meanMs(k + 1);
      const ns = (ms * 1e6) / (Math.max(1, world.communityIds.length) * world.months);
      return {
        name,
        communities: world.communityIds.length,
        months: world.months,
        msPerRun: ms,
        nsPerCommunityMonth: ns,
        ratioToScalar: ns / scalarNs,
      };
    }),
  };
}
