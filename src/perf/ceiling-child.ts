/**
 * The parallel ceiling of a batch, in a fresh process: W worker threads, each compiling the
 * scenario and running it in a plain loop (warm-up runs first; then, all threads together from
 * a barrier, timed runs), with no pool, no blocks and no files. All the timed runs over the
 * wall time from the first start to the last end is what the machine itself allows W workers
 * (shared caches, memory bandwidth, cores that are hyperthreads, other load); a batch's steady
 * speed-up is read against it. Prints JSON. Arguments: scenario workers warmUpRuns timedRuns.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../io/scenario-file.js';
import { compileModel } from '../models/registry.js';

interface Job {
  readonly scenario: string;
  readonly warmUp: number;
  readonly timed: number;
  readonly thread: number;
  readonly threads: number;
  /** Int32 barrier: the threads that have finished their warm-up. */
  readonly ready: SharedArrayBuffer;
}

/** A thread's timed runs: the epoch (ms, high resolution) of their start and end, and their rate. */
interface Timed {
  readonly from: number;
  readonly to: number;
  readonly rate: number;
}

if (isMainThread) {
  const [scenario, workers, warmUp, timed] = process.argv.slice(2);
  const threads = Number(workers);
  const ready = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const results = await Promise.all(
    Array.from(
      { length: threads },
      (_, thread) =>
        new Promise<Timed>((done, failed) => {
          const job: Job = { scenario: String(scenario), warmUp: Number(warmUp), timed: Number(timed), thread, threads, ready };
          const worker = new Worker(new URL(import.meta.url), { workerData: job });
          worker.once('message', done);
          worker.once('error', failed);
        }),
    ),
  );
  const wallMs = Math.max(...results.map((r) => r.to)) - Math.min(...results.map((r) => r.from));
  const runsPerSecond = (threads * Number(timed) * 1000) / wallMs;
  process.stdout.write(`${JSON.stringify({ workers: threads, runsPerSecond, perThread: results.map((r) => r.rate) })}\n`);
} else {
  const job = workerData as Job;
  const loaded = loadScenario(job.scenario);
  if (!loaded.success) throw new Error(`benchmark scenario invalid: ${JSON.stringify(loaded.error)}`);
  const model = compileModel(loaded.data.scenario);
  // Seeds apart per thread, as a batch's runs are.
  const seed = (i: number) => job.thread * 1_000_000 + i + 1;
  for (let i = 0; i < job.warmUp; i++) model.run(seed(i));
  // Wait until every thread is warm, so that none times its runs while another still compiles.
  const ready = new Int32Array(job.ready);
  Atomics.add(ready, 0, 1);
  Atomics.notify(ready, 0);
  for (let seen = Atomics.load(ready, 0); seen < job.threads; seen = Atomics.load(ready, 0)) Atomics.wait(ready, 0, seen);
  const clock = () => performance.timeOrigin + performance.now();
  const from = clock();
  for (let i = job.warmUp; i < job.warmUp + job.timed; i++) model.run(seed(i));
  const to = clock();
  const result: Timed = { from, to, rate: (job.timed * 1000) / (to - from) };
  parentPort?.postMessage(result);
}
