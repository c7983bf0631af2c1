/**
 * A comparison as files and as a table a person can read. Differences are variant − base;
 * "better" says which direction is an improvement for each outcome. Pure.
 */
import type { Comparison, OutcomeComparison } from '../experiments/compare.js';
import { armLabel } from '../scenario/arm-labels.js';
import { t, type Lang } from './messages.js';
import { pValue, short } from './numbers.js';

export function comparisonJson(c: Comparison): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}

const CSV_COLUMNS = [
  'variant',
  'outcome',
  'better',
  'n',
  'base_mean',
  'base_median',
  'variant_mean',
  'variant_median',
  'difference',
  'ci95_low',
  'ci95_high',
  'unpaired_ci95_low',
  'unpaired_ci95_high',
  'paired_width_share',
  'effect_size_dz',
  'probability_better',
  'wilcoxon_v',
  'p_value',
  'p_holm',
  'test_method',
  'variant_label',
] as const;

/** A CSV cell for free text: quoted when it holds a comma, a quote or a line break. */
const textCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One row per variant and outcome; `variant` is the arm's folder, `variant_label` its label in `lang`. */
export function comparisonCsv(c: Comparison, lang: Lang = 'en'): string {
  const v = (x: number | null) => (x === null || Number.isNaN(x) ? '' : String(x));
  const rows = c.results.map((r) =>
    [
      r.variant,
      r.outcome,
      r.better,
      String(r.n),
      v(r.base.mean),
      v(r.base.median),
      v(r.variantArm.mean),
      v(r.variantArm.median),
      v(r.difference.mean),
      v(r.difference.ci95.low),
      v(r.difference.ci95.high),
      v(r.difference.unpairedCi95.low),
      v(r.difference.unpairedCi95.high),
      v(r.difference.pairedWidthShare),
      v(r.effectSize),
      v(r.probabilityBetter),
      v(r.wilcoxon.statistic),
      v(r.wilcoxon.pValue),
      v(r.pHolm),
      r.wilcoxon.method,
      textCell(armLabel(c, r.variant, lang)),
    ].join(','),
  );
  return `${CSV_COLUMNS.join(',')}\n${rows.join('\n')}\n`;
}

function line(r: OutcomeComparison): string[] {
  return [
    r.outcome + (r.better === 'neutral' ? '' : r.better === 'lower' ? ' ↓' : ' ↑'),
    short(r.base.mean),
    short(r.variantArm.mean),
    `${r.difference.mean >= 0 ? '+' : ''}${short(r.difference.mean)} [${short(r.difference.ci95.low)}, ${short(r.difference.ci95.high)}]`,
    r.probabilityBetter === null ? '–' : `${Math.round(r.probabilityBetter * 100)}%`,
    pValue(r.pHolm),
  ];
}

export function comparisonText(c: Comparison, lang: Lang = 'en'): string {
  const out: string[] = [];
  out.push(t(lang, 'cmpHead', { runs: c.runs, seed: c.seed, base: c.base.label[lang] }));
  if (c.precision.target !== null) {
    out.push(
      t(lang, 'cmpPrecision', {
        outcome: c.outcomes[0] ?? '',
        reached: short(c.precision.reached),
        target: short(c.precision.target),
        met: t(lang, c.precision.met ? 'cmpPrecisionMet' : 'cmpPrecisionNotMet'),
      }),
    );
  }
  for (const variant of c.variants) {
    const arm = variant.arm;
    const rows = c.results.filter((r) => r.variant === arm);
    const header = [
      t(lang, 'cmpColOutcome'),
      t(lang, 'cmpColBase'),
      t(lang, 'cmpColVariant'),
      t(lang, 'cmpColDifference'),
      t(lang, 'cmpColBetter'),
      t(lang, 'cmpColHolm'),
    ];
    const table = [header, ...rows.map(line)];
    const widths = header.map((_, k) => Math.max(...table.map((row) => (row[k] ?? '').length)));
    out.push('', t(lang, 'cmpVariant', { variant: armLabel(c, arm, lang) }));
    for (const row of table)
      out.push(`  ${row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0))).join('  ')}`);
    const primary = rows[0];
    if (primary && Number.isFinite(primary.difference.pairedWidthShare)) {
      out.push(
        `  ${t(lang, 'cmpPairing', { outcome: primary.outcome, share: Math.round((1 - primary.difference.pairedWidthShare) * 100) })}`,
      );
    }
  }
  return out.join('\n');
}
