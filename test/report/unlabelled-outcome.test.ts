/** An outcome that the model's outcome table does not know is shown by its name; no report crashes on it. */
import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Comparison } from '../../src/experiments/compare.js';
import { describeModel } from '../../src/models/registry.js';
import { outcomeLabel } from '../../src/engine/model.js';
import { reportDocument, type ReportData } from '../../src/report/document.js';
import { formatOutcomes } from '../../src/report/summary-text.js';
import { LANGS } from '../../src/report/messages.js';

const UNLABELLED = 'outcomeWithoutLabel';
const interval = { low: -1, high: 1 };

const comparison = {
  base: { arm: 'base', name: 'base', label: { es: 'base', en: 'base' }, file: 'base.yaml', hash: 'sha256:0' },
  variants: [{ arm: 'variant', name: 'variant', label: { es: 'variante', en: 'variant' }, file: 'variant.yaml', hash: 'sha256:1' }],
  seed: 1,
  runs: 3,
  resamples: 100,
  outcomes: [UNLABELLED, 'activeConflictMonths'],
  precision: { target: null, reached: 1, met: null },
  arms: ['base', 'variant'],
  results: [UNLABELLED, 'activeConflictMonths'].map((outcome) => ({
    variant: 'variant',
    outcome,
    better: 'lower' as const,
    n: 3,
    base: { mean: 2, median: 2 },
    variantArm: { mean: 1, median: 1 },
    difference: { mean: -1, ci95: interval, unpairedCi95: interval, pairedWidthShare: 0.5 },
    effectSize: 1,
    probabilityBetter: 1,
    wilcoxon: { statistic: 0, pValue: 0.25, method: 'exact' },
    pHolm: 0.5,
  })),
} as unknown as Comparison;

const arm = (name: string) => ({
  name,
  scenario: name,
  hash: 'sha256:0',
  runs: 3,
  series: {},
  outcomes: { [UNLABELLED]: [1, 2, 3], activeConflictMonths: [1, 2, 3] },
});

function data(model: string | undefined, withComparison: boolean): ReportData {
  return {
    kind: withComparison ? 'compare' : 'batch',
    model,
    arms: [arm('base'), arm('variant')],
    comparison: withComparison ? comparison : null,
    hypothesis: null,
    seed: 1,
    runs: 3,
    ayniVersion: '0',
    nodeVersion: 'v20',
  };
}

describe('an outcome without a label', () => {
  it('is labelled by its name, a labelled one by the table', () => {
    const model = describeModel('peru-mining');
    expect(outcomeLabel(model, UNLABELLED, 'es')).toBe(UNLABELLED);
    expect(outcomeLabel(model, 'activeConflictMonths', 'es')).toBe('meses de conflicto activo (todos los casos)');
  });

  it('does not crash a comparison report, in any language or model, and the charts still compile', () => {
    for (const lang of LANGS) {
      for (const model of ['peru-mining', 'epstein-civil-violence', 'no-such-model', undefined]) {
        const doc = reportDocument(data(model, true), lang);
        expect(doc.summary.some((s) => s.includes(UNLABELLED))).toBe(true);
        const forest = doc.charts.find((c) => c.id === 'differences');
        expect(forest?.rows.map((r) => r['outcome'])).toContain(UNLABELLED);
        for (const chart of doc.charts) expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
      }
    }
  });

  it('does not crash a batch report of a model the registry does not know', () => {
    for (const lang of LANGS) expect(reportDocument(data('no-such-model', false), lang).summary.length).toBeGreaterThan(0);
  });

  it('does not crash a run summary whose outcomes lack one of the table', () => {
    const run = {
      model: 'peru-mining',
      seed: 1,
      stepLabels: ['2020-01'],
      monthly: true,
      seriesNames: [],
      series: new Float64Array(0),
      outcomes: {},
      events: null,
      size: [],
    };
    const text = formatOutcomes({ scenarioName: 'x', seed: 1, months: 1 } as never, run, 'en');
    expect(text).toContain('active conflict-months (case × month)');
  });
});
