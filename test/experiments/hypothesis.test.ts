import { describe, expect, it } from 'vitest';
import { decide, HypothesisSchema } from '../../src/experiments/hypothesis.js';
import type { OutcomeComparison } from '../../src/experiments/compare.js';

const hypothesis = (rule: 'smallest-effect' | 'excludes-zero', expect: 'lower' | 'higher' = 'lower') =>
  HypothesisSchema.parse({
    statement: 's',
    base: 'b.yaml',
    variant: 'v.yaml',
    primary: 'activeConflictMonths',
    expect,
    smallestEffect: 10,
    rule,
  });
const withInterval = (low: number, high: number) =>
  ({
    outcome: 'activeConflictMonths',
    n: 100,
    difference: { mean: (low + high) / 2, ci95: { low, high } },
  }) as unknown as OutcomeComparison;

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
