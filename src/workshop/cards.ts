/**
 * The outcome cards of the workshop: for each package and outcome, the paired difference
 * against the base, its 95% interval (from the comparison, the same numbers `ayni compare`
 * prints), the share of futures in which the package does better, the quantiles of the
 * paired differences for a quantile dot plot, and a plain sentence. The colour of a card
 * follows its interval, never its point estimate: "sin diferencia clara" whenever the
 * interval includes zero. Pure.
 */
import type { Lang } from '../scenario/lang.js';
import type { Label } from '../scenario/label.js';
import type { OutcomeComparison } from '../experiments/paired-comparison.js';
import { quantileSorted } from '../stats/quantiles.js';
import { workshopText } from './messages.js';

/** An outcome the cards show: the model's outcome, its words for a room, and how to show it. */
export interface CardOutcome {
  readonly outcome: string;
  readonly name: Label;
  /** What is counted, in a few words. */
  readonly detail: Label;
  /** The package does better: "menos conflictos", "más confianza en el Estado". */
  readonly better: Label;
  /** Multiplies the model's value for display (trust 0–1 as 0–100, soles as millions). */
  readonly scale: number;
  readonly digits: number;
  readonly unit: Label;
}

/**
 * The outcomes of the cards, mapped to the Peru model's outcome table
 * (src/models/peru-mining/outcomes.ts). Every one the workshop asks for exists there.
 */
export const CARD_OUTCOMES: readonly CardOutcome[] = [
  {
    outcome: 'activeConflictMonths',
    name: { es: 'Conflictos', en: 'Conflicts' },
    detail: { es: 'conflictos activos, contados mes a mes', en: 'active conflicts, counted month by month' },
    better: { es: 'menos conflictos', en: 'fewer conflicts' },
    scale: 1,
    digits: 0,
    unit: { es: '', en: '' },
  },
  {
    outcome: 'crisisEpisodes',
    name: { es: 'Crisis', en: 'Crises' },
    detail: { es: 'episodios de crisis', en: 'crisis episodes' },
    better: { es: 'menos crisis', en: 'fewer crises' },
    scale: 1,
    digits: 1,
    unit: { es: '', en: '' },
  },
  {
    outcome: 'blockades',
    name: { es: 'Bloqueos', en: 'Blockades' },
    detail: { es: 'bloqueos de vía o de mina', en: 'road or mine blockades' },
    better: { es: 'menos bloqueos', en: 'fewer blockades' },
    scale: 1,
    digits: 1,
    unit: { es: '', en: '' },
  },
  {
    outcome: 'violentEvents',
    name: { es: 'Violencia', en: 'Violence' },
    detail: { es: 'hechos de violencia', en: 'violent events' },
    better: { es: 'menos hechos de violencia', en: 'fewer violent events' },
    scale: 1,
    digits: 1,
    unit: { es: '', en: '' },
  },
  {
    outcome: 'trustNational',
    name: { es: 'Confianza en el Estado', en: 'Trust in the state' },
    detail: { es: 'al final, de 0 a 100', en: 'at the end, 0 to 100' },
    better: { es: 'más confianza en el Estado', en: 'more trust in the state' },
    scale: 100,
    digits: 1,
    unit: { es: 'puntos', en: 'points' },
  },
  {
    outcome: 'trustCompany',
    name: { es: 'Confianza en la empresa', en: 'Trust in the company' },
    detail: { es: 'al final, de 0 a 100', en: 'at the end, 0 to 100' },
    better: { es: 'más confianza en la empresa', en: 'more trust in the company' },
    scale: 100,
    digits: 1,
    unit: { es: 'puntos', en: 'points' },
  },
  {
    outcome: 'productionLostShare',
    name: { es: 'Producción perdida', en: 'Production lost' },
    detail: { es: 'porcentaje de la producción posible', en: 'share of the possible production' },
    better: { es: 'menos producción perdida', en: 'less production lost' },
    scale: 100,
    digits: 1,
    unit: { es: 'puntos %', en: 'points %' },
  },
  {
    outcome: 'canonExecuted',
    name: { es: 'Canon ejecutado', en: 'Canon spent' },
    detail: { es: 'transferencias mineras gastadas, millones de soles', en: 'mining transfers spent, millions of soles' },
    better: { es: 'más canon ejecutado', en: 'more canon spent' },
    scale: 1e-6,
    digits: 1,
    unit: { es: 'millones S/', en: 'S/ million' },
  },
];

export const CARD_OUTCOME_NAMES: readonly string[] = CARD_OUTCOMES.map((o) => o.outcome);

/** How a card is coloured: by its interval alone. */
export type CardStatus = 'better' | 'worse' | 'unclear';

/** Dots of the quantile dot plot: this many quantiles of the paired differences. */
const DOTS = 20;

export interface Card {
  readonly variant: string;
  readonly outcome: string;
  readonly name: string;
  readonly detail: string;
  /** Paired futures (both runs completed). */
  readonly n: number;
  /** variant − base, in the model's units: exactly comparison.json's numbers. */
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly baseMean: number;
  readonly status: CardStatus;
  /** Futures in which the package does better, the same, or worse than the base. */
  readonly wins: number;
  readonly ties: number;
  /** DOTS quantiles of the paired differences, in display units. */
  readonly dots: readonly number[];
  /** The formatted difference and interval, and the sentence, in the screen's language. */
  readonly difference: string;
  readonly interval: string;
  readonly sentence: string;
  readonly verdict: string;
}

/** A card's colour from its interval: better or worse only when the whole interval is on one side of zero. */
export function cardStatus(low: number, high: number, better: OutcomeComparison['better']): CardStatus {
  if (!(low > 0 || high < 0) || better === 'neutral') return 'unclear';
  const lower = high < 0;
  return (better === 'lower') === lower ? 'better' : 'worse';
}

/** Futures in which the variant is better, and ties; pairs with a failed run are left out (as the comparison does). */
export function pairedDifferences(base: Float64Array, variant: Float64Array): number[] {
  const d: number[] = [];
  for (let i = 0; i < base.length; i++) {
    const a = base[i] as number;
    const b = variant[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    d.push(b - a);
  }
  return d;
}

/** Quantiles at (i + ½)/k of the values: the dots of a quantile dot plot (Kay et al. 2016). */
export function dotQuantiles(values: readonly number[], k = DOTS): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  return Array.from({ length: k }, (_, i) => quantileSorted(sorted, (i + 0.5) / k));
}

/** Builds one card from the comparison's result and the paired differences it was computed from. */
export function buildCard(result: OutcomeComparison, differences: readonly number[], spec: CardOutcome, lang: Lang): Card {
  const { low, high } = result.difference.ci95;
  const status = cardStatus(low, high, result.better);
  let wins = 0;
  let ties = 0;
  for (const d of differences) {
    if (d === 0) ties++;
    else if (result.better === 'lower' ? d < 0 : d > 0) wins++;
  }
  const fmt = (x: number, sign = false) => formatValue(x * spec.scale, spec.digits, lang, sign);
  const n = differences.length;
  return {
    variant: result.variant,
    outcome: result.outcome,
    name: spec.name[lang],
    detail: spec.detail[lang],
    n: result.n,
    mean: result.difference.mean,
    low,
    high,
    baseMean: result.base.mean,
    status,
    wins,
    ties,
    dots: dotQuantiles(differences).map((x) => x * spec.scale),
    difference: `${fmt(result.difference.mean, true)}${spec.unit[lang] ? ` ${spec.unit[lang]}` : ''}`,
    interval: workshopText(lang, 'interval', { low: fmt(low, true), high: fmt(high, true) }),
    sentence: betterSentence(wins, ties, n, spec.better[lang], lang),
    verdict: workshopText(lang, status === 'better' ? 'statusBetter' : status === 'worse' ? 'statusWorse' : 'statusUnclear'),
  };
}

/**
 * "En 78 de cada 100 futuros simulados, este paquete tiene menos conflictos que la base."
 * Out of 100, rounded; ties are said apart, never split between better and worse.
 */
export function betterSentence(wins: number, ties: number, n: number, better: string, lang: Lang): string {
  if (n === 0) return workshopText(lang, 'noFutures');
  const per100 = (k: number) => Math.round((100 * k) / n);
  const main = workshopText(lang, 'betterSentence', { k: per100(wins), better });
  return ties > 0 ? `${main} ${workshopText(lang, 'tiesSentence', { k: per100(ties) })}` : main;
}

/** A number as a room reads it: grouped thousands, a true minus sign, a plus when asked. */
export function formatValue(x: number, digits: number, lang: Lang, sign = false): string {
  if (!Number.isFinite(x)) return '–';
  const text = new Intl.NumberFormat(lang === 'es' ? 'es-PE' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Math.abs(x));
  const rounded = Number(x.toFixed(digits));
  if (rounded === 0) return text;
  return `${x < 0 ? '−' : sign ? '+' : ''}${text}`;
}

/** Every card of a comparison: packages in order, outcomes in CARD_OUTCOMES order. */
export function buildCards(
  results: readonly OutcomeComparison[],
  differences: (variant: string, outcome: string) => readonly number[],
  lang: Lang,
): Card[] {
  const cards: Card[] = [];
  for (const result of results) {
    const spec = CARD_OUTCOMES.find((o) => o.outcome === result.outcome);
    if (spec) cards.push(buildCard(result, differences(result.variant, result.outcome), spec, lang));
  }
  return cards;
}
