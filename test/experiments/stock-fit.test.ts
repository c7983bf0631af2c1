/**
 * The stock fit (`ayni stock`): the shares of months inside a band, worked by hand on a
 * three-month window; the record of dated months (parsed, checked, compared by hand; the shipped
 * data/peru/stock-record.csv valid); and the command on a tiny scenario (good and bad input).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { summariseStock } from '../../src/experiments/stock-fit.js';
import { compareWithRecord, parseStockRecord } from '../../src/experiments/stock-record.js';
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

const HEADER = 'month,low,high,how,confidence,counts,source';

describe('the record of dated months', () => {
  const months = [
    { month: '2010-01', p05: 60, p50: 80, p95: 100, meanActive: 60, meanRegistered: 80 },
    { month: '2010-02', p05: 75, p50: 90, p95: 105, meanActive: 70, meanRegistered: 90 },
    { month: '2010-03', p05: 90, p50: 120, p95: 150, meanActive: 90, meanRegistered: 120 },
  ];

  it('compares each recorded month in the window with the runs: inside the 90% band or not, and the bias', () => {
    const text = `${HEADER}\n2010-01,100,112.5,derived,high,"all 250 × 40–45%",R0\n2010-02,110,110,stated,medium,mining,R1\n2010-03,80,85,stated,high,mining,R2\n2011-06,90,90,stated,high,mining,R3\n`;
    const record = parseStockRecord(text, 'r.csv');
    expect(record.success).toBe(true);
    if (!record.success) return;
    expect(record.data).toHaveLength(4);
    expect(record.data[0]).toMatchObject({ month: '2010-01', low: 100, high: 112.5, how: 'derived', counts: 'all 250 × 40–45%' });
    const fit = compareWithRecord(record.data, months);
    // 2011-06 is outside the window. 100–112.5 meets 60–100; 110 is above 75–105; 80–85 is below 90–150.
    expect(fit.points.map((p) => [p.month, p.withinBand])).toEqual([
      ['2010-01', true],
      ['2010-02', false],
      ['2010-03', false],
    ]);
    expect(fit.covered).toBeCloseTo(1 / 3, 12);
    // Medians minus midpoints: 80 − 106.25, 90 − 110, 120 − 82.5.
    expect(fit.meanBias).toBeCloseTo((80 - 106.25 + (90 - 110) + (120 - 82.5)) / 3, 12);
  });

  it('names the row and the column of each bad cell', () => {
    const bad = parseStockRecord(`${HEADER}\n2010-13,100,90,guessed,high,x,R0\n`, 'r.csv');
    expect(bad.success).toBe(false);
    if (bad.success) return;
    const where = bad.error.map((i) => i.path.join('.'));
    expect(where).toEqual(expect.arrayContaining(['row 2.month', 'row 2.how']));
    expect(bad.error.every((i) => i.file === 'r.csv')).toBe(true);
    const empty = parseStockRecord(`${HEADER}\n`, 'r.csv');
    expect(empty.success ? [] : empty.error.map((i) => i.message)).toEqual(['holds no recorded month']);
    const extra = parseStockRecord(`${HEADER},note\n2010-01,1,2,stated,high,x,R0,oops\n`, 'r.csv');
    expect(extra.success ? [] : extra.error.map((i) => i.message)).toEqual([expect.stringMatching(/^unknown column note/)]);
    // A blank or non-decimal count is refused, not read as 0 or as hex.
    for (const low of ['', '0x10', '1e2', '-3']) {
      const r = parseStockRecord(`${HEADER}\n2010-01,${low},112,stated,high,x,R0\n`, 'r.csv');
      expect(r.success ? [] : r.error.map((i) => i.path.join('.')), JSON.stringify(low)).toEqual(['row 2.low']);
    }
    // A missing column: one issue, not one a row.
    const noConfidence = parseStockRecord('month,low,high,how,counts,source\n2010-01,1,2,stated,x,R0\n2010-02,1,2,stated,x,R0\n', 'r.csv');
    expect(noConfidence.success ? [] : noConfidence.error.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['header', expect.stringMatching(/^missing column confidence \(the columns are month,low,high,how,confidence,counts,source\)$/)],
    ]);
    // A month recorded twice names both rows.
    const twice = parseStockRecord(`${HEADER}\n2010-01,1,2,stated,high,x,R0\n2010-01,3,4,stated,high,x,R0\n`, 'r.csv');
    expect(twice.success ? [] : twice.error.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['row 3.month', '2010-01 is recorded twice (row 2 too)'],
    ]);
  });

  it('the shipped record is valid, in month order, and every row names a source described in sources-stock.md', () => {
    const data = new URL('../../data/peru/', import.meta.url).pathname;
    const record = parseStockRecord(readFileSync(join(data, 'stock-record.csv'), 'utf8'), 'stock-record.csv');
    expect(record.success, JSON.stringify(record.success ? '' : record.error)).toBe(true);
    if (!record.success) return;
    const months = record.data.map((p) => p.month);
    expect([...months].sort()).toEqual(months);
    expect(new Set(months).size).toBe(months.length);
    const sources = readFileSync(join(data, 'sources-stock.md'), 'utf8');
    for (const p of record.data) expect(sources, p.source).toContain(`| ${p.source} |`);
    // The recorded stock stays within the 70–110 band FACTS §1 gives, but for the peak of 2013.
    for (const p of record.data) expect(p.low >= 70 && (p.high <= 113 || p.month === '2013-04'), p.month).toBe(true);
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
    // With a record: its months compared, one line each, and the chart draws them.
    const record = join(dir, 'record.csv');
    writeFileSync(record, `${HEADER}\n2020-03,0,1000,stated,high,mining,R0\n2020-06,5000,5000,stated,high,mining,R0\n`);
    const withRecord = stock('--band', '0,1000', '--record', record, '--svg', svg);
    expect(withRecord.code).toBe(0);
    expect(withRecord.stdout).toMatch(/recorded months inside the 90% band\s+50\.0% of 2; the median 2750\.0 below the record on average/);
    expect(withRecord.stdout).toMatch(/\n {2}2020-03 {2}0\.0–1000\.0 .*\n {2}2020-06 {2}5000\.0 .* outside\n/);
    expect(readFileSync(svg, 'utf8')).toMatch(/aria-label="month: 2020; low: 5000; high: 5000"/);
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
    // A record with a bad cell: one line naming the file, the row and the column; nothing run.
    const record = join(dir, 'record.csv');
    writeFileSync(record, `${HEADER}\n2020-03,12,oops,stated,high,mining,R0\n`);
    const bad = ayni('stock', file, '--record', record, '--out', join(dir, 'out2'), '--quiet');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/record\.csv.*row 2.*high/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'out2'))).toBe(false);
    const missing = ayni('stock', file, '--record', join(dir, 'none.csv'), '--out', join(dir, 'out3'), '--quiet');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.csv.*no such file/);
    // A record with no month in the window: refused before any run.
    writeFileSync(record, `${HEADER}\n2010-03,12,14,stated,high,mining,R0\n`);
    const outside = ayni('stock', file, '--record', record, '--from', '2020-01', '--to', '2020-12', '--out', join(dir, 'out4'), '--quiet');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/record\.csv.*no recorded month between 2020-01 and 2020-12/);
    expect(existsSync(join(dir, 'out4'))).toBe(false);
    // A file that cannot be opened (a symbolic link to itself): one line, no stack trace.
    const loop = join(dir, 'loop.csv');
    symlinkSync(loop, loop);
    const unreadable = ayni('stock', file, '--record', loop, '--out', join(dir, 'out5'), '--quiet');
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/loop\.csv.*cannot read the file \(ELOOP\)/);
    expect(unreadable.stderr.trim().split('\n')).toHaveLength(1);
  });
});
