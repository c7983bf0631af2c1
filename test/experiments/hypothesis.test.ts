import { describe, expect, it } from 'vitest';
import { decide } from '../../src/experiments/hypothesis.js';
import { hypothesis, withInterval } from '../helpers/hypotheses.js';

describe('pre-registered decision rules', () => {
  it('smallest-effect: supported only when the whole interval is beyond the smallest effect', () => {
    expect(decide(hypothesis('smallest-effect'), withInterval(-30, -12)).verdict).toBe('supported');
    expect(decide(hypothesis('smallest-effect'), withInterval(-30, -5)).verdict).toBe('inconclusive');
    expect(decide(hypothesis('smallest-effect'), withInterval(-8, 3)).verdict).toBe('contradicted');
    expect(decide(hypothesis('smallest-effect'), withInterval(2, 9)).verdict).toBe('contradicted');
  });

  it('excludes-zero: the sign of the whole interval decides', () => {
    expect(decide(hypothesis('excludes-zero'), withInterval(-3, -1)).verdict).toBe('supported');
    expect(decide(hypothesis('excludes-zero'), withInterval(-3, 1)).verdict).toBe('inconclusive');
    expect(decide(hypothesis('excludes-zero'), withInterval(1, 3)).verdict).toBe('contradicted');
  });

  it('expect: higher turns the directions', () => {
    expect(decide(hypothesis('smallest-effect', 'higher'), withInterval(12, 30)).verdict).toBe('supported');
    expect(decide(hypothesis('smallest-effect', 'higher'), withInterval(-30, -12)).verdict).toBe('contradicted');
  });
});
