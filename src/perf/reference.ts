/**
 * Reference-model suite: one 200-step run of Epstein's civil violence model with the
 * defaults set (scenarios/reference/epstein-defaults.yaml), timed by tinybench, beside its
 * limit measured in the same process: a plain loop in which every agent scans its vision
 * neighbourhood once per step (neighbourhood-scan.ts). Mesa is compared side by side on a
 * machine where it is installed (bench/mesa_epstein.py), not against a time from elsewhere.
 */
import { Bench } from 'tinybench';
import { compileCivilViolence, simulateCivilViolence } from '../models/civil-violence/simulate.js';
import type { CivilViolenceScenario } from '../models/civil-violence/schema.js';
import { neighbourhoodScan } from './neighbourhood-scan.js';

export interface CivilViolenceBench {
  readonly scenario: string;
  readonly steps: number;
  readonly agents: number;
  readonly msPerRun: number;
  /** Relative margin of error of the mean (tinybench rme, %). */
  readonly rmePercent: number;
  readonly samples: number;
  /** The neighbourhood-scan limit: a run's agent-steps, each scanning its whole view. */
  readonly scanMsPerRun: number;
  readonly cellsPerAgentStep: number;
  /** ms a run / scan ms a run. */
  readonly ratioToScan: number;
}

export async function measureCivilViolence(scenario: CivilViolenceScenario, quick: boolean): Promise<CivilViolenceBench> {
  const world = compileCivilViolence(scenario);
  const bench = new Bench({ time: quick ? 1500 : 6000, warmupTime: quick ? 500 : 1500, warmupIterations: 3 });
  const scan = neighbourhoodScan(world);
  let checksum = 0;
  bench.add('neighbourhood scan', () => {
    checksum += scan.run();
  });
  let seed = 0;
  bench.add(scenario.name, () => void simulateCivilViolence(world, seed++));
  await bench.run();
  if (!Number.isFinite(checksum)) throw new Error('bug: the neighbourhood scan diverged');
  const latency = (i: number) => {
    const r = bench.tasks[i]?.result;
    if (!r || !('latency' in r)) throw new Error('bug: the reference benchmark did not complete');
    return r.latency;
  };
  const model = latency(1);
  const scanMs = latency(0).mean;
  return {
    scenario: scenario.name,
    steps: world.steps,
    agents: world.citizens + world.copSlots,
    msPerRun: model.mean,
    rmePercent: model.rme,
    samples: model.samplesCount,
    scanMsPerRun: scanMs,
    cellsPerAgentStep: scan.cellsPerAgentStep,
    ratioToScan: model.mean / scanMs,
  };
}
