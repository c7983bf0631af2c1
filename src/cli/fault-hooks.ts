/**
 * Fault injection for the reliability tests. The hook module (test-hooks.ts) is left out of
 * the npm package, so a published ayni ignores AYNI_TEST_FAULTS: it is imported only when
 * that variable is set, and its absence means no faults.
 */
import type { BatchOptions } from '../batch/run-batch.js';

export interface TestFaults {
  readonly faults?: NonNullable<BatchOptions['faults']>;
  readonly taskTimeoutMs?: number;
}

export async function loadTestFaults(): Promise<TestFaults> {
  if (!process.env['AYNI_TEST_FAULTS']) return {};
  try {
    const hooks = await import('./test-hooks.js');
    const found = hooks.testFaultsFromEnvironment();
    return {
      ...(found?.faults ? { faults: found.faults } : {}),
      ...(found?.taskTimeoutMs !== undefined ? { taskTimeoutMs: found.taskTimeoutMs } : {}),
    };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return {};
    throw e;
  }
}
