/**
 * The outcomes of a batch's first runs, read from its blocks (not from runs.csv, which holds
 * every run of the folder): what comparisons read from each arm.
 */
import { BatchStore } from './store.js';
import { blockCount } from './plan.js';

/**
 * Outcomes of the first `runs` runs of the batch in `dir`: one column per outcome, NaN
 * where a run failed. The folder's blocks must cover those runs (checked when its batch ran).
 */
export function readOutcomeColumns(dir: string, runs: number): Map<string, Float64Array> {
  const store = new BatchStore(dir);
  const identity = store.readIdentity();
  const names = identity?.outcomes ?? [];
  const blockSize = identity?.blockSize ?? runs;
  const columns = names.map(() => new Float64Array(runs).fill(Number.NaN));
  for (let b = 0; b < blockCount(runs, blockSize); b++) {
    const meta = store.readBlockMeta(b);
    const values = store.readBlockOutcomes(b);
    for (let i = 0; i < meta.count && meta.firstRun + i < runs; i++) {
      if (meta.ok[i] !== 1) continue;
      names.forEach((_, k) => ((columns[k] as Float64Array)[meta.firstRun + i] = values[i * names.length + k] as number));
    }
  }
  return new Map(names.map((name, k) => [name, columns[k] as Float64Array]));
}
