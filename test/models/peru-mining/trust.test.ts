import { describe, expect, it } from 'vitest';
import { tinyWorld } from '../../helpers/tiny-world.js';
import { addSignal, createTrustScratch, registerBreach, stepTrust } from '../../../src/models/peru-mining/mechanisms/trust.js';
import { CHANNELS } from '../../../src/models/peru-mining/world.js';

const COMPANY = 0;
const NATIONAL = 1;

describe('trust update', () => {
  it('a broken commitment costs more trust than a fulfilled one gains (asymmetry λ⁻ = 3λ⁺)', () => {
    const fulfilled = tinyWorld({ parameters: { trust: { neighbourRate: 0 } } });
    const broken = tinyWorld({ parameters: { trust: { neighbourRate: 0 } } });
    const before = fulfilled.state.trust[NATIONAL];
    addSignal(fulfilled.state, 0, NATIONAL, 1);
    registerBreach(broken.world, broken.state, 0, NATIONAL);
    stepTrust(fulfilled.world, fulfilled.state, createTrustScratch(fulfilled.world));
    stepTrust(broken.world, broken.state, createTrustScratch(broken.world));
    const gain = fulfilled.state.trust[NATIONAL] - before;
    const loss = before - broken.state.trust[NATIONAL];
    // Hand-computed from the rule: gain = λ⁺·s·(Θ − T) with Θ = 1; loss = λ⁻·|s|·T.
    expect(gain).toBeCloseTo(0.1 * (1 - before), 12);
    expect(loss).toBeCloseTo(0.3 * before, 12);
    expect(loss / before).toBeGreaterThan(gain / (1 - before));
  });

  it('from the middle of the scale a breach undoes more than a fulfilment builds', () => {
    const fulfilled = tinyWorld({ parameters: { trust: { neighbourRate: 0 } } });
    const broken = tinyWorld({ parameters: { trust: { neighbourRate: 0 } } });
    fulfilled.state.trust[NATIONAL] = 0.5;
    broken.state.trust[NATIONAL] = 0.5;
    addSignal(fulfilled.state, 0, NATIONAL, 1);
    registerBreach(broken.world, broken.state, 0, NATIONAL);
    stepTrust(fulfilled.world, fulfilled.state, createTrustScratch(fulfilled.world));
    stepTrust(broken.world, broken.state, createTrustScratch(broken.world));
    expect(fulfilled.state.trust[NATIONAL] - 0.5).toBeCloseTo(0.05, 12);
    expect(0.5 - broken.state.trust[NATIONAL]).toBeCloseTo(0.15, 12);
  });

  it('after a breach the reputation ceiling holds trust down and recovers slowly', () => {
    const { world, state } = tinyWorld({ parameters: { trust: { neighbourRate: 0, reputationPerBreach: 0.5 } } });
    const scratch = createTrustScratch(world);
    registerBreach(world, state, 0, COMPANY);
    stepTrust(world, state, scratch);
    const ceilingAfterBreach = 1 - state.reputation[COMPANY];
    for (let month = 0; month < 200; month++) {
      addSignal(state, 0, COMPANY, 1);
      stepTrust(world, state, scratch);
      expect(state.trust[COMPANY]).toBeLessThanOrEqual(1 - state.reputation[COMPANY] + 1e-12);
    }
    expect(ceilingAfterBreach).toBeCloseTo(1 - 0.5 * Math.pow(0.5, 1 / 23), 12);
    expect(1 - state.reputation[COMPANY]).toBeGreaterThan(ceilingAfterBreach);
  });

  it('neighbouring communities pull trust together (bounded confidence)', () => {
    const { world, state } = tinyWorld({ parameters: { trust: { neighbourRate: 0.5, neighbourConfidence: 1 } } });
    state.trust[0 * CHANNELS + NATIONAL] = 0.9; // one community of the mine district trusts a lot
    const spreadBefore = 0.9 - state.trust[1 * CHANNELS + NATIONAL];
    stepTrust(world, state, createTrustScratch(world));
    const spreadAfter = state.trust[0 * CHANNELS + NATIONAL] - state.trust[1 * CHANNELS + NATIONAL];
    expect(spreadAfter).toBeLessThan(spreadBefore);
    expect(spreadAfter).toBeGreaterThan(0);
  });

  it('communities outside the confidence bound are not pulled', () => {
    const { world, state } = tinyWorld({ parameters: { trust: { neighbourRate: 0.5, neighbourConfidence: 0.01 } } });
    for (let c = 0; c < 3; c++) state.trust[c * CHANNELS + NATIONAL] = 0.9; // the whole mine district
    stepTrust(world, state, createTrustScratch(world));
    expect(state.trust[0 * CHANNELS + NATIONAL]).toBeCloseTo(0.9, 12);
  });

  it('keeps trust in [0, 1] under extreme signals', () => {
    const { world, state } = tinyWorld();
    const scratch = createTrustScratch(world);
    for (let month = 0; month < 50; month++) {
      for (let k = 0; k < state.signal.length; k++) state.signal[k] = month % 2 ? 50 : -50;
      stepTrust(world, state, scratch);
      for (const t of state.trust) expect(t >= 0 && t <= 1).toBe(true);
    }
  });
});
