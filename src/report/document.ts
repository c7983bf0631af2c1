/**
 * What a report says, before any HTML: the plain-language summary (one sentence per
 * hypothesis, comparison or batch outcome, with its numbers), the provenance, and the
 * charts that apply to the results. Pure.
 */
import type { Comparison } from '../experiments/compare.js';
import type { Verdict } from '../experiments/hypothesis.js';
import { describeModel } from '../models/registry.js';
import { outcomeLabel } from '../engine/model.js';
import { CIVIL_VIOLENCE } from '../models/civil-violence/schema.js';
import {
  distributionChart,
  fanChart,
  forestChart,
  ledgerChart,
  phaseChart,
  revenueChart,
  trustChart,
  type ArmData,
  type Chart,
} from './charts.js';
import { activeFanChart, populationChart, scheduleChart } from './civil-violence-charts.js';
import { t, type Lang } from './messages.js';
import { formatNumber } from './numbers.js';
import { quantileSorted } from '../stats/quantiles.js';
import { armLabel } from '../scenario/arm-labels.js';
import { textIn, type LocalizedText } from '../scenario/label.js';
import type { RobustnessSummary } from '../experiments/hypothesis-robustness.js';
import { robustnessSentence } from './robustness-text.js';
import { robustnessCharts } from './robustness-charts.js';
import { comparisonHeadline, glossary, overview, signedNumber, variantSentences, type Overview } from './overview.js';

export interface ReportData {
  readonly kind: 'batch' | 'compare' | 'test';
  /** The arms' model (peru-mining when absent). */
  readonly model?: string | undefined;
  readonly arms: readonly ArmData[];
  readonly comparison: Comparison | null;
  readonly hypothesis: {
    readonly statement: LocalizedText;
    readonly label?: LocalizedText | undefined;
    readonly verdict: Verdict;
    readonly smallestEffect: number;
    readonly expect: 'lower' | 'higher';
    readonly primary: string;
    /** The rule over the assumption space (verdict.json's robustness), when it ran. */
    readonly robustness?: RobustnessSummary | undefined;
  } | null;
  readonly seed: number;
  readonly runs: number;
  readonly ayniVersion: string;
  readonly nodeVersion: string;
}

/** A table of a report, shown after the summary (an experiment's factors and top factors). */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
}

export interface ReportDocument {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string;
  /** What kind of report, above the headline ("Comparison of reform packages"). */
  readonly kicker?: string;
  /** The one sentence a reader should take away, shown first. */
  readonly headline?: string;
  /** A comparison's packages against the base, as one table. */
  readonly overview?: Overview;
  /** A word on how the report was made, shown under the headline (a published report's fewer runs). */
  readonly notice?: string;
  /** Terms the report uses, with what they mean here. */
  readonly glossary?: ReadonlyArray<readonly [string, string]>;
  readonly summary: readonly string[];
  readonly provenance: ReadonlyArray<readonly [string, string]>;
  readonly charts: readonly Chart[];
  readonly tables?: readonly ReportTable[];
}

export function reportDocument(input: ReportData, lang: Lang): ReportDocument {
  // Arms appear under their labels in this language, never under their folder names; a
  // comparison's first arm is the base, named so in this language.
  const data = {
    ...input,
    arms: input.arms.map((arm, i) =>
      arm.label ? { ...arm, name: arm.label[lang] } : input.comparison && i === 0 ? { ...arm, name: t(lang, 'base') } : arm,
    ),
  };
  const summary: string[] = [];
  const c = data.comparison;
  const model = describeModel(data.model);
  const variantLabel = (arm: string) => (c ? armLabel(c, arm, lang) : arm);
  if (data.hypothesis && c) {
    const h = data.hypothesis;
    const r = c.results.find((x) => x.outcome === h.primary);
    if (r) {
      summary.push(
        t(lang, 'sentenceHypothesis', {
          statement: textIn(lang, h.statement),
          verdict: t(lang, `verdict_${h.verdict}`),
          variant: variantLabel(r.variant),
          outcome: outcomeLabel(model, r.outcome, lang),
          difference: signedNumber(lang, r.difference.mean),
          low: formatNumber(lang, r.difference.ci95.low),
          high: formatNumber(lang, r.difference.ci95.high),
          n: r.n,
          threshold: `${h.expect === 'lower' ? '−' : '+'}${formatNumber(lang, h.smallestEffect)}`,
        }),
      );
    }
    if (h.robustness) summary.push(robustnessSentence(h.robustness, lang));
  }
  if (c) summary.push(...variantSentences(c, lang, model));
  if (!c) {
    const arm = data.arms[0];
    for (const outcome of model.defaultOutcomes.slice(0, 4)) {
      const values = [...(arm?.outcomes[outcome] ?? [])].sort((a, b) => a - b);
      if (!arm || values.length === 0) continue;
      const q = (p: number) => quantileSorted(values, p, 'lower');
      summary.push(
        t(lang, 'sentenceBatch', {
          runs: values.length,
          scenario: arm.scenario,
          outcome: outcomeLabel(model, outcome, lang),
          mean: formatNumber(lang, values.reduce((a, b) => a + b, 0) / values.length),
          p05: formatNumber(lang, q(0.05)),
          p95: formatNumber(lang, q(0.95)),
        }),
      );
    }
  }

  const provenance: Array<[string, string]> = data.arms.map((arm) => [
    `${t(lang, 'scenario')} (${arm.name})`,
    `${arm.scenario} — ${t(lang, 'hash')} ${arm.hash}`,
  ]);
  provenance.push(
    [t(lang, 'seed'), String(data.seed)],
    [t(lang, 'runs'), formatNumber(lang, data.runs, 6)],
    [t(lang, 'version'), data.ayniVersion],
    [t(lang, 'node'), data.nodeVersion],
  );

  const outcomes = c ? c.outcomes : model.defaultOutcomes;
  const charts: Chart[] = [];
  if (model.id === CIVIL_VIOLENCE) {
    charts.push(
      activeFanChart(data.arms, lang),
      populationChart(data.arms, lang),
      scheduleChart(data.arms, lang),
      distributionChart(data.arms, outcomes, lang, model),
    );
    if (c) charts.push(forestChart(c, lang, model));
  } else {
    charts.push(
      fanChart(data.arms, lang),
      phaseChart(data.arms, lang),
      trustChart(data.arms, lang),
      distributionChart(data.arms, outcomes, lang, model),
    );
    if (c) charts.push(forestChart(c, lang, model));
    charts.push(ledgerChart(data.arms, lang), revenueChart(data.arms, lang));
  }
  if (data.hypothesis?.robustness) charts.push(...robustnessCharts(data.hypothesis.robustness, lang));

  const compared = c
    ? {
        // Past four packages the list says less than the table below it.
        variants:
          c.variants.length > 4
            ? t(lang, 'packagesCount', { count: c.variants.length })
            : c.variants.map((v) => v.label?.[lang] ?? v.name).join(', '),
        base: c.base.label?.[lang] ?? c.base.name,
      }
    : null;
  const subtitle = !compared
    ? t(lang, 'subtitleBatch', { scenario: data.arms[0]?.scenario ?? '' })
    : data.hypothesis?.label !== undefined
      ? t(lang, 'subtitleTest', { hypothesis: textIn(lang, data.hypothesis.label), ...compared })
      : t(lang, 'subtitleCompare', compared);
  const top = c
    ? {
        kicker: t(lang, data.hypothesis ? 'kicker_test' : 'kicker_compare'),
        headline: data.hypothesis
          ? t(lang, 'headlineTest', {
              verdict: t(lang, `verdict_${data.hypothesis.verdict}`),
              statement: textIn(lang, data.hypothesis.statement),
            })
          : comparisonHeadline(c, lang, model),
        overview: overview(c, lang, model),
        glossary: glossary(c, lang, { test: data.hypothesis !== null }),
      }
    : { kicker: t(lang, 'kicker_batch') };
  return { lang, title: t(lang, 'title'), subtitle, ...top, summary, provenance, charts };
}
