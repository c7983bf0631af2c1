/**
 * The worker pool under the two Node faults that made a CI run hang or abort: a task
 * timeout lost to garbage collection, and a worker terminated while it loads its module.
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
});
