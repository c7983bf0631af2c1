/**
 * Issue #20 on hand-built worlds: spending people notice (works, not soles), misused money as a
 * grievance, and disputes over mining revenue that any district can voice.
 */
import { describe, expect, it } from 'vitest';
import { tinyScenario, tinyWorld } from '../../helpers/tiny-world.js';
import { createHardshipScratch, stepHardship } from '../../../src/models/peru-mining/mechanisms/hardship.js';
import { stepDisputes } from '../../../src/models/peru-mining/mechanisms/disputes.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

/** The district part of hardship of the mine district after one hardship step from a set state. */
function districtHardship(set: (state: ReturnType<typeof tinyWorld>['state']) => void): number {
  const { world, state } = tinyWorld();
  set(state);
  const scratch = createHardshipScratch(world);
  stepHardship(world, state, scratch);
  return scratch.districtHardship[0] ?? Number.NaN;
}

describe('spending people notice', () => {
  it('relieves hardship with diminishing returns: each block of works per person closes less of the gap', () => {
    const at = (works: number) => districtHardship((s) => (s.benefit[0] = works));
    const gap = tinyWorld().world.parameters.revenue.worksGapPerPerson;
    const [h0, h1, h2, h3] = [0, 1, 2, 3].map((k) => at(k * gap));
    expect(h1).toBeLessThan(h0);
    // 1 − e^(−x/gap): the k-th block relieves e^(−(k−1)) of the first block's relief.
    expect((h1 - h2) / (h0 - h1)).toBeCloseTo(Math.exp(-1), 6);
    expect((h2 - h3) / (h1 - h2)).toBeCloseTo(Math.exp(-1), 6);
  });

  it('money held unspent or wasted is a grievance of its own', () => {
    const idle = districtHardship((s) => (s.balance[tinyWorld().world.firstMunicipality] = 100 * 10_000 * 2_000));
    const wasted = districtHardship((s) => (s.wasted[0] = 2_000));
    const none = districtHardship(() => {});
    expect(idle).toBeGreaterThan(none);
    expect(wasted).toBeGreaterThan(none);
  });

  it('more execution of visible works means less hardship; stalled works relieve nothing', () => {
    const run = (executionRate: number, stalledWorksShare: number) => {
      const scenario = tinyScenario({
        months: 72,
        government: { defaults: { municipality: { executionRate }, region: { executionRate } } },
        parameters: { revenue: { stalledWorksShare } },
      });
      return simulate(scenario, { seed: 1 }).outcomes.meanGrievance;
    };
    const low = run(0.2, 0.1);
    const high = run(0.9, 0.1);
    const highButStalled = run(0.9, 1);
    expect(high).toBeLessThan(low);
    expect(highButStalled).toBeGreaterThan(high);
  });
});

describe('disputes over mining revenue', () => {
  // Ten years, the price changing after five, once receipts and what districts expect have settled:
  // a copper price that doubles doubles the royalties at once and the next year's canon.
  const price = (value: number) => ({
    months: 120,
    exogenous: {
      prices: {
        copper: {
          kind: 'path',
          points: [
            { month: '2024-12', value: 8000 },
            { month: '2025-01', value },
          ],
        },
      },
    },
  });
  const slump = price(3000);

  it('a windfall raises the chance a dispute starts, and a dispute costs the municipality trust', () => {
    // One month of stepDisputes from a set state, over many seeds: receipts twice what the
    // district expects against receipts as expected.
    const starts = (ratio: number) => {
      let n = 0;
      for (let seed = 1; seed <= 400; seed++) {
        const { world, state } = tinyWorld({}, 3, seed);
        state.expectedPerCapita.fill(1000);
        state.receivedPerCapita.fill(1000 * ratio);
        stepDisputes(world, state, createHardshipScratch(world));
        n += state.month.disputesStarted;
      }
      return n;
    };
    expect(starts(2)).toBeGreaterThan(starts(1));
    const { world, state } = tinyWorld();
    state.disputeActive[0] = 1;
    stepDisputes(world, state, createHardshipScratch(world));
    const local = 3;
    expect(state.signal[0 * 4 + local]).toBeLessThan(0);
    expect(state.signal[3 * 4 + local]).toBe(0);
  });

  it('a district that loses revenue mobilises, without any project relation', () => {
    // A third district in another province of the department: it receives only the department tier.
    const far = {
      months: 120,
      territory: {
        provinces: [
          { id: 'prov', name: 'Province', department: 'dep' },
          { id: 'far-prov', name: 'Far province', department: 'dep' },
        ],
        districts: [
          { id: 'mine', name: 'mine', province: 'prov', population: 10000, poverty: 0.6 },
          { id: 'road', name: 'road', province: 'prov', population: 10000, poverty: 0.6 },
          { id: 'far', name: 'far', province: 'far-prov', population: 10000, poverty: 0.6 },
        ],
      },
    };
    const disputeMonthsOfFar = (overlay: Record<string, unknown>) => {
      const scenario = tinyScenario({ ...far, ...overlay });
      return SEEDS.reduce((sum, seed) => {
        let since = -1;
        let months = 0;
        for (const e of simulate(scenario, { seed, events: true }).events ?? []) {
          if (!('district' in e) || e.district !== 'far' || e.month < 60) continue;
          if (e.type === 'revenue-dispute') since = e.month;
          if (e.type === 'revenue-dispute-ended' && since >= 0) {
            months += e.month - since;
            since = -1;
          }
        }
        return sum + months + (since >= 0 ? scenario.months - since : 0);
      }, 0);
    };
    // The slump also shrinks the money that can sit idle or be wasted; weighing misuse at 0 isolates the loss.
    const lossOnly = { parameters: { disputes: { misuseWeight: 0 } } };
    const base = disputeMonthsOfFar(lossOnly);
    const afterSlump = disputeMonthsOfFar({ ...slump, ...lossOnly });
    expect(afterSlump).toBeGreaterThan(base);
  });
});
