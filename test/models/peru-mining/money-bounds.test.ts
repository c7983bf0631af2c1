/**
 * Every valid scenario finishes (issue #14, item 12): stochastic prices are bounded by
 * parameters.prices.ceiling, and money beyond the range counted to the cent fails the run
 * with a clear message instead of hanging in apportion.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenario, tinyScenarioInput, tinyWorld } from '../../helpers/tiny-world.js';
import { stepPrices } from '../../../src/models/peru-mining/mechanisms/prices.js';
import { simulate } from '../../../src/models/peru-mining/simulate.js';
import { RunFailure } from '../../../src/engine/run-failure.js';
import { tempFolder } from '../../helpers/temp.js';

const cli = new URL('../../../dist/src/cli/main.js', import.meta.url).pathname;

/** The highest price of `months` months of the tiny world's copper under `process`. */
function highestPrice(process: Record<string, unknown>, parameters: Record<string, unknown> = {}, months = 1200, seed = 1): number {
  // points: null drops the tiny world's price path (overlays merge objects).
  const { world, state } = tinyWorld({ exogenous: { prices: { copper: { points: null, ...process } } }, parameters }, 3, seed);
  let highest = 0;
  for (let t = 0; t < months; t++) {
    state.t = t;
    stepPrices(world, state);
    highest = Math.max(highest, state.price[0] as number);
  }
  return highest;
}

describe('price ceiling', () => {
  it('a gbm price stops at ceiling × its initial price (default 20)', () => {
    const gbm = { kind: 'gbm', initial: 7500, drift: 0.5, volatility: 0 };
    expect(highestPrice(gbm)).toBe(20 * 7500);
    expect(highestPrice(gbm, { prices: { ceiling: 5 } })).toBe(5 * 7500);
    // Without reaching the ceiling, the path is the plain gbm.
    expect(highestPrice(gbm, {}, 12)).toBeCloseTo(7500 * Math.exp(0.5 * (11 / 12)), 6);
  });

  it('a reverting price stops at ceiling × the higher of its initial and long-run prices', () => {
    let highest = 0;
    for (let seed = 1; seed <= 5; seed++)
      highest = Math.max(highest, highestPrice({ kind: 'reverting', initial: 5000, longRun: 7500, volatility: 2 }, {}, 1200, seed));
    expect(highest).toBe(20 * 7500);
  });
});

describe('money beyond the exact range', () => {
  it('fails the run with a RunFailure that names the project, the month and the amount', () => {
    const scenario = tinyScenario({
      projects: [{ ...tinyScenarioInput().projects?.[0], output: 1e10 }],
      exogenous: { prices: { copper: { kind: 'path', points: [{ month: '2020-01', value: 1e9 }] } } },
    });
    expect(() => simulate(scenario, { seed: 1 })).toThrow(RunFailure);
    expect(() => simulate(scenario, { seed: 1 })).toThrow(
      /^money beyond the range counted to the cent \(9\.01e\+13 soles\): the month's regalías of project mine reached 9\.25e\+16 soles in 2020-01 \(copper price 1\.00e\+9\)/,
    );
  });

  it("the issue's runs finish: gbm with drift 0.5 over 1200 months, and a reverting price with volatility 2", () => {
    const dir = tempFolder('money');
    const gbm = spawnSync(
      process.execPath,
      [
        cli,
        'run',
        '--json',
        '--set',
        'months=1200',
        '--set',
        'exogenous.prices.copper={kind: gbm, initial: 7500, drift: 0.5, volatility: 0}',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(gbm.signal).toBeNull();
    expect(gbm.status).toBe(0);
    expect(JSON.parse(gbm.stdout).outcomes.royaltiesTransferred).toBeGreaterThan(0);
    const file = join(dir, 'volatile.yaml');
    writeFileSync(
      file,
      stringify({
        ...tinyScenarioInput(),
        months: 1200,
        exogenous: { prices: { copper: { kind: 'reverting', initial: 7500, longRun: 7500, volatility: 2 } } },
      }),
    );
    const batch = spawnSync(process.execPath, [cli, 'batch', file, '--runs', '40', '--workers', '0', '--out', join(dir, 'batch')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(batch.signal).toBeNull();
    expect(batch.status).toBe(0);
    expect(batch.stderr).toMatch(/40 of 40 runs completed/);
  }, 200_000);

  it('ayni run reports such a run in one line, exit 1, no stack trace', () => {
    const r = spawnSync(
      process.execPath,
      [
        cli,
        'run',
        '--set',
        'projects.0.output=1e10',
        '--set',
        'exogenous.prices.copper={kind: path, points: [{month: "2010-01", value: 1e9}]}',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^ayni: run failed: money beyond the range counted to the cent .* of project corridor-mine reached .* soles in \d{4}-\d{2} \(copper price 1\.00e\+9\); lower the project's output or the price series \(see parameters\.prices\.ceiling\)\n$/,
    );
  }, 60_000);
});
