/**
 * The stock fit (`ayni stock`): the shares of months inside a band, worked by hand on a
 * three-month window, and the command on a tiny scenario (good and bad input).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { summariseStock } from '../../src/experiments/stock-fit.js';
import { tempFolder } from '../helpers/temp.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ayni = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('summariseStock', () => {
  const months = [
    { month: '2010-01', p05: 60, p50: 80, p95: 100, meanActive: 60, meanRegistered: 80 },
    { month: '2010-02', p05: 75, p50: 90, p95: 105, meanActive: 70, meanRegistered: 90 },
    { month: '2010-03', p05: 90, p50: 120, p95: 150, meanActive: 90, meanRegistered: 120 },
  ];
  const fit = summariseStock('s.yaml', 10, { from: '2010-01', to: '2010-03', band: [70, 110] }, months);

  it('counts the months whose median, and whose whole 90% band, lies in the band', () => {
    // Medians 80 and 90 are inside, 120 is not; only month 2's band 75–105 is inside 70–110.
    expect(fit.medianInside).toBeCloseTo(2 / 3, 12);
    expect(fit.bandInside).toBeCloseTo(1 / 3, 12);
  });

  it('gives the mean, lowest and highest median and the active share of registered case-months', () => {
    expect(fit.medianMean).toBeCloseTo(290 / 3, 12);
    expect([fit.medianLow, fit.medianHigh]).toEqual([80, 120]);
    expect(fit.activeShare).toBeCloseTo(220 / 290, 12);
  });
});

describe('ayni stock', () => {
  it('runs a batch, prints the fit, writes the chart and fails a --require it does not meet', () => {
    const dir = tempFolder('stock');
    const file = join(dir, 'tiny.yaml');
    writeFileSync(file, stringify(tinyScenarioInput()));
    const out = join(dir, 'out');
    const svg = join(dir, 'stock.svg');
    // The same window and runs each time; the band (and a requirement) vary.
    const stock = (...band: string[]) =>
      ayni('stock', file, '--runs', '6', '--workers', '0', '--out', out, '--from', '2020-01', '--to', '2020-12', '--quiet', ...band);
    const r = stock('--band', '0,1000', '--svg', svg);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stock of registered cases: .*tiny\.yaml, 6 runs, 2020-01 to 2020-12 \(12 months\)/);
    expect(r.stdout).toMatch(/months with the median inside the band\s+100\.0%/);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg/);
    // A band no run can reach, with a requirement: exit 1 and a one-line reason.
    const strict = stock('--band', '5000,6000', '--require', '0.5');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^the median is inside the band in 0\.0% of the months; required 50\.0%\n$/);
  }, 60_000);

  it('rejects a bad window with exit 2 and names the option', () => {
    const dir = tempFolder('stock');
    const file = join(dir, 'tiny.yaml');
    writeFileSync(file, stringify(tinyScenarioInput()));
    const r = ayni('stock', file, '--from', '2020-13', '--out', join(dir, 'out'), '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from.*2020-13.*expected a month written YYYY-MM/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const band = ayni('stock', file, '--band', '9,3', '--quiet');
    expect(band.code).toBe(2);
    expect(band.stderr).toMatch(/--band.*low < high/);
  });
});
