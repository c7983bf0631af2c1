/**
 * The workshop's simulation thread: it runs the session's comparisons, re-runs and exports
 * away from the server's thread, so that the page, its progress stream and the Stop button
 * stay responsive while futures are simulated. One thread, one job at a time; it keeps the
 * last simulation for the export. Started by server.ts with `new Worker(this file)`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InputIssue } from '../engine/result.js';
import type { Lang } from '../scenario/lang.js';
import {
  nationalUbigeos,
  prepareBase,
  readReformPolicies,
  runSimulation,
  warmUp,
  writeSessionExport,
  type BaseChoice,
  type SimulationRequest,
  type SimulationResult,
} from './session.js';
import type { ThreadReply, ThreadRequest } from './thread-protocol.js';

const { out, workers, lang, base, seed } = workerData as { out: string; workers: number; lang: Lang; base: BaseChoice; seed: number };
const port = parentPort;
if (port === null) throw new Error('simulation-thread.ts runs as a worker thread');
const reforms = readReformPolicies();
const ubigeos = nationalUbigeos();
let last: { result: SimulationResult; request: SimulationRequest } | undefined;
let controller: AbortController | undefined;
const send = (reply: ThreadReply) => port.postMessage(reply);

/** Jobs run one after another (two batches must never write one arm folder at once); Stop aborts the running one. */
let queue: Promise<void> = Promise.resolve();
const enqueue = (job: () => Promise<void>) => {
  queue = queue.then(job, job);
};

port.on('message', (message: ThreadRequest) => {
  if (message.type === 'abort') controller?.abort();
  else if (message.type === 'prepare') enqueue(() => prepareBase(out, message.base, seed).catch(() => {}));
  else enqueue(() => handle(message));
});
// Ready once warm: the URL is printed after this, so the room's first "Simular" is fast.
enqueue(() =>
  warmUp(out, base, seed, reforms)
    .catch(() => {})
    .finally(() => send({ type: 'ready' })),
);

async function handle(message: Extract<ThreadRequest, { type: 'simulate' | 'export' }>): Promise<void> {
  try {
    if (message.type === 'simulate') {
      controller = new AbortController();
      const { signal } = controller;
      const result = await runSimulation(message.request, out, workers, reforms, ubigeos, {
        signal,
        onProgress: (p) => send({ type: 'progress', id: message.id, done: p.done, total: p.total, futures: p.futures }),
        onCards: (cards) => send({ type: 'cards', id: message.id, cards }),
        onTimeline: (timeline) => send({ type: 'timeline', id: message.id, timeline }),
        onMap: (map) => send({ type: 'map', id: message.id, map }),
      });
      if (result.success) last = { result: result.data, request: message.request };
      if (signal.aborted) send({ type: 'stopped', id: message.id });
      else if (!result.success) send({ type: 'failed', id: message.id, issues: result.error });
      else send({ type: 'done', id: message.id, futures: result.data.comparison.runs });
    } else {
      if (last === undefined) {
        send({ type: 'failed', id: message.id, issues: [{ file: '', path: [], message: 'simulate before saving the session' }] });
        return;
      }
      const dir = await writeSessionExport(out, last.result, last.request.base.file, lang, new Date());
      send({ type: 'exported', id: message.id, dir });
    }
  } catch (e) {
    const issue: InputIssue = { file: '', path: [], message: e instanceof Error ? e.message : String(e) };
    send({ type: 'failed', id: message.id, issues: [issue] });
  }
}
