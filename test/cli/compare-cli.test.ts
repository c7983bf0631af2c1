/** `ayni compare` and `ayni test` as a user meets them. */
import { DEFAULT_OUTCOMES } from '../../src/models/peru-mining/outcomes.js';
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
const ayniWith = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
const dir = tempFolder('compare');
const base = join(dir, 'base.yaml');
writeFileSync(base, stringify({ ...tinyScenarioInput(5), months: 120 }));
const early = join(dir, 'early.yaml');
writeFileSync(early, 'name: early\npolicies:\n  dialogue:\n    timing: early\n');

describe('ayni compare', () => {
  it('compares a base with an overlay on paired runs and writes comparison.json and .csv', () => {
    const out = join(dir, 'c1');
    const r = ayni('compare', base, early, '--runs', '120', '--workers', '0', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ayni compare: 120 paired runs per arm \(seed 1\), base tiny/);
    expect(r.stdout).toMatch(/variant early:/);
    expect(r.stdout).toMatch(/pairing: the paired 95% CI of activeConflictMonths is \d+% narrower than an unpaired one/);
    const json = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    // One result per default outcome, in the model's order.
    expect(json.results.map((x: { outcome: string }) => x.outcome)).toEqual(DEFAULT_OUTCOMES);
    expect(json.results[0]).toMatchObject({ variant: 'early', outcome: 'activeConflictMonths', better: 'lower', n: 120 });
    const csv = readFileSync(join(out, 'comparison.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(DEFAULT_OUTCOMES.length + 1);
    expect(csv[0]).toMatch(/^variant,outcome,better,n,base_mean/);
    expect(r.stdout).toMatch(/wrote comparison\.json, comparison\.csv and report\.html/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<html lang="en">/);
  }, 60_000);

  it('an identical variant differs by exactly 0 in every outcome (common random numbers)', () => {
    const same = join(dir, 'same.yaml');
    writeFileSync(same, 'name: same\n');
    const r = ayni('compare', base, same, '--runs', '60', '--workers', '0', '--out', join(dir, 'c2'), '--json');
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    for (const row of json.results) {
      expect(row.difference.mean).toBe(0);
      expect(row.difference.ci95).toEqual({ low: 0, high: 0 });
    }
  }, 60_000);

  it('--precision adds runs until the primary interval is narrow enough', () => {
    const r = ayni(
      'compare',
      base,
      early,
      '--runs',
      '100',
      '--precision',
      '1000000',
      '--max-runs',
      '300',
      '--workers',
      '0',
      '--out',
      join(dir, 'c3'),
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).precision).toMatchObject({ target: 1000000, met: true });
    const tight = ayni(
      'compare',
      base,
      early,
      '--runs',
      '100',
      '--precision',
      '0.0001',
      '--max-runs',
      '300',
      '--workers',
      '0',
      '--out',
      join(dir, 'c4'),
      '--json',
    );
    const json = JSON.parse(tight.stdout);
    expect(json.runs).toBe(300);
    expect(json.precision.met).toBe(false);
  }, 120_000);

  it('Ctrl-C ends a comparison with exit 130; the same command then finishes it with the same results', async () => {
    const args = (out: string) => ['compare', base, early, '--runs', '3000', '--workers', '2', '--out', out, '--json', '--no-report'];
    const reference = JSON.parse(ayni(...args(join(dir, 'c-ref'))).stdout);
    const out = join(dir, 'c-int');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [cli, ...args(out)], { stdio: 'ignore' });
      setTimeout(() => child.kill('SIGINT'), 1200);
      child.on('exit', (c) => resolve(c));
    });
    expect([130, 0]).toContain(code);
    const resumed = ayni(...args(out));
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).results).toEqual(reference.results);
  }, 180_000);

  it('rejects an unknown outcome and a bad variant with exit 2', () => {
    const r = ayni('compare', base, early, '--outcomes', 'happiness', '--workers', '0', '--out', join(dir, 'c5'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown outcome\(s\) of model peru-mining: happiness/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\npolicies:\n  dialogue:\n    timing: sometimes\n');
    const r2 = ayni('compare', base, bad, '--workers', '0', '--out', join(dir, 'c6'));
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/bad\.yaml: policies\.dialogue\.timing: /);
  }, 60_000);
});

describe('ayni test', () => {
  let written = 0;
  const hypothesis = (extra: Record<string, unknown>) => {
    const file = join(dir, `h-${written++}.yaml`);
    writeFileSync(
      file,
      stringify({
        statement: 'Early dialogue lowers conflict.',
        base: 'base.yaml',
        variant: 'early.yaml',
        primary: 'activeConflictMonths',
        expect: 'lower',
        smallestEffect: 1,
        runs: 100,
        ...extra,
      }),
    );
    return file;
  };

  it('answers by the declared rule and writes verdict.json', () => {
    const file = hypothesis({});
    const out = join(dir, 't1');
    const r = ayni('test', file, '--workers', '0', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Early dialogue lowers conflict\.\n {2}verdict: (SUPPORTED|CONTRADICTED|INCONCLUSIVE) \(smallest-effect rule/,
    );
    const verdictFiles = JSON.parse(ayni('test', file, '--workers', '0', '--out', out, '--json').stdout);
    expect(['supported', 'contradicted', 'inconclusive']).toContain(verdictFiles[0].verdict);
    expect(verdictFiles[0].reason).toMatch(/activeConflictMonths: variant − base = .*95% CI/);
  }, 60_000);

  it('a hypothesis that expects the impossible is not supported', () => {
    // No reform lowers active conflict-months by a million.
    const r = ayni('test', hypothesis({ smallestEffect: 1_000_000 }), '--workers', '0', '--out', join(dir, 't2'), '--json');
    expect(JSON.parse(r.stdout)[0].verdict).toBe('contradicted');
  }, 60_000);

  it('rejects a malformed hypothesis file with the path of the bad field', () => {
    const r = ayni('test', hypothesis({ expect: 'sideways' }), '--workers', '0', '--out', join(dir, 't3'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/h-.*\.yaml: expect: /);
  });
});

describe('compare and test run twice', () => {
  /** Half-width of the primary interval at `runs` runs: a target below it makes --precision grow the arms. */
  const halfWidthAt = (runs: number) => {
    const r = ayni(
      'compare',
      base,
      early,
      '--runs',
      String(runs),
      '--workers',
      '0',
      '--out',
      join(dir, `hw${runs}`),
      '--json',
      '--no-report',
      '--quiet',
    );
    const ci = JSON.parse(r.stdout).results[0].difference.ci95;
    return (ci.high - ci.low) / 2;
  };

  it('ayni test with --precision grown arms: the same command reuses the folder and prints the same verdict', () => {
    const file = join(dir, 'grows.yaml');
    const target = halfWidthAt(100) * 0.8;
    writeFileSync(
      file,
      stringify({
        statement: 'Early dialogue lowers conflict.',
        base: 'base.yaml',
        variant: 'early.yaml',
        primary: 'activeConflictMonths',
        expect: 'lower',
        smallestEffect: 1,
        runs: 100,
        precision: { halfWidth: target, maxRuns: 400 },
      }),
    );
    const out = join(dir, 'twice');
    const first = ayni('test', file, '--workers', '0', '--out', out, '--no-report');
    expect(first.status, first.stderr).toBe(0);
    // Everything but the time it was written.
    const verdictOf = () => ({ ...JSON.parse(readFileSync(join(out, 'grows', 'verdict.json'), 'utf8')), createdAt: undefined });
    const verdict = verdictOf();
    expect(verdict.runs).toBeGreaterThan(100);
    const again = ayni('test', file, '--workers', '0', '--out', out, '--no-report');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(verdictOf()).toEqual(verdict);
  }, 120_000);

  it('ayni compare --precision run twice prints the same comparison', () => {
    const args = [
      'compare',
      base,
      early,
      '--runs',
      '100',
      '--precision',
      String(halfWidthAt(100) * 0.8),
      '--max-runs',
      '400',
      '--workers',
      '0',
      '--out',
      join(dir, 'cp-twice'),
      '--json',
      '--no-report',
    ];
    const first = ayni(...args);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).runs).toBeGreaterThan(100);
    const again = ayni(...args);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  }, 120_000);
});

describe('ayni test with several files', () => {
  const write = (path: string, smallestEffect: number) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(
      join(dir, path),
      stringify({
        statement: `effect ${smallestEffect}`,
        base: '../base.yaml',
        variant: '../early.yaml',
        primary: 'activeConflictMonths',
        expect: 'lower',
        smallestEffect,
        runs: 40,
      }),
    );
    return join(dir, path);
  };

  it('gives files of the same name their own folders', () => {
    const a = write('ha/h.yaml', 1);
    const b = write('hb/h.yaml', 1000);
    const out = join(dir, 'same-name');
    const r = ayni('test', a, b, '--workers', '0', '--out', out, '--no-report', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['ha-h', 'hb-h']);
    expect(JSON.parse(readFileSync(join(out, 'ha-h', 'verdict.json'), 'utf8')).file).toBe(a);
    expect(JSON.parse(readFileSync(join(out, 'hb-h', 'verdict.json'), 'utf8')).file).toBe(b);
  }, 60_000);

  it('refuses a file named twice before running anything', () => {
    const a = write('hc/h.yaml', 1);
    const out = join(dir, 'twice-named');
    const r = ayni('test', a, a, '--workers', '0', '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/hc\/h\.yaml: \(root\): hypothesis file named more than once/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('failed runs, outcome lists and hypothesis errors', () => {
  const faults = { AYNI_TEST_FAULTS: JSON.stringify({ throwAt: [3] }) };

  it("a failed run stops compare with exit 1 and a message pointing at the arm's failures.ndjson; --max-failures lets it finish", () => {
    const out = join(dir, 'failing');
    const r = ayniWith(faults, 'compare', base, early, '--runs', '40', '--workers', '0', '--out', out, '--no-report');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `${join(out, 'arms', 'base', 'failures.ndjson')}: (root): arm base stopped: 1 run failed, more than --max-failures 0 allows`,
    );
    expect(JSON.parse(readFileSync(join(out, 'arms', 'base', 'failures.ndjson'), 'utf8')).run).toBe(3);
    const tolerated = ayniWith(
      faults,
      'compare',
      base,
      early,
      '--runs',
      '40',
      '--workers',
      '0',
      '--out',
      out,
      '--no-report',
      '--max-failures',
      '1',
      '--json',
    );
    expect(tolerated.status, tolerated.stderr).toBe(0);
    expect(JSON.parse(tolerated.stdout).results[0].n).toBe(39);
  }, 60_000);

  it('ayni test takes --max-failures too', () => {
    const file = join(dir, 'tolerant.yaml');
    writeFileSync(
      file,
      stringify({
        statement: 's',
        base: 'base.yaml',
        variant: 'early.yaml',
        primary: 'activeConflictMonths',
        expect: 'lower',
        smallestEffect: 1,
        runs: 40,
      }),
    );
    const stopped = ayniWith(faults, 'test', file, '--workers', '0', '--out', join(dir, 'tol'), '--no-report');
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toMatch(/tolerant\/arms\/base\/failures\.ndjson: \(root\): arm base stopped/);
    const r = ayniWith(faults, 'test', file, '--workers', '0', '--out', join(dir, 'tol'), '--no-report', '--max-failures', '1', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)[0].reason).toMatch(/39 paired runs/);
  }, 60_000);

  it('rejects an empty or repeated --outcomes list and too many runs with exit 2', () => {
    for (const [args, message] of [
      [['--outcomes', ','], /option '--outcomes <list>' argument ',' is invalid/],
      [['--outcomes', ''], /option '--outcomes <list>' argument '' is invalid/],
      [['--outcomes', 'crisisMonths,crisisMonths'], /--outcomes: \(root\): outcome\(s\) named more than once: crisisMonths/],
      [['--runs', '100001'], /option '--runs <n>' argument '100001' is invalid\. expected a whole number from 2 to 100000/],
      [['--precision', '1', '--max-runs', '1000000'], /option '--max-runs <m>' argument '1000000' is invalid/],
    ] as const) {
      const r = ayni('compare', base, early, ...args, '--workers', '0', '--out', join(dir, 'bad-options'));
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, 'bad-options'))).toBe(false);
  }, 60_000);

  it('blames a hypothesis problem on the hypothesis file and a scenario problem on the scenario file', () => {
    const broken = join(dir, 'broken-base.yaml');
    writeFileSync(broken, 'extends: base.yaml\npolicies:\n  dialogue:\n    timing: sometimes\n');
    const h = (name: string, fields: Record<string, unknown>) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(
        file,
        stringify({
          statement: 's',
          base: 'base.yaml',
          variant: 'early.yaml',
          primary: 'activeConflictMonths',
          expect: 'lower',
          smallestEffect: 1,
          runs: 40,
          ...fields,
        }),
      );
      return ayni('test', file, '--workers', '0', '--out', join(dir, 'blame'));
    };
    const missing = h('h-missing', { base: 'nowhere.yaml' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`${join(dir, 'h-missing.yaml')}: base: scenario not found: ${join(dir, 'nowhere.yaml')}\n`);
    // The overlay is fine: only the base is blamed, once.
    const brokenBase = h('h-broken', { base: 'broken-base.yaml' });
    expect(brokenBase.status).toBe(2);
    expect(brokenBase.stderr).toMatch(/^[^\n]*broken-base\.yaml: policies\.dialogue\.timing: [^\n]*\n$/);
    const tooMany = h('h-many', { runs: 1_000_000_000 });
    expect(tooMany.status).toBe(2);
    expect(tooMany.stderr).toMatch(/h-many\.yaml: runs: Too big: expected number to be <=100000/);
    const below = h('h-below', { runs: 400, precision: { halfWidth: 1, maxRuns: 100 } });
    expect(below.status).toBe(2);
    expect(below.stderr).toMatch(/h-below\.yaml: precision\.maxRuns: is below runs \(400\)/);
    // Outcomes are the hypothesis file's: an Epstein outcome on a Peru base is its field's fault, not --outcomes'.
    const foreign = h('h-model', { primary: 'meanActive', secondary: ['crisisMonths', 'crisisMonths'] });
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toMatch(
      /^[^\n]*h-model\.yaml: primary: meanActive is not an outcome of model peru-mining \(the base's\)[^\n]*\n$/,
    );
    expect(existsSync(join(dir, 'blame'))).toBe(false);
  }, 60_000);

  it('ayni compare blames a broken base once, not the overlays applied onto it', () => {
    const broken = join(dir, 'broken-base2.yaml');
    writeFileSync(broken, 'extends: base.yaml\npolicies:\n  dialogue:\n    timing: sometimes\n');
    const months = join(dir, 'months.yaml');
    writeFileSync(months, 'name: shorter\nmonths: 60\n');
    const r = ayni('compare', broken, months, '--workers', '0', '--out', join(dir, 'blame2'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^[^\n]*broken-base2\.yaml: policies\.dialogue\.timing: [^\n]*\n$/);
  }, 60_000);
});

describe('--set, --keep-series and progress', () => {
  it("--set applies to every arm of a comparison; --keep-series keeps each arm's series", () => {
    const out = join(dir, 'set');
    const r = ayni(
      'compare',
      base,
      early,
      '--runs',
      '20',
      '--workers',
      '0',
      '--out',
      out,
      '--no-report',
      '--set',
      'months=24',
      '--keep-series',
    );
    expect(r.status, r.stderr).toBe(0);
    for (const arm of ['base', 'early']) {
      expect(JSON.parse(readFileSync(join(out, 'arms', arm, 'batch.json'), 'utf8')).steps).toBe(24);
      expect(readdirSync(join(out, 'arms', arm, 'series'))).toContain('000000.parquet');
    }
    const bad = ayni('compare', base, early, '--workers', '0', '--out', join(dir, 'set-bad'), '--set', 'months');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--set: months: expected --set path\.to\.field=value/);
  }, 60_000);

  it('--set on ayni batch and ayni test', () => {
    const out = join(dir, 'set-batch');
    const b = ayni('batch', base, '--runs', '5', '--workers', '0', '--out', out, '--no-report', '--quiet', '--set', 'months=12');
    expect(b.status, b.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8')).steps).toBe(12);
    const file = join(dir, 'set-test.yaml');
    writeFileSync(
      file,
      stringify({
        statement: 's',
        base: 'base.yaml',
        variant: 'early.yaml',
        primary: 'activeConflictMonths',
        expect: 'lower',
        smallestEffect: 1,
        runs: 10,
      }),
    );
    const t = ayni('test', file, '--workers', '0', '--out', join(dir, 'set-test'), '--no-report', '--set', 'months=18');
    expect(t.status, t.stderr).toBe(0);
    for (const arm of ['base', 'early'])
      expect(JSON.parse(readFileSync(join(dir, 'set-test', 'set-test', 'arms', arm, 'batch.json'), 'utf8')).steps).toBe(18);
  }, 60_000);

  it('without a terminal, compare and test print progress lines naming the arm, with no escape codes', () => {
    const r = ayniWith(
      { TERM: 'dumb' },
      'compare',
      base,
      early,
      '--runs',
      '100',
      '--workers',
      '0',
      '--out',
      join(dir, 'progress'),
      '--no-report',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^arm 1\/2 base: \d+\/100 runs; all arms \d+\/200 \(\d+%\), [\d.]+ runs\/s, ETA /m);
    expect(r.stderr).toMatch(/^arm 2\/2 early: 100\/100 runs; all arms 200\/200 \(100%\)/m);
    expect(r.stderr).not.toMatch(/[\x1b\r]/);
    const file = join(dir, 'progress-test.yaml');
    writeFileSync(
      file,
      stringify({
        statement: 's',
        base: 'base.yaml',
        variant: 'early.yaml',
        primary: 'activeConflictMonths',
        expect: 'lower',
        smallestEffect: 1,
        runs: 20,
      }),
    );
    const t = ayni('test', file, '--workers', '0', '--out', join(dir, 'progress-t'), '--no-report');
    expect(t.stderr).toMatch(/^arm 2\/2 early: 20\/20 runs; all arms 40\/40 \(100%\)/m);
    const quiet = ayni('test', file, '--workers', '0', '--out', join(dir, 'progress-t'), '--no-report', '--quiet');
    expect(quiet.stderr).toBe('');
  }, 60_000);
});
