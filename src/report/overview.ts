/**
 * The top of a comparison's report, for people who are not statisticians: a headline, one
 * table with the packages as columns (ranked on the primary outcome) and the outcomes as
 * rows, one sentence per package, and the few words that need explaining. Every colour and
 * verdict word comes from the difference's 95% interval (effect.ts). Pure.
 */
import type { Comparison, OutcomeComparison } from '../experiments/compare.js';
import { outcomeLabel, type ModelDescription } from '../engine/model.js';
import { armLabel } from '../scenario/arm-labels.js';
import { effectOf, type Effect } from './effect.js';
import { t, type Lang } from './messages.js';
import { formatNumber } from './numbers.js';

interface OverviewCell {
  /** The change against the base: "−94.7 (−6.8 %)". */
  readonly change: string;
  /** Its 95% range: "between −169 and −42.8". */
  readonly range: string;
  readonly effect: Effect;
  /** The effect in words (never only a colour). */
  readonly word: string;
}

interface OverviewRow {
  readonly outcome: string;
  readonly label: string;
  /** The base's mean. */
  readonly base: string;
  /** One cell per package, in the ranked order. */
  readonly cells: readonly OverviewCell[];
}

export interface Overview {
  readonly title: string;
  readonly note: string;
  /** The packages' arms, best first on the primary outcome. */
  readonly ranked: readonly string[];
  /** Column heads: the outcome, the base, then "1. Package" for each package. */
  readonly columns: readonly string[];
  readonly rows: readonly OverviewRow[];
  /** The table for a CSV download, with headers in the report's language. */
  readonly csvRows: ReadonlyArray<Record<string, string | number>>;
}

const MINUS = '\u2212';

/** A signed number in `lang`: +1.2, −3.4 (a true minus sign, as printed). */
export function signedNumber(lang: Lang, x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '–';
  const text = formatNumber(lang, Math.abs(x), digits);
  return x > 0 ? `+${text}` : x < 0 && text !== '0' ? `${MINUS}${text}` : text;
}

/** A signed percentage as each language writes it: "−6.8 %" in Spanish (a no-break space before %), "−6.8%" in English. */
const percentText = (lang: Lang, x: number) => `${signedNumber(lang, x, 2)}${lang === 'es' ? '\u00a0%' : '%'}`;

/** How much better the variant did on r's outcome, in its units (0 for an outcome with no direction). */
const gain = (r: OutcomeComparison) => (r.better === 'lower' ? -r.difference.mean : r.better === 'higher' ? r.difference.mean : 0);

const RANK_OF_EFFECT: Readonly<Record<Effect, number>> = { improvement: 0, unclear: 1, neutral: 1, deterioration: 2 };

/**
 * The packages' arms, best first on `primary`: clear improvements, then unclear, then clear
 * deteriorations; within each, by the mean change in the better direction.
 */
export function rankVariants(c: Comparison, primary: string = c.outcomes[0] ?? ''): string[] {
  const result = (arm: string) => c.results.find((r) => r.variant === arm && r.outcome === primary);
  const key = (arm: string): [number, number] => {
    const r = result(arm);
    return r ? [RANK_OF_EFFECT[effectOf(r)], -gain(r)] : [3, 0];
  };
  return c.variants
    .map((v, i) => ({ arm: v.arm, i, key: key(v.arm) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.i - b.i)
    .map((x) => x.arm);
}

/** The change as a percentage of the base's mean, or null when the base's mean is zero. */
const relative = (r: OutcomeComparison, x: number) => (r.base.mean !== 0 ? (100 * x) / Math.abs(r.base.mean) : null);

function cell(r: OutcomeComparison, lang: Lang): OverviewCell {
  const effect = effectOf(r);
  const rel = relative(r, r.difference.mean);
  const change = `${signedNumber(lang, r.difference.mean)}${rel === null ? '' : ` (${percentText(lang, rel)})`}`;
  const range = t(lang, 'overviewRange', {
    low: signedNumber(lang, r.difference.ci95.low),
    high: signedNumber(lang, r.difference.ci95.high),
  });
  return { change, range, effect, word: t(lang, effect) };
}

export function overview(c: Comparison, lang: Lang, model: ModelDescription): Overview {
  const ranked = rankVariants(c);
  const primary = c.outcomes[0] ?? '';
  const rows = c.outcomes.map((outcome): OverviewRow => {
    const results = ranked.map((arm) => c.results.find((r) => r.variant === arm && r.outcome === outcome));
    const first = results.find((r) => r !== undefined);
    return {
      outcome,
      label: outcomeLabel(model, outcome, lang),
      base: first ? formatNumber(lang, first.base.mean) : '–',
      cells: results.map((r) => (r ? cell(r, lang) : { change: '–', range: '', effect: 'unclear', word: t(lang, 'unclear') })),
    };
  });
  const names = ranked.map((arm) => armLabel(c, arm, lang));
  const columns = [
    t(lang, 'overviewOutcome'),
    t(lang, 'overviewBase'),
    // A single package (a hypothesis's variant) has no rank to show.
    ...names.map((variant, i) => (names.length > 1 ? t(lang, 'overviewRank', { rank: i + 1, variant }) : variant)),
  ];
  const csvRows = rows.map((row) => {
    const record: Record<string, string | number> = { [columns[0] as string]: row.label, [columns[1] as string]: row.base };
    row.cells.forEach((x, i) => {
      const head = columns[i + 2] as string;
      record[head] = x.change;
      record[`${head}: ${t(lang, 'tipLow')}`] = x.range;
      record[`${head}: ${t(lang, 'effect')}`] = x.word;
    });
    return record;
  });
  return {
    title: t(lang, 'overviewTitle'),
    note: t(lang, 'overviewNote', { outcome: outcomeLabel(model, primary, lang), n: c.runs }),
    ranked,
    columns,
    rows,
    csvRows,
  };
}

/** The report's first sentence: which package does most for the primary outcome, if any clearly does. */
export function comparisonHeadline(c: Comparison, lang: Lang, model: ModelDescription): string {
  const primary = c.outcomes[0] ?? '';
  const best = rankVariants(c)[0];
  const r = c.results.find((x) => x.variant === best && x.outcome === primary);
  const outcome = outcomeLabel(model, primary, lang);
  if (!r || r.better === 'neutral') return t(lang, 'headlineNeutral', { count: c.variants.length, n: c.runs });
  if (effectOf(r) !== 'improvement') return t(lang, 'headlineNone', { outcome, n: r.n });
  const rel = relative(r, r.difference.mean);
  const show = (x: number) => {
    const p = relative(r, x);
    return p === null ? signedNumber(lang, x) : percentText(lang, p);
  };
  return t(lang, 'headlineBest', {
    verb: t(lang, r.better === 'lower' ? 'headlineVerb_lower' : 'headlineVerb_higher'),
    outcome,
    variant: armLabel(c, r.variant, lang),
    relative: rel === null ? signedNumber(lang, r.difference.mean) : percentText(lang, rel),
    low: show(r.difference.ci95.low),
    high: show(r.difference.ci95.high),
    n: r.n,
  });
}

/** One sentence per package, in the ranked order: how often it beats the base, and its clear wins and losses. */
export function variantSentences(c: Comparison, lang: Lang, model: ModelDescription): string[] {
  const primary = c.outcomes[0] ?? '';
  return rankVariants(c).map((arm) => {
    const results = c.results.filter((r) => r.variant === arm);
    const effects = results.map(effectOf);
    const counts = {
      variant: armLabel(c, arm, lang),
      improved: effects.filter((e) => e === 'improvement').length,
      worsened: effects.filter((e) => e === 'deterioration').length,
      compared: effects.filter((e) => e !== 'neutral').length,
    };
    const p = results.find((r) => r.outcome === primary)?.probabilityBetter ?? null;
    return p === null
      ? t(lang, 'sentenceVariantCounts', counts)
      : t(lang, 'sentenceVariant', { ...counts, better: Math.round(p * 100), outcome: outcomeLabel(model, primary, lang) });
  });
}

/** The words a reader may not know, with what they mean here. */
export function glossary(c: Comparison, lang: Lang, options: { readonly test: boolean }): Array<readonly [string, string]> {
  const entries: Array<readonly [string, string]> = [
    [t(lang, 'gloss_base'), t(lang, 'gloss_base_def', { base: c.base.label?.[lang] ?? c.base.name })],
    [t(lang, 'gloss_package'), t(lang, 'gloss_package_def')],
    [t(lang, 'gloss_future'), t(lang, 'gloss_future_def')],
    [t(lang, 'gloss_interval'), t(lang, 'gloss_interval_def')],
    [t(lang, 'gloss_unclear'), t(lang, 'gloss_unclear_def')],
  ];
  if (c.outcomes.includes('activeConflictMonths')) entries.push([t(lang, 'gloss_conflictMonths'), t(lang, 'gloss_conflictMonths_def')]);
  if (options.test) entries.push([t(lang, 'gloss_smallestEffect'), t(lang, 'gloss_smallestEffect_def')]);
  return entries;
}
