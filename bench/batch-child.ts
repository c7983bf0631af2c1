/**
 * One batch in a fresh process, for the batch benchmark. Prints JSON: end-to-end wall time,
 * steady-state runs per second (between the first completed blocks and the last, which
 * leaves out worker start-up, JIT warm-up and the final pass), and peak RSS.
 * Arguments: runs workers out.
 */
import { loadScenario } from '../src/io/scenario-file.js';
import { shippedScenario } from '../src/io/version.js';
import { runBatch } from '../src/batch/run-batch.js';

const [runs, workers, out] = process.argv.slice(2);
const loaded = loadScenario(shippedScenario('corridor.yaml'));
if (!loaded.success) throw new Error('corridor scenario invalid');
const marks: Array<[number, number]> = [];
const started = performance.now();
const result = await runBatch(
  loaded.data,
  { runs: Number(runs), workers: Number(workers), out: String(out) },
  { onProgress: (p) => marks.push([p.done, performance.now() - started]) },
);
if (!result.success || result.data.status !== 'complete') throw new Error(`batch failed: ${JSON.stringify(result)}`);
const wallMs = performance.now() - started;
const from = marks.find(([done]) => done >= Number(runs) * 0.2) ?? marks[0] ?? [0, 0];
const to = marks[marks.length - 1] ?? [0, 0];
process.stdout.write(
  `${JSON.stringify({
    runs: Number(runs),
    workers: Number(workers),
    wallMs,
    runsPerSecond: (Number(runs) * 1000) / wallMs,
    steadyRunsPerSecond: ((to[0] - from[0]) * 1000) / (to[1] - from[1]),
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`,
);
