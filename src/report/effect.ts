/**
 * What a paired difference says, from its 95% interval and never from its point estimate
 * alone: an improvement or a deterioration only when the whole interval is on one side of
 * zero, "no clear difference" when it holds zero (or could not be computed). The report's
 * colours, words and counts all come from this one rule. Pure.
 */
import type { Better } from '../engine/model.js';

export type Effect = 'improvement' | 'deterioration' | 'unclear' | 'neutral';

/** The effects in the order a legend shows them. */
export const EFFECTS: readonly Effect[] = ['improvement', 'deterioration', 'unclear', 'neutral'];

export interface PairedDifference {
  readonly better: Better;
  readonly difference: { readonly ci95: { readonly low: number; readonly high: number } };
}

/** `neutral` for an outcome with no better direction; otherwise what the interval shows. */
export function effectOf(r: PairedDifference): Effect {
  if (r.better === 'neutral') return 'neutral';
  const { low, high } = r.difference.ci95;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return 'unclear';
  // An interval touching zero does not exclude it.
  if (low <= 0 && high >= 0) return 'unclear';
  const rises = low > 0;
  return rises === (r.better === 'higher') ? 'improvement' : 'deterioration';
}

/** Okabe & Ito colours: bluish green, vermilion; grey for unclear, light grey for no direction. */
export const EFFECT_COLOUR: Readonly<Record<Effect, string>> = {
  improvement: '#009E73',
  deterioration: '#D55E00',
  unclear: '#8c8c8c',
  neutral: '#c7c7c7',
};
