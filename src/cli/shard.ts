/**
 * The --shard option of batch and experiment: `k/n` (1 ≤ k ≤ n), or `auto/n`, whose k comes
 * from the scheduler's array index in the environment (batch/shard-env.ts), announced on stderr.
 */
import { InvalidArgumentError } from 'commander';
import type { Shard } from '../batch/plan.js';
import { shardFromEnvironment, type Environment } from '../batch/shard-env.js';
import { InputError } from './exit.js';

/** What --shard said: a shard, or `auto` with the count. */
export type ShardOption = Shard | { readonly index: 'auto'; readonly count: number };

export const SHARD_HELP = 'k of n (1 ≤ k ≤ n), or auto/n: k from the array index of Slurm, Kubernetes, AWS Batch or AYNI_SHARD_INDEX';

export function parseShard(value: string): ShardOption {
  const m = /^(\d+|auto)\/(\d+)$/.exec(value.trim());
  const count = Number(m?.[2]);
  if (m && m[1] === 'auto' && count >= 1 && Number.isSafeInteger(count)) return { index: 'auto', count };
  const index = Number(m?.[1]);
  if (!m || index < 1 || count < 1 || index > count)
    throw new InvalidArgumentError('expected k/n with 1 ≤ k ≤ n, e.g. 2/4, or auto/n to take k from the environment.');
  return { index, count };
}

/** The shard to run: k/n as given, or auto/n resolved from `env` (one line on `log`); exit 2 if it cannot be. */
export function resolveShard(option: ShardOption | undefined, env: Environment, log: NodeJS.WritableStream): Shard | undefined {
  if (option === undefined || option.index !== 'auto') return option as Shard | undefined;
  const resolved = shardFromEnvironment(option.count, env);
  if (!resolved.success) throw new InputError([resolved.error]);
  log.write(`${resolved.data.account}\n`);
  return resolved.data.shard;
}
