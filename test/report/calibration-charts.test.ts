/**
 * Charts of a calibration: valid Vega-Lite that renders in both languages, the posterior's
 * histogram a density (it integrates to 1 like the prior), one row per generation, and the
 * predictive check with its numbers; built from ABC-SMC on a normal mean.
 */
import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { generationsChart, posteriorChart, predictiveChart } from '../../src/report/calibration-charts.js';
import { LANGS } from '../../src/report/messages.js';
import { renderSvg } from '../../src/report/render.js';
import { abcSmc } from '../../src/stats/abc-smc.js';
import { posteriorSummary } from '../../src/stats/abc-posterior.js';
import { normal, seededStream } from '../../src/engine/streams.js';

const posterior = abcSmc(
  { priors: [{ name: 'mu', low: -5, high: 5 }], target: [1], rng: seededStream('test/charts/abc'), particles: 300, minAcceptance: 0.1 },
  (p, seed) => {
    const rng = seededStream(`test/charts/abc/${seed}`);
    return [(p['mu'] as number) + 0.3 * normal(rng)];
  },
);
const [summary] = posteriorSummary(posterior);

describe('calibration charts', () => {
  it.each(LANGS)('the posterior against the prior compiles, renders, and is a density (%s)', async (lang) => {
    const chart = posteriorChart(posterior, summary!, [-5, 5], lang);
    expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
    expect(await renderSvg(chart.spec)).toMatch(/^<svg/);
    const bins = chart.rows.filter((r) => r['kind'] !== chart.rows.at(-1)?.['kind']);
    const area = bins.reduce((sum, r) => sum + (r['density'] as number) * ((r['to'] as number) - (r['from'] as number)), 0);
    // Rounded to six digits per bin: the area is 1 up to that rounding.
    expect(area).toBeCloseTo(1, 4);
    expect(chart.rows.at(-1)).toMatchObject({ density: 0.1 });
    expect(chart.alt).toContain('mu');
  });

  it.each(LANGS)('tolerance and acceptance by generation compile and render, one row per generation (%s)', async (lang) => {
    const chart = generationsChart(posterior.generations, 0.1, lang);
    expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
    expect(await renderSvg(chart.spec)).toMatch(/^<svg/);
    expect(chart.rows).toHaveLength(posterior.generations.length);
  });

  it.each(LANGS)('the predictive check compiles and renders, one row per target on its own scale (%s)', async (lang) => {
    const checks = [
      { outcome: 'mean', observed: 1, runs: 100, p025: 0.2, p50: 1.1, p975: 1.9 },
      { outcome: 'sd', observed: 40, runs: 100, p025: 20, p50: 30, p975: 45 },
    ];
    const chart = predictiveChart(checks, lang);
    expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
    expect(await renderSvg(chart.spec)).toMatch(/^<svg/);
    expect(chart.rows.map((r) => r['target'])).toEqual(['mean', 'sd']);
  });
});
