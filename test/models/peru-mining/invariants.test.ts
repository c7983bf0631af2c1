import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/models/peru-mining/validate.js';
import { syntheticScenario } from '../../../src/models/peru-mining/synthetic.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';
import { type SERIES_NAMES, seriesColumn } from '../../../src/models/peru-mining/metrics.js';
import { OUTCOME_NAMES } from '../../../src/models/peru-mining/outcomes.js';

const variants: Array<Record<string, unknown>> = [
  {},
  { policies: { dialogue: { timing: 'early', convener: 'broker' } } },
  { policies: { dialogue: { timing: 'none' }, coordination: { singleOffice: true, commitmentRegistry: true } } },
  { policies: { civilService: { turnoverMultiplier: 5 }, illegalMining: { enforcement: 1, formalisation: 0 } } },
];

describe('invariants over small random territories', () => {
  for (const [i, overlay] of variants.entries()) {
    for (const layout of [1, 2, 3]) {
      it(`variant ${i}, layout ${layout}: trust in [0,1], finite outputs, consistent counts`, () => {
        const doc = { ...syntheticScenario({ communities: 60, months: 96, seed: layout }), ...overlay };
        const parsed = parseScenario(doc);
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        const run = simulate(parsed.data, { seed: layout * 100 + i });
        const months = 96;
        for (const v of run.series) expect(Number.isFinite(v)).toBe(true);
        for (const name of OUTCOME_NAMES) expect(Number.isFinite(run.outcomes[name])).toBe(true);
        for (const name of ['trustCompany', 'trustNational', 'trustRegional', 'trustLocal'] as const) {
          for (const t of seriesColumn(run.series, months, name)) expect(t >= 0 && t <= 1).toBe(true);
        }
        const col = (n: (typeof SERIES_NAMES)[number]) => seriesColumn(run.series, months, n);
        for (let t = 0; t < months; t++) {
          const phases =
            col('phaseTemprana')[t] +
            col('phaseEscalamiento')[t] +
            col('phaseCrisis')[t] +
            col('phaseDesescalamiento')[t] +
            col('phaseDialogo')[t];
          expect(phases).toBe(col('casesActive')[t]);
          expect(col('casesReactivated')[t]).toBeLessThanOrEqual(col('casesActive')[t]);
          expect(col('production')[t]).toBeLessThanOrEqual(col('productionPotential')[t]);
          const commitments =
            col('commitmentsOpen')[t] + col('commitmentsFulfilled')[t] + col('commitmentsBroken')[t] + col('commitmentsOrphaned')[t];
          if (t > 0)
            expect(commitments).toBeGreaterThanOrEqual(
              col('commitmentsOpen')[t - 1] +
                col('commitmentsFulfilled')[t - 1] +
                col('commitmentsBroken')[t - 1] +
                col('commitmentsOrphaned')[t - 1],
            );
        }
        const o = run.outcomes;
        expect(o.commitmentsFulfilled + o.commitmentsBroken + o.commitmentsOrphaned + o.commitmentsOpen).toBe(o.commitmentsMade);
        expect(o.productionLostShare >= 0 && o.productionLostShare <= 1).toBe(true);
        expect(o.canonExecuted).toBeLessThanOrEqual(o.canonTransferred + o.royaltiesTransferred + 1e-6);
      });
    }
  }
});
