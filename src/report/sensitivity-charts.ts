/**
 * Charts of an experiment's analyses (issue #18, item 5), as Vega-Lite specifications built by
 * pure functions from the rows the statistics return: Sobol indices as bars with their
 * intervals, the Morris μ*–σ plane, and the PRIM coverage–density trade-off. Like every
 * report chart: data inline, the same data as CSV rows, a title and alt text in the report's
 * language, nothing shown only on hover.
 */
import type { SobolIndexRow } from '../stats/sobol-indices.js';
import type { MorrisRow } from '../stats/morris-effects.js';
import type { MorrisNoiseRow } from '../stats/morris-noise.js';
import type { PrimBox, PrimResult } from '../stats/prim.js';
import type { RegressionRow } from '../stats/regression-scores.js';
import { baseSpec, type Chart } from './charts.js';
import { t, type Lang } from './messages.js';
import { formatNumber, six } from './numbers.js';

/** Sobol indices of one output: S1 and ST per factor, factors ordered by their total index. */
export function sobolChart(rows: readonly SobolIndexRow[], output: string, lang: Lang): Chart {
  const total = (factor: string) => rows.find((r) => r.factor === factor && r.index === 'ST')?.estimate ?? Number.NEGATIVE_INFINITY;
  const factors = [...new Set(rows.map((r) => r.factor))].sort((a, b) => total(b) - total(a));
  const indexLabel = (index: string) => t(lang, index === 'S1' ? 'sobolFirst' : 'sobolTotal');
  const data = rows.map((r) => ({
    factor: r.factor,
    index: indexLabel(r.index),
    estimate: six(r.estimate),
    low: six(r.low),
    high: six(r.high),
  }));
  const top = factors[0] ?? '';
  const title = t(lang, 'sobolTitle', { output });
  const alt = t(lang, 'sobolAlt', { output, top, value: formatNumber(lang, total(top)) });
  const y = { field: 'factor', type: 'nominal', sort: factors, title: t(lang, 'factor'), axis: { labelLimit: 0 } };
  const colour = { field: 'index', type: 'nominal', title: t(lang, 'index'), sort: [indexLabel('S1'), indexLabel('ST')] };
  return {
    id: `sobol-${output}`,
    title,
    alt,
    spec: {
      ...baseSpec(lang, title, alt),
      height: { step: 14 },
      data: { values: data },
      encoding: { y, yOffset: { field: 'index', sort: [indexLabel('S1'), indexLabel('ST')] }, color: colour },
      layer: [
        { mark: 'bar', encoding: { x: { field: 'estimate', type: 'quantitative', title: t(lang, 'sobolAxis', { output }) } } },
        { mark: { type: 'rule', color: '#000000' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
      ],
    },
    rows: data,
  };
}

/**
 * Morris μ* against σ, one labelled point per factor, with μ*'s interval; with replicates, each
 * factor's noise floor (muStarNoise, stats/morris-noise.ts) as a red tick on its row: a point
 * not well right of its tick does not stand above noise.
 */
export function morrisChart(rows: readonly (MorrisRow | MorrisNoiseRow)[], output: string, lang: Lang): Chart {
  const factors = [...new Set(rows.map((r) => r.factor))];
  const find = (factor: string, index: (MorrisRow | MorrisNoiseRow)['index']) => rows.find((r) => r.factor === factor && r.index === index);
  const noisy = rows.some((r) => r.index === 'muStarNoise');
  const data = factors.map((factor) => ({
    factor,
    muStar: six(find(factor, 'muStar')?.estimate ?? Number.NaN),
    muStarLow: six(find(factor, 'muStar')?.low ?? Number.NaN),
    muStarHigh: six(find(factor, 'muStar')?.high ?? Number.NaN),
    sigma: six(find(factor, 'sigma')?.estimate ?? Number.NaN),
    mu: six(find(factor, 'mu')?.estimate ?? Number.NaN),
    ...(noisy ? { muStarNoise: six(find(factor, 'muStarNoise')?.estimate ?? Number.NaN) } : {}),
  }));
  const top = [...data].sort((a, b) => b.muStar - a.muStar)[0];
  const title = t(lang, 'morrisTitle', { output });
  // Above noise: μ*'s interval starts right of the floor.
  const above = data.filter((d) => d.muStarLow > (d.muStarNoise ?? Number.POSITIVE_INFINITY)).length;
  const alt =
    t(lang, 'morrisAlt', { output, top: top?.factor ?? '', value: formatNumber(lang, top?.muStar ?? 0) }) +
    (noisy ? ` ${t(lang, 'morrisNoiseAlt', { above, factors: data.length })}` : '');
  const x = { field: 'muStar', type: 'quantitative', title: t(lang, 'morrisMuStar') };
  const y = { field: 'sigma', type: 'quantitative', title: t(lang, 'morrisSigma') };
  return {
    id: `morris-${output}`,
    title,
    alt,
    spec: {
      ...baseSpec(lang, title, alt),
      height: 360,
      data: { values: data },
      layer: [
        {
          mark: { type: 'rule', opacity: 0.5 },
          encoding: { x: { field: 'muStarLow', type: 'quantitative', title: x.title }, x2: { field: 'muStarHigh' }, y },
        },
        { mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y } },
        { mark: { type: 'text', align: 'left', dx: 6, fontSize: 11 }, encoding: { x, y, text: { field: 'factor' } } },
        ...(noisy
          ? [
              {
                mark: { type: 'tick', orient: 'vertical', color: '#d62728', thickness: 2 },
                encoding: { x: { field: 'muStarNoise', type: 'quantitative', title: x.title }, y },
              },
            ]
          : []),
      ],
    },
    rows: data,
  };
}

/** What the trade-off chart reads of a PRIM result (a verdict.json keeps only this much). */
type BoxMeasures = Pick<PrimBox, 'coverage' | 'density' | 'restricted'>;
export interface PrimTradeoff {
  readonly trajectory: readonly BoxMeasures[];
  readonly chosen: PrimResult['chosen'];
  readonly box: BoxMeasures;
}

/** The PRIM peeling trajectory: coverage against density, coloured by restricted factors, the chosen box marked. */
export function primChart(result: PrimTradeoff, cases: string, lang: Lang): Chart {
  const data = result.trajectory.map((box, step) => ({
    step,
    coverage: six(box.coverage),
    density: six(box.density),
    restricted: box.restricted,
    chosen: step === result.chosen ? t(lang, 'primChosen') : '',
  }));
  const title = t(lang, 'primTitle', { cases });
  const alt = t(lang, 'primAlt', {
    coverage: formatNumber(lang, result.box.coverage),
    density: formatNumber(lang, result.box.density),
    restricted: result.box.restricted,
  });
  const x = { field: 'coverage', type: 'quantitative', title: t(lang, 'primCoverage'), scale: { domain: [0, 1] } };
  const y = { field: 'density', type: 'quantitative', title: t(lang, 'primDensity'), scale: { domain: [0, 1] } };
  return {
    id: 'prim-tradeoff',
    title,
    alt,
    spec: {
      ...baseSpec(lang, title, alt),
      height: 320,
      data: { values: data },
      layer: [
        { mark: { type: 'line', color: '#7f7f7f' }, encoding: { x, y, order: { field: 'step' } } },
        {
          mark: { type: 'point', filled: true, size: 45 },
          encoding: { x, y, color: { field: 'restricted', type: 'ordinal', title: t(lang, 'primRestricted') } },
        },
        { mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 11 }, encoding: { x, y, text: { field: 'chosen' } } },
      ],
    },
    rows: data,
  };
}

/** Factors a regression chart shows: the largest coefficients (a design may have a hundred factors). */
const REGRESSION_TOP = 20;

/** Standardised regression coefficients with their 95% intervals, the largest |SRC| first, and R² in the alt text. */
export function regressionChart(rows: readonly RegressionRow[], output: string, lang: Lang): Chart {
  const r2 = rows.find((r) => r.index === 'R2')?.estimate ?? Number.NaN;
  const data = rows
    .filter((r) => r.index === 'SRC' && Number.isFinite(r.estimate))
    .sort((a, b) => Math.abs(b.estimate) - Math.abs(a.estimate))
    .slice(0, REGRESSION_TOP)
    .map((r) => ({ factor: r.factor, src: six(r.estimate), low: six(r.low), high: six(r.high) }));
  const top = data[0];
  const title = t(lang, 'regressionTitle', { output });
  const alt = t(lang, 'regressionAlt', {
    output,
    shown: data.length,
    top: top?.factor ?? '–',
    value: formatNumber(lang, top?.src ?? Number.NaN),
    r2: formatNumber(lang, r2),
  });
  const y = { field: 'factor', type: 'nominal', sort: data.map((d) => d.factor), title: t(lang, 'factor'), axis: { labelLimit: 0 } };
  return {
    id: `regression-${output}`,
    title,
    alt,
    spec: {
      ...baseSpec(lang, title, alt),
      height: { step: 16 },
      data: { values: data },
      encoding: { y },
      layer: [
        {
          mark: 'bar',
          encoding: {
            x: { field: 'src', type: 'quantitative', title: t(lang, 'regressionAxis', { output }) },
            color: { condition: { test: 'datum.src < 0', value: '#0072B2' }, value: '#E69F00' },
          },
        },
        { mark: { type: 'rule', color: '#000000' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', strokeDash: [4, 4] },
          encoding: { x: { field: 'zero', type: 'quantitative' } },
        },
      ],
    },
    rows: data,
  };
}
