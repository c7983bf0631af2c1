import { describe, expect, it } from 'vitest';
import { tinyScenario, tinyWorld } from '../../helpers/tiny-world.js';
import { createRevenueScratch, distribute, stepRevenue } from '../../../src/models/peru-mining/mechanisms/revenue.js';
import { stepProjects } from '../../../src/models/peru-mining/mechanisms/projects.js';
import { stepPrices } from '../../../src/models/peru-mining/mechanisms/prices.js';
import { compileWorld } from '../../../src/models/peru-mining/world.js';
import { createState } from '../../../src/models/peru-mining/state.js';
import { createStreams } from '../../../src/engine/streams.js';
import { createStepScratch, stepMonth } from '../../../src/models/peru-mining/step.js';
import { createSeries } from '../../../src/models/peru-mining/metrics.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('revenue splits', () => {
  it('hands every cent of a canon transfer to the tiers: 10% district, 25% province, 40% department, 20% region, 5% universities', () => {
    const { world, state } = tinyWorld();
    const scratch = createRevenueScratch(world);
    const amount = 1_000_000_007;
    distribute(world, state, scratch, 0, amount, world.policies.revenue.canon);
    const mine = world.firstMunicipality + 0;
    const road = world.firstMunicipality + 1;
    const region = world.firstRegion;
    expect(sum(state.transferred) + sum(state.universities)).toBe(amount);
    // Both districts are in the producing province and department (equal weights), so the
    // mine district gets 10% + half of 25% + half of 40%, the road district the other halves.
    expect(state.transferred[mine]).toBeCloseTo(amount * (0.1 + 0.125 + 0.2), -1);
    expect(state.transferred[road]).toBeCloseTo(amount * (0.125 + 0.2), -1);
    expect(state.transferred[region]).toBeCloseTo(amount * 0.2, -1);
    expect(state.universities[0]).toBeCloseTo(amount * 0.05, -1);
  });

  it('a corridor share reaches the corridor district, which otherwise gets nothing outside the province', () => {
    const overlay = {
      territory: {
        provinces: [
          { id: 'prov', name: 'Province', department: 'dep' },
          { id: 'other', name: 'Other', department: 'dep2' },
        ],
        departments: [
          { id: 'dep', name: 'Department' },
          { id: 'dep2', name: 'Corridor department' },
        ],
        districts: [
          { id: 'mine', name: 'mine', province: 'prov', population: 10000, poverty: 0.6 },
          { id: 'road', name: 'road', province: 'other', population: 10000, poverty: 0.6 },
        ],
      },
    };
    const base = tinyWorld(overlay);
    distribute(base.world, base.state, createRevenueScratch(base.world), 0, 1_000_000, base.world.policies.revenue.canon);
    expect(base.state.transferred[base.world.firstMunicipality + 1]).toBe(0);

    const reform = tinyWorld({
      ...overlay,
      policies: {
        revenue: {
          canon: {
            producingDistrict: 0.1,
            producingProvince: 0.25,
            producingDepartment: 0.3,
            regionalGovernment: 0.2,
            universities: 0.05,
            corridorDistricts: 0.1,
          },
        },
      },
    });
    distribute(reform.world, reform.state, createRevenueScratch(reform.world), 0, 1_000_000, reform.world.policies.revenue.canon);
    expect(reform.state.transferred[reform.world.firstMunicipality + 1]).toBe(100_000);
    expect(sum(reform.state.transferred) + sum(reform.state.universities)).toBe(1_000_000);
  });

  it('conserves money exactly over a whole run: transferred = held + executed', () => {
    const world = compileWorld(tinyScenario({ months: 60 }));
    const state = createState(world, createStreams(3), null);
    const scratch = createStepScratch(world);
    const series = createSeries(world.months);
    let canon = 0;
    let royalties = 0;
    const levels = { toMunicipalities: 0, toRegions: 0, toUniversities: 0, executedByMunicipalities: 0, executedByRegions: 0 };
    for (state.t = 0; state.t < world.months; state.t++) {
      stepMonth(world, state, scratch, series);
      canon += state.month.canonTransferred;
      royalties += state.month.royaltiesTransferred;
      for (const key of Object.keys(levels) as Array<keyof typeof levels>) levels[key] += state.month[key];
      for (let a = 0; a < world.actorIds.length; a++) {
        expect(state.transferred[a]).toBe(state.balance[a] + state.executed[a]);
        expect(Number.isInteger(state.balance[a])).toBe(true);
      }
    }
    expect(canon).toBeGreaterThan(0);
    expect(sum(state.transferred) + sum(state.universities)).toBe(canon + royalties);
    expect(levels.toMunicipalities + levels.toRegions + levels.toUniversities).toBe(canon + royalties);
    expect(levels.executedByMunicipalities + levels.executedByRegions).toBe(sum(state.executed));
  });

  it('a blockade halts production, and with it royalties', () => {
    const { world, state } = tinyWorld();
    const scratch = createRevenueScratch(world);
    stepPrices(world, state);
    stepProjects(world, state);
    stepRevenue(world, state, scratch);
    expect(state.month.production).toBeGreaterThan(0);
    expect(state.month.royaltiesTransferred).toBeGreaterThan(0);
    state.t = 1;
    state.month.production = 0;
    state.month.royaltiesTransferred = 0;
    state.haltedShare[0] = 1;
    stepRevenue(world, state, scratch);
    expect(state.month.production).toBe(0);
    expect(state.month.potentialProduction).toBeGreaterThan(0);
    expect(state.month.royaltiesTransferred).toBe(0);
  });

  it('a blockade of part of the month cuts production by that share of its days', () => {
    const { world, state } = tinyWorld();
    const scratch = createRevenueScratch(world);
    stepPrices(world, state);
    stepProjects(world, state);
    state.haltedShare[0] = 0.25;
    stepRevenue(world, state, scratch);
    expect(state.month.potentialProduction).toBeGreaterThan(0);
    expect(state.month.production).toBeCloseTo(0.75 * state.month.potentialProduction, 9);
  });

  it('blockades cut the canon of the following year', () => {
    const calm = tinyScenario({ months: 60, parameters: { protest: { blockadeShare: 0, crisisBlockadeShare: 0 } } });
    const blocked = tinyScenario({
      months: 60,
      parameters: {
        conflict: { emergeRate: 1, activateRate: 1, escalateRate: 1, crisisRate: 1, crisisMedianDays: 30 },
        protest: { blockadeShare: 1, crisisBlockadeShare: 1 },
      },
      policies: { dialogue: { timing: 'none' } },
    });
    const a = simulate(calm, { seed: 5 }).outcomes;
    const b = simulate(blocked, { seed: 5 }).outcomes;
    expect(b.blockadeMonths).toBeGreaterThan(0);
    expect(b.productionLostShare).toBeGreaterThan(a.productionLostShare);
    expect(b.canonTransferred).toBeLessThan(a.canonTransferred);
  });
});

describe('ESG standards', () => {
  it('raise every company to the standard, lowering the exposure of its communities', async () => {
    const { compileWorld } = await import('../../../src/models/peru-mining/world.js');
    const low = compileWorld(tinyScenario({ companies: [{ id: 'co', name: 'Company', esg: 0.1 }] }));
    const regulated = compileWorld(tinyScenario({ companies: [{ id: 'co', name: 'Company', esg: 0.1 }], policies: { esgStandard: 0.8 } }));
    const above = compileWorld(tinyScenario({ companies: [{ id: 'co', name: 'Company', esg: 0.9 }], policies: { esgStandard: 0.8 } }));
    expect(low.companyEsg[0]).toBeCloseTo(0.1, 12);
    expect(regulated.companyEsg[0]).toBeCloseTo(0.8, 12);
    expect(above.companyEsg[0]).toBeCloseTo(0.9, 12);
    const hardship = (s: ReturnType<typeof tinyScenario>) => simulate(s, { seed: 2 }).outcomes.meanGrievance;
    expect(
      hardship(tinyScenario({ months: 36, companies: [{ id: 'co', name: 'Company', esg: 0.1 }], policies: { esgStandard: 0.8 } })),
    ).toBeLessThan(hardship(tinyScenario({ months: 36, companies: [{ id: 'co', name: 'Company', esg: 0.1 }] })));
  });
});
