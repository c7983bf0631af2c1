/** compareScenarios and hypothesis folders: re-runs, failures, limits. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareScenarios, isArmStopped, MAX_ARM_RUNS, type CompareOptions, type CompareProgress } from '../../src/experiments/compare.js';
import { HypothesisSchema } from '../../src/experiments/hypothesis.js';
import { hypothesisFolders } from '../../src/experiments/hypothesis-file.js';
import { scenarioHash } from '../../src/io/scenario-hash.js';
import type { LoadedScenario } from '../../src/io/scenario-file.js';
import { tinyScenario } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const root = tempFolder('compare-unit');
let folders = 0;
const folder = () => join(root, `c${folders++}`);

const arm = (overlay: Record<string, unknown>, file: string): LoadedScenario => {
  const scenario = tinyScenario({ months: 60, ...overlay });
  return { scenario, file, hash: scenarioHash(scenario) };
};
const base = arm({}, 'base.yaml');
const early = arm({ name: 'early', policies: { dialogue: { timing: 'early' } } }, 'early.yaml');
const compare = (options: Partial<CompareOptions> & { out: string }, onProgress?: (p: CompareProgress) => void) =>
  compareScenarios(base, [early], { runs: 50, workers: 0, resamples: 300, blockSize: 25, ...options }, onProgress ? { onProgress } : {});
const batchRuns = (out: string, name: string) => JSON.parse(readFileSync(join(out, 'arms', name, 'batch.json'), 'utf8')).runs as number;

describe('compareScenarios run again into the same folder', () => {
  it('a precision comparison that grew its arms gives the same comparison the second time', async () => {
    const out = folder();
    // A target the first step (50 runs) cannot meet, so that the arms grow.
    const options = { out, precision: 0.05, maxRuns: 150 };
    const first = await compare(options);
    if (!first.success) throw new Error(JSON.stringify(first.error));
    expect(first.data.runs).toBeGreaterThan(50);
    expect(batchRuns(out, 'base')).toBe(first.data.runs);
    const again = await compare(options);
    if (!again.success) throw new Error(JSON.stringify(again.error));
    expect(again.data).toEqual(first.data);
  }, 60_000);

  it('reads only the runs asked for from a folder that holds more, as a fresh folder would', async () => {
    const bigger = folder();
    const grown = await compare({ out: bigger, runs: 100 });
    expect(grown.success).toBe(true);
    const reused = await compare({ out: bigger, runs: 50 });
    const fresh = await compare({ out: folder(), runs: 50 });
    if (!reused.success || !fresh.success) throw new Error('comparison failed');
    expect(reused.data.results).toEqual(fresh.data.results);
    expect(reused.data.runs).toBe(50);
    // The folder keeps its 100 runs: a batch never shrinks.
    expect(batchRuns(bigger, 'early')).toBe(100);
  }, 60_000);

  it('still refuses a folder holding a different scenario', async () => {
    const out = folder();
    expect((await compare({ out })).success).toBe(true);
    const other = arm({ months: 48 }, 'other.yaml');
    const r = await compareScenarios(other, [early], { runs: 50, workers: 0, resamples: 300, blockSize: 25, out });
    expect(r.success ? '' : r.error[0]?.message).toMatch(/cannot resume: the folder's batch has scenario hash/);
  }, 60_000);
});

describe('failed runs in a comparison', () => {
  it('stops an arm with more failures than maxFailures and names its failures.ndjson', async () => {
    const out = folder();
    const r = await compare({ out, faults: { throwAt: [3, 30] }, maxFailures: 1 });
    expect(r.success).toBe(false);
    const issue = r.success ? undefined : r.error[0];
    expect(issue && isArmStopped(issue)).toBe(true);
    expect(issue?.file).toBe(join(out, 'arms', 'base', 'failures.ndjson'));
    expect(issue?.message).toMatch(/arm base stopped: 2 runs failed, more than --max-failures 1 allows/);
    const lines = readFileSync(join(out, 'arms', 'base', 'failures.ndjson'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l).run)).toEqual([3, 30]);
  }, 60_000);

  it('an arm that stops early still writes its failures.ndjson', async () => {
    const out = folder();
    const r = await compare({ out, runs: 200, faults: { throwAt: [3] } });
    expect(r.success ? '' : r.error[0]?.file).toBe(join(out, 'arms', 'base', 'failures.ndjson'));
    // Stopped before its last blocks: no final tables, but the failure is on file.
    expect(existsSync(join(out, 'arms', 'base', 'runs.csv'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'arms', 'base', 'failures.ndjson'), 'utf8')).run).toBe(3);
  }, 60_000);

  it('with enough maxFailures finishes and leaves the failed pairs out', async () => {
    const r = await compare({ out: folder(), faults: { throwAt: [3, 30] }, maxFailures: 2 });
    if (!r.success) throw new Error(JSON.stringify(r.error));
    for (const row of r.data.results) expect(row.n).toBe(48);
  }, 60_000);
});

describe('what a comparison accepts', () => {
  it('rejects an empty, unknown or repeated outcome list, and runs beyond the limits', async () => {
    const message = async (options: Partial<CompareOptions>) => {
      const r = await compare({ out: folder(), ...options });
      return r.success ? '' : `${r.error[0]?.file}: ${r.error[0]?.message}`;
    };
    expect(await message({ outcomes: [] })).toMatch(/^--outcomes: name at least one outcome/);
    expect(await message({ outcomes: ['happiness'] })).toMatch(/^--outcomes: unknown outcome\(s\) of model peru-mining: happiness/);
    expect(await message({ outcomes: ['crisisMonths', 'crisisMonths'] })).toMatch(
      /^--outcomes: outcome\(s\) named more than once: crisisMonths/,
    );
    expect(await message({ runs: MAX_ARM_RUNS + 1 })).toMatch(/^--runs: expected a whole number of runs per arm from 2 to 100000/);
    expect(await message({ precision: 1, maxRuns: MAX_ARM_RUNS + 1 })).toMatch(/^--max-runs: /);
    expect(await message({ precision: 1, runs: 100, maxRuns: 50 })).toMatch(/^--max-runs: 50 is below --runs 100/);
  });

  it('hypothesis files cap runs and maxRuns, and maxRuns cannot be below runs', () => {
    const h = { statement: 's', base: 'b.yaml', variant: 'v.yaml', primary: 'activeConflictMonths', expect: 'lower', smallestEffect: 1 };
    const paths = (extra: object) => {
      const r = HypothesisSchema.safeParse({ ...h, ...extra });
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ runs: MAX_ARM_RUNS })).toEqual([]);
    expect(paths({ runs: MAX_ARM_RUNS + 1 })).toEqual(['runs']);
    expect(paths({ precision: { halfWidth: 1, maxRuns: 1e12 } })).toEqual(['precision.maxRuns']);
    expect(paths({ runs: 400, precision: { halfWidth: 1, maxRuns: 100 } })).toEqual(['precision.maxRuns']);
  });
});

describe('progress of a comparison', () => {
  it('says which arm runs and counts every arm together', async () => {
    const seen: CompareProgress[] = [];
    const r = await compare({ out: folder() }, (p) => seen.push(p));
    expect(r.success).toBe(true);
    expect(new Set(seen.map((p) => p.arm))).toEqual(new Set(['base', 'early']));
    const last = seen.at(-1) as CompareProgress;
    expect(last).toMatchObject({ arm: 'early', armIndex: 1, arms: 2, runsPerArm: 50, armDone: 50, done: 100, total: 100, computed: 100 });
    // The base's runs count towards the whole while the variant runs.
    expect(seen.find((p) => p.arm === 'early')?.done).toBeGreaterThanOrEqual(50);
  }, 60_000);
});

describe('hypothesis results folders', () => {
  it('one folder per file, named after it, with parent folders when two names clash', () => {
    expect(hypothesisFolders(['hypotheses/x.yaml', 'hypotheses/y.yaml'])).toEqual({ success: true, data: ['x', 'y'] });
    expect(hypothesisFolders(['a/h.yaml', 'b/h.yaml', 'c.yaml'])).toEqual({ success: true, data: ['a-h', 'b-h', 'c'] });
    expect(hypothesisFolders(['p/a/h.yaml', 'q/a/h.yaml'])).toEqual({ success: true, data: ['p-a-h', 'q-a-h'] });
  });

  it('refuses a file named twice, and files that would still share a folder', () => {
    const twice = hypothesisFolders(['a/h.yaml', './a/h.yaml']);
    expect(twice.success ? '' : twice.error[0]?.message).toMatch(/named more than once/);
    const same = hypothesisFolders(['a/h.yaml', 'a/h.yml']);
    expect(same.success ? '' : same.error[0]?.message).toMatch(
      /would write into the same results folder as a\/h\.yml \(both are named h\)/,
    );
  });
});
