/**
 * Design-point suite: what a run costs when every run is its own design point (the worst case
 * of an experiment: replications 1, so each run applies its factor values, validates the
 * patched scenario again and compiles it) beside a run of one compiled scenario, in the same
 * process (tinybench), and their ratio; the difference is the per-point overhead.
 */
import { Bench } from 'tinybench';
import { compileModel, type AnyScenario } from '../models/registry.js';
import { designSource, type BatchDesign } from '../batch/design.js';

export interface DesignPointResult {
  readonly msPerRun: number;
  readonly msPerPointRun: number;
  /** msPerPointRun / msPerRun. */
  readonly ratio: number;
  /** msPerPointRun − msPerRun: the cost of making a point. */
  readonly overheadMs: number;
}

/** Points of the suite: enough distinct ones that no run reuses the last point's compiled model. */
const POINTS = 4096;

export async function measureDesignPoint(
  scenario: AnyScenario,
  path: string,
  range: readonly [number, number],
  quick: boolean,
): Promise<DesignPointResult> {
  const [low, high] = range;
  const design: BatchDesign = {
    factors: [path],
    points: Array.from({ length: POINTS }, (_, p) => [low + ((high - low) * (p + 0.5)) / POINTS]),
    replications: 1,
  };
  const source = designSource(scenario, design);
  const model = compileModel(scenario);
  let run = 0;
  let point = 0;
  const bench = new Bench({ time: quick ? 500 : 3000, warmupTime: quick ? 200 : 500 });
  bench.add('one compiled scenario', () => void model.run(run++));
  bench.add('a design point per run', () => {
    const r = point++ % POINTS;
    void source.modelAt(r).run(source.seedAt(1, r));
  });
  await bench.run();
  const meanMs = (i: number): number => {
    const r = bench.tasks[i]?.result;
    if (!r || !('latency' in r)) throw new Error(`benchmark task ${bench.tasks[i]?.name} did not complete`);
    return r.latency.mean;
  };
  const msPerRun = meanMs(0);
  const msPerPointRun = meanMs(1);
  return { msPerRun, msPerPointRun, ratio: msPerPointRun / msPerRun, overheadMs: msPerPointRun - msPerRun };
}
