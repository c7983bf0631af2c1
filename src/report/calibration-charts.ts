/**
 * Charts of a calibration (issue #18, item 5), as Vega-Lite specifications built by pure
 * functions from what ABC-SMC returns: each parameter's weighted posterior against its uniform
 * prior, the tolerance and acceptance rate per generation, and the posterior predictive check
 * of each target. Like every report chart: data inline, the same data as CSV rows, a title and
 * alt text in the report's language, nothing shown only on hover.
 */
import type { AbcGeneration, AbcPosterior } from '../stats/abc-smc.js';
import type { AbcParameterSummary } from '../stats/abc-posterior.js';
import { baseSpec, type Chart } from './charts.js';
import { t, type Lang } from './messages.js';
import { formatNumber, six } from './numbers.js';

/** Bins of a posterior histogram: enough to show a shape from a few hundred particles. */
const BINS = 30;

/** A predictive check as the chart needs it (experiments/calibration.ts PredictiveCheck). */
export interface PredictiveRow {
  readonly outcome: string;
  readonly observed: number;
  readonly runs: number;
  readonly p025: number;
  readonly p50: number;
  readonly p975: number;
}

/**
 * One parameter's posterior as a weighted histogram over its prior range (density, so it
 * integrates to 1 like the prior's flat line at 1 / (high − low)).
 */
export function posteriorChart(posterior: AbcPosterior, summary: AbcParameterSummary, prior: readonly [number, number], lang: Lang): Chart {
  const [low, high] = prior;
  const width = (high - low) / BINS;
  const mass = new Float64Array(BINS);
  for (const p of posterior.particles) {
    const x = p.parameters[summary.name] as number;
    const bin = Math.min(BINS - 1, Math.max(0, Math.floor((x - low) / width)));
    mass[bin] = (mass[bin] as number) + p.weight;
  }
  const priorLabel = t(lang, 'abcPrior');
  const posteriorLabel = t(lang, 'abcPosterior');
  const data = Array.from(mass, (m, i) => ({
    from: six(low + i * width),
    to: six(low + (i + 1) * width),
    density: six(m / width),
    kind: posteriorLabel,
  }));
  const priorRows = [{ from: six(low), to: six(high), density: six(1 / (high - low)), kind: priorLabel }];
  const f = (x: number) => formatNumber(lang, x);
  const title = t(lang, 'abcPosteriorTitle', { parameter: summary.name });
  const alt = t(lang, 'abcPosteriorAlt', {
    parameter: summary.name,
    low: f(low),
    high: f(high),
    median: f(summary.median),
    level: `${Math.round(100 * summary.level)} %`,
    lowCi: f(summary.low),
    highCi: f(summary.high),
  });
  const colour = { field: 'kind', type: 'nominal', title: null, sort: [posteriorLabel, priorLabel] };
  const x = { field: 'from', type: 'quantitative', title: summary.name, scale: { domain: [low, high] } };
  return {
    id: `posterior-${summary.name}`,
    title,
    alt,
    spec: {
      ...baseSpec(lang, title, alt),
      height: 220,
      layer: [
        {
          data: { values: data },
          mark: { type: 'rect', opacity: 0.8 },
          encoding: {
            x,
            x2: { field: 'to' },
            y: { field: 'density', type: 'quantitative', title: t(lang, 'abcPosteriorAxis') },
            color: colour,
          },
        },
        {
          data: { values: priorRows },
          mark: { type: 'rule', strokeWidth: 2, strokeDash: [6, 3] },
          encoding: { x, x2: { field: 'to' }, y: { field: 'density', type: 'quantitative' }, color: colour },
        },
      ],
    },
    rows: [...data, ...priorRows],
  };
}

/** Tolerance (log scale) and acceptance rate by generation, side by side. */
export function generationsChart(generations: readonly AbcGeneration[], minAcceptance: number, lang: Lang): Chart {
  const data = generations.map((g) => ({
    generation: g.generation,
    tolerance: six(g.tolerance),
    acceptanceRate: six(g.acceptanceRate),
    ess: six(g.ess),
    totalSimulations: g.totalSimulations,
  }));
  const title = t(lang, 'abcGenerationsTitle');
  const alt = t(lang, 'abcGenerationsAlt', { generations: generations.length, minAcceptance: formatNumber(lang, minAcceptance) });
  const x = { field: 'generation', type: 'quantitative', title: t(lang, 'abcGeneration'), axis: { tickMinStep: 1 } };
  const { width: _width, ...base } = baseSpec(lang, title, alt);
  return {
    id: 'generations',
    title,
    alt,
    spec: {
      ...base,
      data: { values: data },
      hconcat: [
        {
          width: 260,
          height: 200,
          mark: { type: 'line', point: true },
          encoding: { x, y: { field: 'tolerance', type: 'quantitative', scale: { type: 'log' }, title: t(lang, 'abcTolerance') } },
        },
        {
          width: 260,
          height: 200,
          layer: [
            {
              mark: { type: 'line', point: true, color: '#E69F00' },
              encoding: {
                x,
                y: { field: 'acceptanceRate', type: 'quantitative', scale: { domain: [0, 1] }, title: t(lang, 'abcAcceptance') },
              },
            },
            {
              data: { values: [{ minAcceptance }] },
              mark: { type: 'rule', strokeDash: [4, 4] },
              encoding: { y: { field: 'minAcceptance', type: 'quantitative' } },
            },
          ],
        },
      ],
    },
    rows: data,
  };
}

/** Per target: the predictive runs' 95% range and median, and the observed value. */
export function predictiveChart(checks: readonly PredictiveRow[], lang: Lang): Chart {
  const predicted = t(lang, 'abcPredicted');
  const observed = t(lang, 'abcObserved');
  const data = checks.map((c) => ({
    target: c.outcome,
    observed: six(c.observed),
    p025: six(c.p025),
    p50: six(c.p50),
    p975: six(c.p975),
    runs: c.runs,
  }));
  const title = t(lang, 'abcPredictiveTitle');
  const alt = t(lang, 'abcPredictiveAlt', { runs: checks[0]?.runs ?? 0 });
  const axis = t(lang, 'abcPredictiveAxis');
  const colour = (label: string) => ({
    datum: label,
    scale: { domain: [predicted, observed], range: ['#0072B2', '#D55E00'] },
    title: null,
  });
  const { width: _width, ...base } = baseSpec(lang, title, alt);
  return {
    id: 'predictive',
    title,
    alt,
    spec: {
      ...base,
      data: { values: data },
      // One row per target, each on its own scale: targets are in their own units.
      facet: { row: { field: 'target', type: 'nominal', title: t(lang, 'target'), header: { labelAngle: 0, labelAlign: 'left' } } },
      spec: {
        width: 480,
        height: 36,
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 3 },
            encoding: {
              x: { field: 'p025', type: 'quantitative', title: axis, scale: { zero: false } },
              x2: { field: 'p975' },
              color: colour(predicted),
            },
          },
          { mark: { type: 'tick', thickness: 3 }, encoding: { x: { field: 'p50', type: 'quantitative' }, color: colour(predicted) } },
          {
            mark: { type: 'point', shape: 'diamond', filled: true, size: 120, opacity: 1 },
            encoding: { x: { field: 'observed', type: 'quantitative' }, color: colour(observed) },
          },
        ],
      },
      resolve: { scale: { x: 'independent' } },
    },
    rows: data,
  };
}
