/**
 * Progress on stderr: a bar redrawn in place on a terminal (runs done/total, runs per
 * second, ETA), one line per 10% otherwise, nothing when quiet.
 */
import type { BatchProgress } from '../batch/run-batch.js';

export function progressReporter(stream: NodeJS.WriteStream, quiet: boolean): (p: BatchProgress) => void {
  if (quiet) return () => {};
  let lastDecile = -1;
  let firstDone: number | undefined;
  return (p) => {
    firstDone ??= p.done;
    const fraction = p.total > 0 ? p.done / p.total : 1;
    const seconds = p.elapsedMs / 1000;
    const rate = seconds > 0 ? (p.done - firstDone) / seconds : 0;
    const eta = rate > 0 ? (p.total - p.done) / rate : Number.NaN;
    const text = `${p.done}/${p.total} runs (${(fraction * 100).toFixed(0)}%), ${rate.toFixed(1)} runs/s, ETA ${formatSeconds(eta)}${p.failed ? `, ${p.failed} failed` : ''}`;
    if (stream.isTTY) {
      const width = 24;
      const filled = Math.round(fraction * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K${p.done === p.total ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (decile > lastDecile) {
      lastDecile = decile;
      stream.write(`${text}\n`);
    }
  };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--';
  if (s < 60) return `${Math.ceil(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
}
