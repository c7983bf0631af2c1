/** `ayni merge DIR... --out DIR`: combine shard folders into the files of one batch. */
import { Command } from 'commander';
import { InputError } from '../exit.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .description('merge the folders of a sharded batch (ayni batch --shard k/n) into one')
    .argument('<dirs...>', 'shard folders')
    .requiredOption('--out <dir>', 'folder for the merged batch')
    .option('--json', 'print the summary as JSON')
    .action(async (dirs: string[], options: { out: string; json?: boolean }) => {
      const { mergeShards } = await import('../../batch/merge.js');
      const result = await mergeShards(dirs, options.out);
      if (!result.success) throw new InputError(result.error);
      const s = result.data;
      if (options.json) process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      else if (s.alreadyComplete)
        process.stderr.write(
          `already merged, nothing to do: ${s.completed} of ${s.runs} runs completed${s.failed ? `, ${s.failed} failed` : ''} in ${s.out}\n`,
        );
      else
        process.stderr.write(
          `merged ${s.shards} shards: ${s.completed} of ${s.runs} runs completed${s.failed ? `, ${s.failed} failed` : ''}${s.keptSeries ? ', series kept' : ''}; results in ${s.out}\n`,
        );
    });
}
