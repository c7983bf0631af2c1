/** The reproduction page says what the numbers say, whichever way they go. */
import { describe, expect, it } from 'vitest';
import { civilViolenceDoc } from '../../src/docs/civil-violence-doc.js';
import type { LegitimacyResult, Reproduction } from '../../src/experiments/civil-violence-reproduction.js';

const legitimacy = (low: number, high: number, gradualPeak: number): LegitimacyResult => ({
  form: 'floor',
  runs: 20,
  fromStep: 77,
  gradualPeak: { mean: gradualPeak, ci95: { low: gradualPeak - 5, high: gradualPeak + 5 } },
  jumpPeak: { mean: 300, ci95: { low: 290, high: 310 } },
  difference: { mean: (low + high) / 2, ci95: { low, high }, wilcoxonP: 0.01, jumpHigher: 15 },
  gradualMean: [],
  jumpMean: [],
});
const page = (l: LegitimacyResult) =>
  civilViolenceDoc({ runs: 20, punctuated: [], legitimacy: [l], tipping: [] } as Reproduction, {
    ayniVersion: 'test',
    nodeVersion: 'v20',
    msPerRun: 100,
  });

describe('docs/reference-epstein.md', () => {
  it('reports agreement with Epstein only when the paired interval is above zero', () => {
    expect(page(legitimacy(50, 90, 20))).toMatch(
      /the jump gives the larger outburst, as Epstein reports .*the gradual fall produces no outburst on average/,
    );
    expect(page(legitimacy(-90, -50, 400))).toMatch(
      /the gradual fall gives the larger outburst, contrary to Epstein .*not reproduced in full/,
    );
    expect(page(legitimacy(-10, 20, 400))).toMatch(/the two cannot be told apart/);
  });
});
