/**
 * The coverage of an experiment's design (issue #18, item 5): how its points fill each factor's
 * range, as one histogram per factor (the first six numeric factors; not the seed factor, whose
 * values are seed numbers, not a range to cover). The bins are counted here,
 * so the chart carries a few rows per factor, not every point of a design of 10^5 points. Pure.
 */
import type { FactorValue } from '../batch/design.js';
import { baseSpec, type Chart } from './charts.js';
import { t, type Lang } from './messages.js';
import { six } from './numbers.js';

/** At most this many factors are drawn: past six the panels say little a table does not. */
const COVERAGE_FACTORS = 6;
const BINS = 20;

/** Points per bin of each numeric factor's range (the first six), one panel per factor. */
export function coverageChart(
  factors: readonly { readonly path: string; readonly range?: readonly [number, number] | undefined; readonly seed?: boolean }[],
  points: ReadonlyArray<ReadonlyArray<FactorValue>>,
  lang: Lang,
): Chart {
  const shown = factors
    .map((f, i) => ({ ...f, i }))
    .filter((f) => f.seed !== true && points.every((p) => typeof p[f.i] === 'number'))
    .slice(0, COVERAGE_FACTORS);
  const data = shown.flatMap((f) => {
    const values = points.map((p) => p[f.i] as number);
    const low = f.range?.[0] ?? Math.min(...values);
    const high = f.range?.[1] ?? Math.max(...values);
    const width = (high - low) / BINS || 1;
    const counts = new Array<number>(BINS).fill(0);
    for (const v of values) counts[Math.min(BINS - 1, Math.max(0, Math.floor((v - low) / width)))]! += 1;
    return counts.map((count, b) => ({ factor: f.path, low: six(low + b * width), high: six(low + (b + 1) * width), points: count }));
  });
  const title = t(lang, 'coverageTitle');
  const alt = t(lang, 'coverageAlt', { factors: shown.length, points: points.length });
  // A faceted chart takes its size per panel: the base spec's overall width does not apply.
  const { width: _width, ...base } = baseSpec(lang, title, alt);
  return {
    id: 'design-coverage',
    title,
    alt,
    spec: {
      ...base,
      data: { values: data },
      facet: { field: 'factor', type: 'nominal', title: t(lang, 'factor'), sort: shown.map((f) => f.path) },
      columns: 3,
      spec: {
        width: 220,
        height: 120,
        mark: 'bar',
        encoding: {
          x: { field: 'low', type: 'quantitative', title: t(lang, 'coverageValue'), scale: { zero: false } },
          x2: { field: 'high' },
          y: { field: 'points', type: 'quantitative', title: t(lang, 'coveragePoints') },
        },
      },
      resolve: { scale: { x: 'independent' } },
    },
    rows: data,
  };
}
