/**
 * The parallel ceiling of a batch, in a fresh process: W worker threads, each compiling the
 * scenario and running it in a plain loop (warm-up runs first, then timed runs), with no pool,
 * no blocks and no files. Their summed runs per second over one thread's is what the machine
 * itself allows W workers (shared caches, memory bandwidth, cores that are hyperthreads, other
 * load); a batch's steady speed-up is read against it. Prints JSON. Arguments: scenario workers
 * warmUpRuns timedRuns.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../io/scenario-file.js';
import { compileModel } from '../models/registry.js';

interface Job {
  readonly scenario: string;
  readonly warmUp: number;
  readonly timed: number;
  readonly thread: number;
}

if (isMainThread) {
  const [scenario, workers, warmUp, timed] = process.argv.slice(2);
  const rates = await Promise.all(
    Array.from(
      { length: Number(workers) },
      (_, thread) =>
        new Promise<number>((done, failed) => {
          const job: Job = { scenario: String(scenario), warmUp: Number(warmUp), timed: Number(timed), thread };
          const worker = new Worker(new URL(import.meta.url), { workerData: job });
          worker.once('message', done);
          worker.once('error', failed);
        }),
    ),
  );
  process.stdout.write(
    `${JSON.stringify({ workers: Number(workers), runsPerSecond: rates.reduce((a, b) => a + b, 0), perThread: rates })}\n`,
  );
} else {
  const job = workerData as Job;
  const loaded = loadScenario(job.scenario);
  if (!loaded.success) throw new Error(`benchmark scenario invalid: ${JSON.stringify(loaded.error)}`);
  const model = compileModel(loaded.data.scenario);
  // Seeds apart per thread, as a batch's runs are.
  const seed = (i: number) => job.thread * 1_000_000 + i + 1;
  for (let i = 0; i < job.warmUp; i++) model.run(seed(i));
  const started = performance.now();
  for (let i = job.warmUp; i < job.warmUp + job.timed; i++) model.run(seed(i));
  parentPort?.postMessage((job.timed * 1000) / (performance.now() - started));
}
