/**
 * The calibration check CI runs (issue #19): a small, honest version of
 * `npm run check:calibration`, with 16 runs instead of the documented 100. It checks what the
 * calibration achieves and what docs/calibration.md says it does not:
 * - achieved: the mean stock over 2010–2022 inside the band (70–110 widened by 10 each side for
 *   16 runs: the documented 100-run mean is 106) and the active share inside 70–80% (widened by 5
 *   points; documented 72.8%);
 * - not achieved, as documented: the stock starts far below the recorded 100–113 of 2010
 *   (documented median 53) and rises by more than 20 cases from the first year to the last. If a
 *   change of the model fixes the shape, these fail: update docs/calibration.md with the new fit.
 * And the calibration itself runs end to end on the national scenario, in two small generations.
 */
import { describe, expect, it } from 'vitest';
import { runStockFit } from '../../src/experiments/stock-fit.js';
import { runCalibration } from '../../src/experiments/calibration.js';
import { tempFolder } from '../helpers/temp.js';

const shipped = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

describe('the calibrated national baseline', () => {
  it('keeps the mean stock and the active share in their bands, and starts low and rises as documented (CI tolerances)', async () => {
    const fit = await runStockFit(shipped('scenarios/peru-national-calibrated.yaml'), {
      runs: 16,
      workers: 2,
      out: tempFolder('national-stock'),
      from: '2010-01',
      to: '2022-12',
      band: [70, 110],
    });
    if (!fit.success) throw new Error(JSON.stringify(fit.error));
    const f = fit.data;
    expect(f.months).toHaveLength(156);
    expect(f.medianMean).toBeGreaterThanOrEqual(60);
    expect(f.medianMean).toBeLessThanOrEqual(120);
    expect(f.activeShare).toBeGreaterThanOrEqual(0.65);
    expect(f.activeShare).toBeLessThanOrEqual(0.85);
    const yearMedian = (months: typeof f.months) => months.reduce((s, m) => s + m.p50, 0) / months.length;
    expect(f.months[0]?.p50).toBeLessThan(80);
    expect(yearMedian(f.months.slice(-12)) - yearMedian(f.months.slice(0, 12))).toBeGreaterThan(20);
  }, 300_000);

  it('calibrates end to end on the national scenario (two small generations)', async () => {
    const result = await runCalibration(shipped('calibration/national.yaml'), {
      out: tempFolder('national-calibration'),
      workers: 2,
      settings: { particles: 12, maxSimulations: 18, predictive: 0 },
    });
    if (!result.success) throw new Error(JSON.stringify(result.error));
    expect(result.data.status).toBe('complete');
    expect(result.data.simulations).toBe(18);
    const names = result.data.parameters.map((p) => p.name);
    expect(names).toEqual(['parameters.conflict.emergeRate', 'parameters.conflict.latencyRate', 'parameters.conflict.withdrawAfterMonths']);
    // Every posterior summary lies inside its prior.
    const priors: Record<string, [number, number]> = {
      'parameters.conflict.emergeRate': [0.02, 0.6],
      'parameters.conflict.latencyRate': [0.005, 0.1],
      'parameters.conflict.withdrawAfterMonths': [6, 72],
    };
    for (const p of result.data.parameters) {
      const [lo, hi] = priors[p.name] as [number, number];
      expect(p.low).toBeGreaterThanOrEqual(lo);
      expect(p.high).toBeLessThanOrEqual(hi);
    }
  }, 300_000);
});
