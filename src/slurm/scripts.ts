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
export const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export const shardFolder = (plan: SlurmPlan, task: number) => `${plan.out}/shard-${task}-of-${plan.tasks}`;

function header(plan: SlurmPlan, job: string, log: string): string[] {
  return [
    '#!/usr/bin/env bash',
    `# Written by ayni slurm submit (${job}); resubmitting the same command runs only what is missing.`,
    `#SBATCH --job-name=${job}`,
    `#SBATCH --output=${log}`,
    ...(plan.partition ? [`#SBATCH --partition=${plan.partition}`] : []),
    ...(plan.time ? [`#SBATCH --time=${plan.time}`] : []),
    'set -euo pipefail',
  ];
}

export function arrayScript(plan: SlurmPlan): string {
  return [
    ...header(plan, `ayni-${plan.name}`, `${plan.out}/slurm/logs/shard-%a.log`),
    `#SBATCH --cpus-per-task=${plan.cpusPerTask}`,
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
    ...header(plan, `ayni-${plan.name}-merge`, `${plan.out}/slurm/logs/merge.log`),
    `rm -rf ${staging}`,
    `${quote(plan.node)} ${quote(plan.cli)} merge ${shards} --out ${staging}`,
    `${quote(plan.node)} ${quote(plan.cli)} report ${staging}`,
    `rm -rf ${merged}`,
    `mv ${staging} ${merged}`,
    '',
  ].join('\n');
}
