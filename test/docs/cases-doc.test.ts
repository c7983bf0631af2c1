/**
 * scenarios/cases/README.md: the fate summary over runs (shares, months of the first
 * suspension), the record table beside the model's numbers, and a README that shows each
 * fixture's current record and calendar (regenerated after the fixtures change).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { casesDoc, fateSummary, type CaseSummary, type RunFate } from '../../src/docs/cases-doc.js';

const repo = (p: string) => new URL(`../../${p}`, import.meta.url).pathname;

const calm: RunFate = { violent: false, operationStart: '2015-01', crisisBeforeOperation: false, firstSuspension: null, abandoned: false };

/** Five runs: two suspended (2012-03, then 2011-01), one of them abandoned; one never operates. */
const fates: RunFate[] = [
  calm,
  { ...calm, violent: true, crisisBeforeOperation: true, firstSuspension: '2012-03', operationStart: '2016-06' },
  { ...calm, violent: true, crisisBeforeOperation: true, firstSuspension: '2011-01', operationStart: null, abandoned: true },
  calm,
  { ...calm, operationStart: '2010-01' },
];

const summary = (over: Partial<CaseSummary> = {}): CaseSummary => ({
  file: 'synthetic.yaml',
  name: 'synthetic',
  description: 'A synthetic case.',
  months: 120,
  firstMonth: '2010-01',
  runs: fates.length,
  outcomes: [{ name: 'activeConflictMonths', label: 'active conflict-months (case × month)', mean: 12, p05: 0, p95: 40 }],
  record: [
    { month: '2011-11', kind: 'suspension', event: 'Works suspended | at the request of the state', source: 'a newspaper' },
    { month: '2012-07', kind: 'violence', event: '5 dead' },
  ],
  fates,
  ...over,
});

describe('fateSummary', () => {
  it('counts shares of runs and spreads the months of the first suspension', () => {
    const f = fateSummary(fates, '2010-01');
    expect(f.runs).toBe(5);
    expect(f.suspendedShare).toBeCloseTo(2 / 5, 12);
    expect(f.abandonedShare).toBeCloseTo(1 / 5, 12);
    expect(f.violentShare).toBeCloseTo(2 / 5, 12);
    expect(f.crisisBeforeOperationShare).toBeCloseTo(2 / 5, 12);
    expect(f.operatesShare).toBeCloseTo(4 / 5, 12);
    expect(f.operatingFromStart).toBe(1);
    // 2011-01 and 2012-03 are 14 months apart: median 7 months on, 5% 0.7 → 1, 95% 13.3 → 13.
    expect(f.firstSuspension).toEqual({ runs: 2, median: '2011-08', p05: '2011-02', p95: '2012-02' });
    // Months 0, 60, 60 and 77 after 2010-01: 5% at 9, median 60, 95% at 74.45 → 74.
    expect(f.operationStart).toEqual({ runs: 4, median: '2015-01', p05: '2010-10', p95: '2016-03' });
  });

  it('has no suspension months when no run is suspended', () => {
    const f = fateSummary([calm, calm], '2010-01');
    expect(f.suspendedShare).toBe(0);
    expect(f.firstSuspension).toBeNull();
  });
});

describe('casesDoc', () => {
  const doc = casesDoc([summary()], { ayniVersion: '9.9.9', seed: 1 });

  it('shows the record as a table, pipes escaped, a dash for a missing source', () => {
    expect(doc).toContain('| month | kind | event | source |');
    expect(doc).toContain('| 2011-11 | suspension | Works suspended \\| at the request of the state | a newspaper |');
    expect(doc).toContain('| 2012-07 | violence | 5 dead | – |');
  });

  it('shows the fate of the project beside the outcomes', () => {
    expect(doc).toContain('| runs in which the project is suspended at least once | 40.0% |');
    expect(doc).toContain('| first suspension, median [5%, 95%] (runs with one) | 2011-08 [2011-02, 2012-02] (2 runs) |');
    expect(doc).toContain('| runs in which the project is abandoned by the end | 20.0% |');
    expect(doc).toContain('| runs with a crisis episode before operation starts (at any time, if it never does) | 40.0% |');
    expect(doc).toContain('| active conflict-months (case × month) | 12 [0.00, 40] |');
  });

  it('says so when a fixture keeps no record', () => {
    expect(casesDoc([summary({ record: [] })], { ayniVersion: '9.9.9', seed: 1 })).toContain('The fixture keeps no record.');
  });
});

describe('scenarios/cases/README.md', () => {
  it("shows every fixture's record and calendar as the fixtures now have them", async () => {
    const { loadScenario } = await import('../../src/io/scenario-file.js');
    const readme = readFileSync(repo('scenarios/cases/README.md'), 'utf8');
    const files = readdirSync(repo('scenarios/cases')).filter((f) => f.endsWith('.yaml'));
    let entries = 0;
    for (const file of files) {
      const loaded = loadScenario(repo(`scenarios/cases/${file}`));
      if (!loaded.success) throw new Error(JSON.stringify(loaded.error));
      const s = loaded.data.scenario;
      if (!('record' in s)) throw new Error(`${file} is not a peru-mining scenario`);
      expect(readme, file).toContain(`${s.months} months from ${s.start}.`);
      for (const r of s.record) {
        expect(readme, `${file}: ${r.event}`).toContain(`| ${r.month} | ${r.kind} | ${r.event.replace(/\|/g, '\\|')} |`);
        entries++;
      }
    }
    // The four contested cases keep a record; the model never reads it.
    expect(entries).toBeGreaterThanOrEqual(4);
  });

  it('is what the generator writes for a small batch, section by section', async () => {
    const { casesReadme } = await import('../../src/docs/case-runs.js');
    const made = casesReadme(2, () => {});
    if (!made.success) throw new Error(JSON.stringify(made.error));
    expect(made.data.match(/^### The record \(not read by the model\)$/gm)?.length).toBe(5);
    expect(made.data.match(/^\| runs in which the project is suspended at least once \| \d+\.\d%/gm)?.length).toBe(5);
  });
});
