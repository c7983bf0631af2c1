/**
 * `ayni slurm submit|status`: a batch (of a scenario) or an experiment (of a design file) as a
 * Slurm job array of shards, merged by a dependent job.
 */
import { Command } from 'commander';
import { EXIT_FAILURE, InputError } from '../exit.js';
import { parsePositiveInt, parseSeed } from '../options.js';

interface SubmitFlags {
  design?: string;
  runs?: number;
  tasks: number;
  seed?: number;
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
    .argument('[scenario]', 'scenario file (or --design)')
    .option(
      '--design <file>',
      'a design file instead of a scenario: the tasks run shards of ayni experiment (the design fixes runs and seed)',
    )
    .option('--runs <n>', 'runs in the whole batch (with a scenario)', parsePositiveInt)
    .requiredOption('--tasks <k>', 'array tasks (shards)', parsePositiveInt)
    .option('--seed <n>', 'master seed (with a scenario; default 1)', parseSeed)
    .option('--out <dir>', 'results folder (shard-K-of-N/, merged/, slurm/)', 'out/slurm')
    .option('--cpus-per-task <c>', 'CPUs (and batch workers) per array task', parsePositiveInt, 1)
    .option('--partition <p>', 'Slurm partition')
    .option('--time <t>', 'time limit per task, as Slurm reads it (e.g. 2:00:00)')
    .option('--wait', 'wait until the merge job has finished')
    .action(async (scenario: string | undefined, flags: SubmitFlags) => {
      // One line naming the option, exit 2, before anything is loaded or written.
      const refuse = (option: string, message: string) => new InputError([{ file: '', path: [option], message }]);
      if ((scenario === undefined) === (flags.design === undefined))
        throw refuse('--design', 'give either a scenario file or --design <file> (not both, not neither)');
      if (flags.design !== undefined && flags.runs !== undefined)
        throw refuse('--runs', 'is not allowed with --design: the design fixes the runs');
      if (flags.design !== undefined && flags.seed !== undefined)
        throw refuse('--seed', 'is not allowed with --design: the design file has its own seed');
      if (scenario !== undefined && flags.runs === undefined) throw refuse('--runs', 'is required with a scenario');
      const { submitSlurm } = await import('../../slurm/submit.js');
      const source =
        flags.design !== undefined
          ? { design: flags.design }
          : { scenario: scenario as string, runs: flags.runs as number, ...(flags.seed !== undefined ? { seed: flags.seed } : {}) };
      const result = submitSlurm({
        ...source,
        tasks: flags.tasks,
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
      if (s.design) process.stdout.write(`experiment of ${s.design}\n`);
      for (const shard of s.shards)
        process.stdout.write(
          `shard ${shard.task}/${s.tasks}: ${shard.state}${shard.state === 'partial' ? ` (${shard.blocksDone} blocks written)` : ''}\n`,
        );
      process.stdout.write(`merged: ${s.merged ? 'yes' : 'no'}\n`);
      for (const job of s.queued) process.stdout.write(`job ${job.job}: ${job.state}\n`);
    });
  return slurm;
}
