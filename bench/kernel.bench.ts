/**
 * Kernel benchmark: community-months per second of the model on the default scenario and
 * on a synthetic 5,000-community territory, beside a scalar typed-array update loop
 * measured in the same process. Target: a community-month costs at most 20× the scalar
 * update (one read-modify-write of a Float64Array element).
 *
 *   npm run bench            (writes bench/results/kernel.json)
 */
import { Bench } from 'tinybench';
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { compileWorld } from '../src/core/world.js';
import { simulateWorld } from '../src/core/simulate.js';
import { parseScenario } from '../src/scenario/validate.js';
import { syntheticScenario } from '../src/scenario/synthetic.js';
import { loadScenario } from '../src/io/scenario-file.js';
import { shippedScenario } from '../src/io/version.js';

const quick = process.argv.includes('--quick');
const time = quick ? 300 : 2000;

function mustParse<T>(result: { success: true; data: T } | { success: false; error: unknown }): T {
  if (!result.success) throw new Error(`bench scenario invalid: ${JSON.stringify(result.error)}`);
  return result.data;
}

const corridor = compileWorld(mustParse(loadScenario(shippedScenario('corridor.yaml'))).scenario);
const synthetic = compileWorld(mustParse(parseScenario(syntheticScenario({ communities: 5000 }))));

// The scalar reference: one Float64Array read-modify-write per element, the cheapest
// possible "agent update".
const scalarSize = 1 << 16;
const scalar = new Float64Array(scalarSize).fill(0.5);
function scalarUpdate(): void {
  for (let i = 0; i < scalarSize; i++) scalar[i] = scalar[i] + 0.01 * (0.7 - scalar[i]);
}

let seed = 0;
const bench = new Bench({ time, warmupTime: quick ? 100 : 500 });
bench
  .add(`scalar update (${scalarSize} elements)`, scalarUpdate)
  .add(`corridor run (${corridor.communityIds.length} communities × ${corridor.months} months)`, () => {
    simulateWorld(corridor, { seed: seed++ });
  })
  .add(`synthetic run (${synthetic.communityIds.length} communities × ${synthetic.months} months)`, () => {
    simulateWorld(synthetic, { seed: seed++ });
  });
await bench.run();
console.table(bench.table());

const meanMs = (i: number) => {
  const r = bench.tasks[i]?.result;
  if (!r || !('latency' in r)) throw new Error(`task ${i} did not complete`);
  return r.latency.mean;
};
const scalarNs = (meanMs(0) * 1e6) / scalarSize;
const perCommunityMonth = (i: number, world: typeof corridor) => (meanMs(i) * 1e6) / (world.communityIds.length * world.months);
const corridorNs = perCommunityMonth(1, corridor);
const syntheticNs = perCommunityMonth(2, synthetic);
const results = {
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
  scalarNsPerUpdate: scalarNs,
  corridor: { nsPerCommunityMonth: corridorNs, communityMonthsPerSecond: 1e9 / corridorNs, ratioToScalar: corridorNs / scalarNs },
  synthetic5000: { nsPerCommunityMonth: syntheticNs, communityMonthsPerSecond: 1e9 / syntheticNs, ratioToScalar: syntheticNs / scalarNs },
  target: 'community-month ≤ 20× scalar update',
};
console.log(JSON.stringify(results, null, 2));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/kernel.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
