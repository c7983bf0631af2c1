/**
 * A difference is an improvement or a deterioration only when its whole 95% interval is on
 * one side of zero; an interval that holds zero is "no clear difference", whatever the sign of
 * its point estimate. Checked on the rule itself and where the report shows it: the forest
 * plot's colours, the overview table, the headline, the ranking and the per-package sentences.
 */
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/experiments/compare.js';
import { describeModel } from '../../src/models/registry.js';
import { effectOf } from '../../src/report/effect.js';
import { forestChart } from '../../src/report/charts.js';
import { comparisonHeadline, overview, rankVariants, signedNumber, variantSentences } from '../../src/report/overview.js';
import { t } from '../../src/report/messages.js';

const model = describeModel(undefined);

type Result = Comparison['results'][number];
function result(variant: string, outcome: string, better: Result['better'], mean: number, low: number, high: number): Result {
  return {
    variant,
    outcome,
    better,
    n: 60,
    base: { mean: 1000, median: 1000 },
    variantArm: { mean: 1000 + mean, median: 1000 + mean },
    difference: { mean, ci95: { low, high }, unpairedCi95: { low, high }, pairedWidthShare: 0.5 },
    effectSize: 0.2,
    probabilityBetter: 0.62,
    wilcoxon: { statistic: 1, pValue: 0.2, method: 'normal' },
    pHolm: 0.4,
  };
}

const arm = (a: string, es: string, en: string) => ({ arm: a, name: a, label: { es, en }, file: `${a}.yaml`, hash: 'sha256:0' });

/** Two packages: "dialogue" lowers conflict on average but its interval crosses zero; "office" clearly lowers it. */
const comparison = {
  base: arm('base', 'Corredor', 'Corridor'),
  variants: [arm('dialogue', 'Diálogo temprano', 'Early dialogue'), arm('office', 'Oficina única', 'Single office')],
  seed: 1,
  runs: 60,
  resamples: 100,
  outcomes: ['activeConflictMonths', 'trustNational'],
  precision: { target: null, reached: 1, met: null },
  arms: ['arms/base', 'arms/dialogue', 'arms/office'],
  results: [
    // The larger mean reduction, but the interval holds zero.
    result('dialogue', 'activeConflictMonths', 'lower', -120, -250, 10),
    // Higher is better and the mean rose, but the interval holds zero.
    result('dialogue', 'trustNational', 'higher', 0.01, -0.002, 0.02),
    result('office', 'activeConflictMonths', 'lower', -60, -100, -20),
    result('office', 'trustNational', 'higher', -0.03, -0.05, -0.01),
  ],
} as unknown as Comparison;

describe('effectOf: the interval decides, not the point estimate', () => {
  it('an interval that holds zero is unclear whatever the sign of the mean', () => {
    expect(effectOf(result('v', 'x', 'lower', -5, -9, 1))).toBe('unclear');
    expect(effectOf(result('v', 'x', 'lower', 5, -1, 9))).toBe('unclear');
    expect(effectOf(result('v', 'x', 'higher', 5, -1, 9))).toBe('unclear');
    // Touching zero does not exclude it.
    expect(effectOf(result('v', 'x', 'lower', -5, -9, 0))).toBe('unclear');
    expect(effectOf(result('v', 'x', 'lower', -5, Number.NaN, Number.NaN))).toBe('unclear');
  });

  it('a whole interval on one side is an improvement or a deterioration by the outcome’s better direction', () => {
    expect(effectOf(result('v', 'x', 'lower', -5, -9, -1))).toBe('improvement');
    expect(effectOf(result('v', 'x', 'lower', 5, 1, 9))).toBe('deterioration');
    expect(effectOf(result('v', 'x', 'higher', 5, 1, 9))).toBe('improvement');
    expect(effectOf(result('v', 'x', 'higher', -5, -9, -1))).toBe('deterioration');
    expect(effectOf(result('v', 'x', 'neutral', -5, -9, -1))).toBe('neutral');
  });
});

describe('the report shows the rule', () => {
  it('colours the forest plot by the interval', () => {
    for (const lang of ['es', 'en'] as const) {
      const rows = forestChart(comparison, lang, model).rows;
      const effect = (variant: string, outcome: string) =>
        rows.find((r) => r['variant'] === variant && r['outcome'] === outcome)?.['effect'];
      const [dialogue, office] = [comparison.variants[0]!.label[lang], comparison.variants[1]!.label[lang]];
      expect(effect(dialogue, model.outcomes.find((o) => o.name === 'activeConflictMonths')!.label[lang])).toBe(t(lang, 'unclear'));
      expect(effect(dialogue, model.outcomes.find((o) => o.name === 'trustNational')!.label[lang])).toBe(t(lang, 'unclear'));
      expect(effect(office, model.outcomes.find((o) => o.name === 'activeConflictMonths')!.label[lang])).toBe(t(lang, 'improvement'));
      expect(effect(office, model.outcomes.find((o) => o.name === 'trustNational')!.label[lang])).toBe(t(lang, 'deterioration'));
    }
  });

  it('ranks a clear improvement above a larger mean whose interval holds zero, and says so at the top', () => {
    expect(rankVariants(comparison)).toEqual(['office', 'dialogue']);
    const o = overview(comparison, 'es', model);
    expect(o.columns).toEqual(['Resultado', 'Base (media)', '1. Oficina única', '2. Diálogo temprano']);
    expect(o.rows[0]?.cells.map((c) => c.effect)).toEqual(['improvement', 'unclear']);
    expect(o.rows[0]?.cells[1]?.word).toBe('Sin diferencia clara');
    expect(o.rows[0]?.cells[0]?.change).toBe('−60 (−6\u00a0%)');
    expect(o.rows[0]?.cells[0]?.range).toBe('entre −100 y −20');
    expect(comparisonHeadline(comparison, 'es', model)).toBe(
      'El paquete que más reduce meses de conflicto activo (todos los casos) es «Oficina única»: −6\u00a0% frente a la base (entre −10\u00a0% y −2\u00a0%), en 60 futuros simulados.',
    );
    expect(variantSentences(comparison, 'en', model)).toEqual([
      '“Single office”: in 62 of every 100 simulated futures it does better than the base on months of active conflict (all cases); it clearly improves 1 of 2 outcomes and clearly worsens 1.',
      '“Early dialogue”: in 62 of every 100 simulated futures it does better than the base on months of active conflict (all cases); it clearly improves 0 of 2 outcomes and clearly worsens 0.',
    ]);
  });

  it('claims no best package when no interval excludes zero', () => {
    const unclear = { ...comparison, results: comparison.results.filter((r) => r.variant === 'dialogue') } as Comparison;
    expect(comparisonHeadline(unclear, 'en', model)).toBe(
      'No package clearly improves months of active conflict (all cases) against the base over 60 simulated futures.',
    );
  });

  it('prints signs with a true minus and no sign for zero', () => {
    expect(signedNumber('es', -1234.5)).toBe('−1,230');
    expect(signedNumber('en', 0.0431, 2)).toBe('+0.043');
    expect(signedNumber('en', 0)).toBe('0');
  });
});
