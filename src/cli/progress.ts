/**
 * Progress on stderr. On a live terminal a bar redrawn in place; otherwise (a pipe, a CI log,
 * TERM=dumb) plain lines with no escape codes: one per 10% and at least one every 30
 * seconds, so that a long job in CI shows it is alive. Nothing when quiet.
 */
import type { BatchProgress } from '../batch/run-batch.js';
import type { CompareProgress } from '../experiments/compare.js';
import { duration, fixed, percent } from '../report/numbers.js';

export interface ProgressOptions {
  readonly quiet?: boolean;
  /** For TERM. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds since some origin, for the periodic lines. @default Date.now */
  readonly now?: () => number;
  /** Without a live terminal, at least one line this often. @default 30 000 */
  readonly intervalMs?: number;
  /** Put before every line, e.g. the hypothesis file when `ayni test` runs several. */
  readonly label?: string;
}

type Stream = Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;

/** A terminal that can redraw a line in place: a TTY whose TERM is not `dumb`. */
function isLiveTerminal(stream: Stream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** Progress of one batch: runs done/total, runs per second, ETA. */
export function progressReporter(stream: Stream, options: boolean | ProgressOptions): (p: BatchProgress) => void {
  const opts = typeof options === 'boolean' ? { quiet: options } : options;
  if (opts.quiet) return () => {};
  const show = lineWriter(stream, opts);
  let firstDone: number | undefined;
  return (p) => {
    firstDone ??= p.done;
    const seconds = p.elapsedMs / 1000;
    const rate = seconds > 0 ? (p.done - firstDone) / seconds : 0;
    show(
      `${p.done}/${p.total} runs (${donePercent(p.done, p.total)}), ${speed(rate, p.total - p.done)}${p.failed ? `, ${p.failed} failed` : ''}`,
      p.done,
      p.total,
    );
  };
}

/** Progress of a comparison: which arm, that arm's runs, and every arm together with an ETA. */
export function comparisonProgressReporter(stream: Stream, options: ProgressOptions): (p: CompareProgress) => void {
  if (options.quiet) return () => {};
  const show = lineWriter(stream, options);
  return (p) => {
    const seconds = p.elapsedMs / 1000;
    const rate = seconds > 0 ? p.computed / seconds : 0;
    const arm = `arm ${p.armIndex + 1}/${p.arms} ${p.arm}: ${p.armDone}/${p.armTotal} runs${p.failed ? ` (${p.failed} failed)` : ''}`;
    show(`${arm}; all arms ${p.done}/${p.total} (${donePercent(p.done, p.total)}), ${speed(rate, p.total - p.done)}`, p.done, p.total);
  };
}

/** Writes `text` as a redrawn bar on a live terminal, or as throttled plain lines. */
function lineWriter(stream: Stream, options: ProgressOptions): (text: string, done: number, total: number) => void {
  const live = isLiveTerminal(stream, options.env ?? process.env);
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 30_000;
  const prefix = options.label ? `${options.label}: ` : '';
  let lastTotal = -1;
  let lastDecile = -1;
  let lastLine = Number.NEGATIVE_INFINITY;
  return (text, done, total) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    if (live) {
      const width = 24;
      const filled = Math.round(fraction * width);
      stream.write(`\r${prefix}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K${done >= total ? '\n' : ''}`);
      return;
    }
    // A new total (a comparison growing its arms) starts the tenths again.
    if (total !== lastTotal) {
      lastTotal = total;
      lastDecile = -1;
    }
    const decile = Math.floor(fraction * 10);
    const t = now();
    if (decile > lastDecile || t - lastLine >= interval) {
      lastDecile = Math.max(lastDecile, decile);
      lastLine = t;
      stream.write(`${prefix}${text}\n`);
    }
  };
}

function donePercent(done: number, total: number): string {
  return percent(total > 0 ? done / total : 1, 0);
}

function speed(rate: number, remaining: number): string {
  return `${fixed(rate, 1)} runs/s, ETA ${duration(rate > 0 ? remaining / rate : remaining > 0 ? Number.NaN : 0)}`;
}
