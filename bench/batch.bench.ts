/**
 * Batch benchmark on the default scenario:
 * - throughput: runs per second at 1 and 2 workers (tinybench, each sample a 1,000-run batch
 *   in a fresh process), end to end and in steady state (without worker start-up and the
 *   final pass), and the speed-ups (target: 2 workers ≥ 1.6× one worker here);
 * - memory: peak RSS of 1,000- and 10,000-run batches (target: within 1.25×).
 *
 *   npm run bench:batch     (writes bench/results/batch.json; takes a few minutes)
 */
import { Bench } from 'tinybench';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const child = new URL('./batch-child.js', import.meta.url).pathname;
const quick = process.argv.includes('--quick');
const throughputRuns = quick ? 400 : 1000;

interface ChildResult {
  wallMs: number;
  runsPerSecond: number;
  steadyRunsPerSecond: number;
  maxRssKb: number;
}
const steady: Record<number, number[]> = { 1: [], 2: [] };

function batch(runs: number, workers: number): ChildResult {
  const out = mkdtempSync(join(tmpdir(), 'ayni-bench-'));
  try {
    return JSON.parse(execFileSync(process.execPath, [child, String(runs), String(workers), join(out, 'b')], { encoding: 'utf8' }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const bench = new Bench({ iterations: quick ? 2 : 4, time: 0, warmup: false });
for (const workers of [1, 2]) {
  bench.add(`${throughputRuns} runs, ${workers} worker${workers > 1 ? 's' : ''}`, () => {
    steady[workers]?.push(batch(throughputRuns, workers).steadyRunsPerSecond);
  });
}
await bench.run();
console.table(bench.table());
const mean = (i: number) => {
  const r = bench.tasks[i]?.result;
  if (!r || !('latency' in r)) throw new Error(`task ${i} did not complete`);
  return r.latency.mean;
};
const perSecond = (i: number) => (throughputRuns * 1000) / mean(i);
function average(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

const memory = quick ? [] : [1000, 10000].map((runs) => ({ runs, ...batch(runs, 2) }));
for (const m of memory) console.log(`${m.runs} runs: ${(m.maxRssKb / 1024).toFixed(0)} MB peak RSS, ${m.runsPerSecond.toFixed(0)} runs/s`);

const results = {
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
  throughput: {
    runs: throughputRuns,
    endToEnd: { oneWorkerRunsPerSecond: perSecond(0), twoWorkersRunsPerSecond: perSecond(1), speedUp: perSecond(1) / perSecond(0) },
    steadyState: { oneWorkerRunsPerSecond: average(steady[1] ?? []), twoWorkersRunsPerSecond: average(steady[2] ?? []), speedUp: average(steady[2] ?? []) / average(steady[1] ?? []) },
    target: '2 workers ≥ 1.6× one worker',
  },
  memory: memory.length === 2 ? { peakRssMb: memory.map((m) => ({ runs: m.runs, mb: m.maxRssKb / 1024 })), ratio: (memory[1]?.maxRssKb ?? 0) / (memory[0]?.maxRssKb ?? 1), target: '≤ 1.25' } : 'skipped (--quick)',
};
console.log(JSON.stringify(results, null, 2));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/batch.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
