/**
 * The two job scripts of a cluster batch, as text. The array script runs one shard per
 * array task (`ayni batch --shard k/K` with as many workers as the task's CPUs, resuming
 * when the shard's folder already holds its batch); the merge script merges the shards and
 * writes the report, replacing the merged folder only when both succeed. Pure.
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
}

/** Shell-quotes a value for a bash script. */
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export const shardFolder = (plan: SlurmPlan, task: number) => `${plan.out}/shard-${task}-of-${plan.tasks}`;

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
  const shards = Array.from({ length: plan.tasks }, (_, i) => quote(shardFolder(plan, i + 1))).join(' ');
  const merged = quote(`${plan.out}/merged`);
  const staging = quote(`${plan.out}/merged.tmp`);
  return [
    ...header(plan, 'merge'),
    `rm -rf ${staging}`,
    `${quote(plan.node)} ${quote(plan.cli)} merge ${shards} --out ${staging}`,
    `${quote(plan.node)} ${quote(plan.cli)} report ${staging}`,
    `rm -rf ${merged}`,
    `mv ${staging} ${merged}`,
    '',
  ].join('\n');
}
