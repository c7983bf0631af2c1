/**
 * How a batch is cut up. Runs are grouped in fixed blocks of run indices (the unit that is
 * written, resumed, sharded and merged); blocks are cut into tasks of a few runs for the
 * workers. Neither cut changes any result: run i always has seedFor(masterSeed, i), and
 * statistics are computed over runs in index order. Pure.
 */

/** Runs per block: how much work an interruption can lose, per worker. */
export const DEFAULT_BLOCK_SIZE = 100;

export interface Shard {
  /** 1-based shard number. */
  readonly index: number;
  readonly count: number;
}

export interface Block {
  readonly index: number;
  readonly firstRun: number;
  readonly count: number;
}

export function blockCount(runs: number, blockSize: number): number {
  return Math.ceil(runs / blockSize);
}

export function blockAt(index: number, runs: number, blockSize: number): Block {
  const firstRun = index * blockSize;
  return { index, firstRun, count: Math.min(blockSize, runs - firstRun) };
}

/** The blocks of a shard: a contiguous share of the block indices. */
export function shardBlocks(runs: number, blockSize: number, shard: Shard): Block[] {
  const total = blockCount(runs, blockSize);
  const from = Math.floor(((shard.index - 1) * total) / shard.count);
  const to = Math.floor((shard.index * total) / shard.count);
  const blocks: Block[] = [];
  for (let b = from; b < to; b++) blocks.push(blockAt(b, runs, blockSize));
  return blocks;
}

/**
 * Runs per worker task, so that a task carries tens of milliseconds of work (a pool round
 * trip costs ~0.1–0.3 ms here). Estimated from the size of a run (agents × steps, e.g.
 * communities × steps); the choice affects speed only.
 */
export function runsPerTask(costUnits: number, blockSize: number): number {
  return Math.max(1, Math.min(blockSize, Math.floor(150_000 / costUnits)));
}
