import { describe, expect, it } from 'vitest';
import { decide } from '../../src/experiments/hypothesis.js';
import { hypothesis, withInterval } from '../helpers/hypotheses.js';
import { verdictReason } from '../../src/report/verdict-reason.js';

describe('the sentence behind a verdict', () => {
  const cases = [
    [
      'smallest-effect',
      -30,
      -12,
      'beyond',
      'the whole interval is beyond the smallest effect that matters (−10) in the expected direction',
    ],
    ['smallest-effect', -8, 3, 'short-of', 'the whole interval is short of the smallest effect that matters (−10)'],
    ['excludes-zero', 1, 3, 'other-side', 'the whole interval is on the other side of zero'],
    ['excludes-zero', -3, 1, 'straddles', 'the interval straddles zero'],
    ['excludes-zero', Number.NaN, Number.NaN, 'no-interval', 'no interval could be computed'],
  ] as const;
  for (const [rule, low, high, basis, ending] of cases) {
    it(`${rule} [${low}, ${high}]: ${basis}`, () => {
      const h = hypothesis(rule);
      const primary = withInterval(low, high);
      const decided = decide(h, primary);
      expect(decided.basis).toBe(basis);
      const reason = verdictReason(h, primary, decided.basis);
      expect(reason.startsWith(`activeConflictMonths: variant − base = ${Number.isNaN(low) ? 'NaN' : (low + high) / 2}, 95% CI`)).toBe(
        true,
      );
      expect(reason).toContain('100 paired runs');
      expect(reason.endsWith(ending)).toBe(true);
    });
  }

  it('is worded in Spanish with the same numbers', () => {
    const h = hypothesis('smallest-effect');
    const primary = withInterval(-30, -12);
    const reason = verdictReason(h, primary, decide(h, primary).basis, 'es');
    expect(reason).toBe(
      'activeConflictMonths: variante − base = -21, IC 95 % [-30, -12], 100 corridas pareadas; todo el intervalo va más allá del efecto mínimo relevante (−10) en la dirección esperada',
    );
  });
});
