/**
 * The national suite's wiring, with one timed run and no warm-up; the suite itself runs on the
 * national baseline in `ayni bench` (from .ci/run). Here the "national" world is the corridor
 * with a 24-month spin-up, because a national run under vitest's module transform takes about
 * ten times what it takes from dist/ (11 s against 1 s here). No timing is asserted, only that
 * the suite reports its fields and that its numbers agree with each other (the project's rule:
 * speed is judged by ratios in `ayni bench`, never by timed tests).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario-file.js';
import { shippedScenario } from '../../src/io/version.js';
import { isPeruMining } from '../../src/models/registry.js';
import { compileWorld } from '../../src/models/peru-mining/world.js';
import { parseScenario } from '../../src/models/peru-mining/validate.js';
import { measureNational } from '../../src/perf/national.js';

describe('national suite', () => {
  it('times a run beside a corridor run and reports the shape, the costs and their ratio', async () => {
    const loaded = loadScenario(shippedScenario('corridor.yaml'));
    if (!loaded.success || !isPeruMining(loaded.data.scenario)) throw new Error('the shipped corridor is invalid');
    const corridor = loaded.data.scenario;
    // The corridor starts in 2010-01 and runs 240 months: outcomes from 2012-01 leave 216 counted.
    const spunUp = parseScenario({ ...corridor, outcomesFrom: '2012-01' });
    if (!spunUp.success) throw new Error(JSON.stringify(spunUp.error));
    const r = await measureNational(compileWorld(spunUp.data), compileWorld(corridor), true, { runs: 1, warmups: 0 });
    expect([r.districts, r.communities, r.projects]).toEqual([10, 44, 1]);
    expect([r.simulatedMonths, r.countedMonths]).toEqual([240, 216]);
    expect(r.samples).toBe(1);
    expect(r.corridor).toMatchObject({ communities: 44, months: 240 });
    for (const v of [r.msPerRun, r.communityMonthsPerSecond, r.nsPerCommunityMonth, r.corridor.msPerRun, r.ratioToCorridor]) {
      expect(Number.isFinite(v) && v > 0).toBe(true);
    }
    // One sample is its own mean, median, minimum and maximum.
    expect([r.medianMs, r.minMs, r.maxMs]).toEqual([r.msPerRun, r.msPerRun, r.msPerRun]);
    // Community-months count the simulated months, the spin-up included, and the figures agree.
    const communityMonths = 44 * 240;
    expect(r.communityMonthsPerSecond).toBeCloseTo((communityMonths * 1000) / r.msPerRun, 3);
    expect(r.nsPerCommunityMonth).toBeCloseTo((r.msPerRun * 1e6) / communityMonths, 6);
    expect(r.corridor.nsPerCommunityMonth).toBeCloseTo((r.corridor.msPerRun * 1e6) / communityMonths, 6);
    expect(r.ratioToCorridor).toBeCloseTo(r.nsPerCommunityMonth / r.corridor.nsPerCommunityMonth, 9);
  });
});
