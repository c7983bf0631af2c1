/**
 * How a batch starts (issue #22, fixed costs): its workers are started before the main thread
 * compiles the scenario and prepares the folder, so they are closed on every way out, the
 * early returns included, and not started for a folder that already holds the batch complete;
 * the phases a benchmark times come in order.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBatch, type BatchPhase } from '../../src/batch/run-batch.js';
import { acquireFolderLock } from '../../src/io/folder-lock.js';
import { scenarioHash } from '../../src/io/scenario-hash.js';
import { tinyScenario } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

// Counts the pools the batch starts and closes (the real pool underneath; close may be called
// more than once, and counts once).
const pools = vi.hoisted(() => ({ started: 0, closed: 0 }));
vi.mock('../../src/batch/pool.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/batch/pool.js')>();
  return {
    ...real,
    piscinaExecutor: (...args: Parameters<typeof real.piscinaExecutor>) => {
      const executor = real.piscinaExecutor(...args);
      pools.started++;
      let closed = false;
      return {
        ...executor,
        close: async () => {
          if (!closed) pools.closed++;
          closed = true;
          await executor.close();
        },
      };
    },
  };
});

const scenario = tinyScenario({ months: 12 });
const loaded = { scenario, file: 'tiny.yaml', hash: scenarioHash(scenario) };

afterEach(() => {
  pools.started = 0;
  pools.closed = 0;
});

describe('batch start-up', () => {
  it('reports its phases in order, the workers started before the main thread compiles', async () => {
    const phases: BatchPhase[] = [];
    const r = await runBatch(
      loaded,
      { runs: 20, blockSize: 10, workers: 1, out: tempFolder('start-up') },
      { onPhase: (p) => phases.push(p) },
    );
    expect(r.success && r.data.status).toBe('complete');
    expect(phases).toEqual(['executor-started', 'compiled', 'first-chunk', 'blocks-written', 'tables-written', 'executor-closed']);
    expect(pools).toEqual({ started: 1, closed: 1 });
  }, 30_000);

  it('in the main thread there is no executor to start', async () => {
    const phases: BatchPhase[] = [];
    await runBatch(loaded, { runs: 4, workers: 0, out: tempFolder('start-up') }, { onPhase: (p) => phases.push(p) });
    expect(phases[0]).toBe('compiled');
    expect(phases).not.toContain('executor-started');
    expect(pools.started).toBe(0);
  });

  it('closes the workers it started when the folder is taken by another batch', async () => {
    const out = tempFolder('start-up');
    const held = acquireFolderLock(out);
    if (!held.acquired) throw new Error(held.message);
    try {
      const r = await runBatch(loaded, { runs: 4, workers: 2, out });
      expect(r.success).toBe(false);
    } finally {
      held.lock.release();
    }
    expect(pools).toEqual({ started: 1, closed: 1 });
  }, 30_000);

  it('closes the workers it started when the scenario does not compile', async () => {
    // A design whose first point is out of range: the main thread's compile fails.
    const design = { factors: ['parameters.conflict.emergeRate'], points: [[-1], [0.1]], replications: 2 };
    const r = await runBatch(loaded, { runs: 4, workers: 2, out: tempFolder('start-up'), design });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error[0]?.message).toMatch(/design point 0/);
    expect(pools).toEqual({ started: 1, closed: 1 });
  }, 30_000);

  it('starts no workers for a folder that already holds the batch complete', async () => {
    const out = tempFolder('start-up');
    expect((await runBatch(loaded, { runs: 4, workers: 0, out })).success).toBe(true);
    const again = await runBatch(loaded, { runs: 4, workers: 2, out });
    expect(again.success && again.data.alreadyComplete).toBe(true);
    expect(pools.started).toBe(0);
  });
});
