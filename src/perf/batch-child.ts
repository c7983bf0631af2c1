/**
 * One batch in a fresh process, for the scaling and memory suites. Prints JSON: end-to-end
 * wall time (from before the scenario is loaded to the batch's end), steady-state runs per
 * second (from 20% done to the last block, leaving out worker start-up, warm-up and the
 * final tables), the phases of the batch in ms from the same start, and peak RSS.
 * Arguments: scenario runs workers out.
 */
import { loadScenario } from '../io/scenario-file.js';
import { runBatch, type BatchPhase } from '../batch/run-batch.js';

const [scenario, runs, workers, out] = process.argv.slice(2);
const started = performance.now();
const loaded = loadScenario(String(scenario));
if (!loaded.success) throw new Error(`benchmark scenario invalid: ${JSON.stringify(loaded.error)}`);
const phases: Partial<Record<BatchPhase | 'loaded' | 'first-block', number>> = { loaded: performance.now() - started };
const marks: Array<[number, number]> = [];
const result = await runBatch(
  loaded.data,
  { runs: Number(runs), workers: Number(workers), out: String(out) },
  {
    onProgress: (p) => {
      marks.push([p.done, performance.now() - started]);
      if (p.done > 0) phases['first-block'] ??= performance.now() - started;
    },
    onPhase: (phase) => {
      phases[phase] = performance.now() - started;
    },
  },
);
if (!result.success || result.data.status !== 'complete') throw new Error(`benchmark batch failed: ${JSON.stringify(result)}`);
const wallMs = performance.now() - started;
const from = marks.find(([done]) => done >= Number(runs) * 0.2) ?? marks[0] ?? [0, 0];
const to = marks[marks.length - 1] ?? [0, 0];
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    runsPerSecond: (Number(runs) * 1000) / wallMs,
    steadyRunsPerSecond: ((to[0] - from[0]) * 1000) / (to[1] - from[1]),
    phases,
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`,
);
