/**
 * The worker pool under the two Node faults that made a CI run hang or abort: a task
 * timeout lost to garbage collection, and a worker terminated while it loads its module; and
 * its answers in shared memory (a transferred buffer would slow every worker's typed arrays).
 * Each runs in a child Node (compiled library) so that it can force GC or survive a crash.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dist = (path: string) => new URL(`../../dist/src/${path}`, import.meta.url).href;
const corridor = fileURLToPath(new URL('../../scenarios/corridor.yaml', import.meta.url));

function node(flags: string[], script: string) {
  return spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
}

const loadCorridor = `
import { loadScenario } from '${dist('index.js')}';
const loaded = loadScenario(${JSON.stringify(corridor)});
if (!loaded.success) throw new Error('corridor did not load');
const scenario = loaded.data.scenario ?? loaded.data;
const hung = { version: 1, firstRun: 0, count: 1, masterSeed: 1, faults: { hangAt: [0] } };
`;

describe('the worker pool', () => {
  it('stops a hung run at its timeout even when garbage collection runs while it waits', () => {
    const r = node(
      ['--expose-gc'],
      `${loadCorridor}
import { piscinaExecutor } from '${dist('batch/pool.js')}';
const executor = piscinaExecutor(scenario, { workers: 1, taskTimeoutMs: 500 });
const collect = setInterval(() => globalThis.gc(), 20);
const started = Date.now();
const watchdog = setTimeout(() => { console.log('still running after 8000 ms'); process.exit(1); }, 8000);
try {
  await executor.run(hung, new AbortController().signal);
  console.log('resolved');
} catch {
  console.log('stopped', Date.now() - started < 4000 ? 'in time' : 'late');
} finally {
  clearInterval(collect);
  clearTimeout(watchdog);
  await executor.close();
}`,
    );
    expect(r.stdout.trim()).toBe('stopped in time');
    expect(r.status).toBe(0);
  }, 30_000);

  // Before the fix, a 15-round loop like this aborted the process about one time in two.
  it('a pool destroyed while it replaces a terminated worker does not abort the process', () => {
    const r = node(
      [],
      `${loadCorridor}
import { piscinaExecutor } from '${dist('batch/pool.js')}';
for (let round = 0; round < 30; round++) {
  const executor = piscinaExecutor(scenario, { workers: 1, taskTimeoutMs: 150 + (round % 5) * 10 });
  await executor.run(hung).catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, round % 7));
  await executor.close();
}
console.log('done');`,
    );
    expect(r.stderr).not.toMatch(/FATAL ERROR/);
    expect(r.stdout.trim()).toBe('done');
    expect(r.status).toBe(0);
  }, 60_000);

  it('lays a whole block out into the shared memory its request brings, and copies a chunk back; values as in the main thread', async () => {
    const { piscinaExecutor } = await import('../../src/batch/pool.js');
    const { inProcessExecutor } = await import('../../src/batch/executor.js');
    const { loadScenario } = await import('../../src/io/scenario-file.js');
    const { compileModel } = await import('../../src/models/registry.js');
    const { asBlock } = await import('../../src/batch/block-layout.js');
    const loaded = loadScenario(corridor);
    if (!loaded.success) throw new Error('corridor did not load');
    const model = compileModel(loaded.data.scenario);
    const pool = piscinaExecutor(loaded.data.scenario, { workers: 1 });
    const here = inProcessExecutor(model);
    const runSize = model.seriesNames.length * model.steps;
    const sharedArray = (n: number) => new Float64Array(new SharedArrayBuffer(n * 8));
    // Room for 3 runs, a block of 2: the worker writes the first two runs' part.
    const into = { outcomes: sharedArray(3 * model.outcomeNames.length), series: sharedArray(3 * runSize) };
    try {
      const request = { version: 2, firstRun: 3, count: 2, masterSeed: 1 };
      const [chunk, block, reference] = await Promise.all([pool.run(request), pool.run({ ...request, into }), here.run(request)]);
      expect(chunk.series.buffer).toBeInstanceOf(ArrayBuffer);
      expect(Array.from(chunk.series)).toEqual(Array.from(reference.series));
      expect(Array.from(chunk.outcomes)).toEqual(Array.from(reference.outcomes));
      const laidOut = asBlock(reference, runSize, {
        outcomes: new Float64Array(into.outcomes.length),
        series: new Float64Array(into.series.length),
      });
      // The worker wrote into this thread's own arrays: no copy came back.
      expect(Array.from(into.series.subarray(0, 2 * runSize))).toEqual(Array.from(laidOut.series));
      expect(Array.from(into.outcomes.subarray(0, 2 * model.outcomeNames.length))).toEqual(Array.from(laidOut.outcomes));
      expect(block.series.length).toBe(2 * runSize);
      expect(block.digests).toEqual(laidOut.digests);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
