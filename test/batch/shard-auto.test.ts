/**
 * The contract of `--shard auto/n`: a batch cut into 3 shards whose index each comes from one
 * scheduler's variable (AYNI_SHARD_INDEX as HTCondor passes $(Process), Slurm's 1-based
 * SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_MIN, Kubernetes' JOB_COMPLETION_INDEX, AWS Batch's
 * AWS_BATCH_JOB_ARRAY_INDEX), merged, gives files byte-identical to the same batch on one
 * machine. The shards run in process, through the resolver the CLI uses; one shard a scheduler
 * runs is the real command reading its environment, and two more processes check the refusals
 * (no variable set; a folder another live process holds), both exit 2.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch } from '../../src/batch/run-batch.js';
import { mergeShards } from '../../src/batch/merge.js';
import { SHARD_INDEX_VARIABLES, shardFromEnvironment, type Environment } from '../../src/batch/shard-env.js';
import { acquireFolderLock } from '../../src/io/folder-lock.js';
import { loadScenario } from '../../src/io/scenario-file.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const work = tempFolder('shard-auto');
// The cheapest shipped scenario whose runs differ by seed: the mean and sd of 10 normal draws.
const scenarioFile = new URL('../../scenarios/test-functions/normal-mean.yaml', import.meta.url).pathname;
const loaded = (() => {
  const r = loadScenario(scenarioFile);
  if (!r.success) throw new Error(JSON.stringify(r.error));
  return r.data;
})();
// Three blocks of the CLI's block size (100), so that each shard of 3 holds one and the CLI's shard fits among them.
const RUNS = 300;
const SEED = 7;
const N = 3;

/** A parent environment with no scheduler in it (the tests may themselves run under one). */
const clean: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(AYNI_SHARD_INDEX|SLURM_ARRAY_|JOB_COMPLETION_INDEX|AWS_BATCH_JOB_ARRAY_)/.test(name)),
);
const ayni = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...clean, ...env }, timeout: 60_000 });
const cliBatch = (out: string) => [
  'batch',
  scenarioFile,
  '--runs',
  String(RUNS),
  '--seed',
  String(SEED),
  '--workers',
  '0',
  '--shard',
  `auto/${N}`,
  '--out',
  out,
  '--quiet',
  '--no-report',
];

/** The environment of array task `i` (0-based), as each scheduler sets it. */
const ENVIRONMENTS: Record<(typeof SHARD_INDEX_VARIABLES)[number], (i: number) => Environment> = {
  AYNI_SHARD_INDEX: (i) => ({ AYNI_SHARD_INDEX: String(i) }),
  // sbatch --array=1-3: tasks 1, 2, 3.
  SLURM_ARRAY_TASK_ID: (i) => ({
    SLURM_ARRAY_TASK_ID: String(i + 1),
    SLURM_ARRAY_TASK_MIN: '1',
    SLURM_ARRAY_TASK_MAX: '3',
    SLURM_ARRAY_TASK_COUNT: '3',
  }),
  JOB_COMPLETION_INDEX: (i) => ({ JOB_COMPLETION_INDEX: String(i) }),
  AWS_BATCH_JOB_ARRAY_INDEX: (i) => ({ AWS_BATCH_JOB_ARRAY_INDEX: String(i), AWS_BATCH_JOB_ARRAY_SIZE: '3' }),
};

async function shardInProcess(env: Environment, out: string): Promise<void> {
  const resolved = shardFromEnvironment(N, env);
  if (!resolved.success) throw new Error(resolved.error.message);
  const result = await runBatch(loaded, { runs: RUNS, seed: SEED, workers: 0, out, shard: resolved.data.shard });
  if (!result.success || result.data.status !== 'complete') throw new Error(JSON.stringify(result));
}

/** Every file of a batch folder whose bytes do not hold a time or a path (those differ between any two batches). */
function outputs(dir: string): Record<string, string> {
  const files = readdirSync(dir).filter((f) => /^(runs\.csv|runs\.parquet|series\.csv|failures\.ndjson)$/.test(f));
  return Object.fromEntries(files.sort().map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

describe('--shard auto/n, once per scheduler variable', () => {
  const whole = join(work, 'whole');
  it('runs the reference batch on one machine', async () => {
    const result = await runBatch(loaded, { runs: RUNS, seed: SEED, workers: 0, out: whole });
    expect(result.success && result.data.status).toBe('complete');
    expect(Object.keys(outputs(whole))).toEqual(['failures.ndjson', 'runs.csv', 'runs.parquet', 'series.csv']);
  });

  for (const variable of SHARD_INDEX_VARIABLES) {
    it(`${variable}: 3 shards merge into files byte-identical to the local batch`, async () => {
      const shards = [0, 1, 2].map((i) => join(work, variable, `shard-${i + 1}-of-${N}`));
      for (const [i, out] of shards.entries()) {
        const env = ENVIRONMENTS[variable](i);
        if (variable === 'JOB_COMPLETION_INDEX' && i === 1) {
          // This one is the command itself, reading its environment as a pod would.
          const r = ayni(env as NodeJS.ProcessEnv, ...cliBatch(out));
          expect(r.stderr).toBe('shard 2/3 from JOB_COMPLETION_INDEX=1\n');
          expect(r.status).toBe(0);
          expect(JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8')).shard).toEqual({ index: 2, count: 3 });
        } else await shardInProcess(env, out);
      }
      // Each shard holds its own third of the blocks: none is empty, none doubled.
      expect(shards.map((dir) => readdirSync(join(dir, 'blocks')).filter((f) => f.endsWith('.json')))).toEqual([
        ['000000.json'],
        ['000001.json'],
        ['000002.json'],
      ]);
      const merged = join(work, variable, 'merged');
      const result = await mergeShards(shards, merged);
      expect(result.success, JSON.stringify(result)).toBe(true);
      expect(outputs(merged)).toEqual(outputs(whole));
    });
  }

  it('refuses auto with no variable set, listing those it looked for, before loading anything (exit 2)', () => {
    // The experiment command: the design file is not even read.
    const r = ayni({}, 'experiment', join(work, 'no-such-design.yaml'), '--shard', 'auto/3', '--out', join(work, 'experiment'));
    expect(r.stderr).toBe(
      "shard: auto/3 reads the shard's index from the environment, but none of AYNI_SHARD_INDEX, SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX is set; give --shard k/3 instead\n",
    );
    expect(r.status).toBe(2);
  });

  it('refuses to start a shard in a folder that another live process holds (exit 2), and leaves its lock alone', () => {
    const out = join(work, 'held');
    const held = acquireFolderLock(out);
    if (!held.acquired) throw new Error(held.message);
    try {
      const r = ayni({ AYNI_SHARD_INDEX: '0' }, ...cliBatch(out));
      expect(r.stderr).toMatch(
        new RegExp(
          `^shard 1/3 from AYNI_SHARD_INDEX=0\\n${out}: \\(root\\): another batch \\(PID ${process.pid} on host .+ is writing into this folder; if it is no longer running, delete ${out}/\\.lock\\n$`,
        ),
      );
      expect(r.status).toBe(2);
      expect(readdirSync(out)).toEqual(['.lock']);
    } finally {
      held.lock.release();
    }
  });
});
