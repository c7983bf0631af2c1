/**
 * The sentence behind a hypothesis verdict: the primary outcome's paired difference, its
 * interval and the bound the rule compares it with, worded for the verdict's basis. Pure.
 */
import type { OutcomeComparison } from '../experiments/compare.js';
import type { Hypothesis, VerdictBasis } from '../experiments/hypothesis.js';
import { t, type Lang, type MessageKey } from './messages.js';

const SENTENCE: Record<VerdictBasis, MessageKey> = {
  'no-interval': 'reasonNoInterval',
  beyond: 'reasonSupported',
  'short-of': 'reasonShortOf',
  'other-side': 'reasonOtherSide',
  straddles: 'reasonStraddles',
};

export function verdictReason(h: Hypothesis, primary: OutcomeComparison, basis: VerdictBasis, lang: Lang = 'en'): string {
  const ci = `[${fmt(primary.difference.ci95.low)}, ${fmt(primary.difference.ci95.high)}]`;
  const what = t(lang, 'reasonWhat', { outcome: primary.outcome, difference: fmt(primary.difference.mean), ci, n: primary.n });
  const bound =
    h.rule === 'smallest-effect'
      ? t(lang, 'reasonBoundEffect', { threshold: `${h.expect === 'lower' ? '−' : '+'}${fmt(h.smallestEffect)}` })
      : t(lang, 'reasonBoundZero');
  return t(lang, SENTENCE[basis], { what, bound });
}

// The numbers as verdict.json has always written them, in either language.
function fmt(x: number): string {
  return Number.isFinite(x) ? x.toLocaleString('en-US', { maximumSignificantDigits: 3 }) : String(x);
}
