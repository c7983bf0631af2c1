import { describe, expect, it } from 'vitest';
import {
  benchChecks,
  benchPasses,
  CIVIL_VIOLENCE_SCAN_GUARD,
  DESIGN_POINT_GUARD,
  KERNEL_RATIO_GUARD,
  KERNEL_STATE_RATIO_GUARD,
  NATIONAL_RATIO_GUARD,
  ONE_CORE_NOTE,
  SPEEDUP_GUARD,
  BATCH_E2E_TARGET,
  BATCH_STEADY_TARGET,
  type CheckInputs,
} from '../../src/perf/run-bench.js';

const measured: CheckInputs = {
  kernelRatio: 200,
  kernelStateRatio: 10,
  kernelGcPerMonth: 0,
  twoWorkers: { steadySpeedUp: 1.8, efficiency: 0.9 },
  memory: null,
  helpMs: 120,
  designPointRatio: 1.3,
  nationalRatio: 0.35,
  nationalRunMs: 1000,
  cores: 2,
};
const reference = {
  scenario: 'x',
  steps: 200,
  agents: 1,
  msPerRun: 100,
  rmePercent: 1,
  samples: 10,
  scanMsPerRun: 70,
  cellsPerAgentStep: 148,
  ratioToScan: 100 / 70,
};
const guards = (inputs: CheckInputs) => benchChecks(inputs).filter((c) => c.kind === 'guard');

describe('benchmark checks', () => {
  it('guards pass on measured values and fail beyond their limits', () => {
    expect(guards(measured).every((c) => c.status === 'pass')).toBe(true);
    expect(benchPasses(benchChecks(measured))).toBe(true);
    const slowKernel = benchChecks({ ...measured, kernelRatio: KERNEL_RATIO_GUARD + 1 });
    expect(slowKernel.find((c) => c.id === 'guard.kernel-ratio')?.status).toBe('fail');
    expect(benchPasses(slowKernel)).toBe(false);
    const slowAgainstState = benchChecks({ ...measured, kernelStateRatio: KERNEL_STATE_RATIO_GUARD + 1 });
    expect(slowAgainstState.find((c) => c.id === 'guard.kernel-state-ratio')?.status).toBe('fail');
    expect(benchPasses(slowAgainstState)).toBe(false);
    const slowScan = benchChecks({ ...measured, reference: { ...reference, ratioToScan: CIVIL_VIOLENCE_SCAN_GUARD + 0.1 } });
    expect(slowScan.find((c) => c.id === 'guard.civil-violence-scan-ratio')?.status).toBe('fail');
    expect(benchPasses(slowScan)).toBe(false);
    const noScaling = benchChecks({ ...measured, twoWorkers: { steadySpeedUp: SPEEDUP_GUARD - 0.01, efficiency: 0.5 } });
    expect(noScaling.find((c) => c.id === 'guard.batch-speedup')?.status).toBe('fail');
    expect(benchPasses(noScaling)).toBe(false);
    const costlyPoints = benchChecks({ ...measured, designPointRatio: DESIGN_POINT_GUARD + 0.1 });
    expect(costlyPoints.find((c) => c.id === 'guard.design-point-ratio')?.status).toBe('fail');
    expect(benchPasses(costlyPoints)).toBe(false);
    const costlyNation = benchChecks({ ...measured, nationalRatio: NATIONAL_RATIO_GUARD + 0.1 });
    expect(costlyNation.find((c) => c.id === 'guard.national-ratio')?.status).toBe('fail');
    expect(benchPasses(costlyNation)).toBe(false);
  });

  it('a missing measurement fails its guard instead of passing silently', () => {
    const checks = benchChecks({
      ...measured,
      kernelRatio: Number.NaN,
      kernelStateRatio: Number.NaN,
      twoWorkers: undefined,
      designPointRatio: Number.NaN,
      nationalRatio: Number.NaN,
    });
    expect(checks.filter((c) => c.kind === 'guard').map((c) => c.status)).toEqual(['fail', 'fail', 'fail', 'fail', 'fail']);
    expect(benchPasses(checks)).toBe(false);
  });

  it('on one core the scaling checks are skipped with a note, and the benchmark still passes', () => {
    // 2 workers on one core are no faster than one: that must not fail the guard.
    const oneCore = benchChecks({ ...measured, twoWorkers: { steadySpeedUp: 0.98, efficiency: 0.49 }, cores: 1 });
    const skipped = oneCore.filter((c) => c.status === 'skipped');
    expect(skipped.map((c) => c.id)).toEqual(['guard.batch-speedup', 'target.batch-speedup', 'target.batch-efficiency']);
    expect(skipped.every((c) => c.note === ONE_CORE_NOTE)).toBe(true);
    expect(oneCore.find((c) => c.id === 'guard.kernel-ratio')?.status).toBe('pass');
    expect(benchPasses(oneCore)).toBe(true);
    // The kernel guard still applies on one core.
    expect(benchPasses(benchChecks({ ...measured, kernelRatio: KERNEL_RATIO_GUARD + 1, cores: 1 }))).toBe(false);
    // With two cores the same measurement fails.
    expect(benchPasses(benchChecks({ ...measured, twoWorkers: { steadySpeedUp: 0.98, efficiency: 0.49 } }))).toBe(false);
  });

  it('every check has a stable id, unique and named by its kind', () => {
    const all = benchChecks({
      ...measured,
      memory: { small: { runs: 1000, peakRssMb: 200 }, large: { runs: 10000, peakRssMb: 240 }, ratio: 1.2 },
      reference,
    });
    expect(all.map((c) => c.id)).toEqual([
      'guard.kernel-ratio',
      'guard.kernel-state-ratio',
      'guard.batch-speedup',
      'guard.design-point-ratio',
      'guard.national-ratio',
      'target.kernel-scalar-ratio',
      'target.kernel-gc-per-month',
      'target.batch-speedup',
      'target.batch-efficiency',
      'target.cli-help-ms',
      'target.design-point-ratio',
      'target.national-run-ms',
      'target.memory-ratio',
      'guard.civil-violence-scan-ratio',
      'target.civil-violence-scan-ratio',
    ]);
    for (const c of all) expect(c.id.startsWith(`${c.kind}.`)).toBe(true);
  });

  it('reports the issue targets separately, with the memory target only when measured', () => {
    const checks = benchChecks({
      ...measured,
      twoWorkers: { steadySpeedUp: 1.7, efficiency: 0.85 },
      memory: { small: { runs: 1000, peakRssMb: 200 }, large: { runs: 10000, peakRssMb: 240 }, ratio: 1.2 },
      helpMs: 150,
    });
    expect(checks.filter((c) => c.kind === 'target').map((c) => [c.name, c.status])).toEqual([
      ['kernel: community-month / scalar update', 'fail'],
      ['kernel: garbage collections per steady month', 'pass'],
      ['batch: 2-worker steady-state speed-up', 'pass'],
      ['batch: 2-worker parallel efficiency', 'pass'],
      ['CLI: ayni --help (ms)', 'pass'],
      ['experiment: run at its own design point / run', 'pass'],
      ['national: warm run, median (ms)', 'pass'],
      ['memory: peak RSS 10,000 / 1,000 runs', 'pass'],
    ]);
    expect(benchPasses(checks)).toBe(true);
  });

  it("reports 2-worker speed-ups end to end and in steady state against issue #22's targets, per batch size", () => {
    const batchSpeedUps = [
      { runs: 1000, endToEnd: BATCH_E2E_TARGET - 0.01, steady: BATCH_STEADY_TARGET },
      { runs: 10000, endToEnd: BATCH_E2E_TARGET, steady: BATCH_STEADY_TARGET - 0.01 },
    ];
    const checks = benchChecks({ ...measured, batchSpeedUps });
    const batch = checks.filter((c) => c.id.startsWith('target.batch-speedup-'));
    expect(batch.map((c) => [c.id, c.status])).toEqual([
      ['target.batch-speedup-e2e-1000', 'fail'],
      ['target.batch-speedup-steady-1000', 'pass'],
      ['target.batch-speedup-e2e-10000', 'pass'],
      ['target.batch-speedup-steady-10000', 'fail'],
    ]);
    // Targets, never guards: a loaded machine does not fail the benchmark on them.
    expect(benchPasses(checks)).toBe(true);
    const oneCore = benchChecks({ ...measured, batchSpeedUps, cores: 1 }).filter((c) => c.id.startsWith('target.batch-speedup-'));
    expect(oneCore.every((c) => c.status === 'skipped' && c.note === ONE_CORE_NOTE)).toBe(true);
  });
});
