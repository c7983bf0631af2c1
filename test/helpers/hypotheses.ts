/** A hypothesis on activeConflictMonths (expected lower by default) and a primary outcome with a given interval. */
import type { OutcomeComparison } from '../../src/experiments/compare.js';
import { HypothesisSchema } from '../../src/experiments/hypothesis.js';

export const hypothesis = (rule: 'smallest-effect' | 'excludes-zero', expect: 'lower' | 'higher' = 'lower') =>
  HypothesisSchema.parse({
    statement: 's',
    base: 'b.yaml',
    variant: 'v.yaml',
    primary: 'activeConflictMonths',
    expect,
    smallestEffect: 10,
    rule,
  });

export const withInterval = (low: number, high: number) =>
  ({
    outcome: 'activeConflictMonths',
    n: 100,
    difference: { mean: (low + high) / 2, ci95: { low, high } },
  }) as unknown as OutcomeComparison;
