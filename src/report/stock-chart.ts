/**
 * The registered stock against the recorded band, as a Vega-Lite chart: the band the record
 * gives (shaded), the 90% band of the runs (an area), their monthly median (a line) and, with a
 * record of dated months, each recorded month (a black point, its range a rule). Pure;
 * render it with renderSvg for docs/calibration.md.
 */
import type { StockFit } from '../experiments/stock-fit.js';
import { baseSpec } from './charts.js';
import { six } from './numbers.js';

export function stockChartSpec(fit: StockFit, title: string, bandLabel: string): Record<string, unknown> {
  const rows = fit.months.map((m) => ({ month: m.month, p05: six(m.p05), p50: six(m.p50), p95: six(m.p95) }));
  const [lo, hi] = fit.band;
  const recorded = (fit.record?.points ?? []).map((p) => ({ month: p.month, low: p.low, high: p.high, mid: six((p.low + p.high) / 2) }));
  const covered = fit.record
    ? ` The record's ${fit.record.points.length} dated months (black) meet the runs' 90% band in ${Math.round(fit.record.covered * 100)}% of them.`
    : '';
  const alt = `${title}: the median of ${fit.runs} runs lies inside ${lo}–${hi} in ${Math.round(fit.medianInside * 100)}% of the months from ${fit.from} to ${fit.to}.${covered}`;
  const x = { field: 'month', type: 'temporal', title: null, axis: { format: '%Y' } };
  return {
    ...baseSpec('en', title, alt),
    height: 260,
    layer: [
      {
        data: { values: [{ lo, hi, label: bandLabel }] },
        mark: { type: 'rect', color: '#009E73', opacity: 0.15 },
        encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
      {
        data: { values: rows },
        mark: { type: 'area', color: '#0072B2', opacity: 0.25 },
        encoding: { x, y: { field: 'p05', type: 'quantitative', title: 'registered cases (active and latent)' }, y2: { field: 'p95' } },
      },
      {
        data: { values: rows },
        mark: { type: 'line', color: '#0072B2', strokeWidth: 2 },
        encoding: { x, y: { field: 'p50', type: 'quantitative' } },
      },
      ...(recorded.length > 0
        ? [
            {
              data: { values: recorded },
              mark: { type: 'rule', color: '#000000', strokeWidth: 2 },
              encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
            },
            {
              data: { values: recorded },
              mark: { type: 'point', color: '#000000', filled: true, size: 30 },
              encoding: { x, y: { field: 'mid', type: 'quantitative' } },
            },
          ]
        : []),
    ],
  };
}
