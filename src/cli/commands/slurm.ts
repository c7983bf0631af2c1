/** `ayni slurm submit|status`: a batch as a Slurm job array of shards, merged by a dependent job. */
import { Command } from 'commander';
import { EXIT_FAILURE, InputError } from '../exit.js';
import { parsePositiveInt, parseSeed } from '../options.js';

interface SubmitFlags {
  runs: number;
  tasks: number;
  seed: number;
  out: string;
  cpusPerTask: number;
  partition?: string;
  time?: string;
  wait?: boolean;
}

export function slurmCommand(): Command {
  const slurm = new Command('slurm').description('run a batch on a Slurm cluster: one shard per array task, then merge and report');
  slurm
    .command('submit')
    .description('write and submit the array job and the dependent merge job; resubmitting runs only missing shards')
    .argument('<scenario>', 'scenario file')
    .requiredOption('--runs <n>', 'runs in the whole batch', parsePositiveInt)
    .requiredOption('--tasks <k>', 'array tasks (shards)', parsePositiveInt)
    .option('--seed <n>', 'master seed', parseSeed, 1)
    .option('--out <dir>', 'results folder (shard-K-of-N/, merged/, slurm/)', 'out/slurm')
    .option('--cpus-per-task <c>', 'CPUs (and batch workers) per array task', parsePositiveInt, 1)
    .option('--partition <p>', 'Slurm partition')
    .option('--time <t>', 'time limit per task, as Slurm reads it (e.g. 2:00:00)')
    .option('--wait', 'wait until the merge job has finished')
    .action(async (scenario: string, flags: SubmitFlags) => {
      const { submitSlurm } = await import('../../slurm/submit.js');
      const result = submitSlurm({
        scenario,
        runs: flags.runs,
        tasks: flags.tasks,
        seed: flags.seed,
        out: flags.out,
        cpusPerTask: flags.cpusPerTask,
        ...(flags.partition ? { partition: flags.partition } : {}),
        ...(flags.time ? { time: flags.time } : {}),
        ...(flags.wait ? { wait: true } : {}),
      });
      if (!result.success) throw new InputError(result.error);
      const s = result.data;
      process.stdout.write(
        `${s.arrayJob ? `array job ${s.arrayJob} (tasks ${s.tasksSubmitted.join(',')})` : 'every shard is complete; no array job'}, merge job ${s.mergeJob}\n`,
      );
      if (s.merged === false) {
        process.stderr.write(`the merge job did not complete: see ${flags.out}/slurm/logs/, then submit again to run what is missing\n`);
        process.exitCode = EXIT_FAILURE;
      } else if (s.merged) {
        process.stdout.write(`merged results and report in ${flags.out}/merged\n`);
      }
    });
  slurm
    .command('status')
    .description('show the shards, the merge and the queued jobs of a submission')
    .argument('<dir>', 'results folder of ayni slurm submit')
    .action(async (dir: string) => {
      const { slurmStatus } = await import('../../slurm/submit.js');
      const result = slurmStatus(dir);
      if (!result.success) throw new InputError(result.error);
      const s = result.data;
      for (const shard of s.shards)
        process.stdout.write(
          `shard ${shard.task}/${s.tasks}: ${shard.state}${shard.state === 'partial' ? ` (${shard.blocksDone} blocks written)` : ''}\n`,
        );
      process.stdout.write(`merged: ${s.merged ? 'yes' : 'no'}\n`);
      for (const job of s.queued) process.stdout.write(`job ${job.job}: ${job.state}\n`);
    });
  return slurm;
}
