/**
 * A run that cannot go on with the inputs it was given (a formula that gives no number, money
 * beyond the range counted exactly): the run fails with this message, which names the
 * culprit, and a batch records it in failures.ndjson. Not a bug, so no stack trace.
 */
export class RunFailure extends Error {
  override readonly name = 'RunFailure';
}

/** True for a RunFailure, also one that crossed a worker boundary (which keeps only name and message). */
export const isRunFailure = (e: unknown): boolean =>
  e instanceof RunFailure || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'RunFailure');
