/**
 * The robustness panel and sentence, from a planted result (no runs): over a grid of 100
 * points, factor a in (0, 1) sets the paired effect d = a − 0.5 (interval ±0.001) and b plays
 * no part. With "expect lower, excludes zero" the rule is supported exactly at the 50 points
 * with a < 0.5 and contradicted at the 50 with a > 0.5; the default verdict is contradicted,
 * so the flips are the points with a < 0.5, and ρ(a, d) = 1 exactly (d increases with a).
 */
import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import { robustness, type RobustnessPoint } from '../../src/experiments/robustness.js';
import { robustnessSummary, type HypothesisRobustness } from '../../src/experiments/hypothesis-robustness.js';
import { robustnessCharts } from '../../src/report/robustness-charts.js';
import { robustnessSentence } from '../../src/report/robustness-text.js';
import { LANGS } from '../../src/report/messages.js';

const rule = { expect: 'lower' as const, rule: 'excludes-zero' as const, smallestEffect: 0 };
const points: RobustnessPoint[] = Array.from({ length: 100 }, (_, i) => {
  const a = (i + 0.5) / 100;
  const d = a - 0.5;
  return { values: [a, (((i * 37) % 100) + 0.5) / 100], difference: d, low: d - 0.001, high: d + 0.001 };
});
const result = robustness(rule, ['a', 'b'], points, 'contradicted');
const planted: HypothesisRobustness = {
  ...result,
  design: { kind: 'lhs', points: 100 },
  factors: [
    { path: 'a', range: [0, 1], rangeFrom: 'file' },
    { path: 'b', range: [0, 1], rangeFrom: 'file' },
  ],
  replications: 2,
  seed: 1,
  held: [],
  defaultVerdict: 'contradicted',
  effects: points,
  runs: { total: 400, failed: 0 },
  indices: [],
  wallTimeMs: 0,
};
const summary = robustnessSummary(planted);

describe('the robust verdict in words and charts', () => {
  it('says the default verdict, the shares, the driver and where it flips', () => {
    const en = robustnessSentence(summary, 'en');
    expect(en).toMatch(
      /^Contradicted at the default assumptions; over the plausible assumption space, supported in 50%, contradicted in 50%, inconclusive in 0% \(100 design points × 2 paired runs\)\. Most driving: a \(ρ = 1\.00\)\. It flips at 50% of the points, densest where a ≤ 0\.4\d+ \(that box holds \d+% of the flips; 100% of its points flip\)\.$/,
    );
    expect(robustnessSentence(summary, 'es')).toMatch(
      /^Contradicha con los supuestos por defecto; .* respaldada en el 50 %, contradicha en el 50 % y no concluyente en el 0 % .* El supuesto más influyente: a \(ρ = 1[.,]00\)\. El veredicto cambia en el 50 % de los puntos, sobre todo donde a ≤ /,
    );
    // Nothing flips, or everything does: said so, with no box.
    const none = robustnessSummary({
      ...planted,
      ...robustness(rule, ['a', 'b'], points, 'contradicted'),
      flips: { share: 0, box: null },
      prim: null,
    });
    expect(robustnessSentence(none, 'en')).toMatch(/It holds at every point of the design\.$/);
  });

  it.each(LANGS)('the panel compiles: shares, drivers (the table as CSV) and the PRIM trade-off (%s)', (lang) => {
    const charts = robustnessCharts(summary, lang);
    expect(charts.map((c) => c.id)).toEqual(['robustness-shares', 'robustness-drivers', 'robustness-prim']);
    for (const chart of charts) expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
    expect(charts[0]?.rows.map((r) => r.share)).toEqual([0.5, 0, 0.5]);
    expect(charts[1]?.rows[0]).toEqual({ factor: 'a', spearman: 1 });
  });
});
