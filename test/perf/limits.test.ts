/**
 * The limits the kernels are measured against: the neighbourhood scan reads each agent's
 * whole view (Epstein's defaults: vision 7, euclidean, so the lattice points of a disc of
 * radius 7 less the centre, 149 − 1 = 148 by Gauss's circle count), and the state loop stays
 * bounded month after month (its time must not drift with growing or vanishing numbers); the
 * parallel ceiling times all its threads' runs together over one wall time.
 */
import { describe, expect, it } from 'vitest';
import { compileCivilViolence } from '../../src/models/civil-violence/simulate.js';
import { loadScenario } from '../../src/io/scenario-file.js';
import { shippedScenario } from '../../src/io/version.js';
import { isCivilViolence } from '../../src/models/registry.js';
import { neighbourhoodScan } from '../../src/perf/neighbourhood-scan.js';
import { createStateLoopArrays, stateLoopMonth } from '../../src/perf/state-loop.js';
import { ceilingInChild } from '../../src/perf/processes.js';

describe('kernel limits', () => {
  it('the neighbourhood scan reads the 148 cells within vision 7 for every agent-step', () => {
    const loaded = loadScenario(shippedScenario('reference/epstein-defaults.yaml'));
    if (!loaded.success || !isCivilViolence(loaded.data.scenario)) throw new Error('defaults scenario invalid');
    const world = compileCivilViolence(loaded.data.scenario);
    const scan = neighbourhoodScan(world);
    expect(scan.cellsPerAgentStep).toBe(148);
    expect(scan.agents).toBe(world.citizens + world.copSlots);
    expect(Number.isFinite(scan.run())).toBe(true);
  });

  it('the state loop stays bounded over 10,000 months', () => {
    const arrays = createStateLoopArrays(50);
    let last = 0;
    for (let t = 0; t < 10_000; t++) last = stateLoopMonth(arrays);
    expect(Number.isFinite(last)).toBe(true);
    for (const a of [arrays.trust, arrays.hardship, arrays.grievance]) for (const x of a) expect(Math.abs(x)).toBeLessThan(10);
  });

  it('the parallel ceiling times all the threads together: their runs over the wall time, no more than the threads give alone', () => {
    const ceiling = ceilingInChild(shippedScenario('corridor.yaml'), 2, 1, 3);
    expect(ceiling.workers).toBe(2);
    expect(ceiling.perThread).toHaveLength(2);
    for (const rate of ceiling.perThread) expect(rate).toBeGreaterThan(0);
    // The wall time from the first start to the last end is at least each thread's own time.
    const sum = ceiling.perThread[0]! + ceiling.perThread[1]!;
    expect(ceiling.runsPerSecond).toBeGreaterThan(0);
    expect(ceiling.runsPerSecond).toBeLessThanOrEqual(sum * (1 + 1e-9));
    expect(ceiling.runsPerSecond).toBeLessThanOrEqual(2 * Math.max(...ceiling.perThread) * (1 + 1e-9));
  }, 30_000);
});
