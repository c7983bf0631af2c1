/**
 * `--shard auto/n`: which shard this process is, from the array index its scheduler put in the
 * environment. Pure: the caller passes the environment (the CLI passes process.env).
 *
 * ayni's shard k counts from 1 (plan.ts: 1 ≤ k ≤ n). Every index below counts from 0, so
 * k = index + 1; the first variable set, in this order, wins:
 * - AYNI_SHARD_INDEX, 0-based, set by hand or by a submit file. HTCondor numbers the jobs of a
 *   cluster from 0 ("Process numbers always start at 0", research.cs.wisc.edu/htcondor/tutorials,
 *   and htcondor.com/wiki-archive/pages/VaryArgumentsByProcId: `queue 10` gives $(Process) 0 to 9),
 *   so `environment = "AYNI_SHARD_INDEX=$(Process)"` passes it straight through.
 * - SLURM_ARRAY_TASK_ID: whatever --array said (0-31, 1-8, 1-7:2; "the minimum index value is
 *   zero", slurm.schedmd.com/job_array.html). Its index is (ID − SLURM_ARRAY_TASK_MIN) /
 *   SLURM_ARRAY_TASK_STEP, so --array=1-8 and --array=0-7 both give shards 1 to 8; MIN and STEP
 *   are set by Slurm for every array task (same page). An unset MIN is taken as 0, STEP as 1.
 * - JOB_COMPLETION_INDEX: Kubernetes Indexed Jobs, 0 to completions − 1
 *   (kubernetes.io/docs/tasks/job/indexed-parallel-processing-static; Job concepts page).
 * - AWS_BATCH_JOB_ARRAY_INDEX: "The array job index begins at 0 … an array job with 10 children
 *   has index values of 0-9" (docs.aws.amazon.com/batch/latest/userguide/job_env_vars.html).
 * Where the scheduler also says how many tasks there are (SLURM_ARRAY_TASK_COUNT,
 * AWS_BATCH_JOB_ARRAY_SIZE), that count must be n: otherwise shards would be missing or doubled.
 */
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import type { Shard } from './plan.js';

/** The index variables, first to last in precedence. */
export const SHARD_INDEX_VARIABLES = [
  'AYNI_SHARD_INDEX',
  'SLURM_ARRAY_TASK_ID',
  'JOB_COMPLETION_INDEX',
  'AWS_BATCH_JOB_ARRAY_INDEX',
] as const;
type ShardIndexVariable = (typeof SHARD_INDEX_VARIABLES)[number];

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ShardFromEnvironment {
  readonly shard: Shard;
  /** The variable that decided. */
  readonly variable: ShardIndexVariable;
  /** The 0-based index it gave. */
  readonly index: number;
  /** One line for the log, e.g. "shard 3/8 from JOB_COMPLETION_INDEX=2". */
  readonly account: string;
}

const WHOSE: Record<ShardIndexVariable, string> = {
  AYNI_SHARD_INDEX: 'ayni, 0-based (HTCondor: $(Process))',
  SLURM_ARRAY_TASK_ID: 'Slurm, counted from SLURM_ARRAY_TASK_MIN',
  JOB_COMPLETION_INDEX: 'Kubernetes Indexed Job, 0-based',
  AWS_BATCH_JOB_ARRAY_INDEX: 'AWS Batch array job, 0-based',
};

/** The shard of `count` that the environment names, or a one-line issue naming the variable and its value. */
export function shardFromEnvironment(count: number, env: Environment): Result<ShardFromEnvironment, InputIssue> {
  const variable = SHARD_INDEX_VARIABLES.find((name) => env[name] !== undefined);
  if (variable === undefined)
    return fail({
      file: '',
      path: ['shard'],
      message: `auto/${count} reads the shard's index from the environment, but none of ${SHARD_INDEX_VARIABLES.join(', ')} is set; give --shard k/${count} instead`,
    });
  const value = env[variable] as string;
  const bad = (message: string) => fail({ file: '', path: [variable], message: `is ${JSON.stringify(value)}: ${message}` });
  const raw = wholeNumber(value);
  if (raw === undefined) return bad(`expected a whole number (${WHOSE[variable]})`);

  let index = raw;
  let detail = '';
  if (variable === 'SLURM_ARRAY_TASK_ID') {
    const offset = slurmOffset(env, raw);
    if (!offset.success) return offset;
    index = offset.data.index;
    detail = offset.data.detail;
  }
  const total = taskCount(variable, env);
  if (total !== undefined) {
    const n = wholeNumber(total.value);
    const shown = JSON.stringify(total.value);
    if (n === undefined) return fail({ file: '', path: [total.name], message: `is ${shown}: expected a whole number` });
    if (n !== count)
      return fail({
        file: '',
        path: [total.name],
        message: `is ${shown} but --shard auto/${count} splits the batch into ${count}: submit ${count} tasks or use auto/${n}`,
      });
  }
  if (index >= count)
    return bad(
      `index ${index} (${WHOSE[variable]}) is past the last of ${count} shards (0 to ${count - 1}); check the array size against auto/${count}`,
    );
  const shard = { index: index + 1, count };
  const others = SHARD_INDEX_VARIABLES.filter((name) => name !== variable && env[name] !== undefined);
  const ignored = others.length > 0 ? `; ${others.join(', ')} also set, ignored` : '';
  return ok({ shard, variable, index, account: `shard ${shard.index}/${count} from ${variable}=${value}${detail}${ignored}` });
}

function wholeNumber(value: string): number | undefined {
  const n = Number(value);
  return /^[0-9]+$/.test(value) && Number.isSafeInteger(n) ? n : undefined;
}

/** Slurm's task ID as a 0-based index: (ID − MIN) / STEP. */
function slurmOffset(env: Environment, id: number): Result<{ index: number; detail: string }, InputIssue> {
  const issue = (name: string, message: string) => fail({ file: '', path: [name], message });
  const minText = env.SLURM_ARRAY_TASK_MIN;
  const stepText = env.SLURM_ARRAY_TASK_STEP;
  const min = minText === undefined ? 0 : wholeNumber(minText);
  if (min === undefined) return issue('SLURM_ARRAY_TASK_MIN', `is ${JSON.stringify(minText)}: expected a whole number`);
  const step = stepText === undefined ? 1 : wholeNumber(stepText);
  if (step === undefined || step < 1)
    return issue('SLURM_ARRAY_TASK_STEP', `is ${JSON.stringify(stepText)}: expected a whole number of at least 1`);
  if (id < min) return issue('SLURM_ARRAY_TASK_ID', `is "${id}", below SLURM_ARRAY_TASK_MIN=${min}`);
  if ((id - min) % step !== 0)
    return issue(
      'SLURM_ARRAY_TASK_ID',
      `is "${id}", not on the array's steps (SLURM_ARRAY_TASK_MIN=${min}, SLURM_ARRAY_TASK_STEP=${step})`,
    );
  const parts = [minText === undefined ? 'SLURM_ARRAY_TASK_MIN unset, taken as 0' : `SLURM_ARRAY_TASK_MIN=${min}`];
  if (step !== 1) parts.push(`SLURM_ARRAY_TASK_STEP=${step}`);
  return ok({ index: (id - min) / step, detail: ` (${parts.join(', ')})` });
}

/** The scheduler's own count of array tasks, where it gives one. */
const COUNT_VARIABLE: Partial<Record<ShardIndexVariable, string>> = {
  SLURM_ARRAY_TASK_ID: 'SLURM_ARRAY_TASK_COUNT',
  AWS_BATCH_JOB_ARRAY_INDEX: 'AWS_BATCH_JOB_ARRAY_SIZE',
};

function taskCount(variable: ShardIndexVariable, env: Environment): { name: string; value: string } | undefined {
  const name = COUNT_VARIABLE[variable];
  const value = name === undefined ? undefined : env[name];
  return name === undefined || value === undefined ? undefined : { name, value };
}
