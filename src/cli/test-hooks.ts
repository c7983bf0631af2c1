/**
 * Fault injection for the reliability tests, read from AYNI_TEST_FAULTS (JSON, e.g.
 * {"throwAt":[3],"exitAt":[7],"taskTimeoutMs":2000}). Never set in normal use.
 */
import type { BatchOptions } from '../batch/run-batch.js';

export function testFaultsFromEnvironment(): Pick<BatchOptions, 'faults' | 'taskTimeoutMs'> | undefined {
  const text = process.env['AYNI_TEST_FAULTS'];
  if (!text) return undefined;
  const { taskTimeoutMs, ...faults } = JSON.parse(text) as {
    taskTimeoutMs?: number;
    throwAt?: number[];
    exitAt?: number[];
    hangAt?: number[];
  };
  return { faults, ...(taskTimeoutMs ? { taskTimeoutMs } : {}) };
}
