import { describe, expect, it } from 'vitest';
import { benchChecks, KERNEL_RATIO_GUARD, SPEEDUP_GUARD } from '../../src/perf/run-bench.js';

describe('benchmark checks', () => {
  it('guards pass on measured values and fail beyond their limits', () => {
    const good = benchChecks(200, { steadySpeedUp: 1.8, efficiency: 0.9 }, null, 120);
    expect(good.filter((c) => c.kind === 'guard').every((c) => c.ok)).toBe(true);
    const slowKernel = benchChecks(KERNEL_RATIO_GUARD + 1, { steadySpeedUp: 1.8, efficiency: 0.9 }, null, 120);
    expect(slowKernel.find((c) => c.kind === 'guard' && c.name.startsWith('kernel'))?.ok).toBe(false);
    const noScaling = benchChecks(200, { steadySpeedUp: SPEEDUP_GUARD - 0.01, efficiency: 0.5 }, null, 120);
    expect(noScaling.find((c) => c.kind === 'guard' && c.name.startsWith('batch'))?.ok).toBe(false);
  });

  it('a missing measurement fails its guard instead of passing silently', () => {
    expect(benchChecks(Number.NaN, undefined, null, 120).filter((c) => c.kind === 'guard').some((c) => c.ok)).toBe(false);
  });

  it('reports the issue targets separately, with the memory target only when measured', () => {
    const checks = benchChecks(200, { steadySpeedUp: 1.7, efficiency: 0.85 }, { small: { runs: 1000, peakRssMb: 200 }, large: { runs: 10000, peakRssMb: 240 }, ratio: 1.2 }, 150);
    expect(checks.filter((c) => c.kind === 'target').map((c) => [c.name, c.ok])).toEqual([
      ['kernel: community-month / scalar update', false],
      ['batch: 2-worker steady-state speed-up', true],
      ['batch: 2-worker parallel efficiency', true],
      ['CLI: ayni --help (ms)', true],
      ['memory: peak RSS 10,000 / 1,000 runs', true],
    ]);
  });
});
