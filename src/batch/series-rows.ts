/**
 * The rows of series.csv for some metrics, computed from a batch folder's blocks: the series
 * pass's task (SeriesRowsTask), run on the worker threads or in process. Apart from tables.ts
 * so that a worker starts without the Parquet writer, which only the main thread uses.
 */
import { stepLabel } from '../engine/model.js';
import { describe } from '../stats/quantiles.js';
import { readBlockMeta, readBlockSeries, readTrustedIdentity } from './block-files.js';
import type { SeriesRowsTask } from './protocol.js';

/**
 * The rows of series.csv for the given metrics: for each step, the mean and quantiles over
 * the completed runs, in run order. Reads one metric at a time. Runs on a worker thread too.
 */
export function seriesRows(task: SeriesRowsTask): string[] {
  const identity = readTrustedIdentity(task.dir);
  if (identity === undefined) throw new Error(`bug: no batch.json in ${task.dir}`);
  const steps = identity.steps;
  const metas = task.blocks.map((b) => readBlockMeta(task.dir, b));
  const okCounts = metas.map((meta) => meta.ok.reduce((a, b) => a + b, 0));
  const okRuns = okCounts.reduce((a, b) => a + b, 0);
  // Steps are processed in ranges small enough that memory stays flat however many runs.
  const span = Math.max(1, Math.min(steps, Math.floor(MAX_VALUES_IN_MEMORY / Math.max(1, okRuns))));
  const perStep = Array.from({ length: span }, () => new Float64Array(okRuns));
  const readBuffer = new Float64Array(span * Math.max(1, ...metas.map((meta) => meta.count)));
  return task.metrics.map((m) => {
    const lines: string[] = [];
    for (let from = 0; from < steps; from += span) {
      const to = Math.min(steps, from + span);
      let filled = 0;
      for (const [b, meta] of metas.entries()) {
        // The slice is [step][run]: copy each step's ok runs, in run order.
        const slice = readBlockSeries(task.dir, meta.index, m, steps, meta.count, from, to, readBuffer);
        const okInBlock = okCounts[b]!;
        for (let t = 0; t < to - from; t++) {
          const row = perStep[t]!;
          const at = t * meta.count;
          // A block without failures (the usual case) is one contiguous copy per step.
          if (okInBlock === meta.count) row.set(slice.subarray(at, at + meta.count), filled);
          else for (let i = 0, next = filled; i < meta.count; i++) if (meta.ok[i] === 1) row[next++] = slice[at + i]!;
        }
        filled += okInBlock;
      }
      for (let t = from; t < to; t++) {
        const { mean, quantiles } = describe(perStep[t - from]!);
        lines.push(`${identity.series[m]},${stepLabel(identity.firstMonth, t)},${okRuns},${fmt(mean)},${quantiles.map(fmt).join(',')}\n`);
      }
    }
    return lines.join('');
  });
}

/** Values held at once by a series task (256 Ki doubles, 2 MiB). */
const MAX_VALUES_IN_MEMORY = 1 << 18;

const fmt = (x: number) => (Number.isNaN(x) ? '' : String(x));
