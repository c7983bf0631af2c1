/**
 * The calibration check CI runs (issue #19): a small, honest version of
 * `npm run check:calibration`, with 16 runs instead of the documented 100. It checks what the
 * calibration achieves and what docs/calibration.md says it does not (model 0.6.0):
 * - achieved: the median stock inside the band (70–110) in nearly every month (documented: all
 *   156), its mean over 2010–2022 near the documented 93.7, and the active share inside 70–80%
 *   (documented 73.5%);
 * - not achieved, as documented: the stock starts below the recorded 100–113 of mid-2010
 *   (documented median 83) and rises by about 16 cases from the first year to the last, where
 *   the record falls from 2013 to 2018. If a change of the model fixes the shape, these fail:
 *   update docs/calibration.md with the new fit.
 * And the calibration itself runs end to end on the national scenario, in two small generations.
 */
import { describe, expect, it } from 'vitest';
import { runStockFit } from '../../src/experiments/stock-fit.js';
import { runCalibration } from '../../src/experiments/calibration.js';
import { tempFolder } from '../helpers/temp.js';

const shipped = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

describe('the calibrated national baseline', () => {
  it('keeps the median stock and the active share in their bands, and starts low and rises as documented (CI tolerances)', async () => {
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
    expect(f.medianInside).toBeGreaterThanOrEqual(0.9);
    expect(f.medianMean).toBeGreaterThanOrEqual(85);
    expect(f.medianMean).toBeLessThanOrEqual(103);
    expect(f.activeShare).toBeGreaterThanOrEqual(0.68);
    expect(f.activeShare).toBeLessThanOrEqual(0.8);
    const yearMedian = (months: typeof f.months) => months.reduce((s, m) => s + m.p50, 0) / months.length;
    const june2010 = f.months.find((m) => m.month === '2010-06');
    expect(june2010?.p50).toBeLessThan(100);
    expect(yearMedian(f.months.slice(-12)) - yearMedian(f.months.slice(0, 12))).toBeGreaterThan(8);
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
    expect(names).toEqual([
      'parameters.conflict.emergeRate',
      'parameters.conflict.latencyRate',
      'parameters.conflict.withdrawAfterMonths',
      'parameters.register.backgroundRate',
    ]);
    // Every posterior summary lies inside its prior.
    const priors: Record<string, [number, number]> = {
      'parameters.conflict.emergeRate': [0.02, 0.6],
      'parameters.conflict.latencyRate': [0.005, 0.1],
      'parameters.conflict.withdrawAfterMonths': [6, 72],
      'parameters.register.backgroundRate': [0, 5],
    };
    for (const p of result.data.parameters) {
      const [lo, hi] = priors[p.name] as [number, number];
      expect(p.low).toBeGreaterThanOrEqual(lo);
      expect(p.high).toBeLessThanOrEqual(hi);
    }
  }, 300_000);
});
