/**
 * One batch in a fresh process, for the scaling and memory suites. Prints JSON: end-to-end
 * wall time, steady-state runs per second (from 20% done to the end of the runs, leaving out
 * worker start-up and the final pass), and peak RSS. Arguments: scenario runs workers out.
 */
import { loadScenario } from '../io/scenario-file.js';
import { runBatch } from '../batch/run-batch.js';

const [scenario, runs, workers, out] = process.argv.slice(2);
const loaded = loadScenario(String(scenario));
if (!loaded.success) throw new Error(`benchmark scenario invalid: ${JSON.stringify(loaded.error)}`);
const marks: Array<[number, number]> = [];
const started = performance.now();
const result = await runBatch(
  loaded.data,
  { runs: Number(runs), workers: Number(workers), out: String(out) },
  { onProgress: (p) => marks.push([p.done, performance.now() - started]) },
);
if (!result.success || result.data.status !== 'complete') throw new Error(`benchmark batch failed: ${JSON.stringify(result)}`);
const wallMs = performance.now() - started;
const from = marks.find(([done]) => done >= Number(runs) * 0.2) ?? marks[0] ?? [0, 0];
const to = marks[marks.length - 1] ?? [0, 0];
process.stdout.write(
  `${JSON.stringify({ wallMs, runsPerSecond: (Number(runs) * 1000) / wallMs, steadyRunsPerSecond: ((to[0] - from[0]) * 1000) / (to[1] - from[1]), maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
