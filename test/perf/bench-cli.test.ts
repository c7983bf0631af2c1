/**
 * `ayni bench`'s options and outputs, with the suites replaced by a report built from given
 * measurements (the suites themselves take a minute and are run by .ci/run): `--json` alone
 * prints JSON to stdout, `--json FILE` and `--out FILE` write it and print the tables, and a
 * failed guard exits 3.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCommand } from '../../src/cli/commands/bench.js';
import { InputError } from '../../src/cli/exit.js';
import { ayniVersion } from '../../src/io/version.js';
import { BENCH_FORMAT_VERSION, benchReport, type BenchOptions, type BenchReport, type CheckInputs } from '../../src/perf/run-bench.js';
import { tempFolder } from '../helpers/temp.js';

const dir = tempFolder('bench-cli');

/** A report as runBench assembles it, from the given measurements. */
function report(inputs: Partial<CheckInputs>, options: BenchOptions): BenchReport {
  const m: CheckInputs = {
    kernelRatio: 220,
    kernelStateRatio: 10,
    kernelGcPerMonth: 0,
    twoWorkers: { steadySpeedUp: 1.9, efficiency: 0.95 },
    memory: null,
    helpMs: 110,
    designPointRatio: 1.3,
    nationalRatio: 0.35,
    nationalRunMs: 1000,
    cores: 2,
    ...inputs,
  };
  return benchReport(
    {
      machine: { cpu: 'test cpu', cores: m.cores, memoryGb: 8, node: process.version, platform: 'linux-x64' },
      quick: options.quick,
      createdAt: '2026-12-01T00:00:00.000Z',
      kernel: {
        scalarNsPerUpdate: 1,
        stateReads: 19,
        stateWrites: 17,
        worlds: [
          {
            name: 'synthetic-5000',
            communities: 5000,
            months: 240,
            msPerRun: 250,
            nsPerCommunityMonth: m.kernelRatio,
            ratioToScalar: m.kernelRatio,
            stateLoopNsPerCommunityMonth: m.kernelRatio / m.kernelStateRatio,
            ratioToStateLoop: m.kernelStateRatio,
          },
        ],
      },
      kernelGc: { communities: 5000, warmUpMonths: 240, months: 240, gcEvents: 0, gcPerMonth: 0, bytesPerMonth: 0 },
      singleRun: [],
      batch: { runs: 600, byWorkers: [] },
      memory: null,
      startup: { helpMs: m.helpMs },
      formulaCost: 2.2,
      designPoint: { msPerRun: 8.7, msPerPointRun: 11.2, ratio: m.designPointRatio, overheadMs: 2.5 },
      national: {
        districts: 1891,
        communities: 9416,
        projects: 49,
        simulatedMonths: 372,
        countedMonths: 252,
        msPerRun: m.nationalRunMs,
        medianMs: m.nationalRunMs,
        minMs: m.nationalRunMs,
        maxMs: m.nationalRunMs,
        samples: 5,
        communityMonthsPerSecond: (9416 * 372 * 1000) / m.nationalRunMs,
        nsPerCommunityMonth: (m.nationalRunMs * 1e6) / (9416 * 372),
        corridor: { communities: 44, months: 240, msPerRun: 4.4, nsPerCommunityMonth: 415 },
        ratioToCorridor: m.nationalRatio,
      },
      reference: {
        scenario: 'epstein-defaults',
        steps: 200,
        agents: 1238,
        msPerRun: 100,
        rmePercent: 1,
        samples: 20,
        scanMsPerRun: 65,
        cellsPerAgentStep: 148,
        ratioToScan: 100 / 65,
      },
    },
    m,
  );
}

let stdout = '';
let asked: BenchOptions | undefined;
beforeEach(() => {
  stdout = '';
  asked = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function bench(args: string[], inputs: Partial<CheckInputs> = {}): Promise<BenchReport> {
  let made: BenchReport | undefined;
  const command = benchCommand(async (options) => {
    asked = options;
    made = report(inputs, options);
    return made;
  }).exitOverride();
  await command.parseAsync(args, { from: 'user' });
  if (!made) throw new Error('the suites did not run');
  return made;
}

describe('ayni bench', () => {
  it('--json alone prints the report as JSON on stdout, and nothing else', async () => {
    await bench(['--quick', '--json']);
    const json = JSON.parse(stdout) as BenchReport;
    expect(json.format).toBe('ayni-bench');
    expect(json.formatVersion).toBe(BENCH_FORMAT_VERSION);
    expect(json.ayniVersion).toBe(ayniVersion());
    expect(json).toHaveProperty('gitCommit');
    expect(json.gitCommit === null || /^[0-9a-f]{40}$/.test(json.gitCommit)).toBe(true);
    expect(json.pass).toBe(true);
    expect(json.checks.map((c) => c.id)).toContain('guard.batch-speedup');
    expect(asked?.quick).toBe(true);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('--json before --quick is still JSON on stdout, not a file named --quick', async () => {
    await bench(['--json', '--quick']);
    expect(asked?.quick).toBe(true);
    expect((JSON.parse(stdout) as BenchReport).quick).toBe(true);
  });

  it('--json FILE and --out FILE write the JSON there and print the tables', async () => {
    for (const option of ['--json', '--out']) {
      const file = join(dir, `bench${option}.json`);
      const made = await bench(['--quick', option, file]);
      expect(stdout).toMatch(/^ayni \S+ .*bench --quick: /);
      expect(stdout).toMatch(/\npass: no guard failed$/m);
      expect(stdout).toMatch(/\nnational baseline \(1,891 districts, 9,416 communities, 49 projects; 372 months simulated, 252 counted/);
      expect(stdout).toMatch(/M community-months\/s \(communities × simulated months\)/);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(made)));
      stdout = '';
    }
  });

  it('--json with --out prints the JSON and writes the same to the file', async () => {
    const file = join(dir, 'both.json');
    await bench(['--json', '--out', file]);
    expect(readFileSync(file, 'utf8')).toBe(stdout);
  });

  it('two different files are refused before the suites run', async () => {
    await expect(bench(['--json', join(dir, 'a.json'), '--out', join(dir, 'b.json')])).rejects.toBeInstanceOf(InputError);
    expect(asked).toBeUndefined();
    expect(existsSync(join(dir, 'a.json'))).toBe(false);
  });

  it('a failed guard exits 3 and says which', async () => {
    await bench(['--json'], { kernelRatio: 5000 });
    const json = JSON.parse(stdout) as BenchReport;
    expect(json.pass).toBe(false);
    expect(json.checks.find((c) => c.id === 'guard.kernel-ratio')?.status).toBe('fail');
    expect(process.exitCode).toBe(3);
    stdout = '';
    process.exitCode = undefined;
    await bench([], { twoWorkers: { steadySpeedUp: 1.0, efficiency: 0.5 } });
    expect(stdout).toMatch(/\nFAIL: guard\.batch-speedup$/m);
    expect(process.exitCode).toBe(3);
    stdout = '';
    process.exitCode = undefined;
    await bench([], { nationalRatio: 3 });
    expect(stdout).toMatch(/\nFAIL: guard\.national-ratio$/m);
    expect(process.exitCode).toBe(3);
  });

  it('a target not met does not fail the command', async () => {
    await bench(['--json'], { helpMs: 900 });
    expect((JSON.parse(stdout) as BenchReport).pass).toBe(true);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('on one core the scaling checks are skipped with a note in the tables and the JSON', async () => {
    await bench([], { cores: 1, twoWorkers: { steadySpeedUp: 0.97, efficiency: 0.48 } });
    expect(stdout).toMatch(
      /skipped \(one core: 2 workers cannot run side by side\): guard\.batch-speedup, target\.batch-speedup, target\.batch-efficiency/,
    );
    expect(stdout).toMatch(/\npass: no guard failed$/m);
    expect(process.exitCode ?? 0).toBe(0);
  });
});
