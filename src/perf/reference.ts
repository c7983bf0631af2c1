/**
 * Reference-model suite: one 200-step run of Epstein's civil violence model with the
 * defaults set (scenarios/reference/epstein-defaults.yaml), timed by tinybench, beside the
 * time Mesa 3.3.1's own example of the same model takes on this machine for 200 steps.
 */
import { Bench } from 'tinybench';
import { compileCivilViolence, simulateCivilViolence } from '../models/civil-violence/simulate.js';
import type { CivilViolenceScenario } from '../models/civil-violence/schema.js';

/** Mesa 3.3.1's Epstein example, 200 steps of the defaults set, on this machine (issue #8). */
const MESA_SECONDS_PER_RUN = 11.6;

export interface CivilViolenceBench {
  readonly scenario: string;
  readonly steps: number;
  readonly agents: number;
  readonly msPerRun: number;
  /** Relative margin of error of the mean (tinybench rme, %). */
  readonly rmePercent: number;
  readonly samples: number;
  readonly speedUpOverMesa: number;
}

export async function measureCivilViolence(scenario: CivilViolenceScenario, quick: boolean): Promise<CivilViolenceBench> {
  const world = compileCivilViolence(scenario);
  const bench = new Bench({ time: quick ? 1500 : 6000, warmupTime: quick ? 500 : 1500, warmupIterations: 3 });
  let seed = 0;
  bench.add(scenario.name, () => void simulateCivilViolence(world, seed++));
  await bench.run();
  const r = bench.tasks[0]?.result;
  if (!r || !('latency' in r)) throw new Error('bug: the reference benchmark did not complete');
  return {
    scenario: scenario.name,
    steps: world.steps,
    agents: world.citizens + world.copSlots,
    msPerRun: r.latency.mean,
    rmePercent: r.latency.rme,
    samples: r.latency.samplesCount,
    speedUpOverMesa: (MESA_SECONDS_PER_RUN * 1000) / r.latency.mean,
  };
}
