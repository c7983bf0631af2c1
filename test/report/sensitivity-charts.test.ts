/**
 * Charts of an experiment's analyses: valid Vega-Lite in both languages, data inline and as
 * rows, a title and alt text that name the leading factor, built from the rows the statistics
 * return on the Ishigami function (Sobol), a planted linear function (Morris) and a planted box
 * (PRIM).
 */
import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { morrisChart, primChart, regressionChart, sobolChart } from '../../src/report/sensitivity-charts.js';
import { LANGS } from '../../src/report/messages.js';
import { saltelliDesign } from '../../src/stats/saltelli.js';
import { sobolIndices } from '../../src/stats/sobol-indices.js';
import { ISHIGAMI_FACTORS, ishigami } from '../../src/stats/test-functions.js';
import { morrisDesign } from '../../src/stats/morris-design.js';
import { morrisEffects } from '../../src/stats/morris-effects.js';
import { prim } from '../../src/stats/prim.js';
import { seededStream } from '../../src/engine/streams.js';

const sobolRows = () => {
  const design = saltelliDesign(ISHIGAMI_FACTORS, 256);
  const k = ISHIGAMI_FACTORS.length;
  const outputs = Array.from({ length: design.points.length / k }, (_, i) => ishigami(design.points.subarray(i * k, (i + 1) * k)));
  return sobolIndices(outputs, design.factors, seededStream('test/charts/sobol'), { resamples: 200 });
};

describe('sensitivity charts', () => {
  it.each(LANGS)('Sobol bars compile, carry S1 and ST of every factor, and name the largest total index (%s)', (lang) => {
    const rows = sobolRows();
    const chart = sobolChart(rows, 'y', lang);
    expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
    expect(chart.rows).toHaveLength(rows.length);
    // x1 has the largest total index of the Ishigami function (0.558).
    expect(chart.alt).toContain('x1');
    expect(chart.title.length).toBeGreaterThan(0);
  });

  it.each(LANGS)('the Morris plane compiles and names the factor of largest μ* (%s)', (lang) => {
    const factors = [
      { name: 'strong', low: 0, high: 1 },
      { name: 'weak', low: 0, high: 1 },
      { name: 'idle', low: 0, high: 1 },
    ];
    const design = morrisDesign(factors, { trajectories: 10 }, seededStream('test/charts/morris'));
    const outputs = design.points.map((x) => 10 * (x[0] as number) + (x[1] as number));
    const chart = morrisChart(morrisEffects(design, outputs, seededStream('test/charts/morris-boot'), { resamples: 100 }), 'y', lang);
    expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
    expect(chart.rows.map((r) => r.factor)).toEqual(['strong', 'weak', 'idle']);
    expect(chart.alt).toContain('strong');
    expect(chart.rows.find((r) => r.factor === 'idle')?.muStar).toBe(0);
  });

  it.each(LANGS)('the PRIM trade-off compiles, starts at full coverage and marks the chosen box (%s)', (lang) => {
    const rng = seededStream('test/charts/prim');
    const a = Array.from({ length: 400 }, () => rng());
    const b = Array.from({ length: 400 }, () => rng());
    const result = prim(
      { a, b },
      a.map((x) => x > 0.6),
      { minDensity: 0.9 },
    );
    const chart = primChart(result, 'reform fails', lang);
    expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
    expect(chart.rows[0]?.coverage).toBe(1);
    expect(chart.rows.filter((r) => r.chosen !== '')).toHaveLength(1);
    expect(chart.alt).toMatch(/1/);
  });

  it.each(LANGS)('regression bars compile, show the largest |SRC| first and say R² (%s)', (lang) => {
    const rows = [
      { factor: 'small', index: 'SRC' as const, estimate: 0.1, low: 0.05, high: 0.15 },
      { factor: 'large', index: 'SRC' as const, estimate: -0.6, low: -0.65, high: -0.55 },
      { factor: 'large', index: 'spearman' as const, estimate: -0.58, low: -0.6, high: -0.55 },
      { factor: '(all)', index: 'R2' as const, estimate: 0.37, low: Number.NaN, high: Number.NaN },
    ];
    const chart = regressionChart(rows, 'y', lang);
    expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
    expect(chart.rows.map((r) => r['factor'])).toEqual(['large', 'small']);
    expect(chart.alt).toContain('large');
    expect(chart.alt).toMatch(/0[.,]37/);
  });
});
