/**
 * The two job scripts of a cluster batch, as text. The array script runs one shard per
 * array task (`ayni batch --shard k/K` with as many workers as the task's CPUs, resuming
 * when the shard's folder already holds its batch); the merge script merges the shards and
 * writes the report, replacing the merged folder only when both succeed. Pure.
 *
 * With a design file, a task runs `ayni experiment <design> --shard k/K` instead (which resumes
 * by itself) and keeps its batch in shard-k-of-K/batch; the merge job merges those batches
 * into merged/batch and runs the experiment there, which writes its tables and report.
 */

export interface SlurmPlan {
  /** Absolute paths: the scenario, the results folder, Node, ayni's CLI. */
  readonly scenario: string;
  readonly out: string;
  readonly node: string;
  readonly cli: string;
  readonly runs: number;
  readonly seed: number;
  readonly tasks: number;
  readonly cpusPerTask: number;
  readonly partition?: string;
  readonly time?: string;
  readonly name: string;
  /** Absolute path of a design file: the shards run `ayni experiment` (runs and seed are the design's). */
  readonly design?: string;
}

/** Shell-quotes a value for a bash script. */
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

const shardFolder = (plan: SlurmPlan, task: number) => `${plan.out}/shard-${task}-of-${plan.tasks}`;

/** The folder holding a shard's batch: the shard folder, or its batch/ for an experiment. */
export const shardBatchFolder = (plan: SlurmPlan, task: number) => `${shardFolder(plan, task)}${plan.design ? '/batch' : ''}`;

/** The sbatch options of a job: written as #SBATCH lines and also passed on sbatch's command line. */
export function jobOptions(plan: SlurmPlan, job: 'array' | 'merge'): string[] {
  return [
    `--job-name=ayni-${plan.name}${job === 'merge' ? '-merge' : ''}`,
    `--output=${plan.out}/slurm/logs/${job === 'merge' ? 'merge' : 'shard-%a'}.log`,
    ...(job === 'array' ? [`--cpus-per-task=${plan.cpusPerTask}`] : []),
    ...(plan.partition ? [`--partition=${plan.partition}`] : []),
    ...(plan.time ? [`--time=${plan.time}`] : []),
  ];
}

/** sbatch reads #SBATCH lines only up to the first command, so they come straight after the shebang. */
function header(plan: SlurmPlan, job: 'array' | 'merge'): string[] {
  return [
    '#!/usr/bin/env bash',
    ...jobOptions(plan, job).map((option) => `#SBATCH ${option}`),
    `# Written by ayni slurm submit (${job} job); resubmitting the same command runs only what is missing.`,
    'set -euo pipefail',
  ];
}

export function arrayScript(plan: SlurmPlan): string {
  if (plan.design)
    return [
      ...header(plan, 'array'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, read by bash
      'task=${SLURM_ARRAY_TASK_ID:?submit this script as a job array}',
      `out=${quote(plan.out)}/shard-$task-of-${plan.tasks}`,
      // An experiment resumes from the blocks already in its batch folder by itself.
      `exec ${quote(plan.node)} ${quote(plan.cli)} experiment ${quote(plan.design)} --shard "$task/${plan.tasks}" --out "$out" \\`,
      `  --workers "\${SLURM_CPUS_PER_TASK:-1}" --quiet --no-report`,
      '',
    ].join('\n');
  return [
    ...header(plan, 'array'),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, read by bash
    'task=${SLURM_ARRAY_TASK_ID:?submit this script as a job array}',
    `out=${quote(plan.out)}/shard-$task-of-${plan.tasks}`,
    'resume=()',
    '[ -f "$out/batch.json" ] && resume=(--resume)',
    `exec ${quote(plan.node)} ${quote(plan.cli)} batch ${quote(plan.scenario)} --runs ${plan.runs} --seed ${plan.seed} \\`,
    `  --workers "\${SLURM_CPUS_PER_TASK:-1}" --shard "$task/${plan.tasks}" --out "$out" --quiet --no-report "\${resume[@]}"`,
    '',
  ].join('\n');
}

export function mergeScript(plan: SlurmPlan): string {
  const shards = Array.from({ length: plan.tasks }, (_, i) => quote(shardBatchFolder(plan, i + 1))).join(' ');
  const merged = quote(`${plan.out}/merged`);
  const staging = quote(`${plan.out}/merged.tmp`);
  const cli = `${quote(plan.node)} ${quote(plan.cli)}`;
  return [
    ...header(plan, 'merge'),
    `rm -rf ${staging}`,
    ...(plan.design
      ? [
          `${cli} merge ${shards} --out ${quote(`${plan.out}/merged.tmp/batch`)}`,
          // The merged batch is complete, so this only writes the tables and the report (no runs, no workers).
          `${cli} experiment ${quote(plan.design)} --out ${staging} --workers 0 --quiet`,
        ]
      : [`${cli} merge ${shards} --out ${staging}`, `${cli} report ${staging}`]),
    `rm -rf ${merged}`,
    `mv ${staging} ${merged}`,
    '',
  ].join('\n');
}
