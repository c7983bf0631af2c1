/**
 * Two tiers. `unit`: tests that run the TypeScript sources in the test process (about a
 * minute, `npm run test:unit`, the edit loop). `process`: tests that start the built CLI,
 * plain Node children, worker threads or Chromium, and so need a current dist/ (rebuilt
 * by test/setup/fresh-dist.ts when a source is newer). `npm test` runs both.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** The test files of the process tier; every other test file is a unit test. */
const PROCESS_TIER = [
  'test/api.test.ts',
  'test/package.test.ts',
  'test/provenance.test.ts',
  'test/batch/folder-lock.test.ts',
  'test/batch/pool.test.ts',
  'test/batch/run-batch.test.ts',
  'test/batch/shard-auto.test.ts',
  'test/cli/batch-cli.test.ts',
  'test/cli/batch-hang.test.ts',
  'test/cli/cli.test.ts',
  'test/cli/compare-cli.test.ts',
  'test/cli/labels.test.ts',
  'test/cli/pipes.test.ts',
  'test/cli/startup.test.ts',
  'test/cli/validate-cli.test.ts',
  'test/docs/tutorial.test.ts',
  'test/models/engine.test.ts',
  'test/models/peru-mining/money-bounds.test.ts',
  'test/reliability/faults.test.ts',
  'test/reliability/malformed-corpus.test.ts',
  'test/report/browser.test.ts',
  'test/report/report.test.ts',
  'test/reports/generate.test.ts',
  'test/scenario/formulas.test.ts',
  'test/slurm/cluster.test.ts',
  'test/slurm/scripts.test.ts',
  'test/workshop/taller-browser.test.ts',
  'test/workshop/taller-cli.test.ts',
];
for (const file of PROCESS_TIER)
  if (!existsSync(new URL(file, import.meta.url)))
    throw new Error(`vitest.config.ts: ${file} is listed in PROCESS_TIER but does not exist`);

// test/api-types imports 'ayni' by name: test/package.test.ts type-checks it against the packed package.
const NOT_TESTS = ['test/api-types/**', 'node_modules/**', 'dist/**'];

export default defineConfig({
  test: {
    // One file at a time on a 2-core machine (vitest's default, cores − 1, made explicit):
    // the process tier's children already use both cores (batches on 2 workers), and its
    // kill-at-a-moment tests need the machine not to be oversubscribed.
    pool: 'forks',
    maxWorkers: Math.max(1, availableParallelism() - 1),
    minWorkers: 1,
    // Inherited by both projects (extends: true), which add to these lists.
    globalSetup: ['test/setup/temp-root.ts'],
    setupFiles: ['test/setup/temp-cleanup.ts', 'test/setup/event-loop-turn.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...NOT_TESTS, ...PROCESS_TIER],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        // Child processes on a loaded machine: a minute or two, not vitest's 5 s.
        test: {
          name: 'process',
          include: PROCESS_TIER,
          exclude: NOT_TESTS,
          globalSetup: ['test/setup/fresh-dist.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
