/**
 * The shard of `--shard auto/n` from the environment: each scheduler's variable, their
 * precedence, Slurm's arrays that start at 1 (or step), and one-line refusals that name the
 * variable and its value. ayni's k is 1-based, every scheduler index here 0-based (Slurm's
 * after subtracting SLURM_ARRAY_TASK_MIN): the sources are in src/batch/shard-env.ts.
 */
import { describe, expect, it } from 'vitest';
import { SHARD_INDEX_VARIABLES, shardFromEnvironment, type Environment } from '../../src/batch/shard-env.js';
import { formatIssue } from '../../src/engine/result.js';

const resolve = (count: number, env: Environment) => {
  const r = shardFromEnvironment(count, env);
  if (!r.success) throw new Error(formatIssue(r.error));
  return r.data;
};
const refusal = (count: number, env: Environment) => {
  const r = shardFromEnvironment(count, env);
  expect(r.success).toBe(false);
  return r.success ? '' : formatIssue(r.error);
};

describe('the shard from the environment', () => {
  it('reads each 0-based index as shard index + 1', () => {
    expect(resolve(8, { AYNI_SHARD_INDEX: '0' })).toMatchObject({ shard: { index: 1, count: 8 }, variable: 'AYNI_SHARD_INDEX', index: 0 });
    expect(resolve(8, { JOB_COMPLETION_INDEX: '2' }).account).toBe('shard 3/8 from JOB_COMPLETION_INDEX=2');
    expect(resolve(8, { AWS_BATCH_JOB_ARRAY_INDEX: '7', AWS_BATCH_JOB_ARRAY_SIZE: '8' }).shard).toEqual({ index: 8, count: 8 });
    expect(resolve(8, { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0' }).shard).toEqual({ index: 1, count: 8 });
  });

  it('counts a Slurm task from SLURM_ARRAY_TASK_MIN, so --array=1-8 and --array=0-7 give the same shards', () => {
    for (const min of [0, 1, 5]) {
      const shards = Array.from(
        { length: 8 },
        (_, i) =>
          resolve(8, { SLURM_ARRAY_TASK_ID: String(min + i), SLURM_ARRAY_TASK_MIN: String(min), SLURM_ARRAY_TASK_COUNT: '8' }).shard.index,
      );
      expect(shards).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
    expect(resolve(3, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1' }).account).toBe(
      'shard 3/3 from SLURM_ARRAY_TASK_ID=3 (SLURM_ARRAY_TASK_MIN=1)',
    );
    // --array=1-7:2 runs tasks 1, 3, 5, 7: four shards.
    expect(
      [1, 3, 5, 7].map(
        (id) => resolve(4, { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_STEP: '2' }).shard.index,
      ),
    ).toEqual([1, 2, 3, 4]);
    expect(resolve(4, { SLURM_ARRAY_TASK_ID: '2' }).account).toBe(
      'shard 3/4 from SLURM_ARRAY_TASK_ID=2 (SLURM_ARRAY_TASK_MIN unset, taken as 0)',
    );
  });

  it('takes the first variable set, in the documented order, and says which others it ignored', () => {
    const all = {
      AYNI_SHARD_INDEX: '0',
      SLURM_ARRAY_TASK_ID: '2',
      SLURM_ARRAY_TASK_MIN: '1',
      JOB_COMPLETION_INDEX: '2',
      AWS_BATCH_JOB_ARRAY_INDEX: '3',
    };
    expect(resolve(4, all)).toMatchObject({
      variable: 'AYNI_SHARD_INDEX',
      shard: { index: 1 },
      account: 'shard 1/4 from AYNI_SHARD_INDEX=0; SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX also set, ignored',
    });
    const { AYNI_SHARD_INDEX: _a, ...slurm } = all;
    expect(resolve(4, slurm)).toMatchObject({ variable: 'SLURM_ARRAY_TASK_ID', shard: { index: 2 } });
    const { SLURM_ARRAY_TASK_ID: _s, ...kubernetes } = slurm;
    expect(resolve(4, kubernetes)).toMatchObject({ variable: 'JOB_COMPLETION_INDEX', shard: { index: 3 } });
    const { JOB_COMPLETION_INDEX: _k, ...aws } = kubernetes;
    expect(resolve(4, aws)).toMatchObject({ variable: 'AWS_BATCH_JOB_ARRAY_INDEX', shard: { index: 4 } });
    expect(SHARD_INDEX_VARIABLES).toEqual(['AYNI_SHARD_INDEX', 'SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX']);
  });

  it('refuses bad values in one line naming the variable and its value', () => {
    expect(refusal(3, { JOB_COMPLETION_INDEX: 'abc' })).toBe(
      'JOB_COMPLETION_INDEX: is "abc": expected a whole number (Kubernetes Indexed Job, 0-based)',
    );
    for (const value of ['', ' 1', '-1', '1.0', '1e3', '0x1', '99999999999999999999'])
      expect(refusal(3, { AYNI_SHARD_INDEX: value })).toMatch(/^AYNI_SHARD_INDEX: is ".*": expected a whole number/);
    expect(refusal(3, { AWS_BATCH_JOB_ARRAY_INDEX: '3' })).toBe(
      'AWS_BATCH_JOB_ARRAY_INDEX: is "3": index 3 (AWS Batch array job, 0-based) is past the last of 3 shards (0 to 2); check the array size against auto/3',
    );
    // A 1-based Slurm array whose MIN was lost would run past the end: refused, not wrapped.
    expect(refusal(3, { SLURM_ARRAY_TASK_ID: '3' })).toMatch(/^SLURM_ARRAY_TASK_ID: is "3": index 3 .* past the last of 3 shards/);
    expect(refusal(3, { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '1' })).toBe(
      'SLURM_ARRAY_TASK_ID: is "0", below SLURM_ARRAY_TASK_MIN=1',
    );
    expect(refusal(3, { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: 'one' })).toBe(
      'SLURM_ARRAY_TASK_MIN: is "one": expected a whole number',
    );
    expect(refusal(3, { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_STEP: '2' })).toBe(
      'SLURM_ARRAY_TASK_ID: is "2", not on the array\'s steps (SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_STEP=2)',
    );
    expect(refusal(3, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_STEP: '0' })).toBe(
      'SLURM_ARRAY_TASK_STEP: is "0": expected a whole number of at least 1',
    );
  });

  it("refuses an array whose scheduler counts another number of tasks than auto/n's n", () => {
    expect(refusal(3, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toBe(
      'SLURM_ARRAY_TASK_COUNT: is "4" but --shard auto/3 splits the batch into 3: submit 3 tasks or use auto/4',
    );
    expect(refusal(3, { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: '2' })).toMatch(/^AWS_BATCH_JOB_ARRAY_SIZE: is "2" but/);
    expect(refusal(3, { AWS_BATCH_JOB_ARRAY_INDEX: '0', AWS_BATCH_JOB_ARRAY_SIZE: 'three' })).toBe(
      'AWS_BATCH_JOB_ARRAY_SIZE: is "three": expected a whole number',
    );
    // Another system's count says nothing about this one's array.
    expect(resolve(3, { JOB_COMPLETION_INDEX: '0', SLURM_ARRAY_TASK_COUNT: '9' }).shard).toEqual({ index: 1, count: 3 });
  });

  it('with no variable set, lists the variables it looked for', () => {
    expect(refusal(3, { PATH: '/usr/bin', SLURM_ARRAY_TASK_MIN: '1' })).toBe(
      "shard: auto/3 reads the shard's index from the environment, but none of AYNI_SHARD_INDEX, SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX is set; give --shard k/3 instead",
    );
  });
});
