/** The month's counters are zeroed in place (step.ts), not replaced by a new object: every counter, none left over. */
import { describe, expect, it } from 'vitest';
import { emptyCounters, resetCounters, type MonthCounters } from '../../../src/models/peru-mining/state.js';

describe('resetCounters', () => {
  it('zeroes every counter that emptyCounters creates, in the same object', () => {
    const m = emptyCounters();
    const names = Object.keys(m) as Array<keyof MonthCounters>;
    for (const [i, name] of names.entries()) m[name] = i + 1;
    resetCounters(m);
    expect(m).toEqual(emptyCounters());
    expect(Object.keys(m)).toEqual(names);
  });
});
