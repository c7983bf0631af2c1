/**
 * How the CLI ends: exit codes and the one-line messages for user errors.
 * 0 success, 1 a run failed, 2 invalid input (bad file, bad option), 3 a benchmark guard
 * failed. No stack traces for user errors.
 */
import { formatIssue, type InputIssue } from '../engine/result.js';

export const EXIT_FAILURE = 1;
export const EXIT_INPUT = 2;
/** `ayni bench`: a guard ratio failed (the measurements themselves succeeded). */
export const EXIT_GUARD_FAILED = 3;
/** A long command stopped by Ctrl-C or SIGTERM; rerun it (with --resume for batches) to continue. */
export const EXIT_INTERRUPTED = 130;

/** Thrown inside command actions to end with exit code 2 after printing issues. */
export class InputError extends Error {
  constructor(readonly issues: readonly InputIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}

export function printIssues(issues: readonly InputIssue[]): void {
  for (const issue of issues) process.stderr.write(`${formatIssue(issue)}\n`);
}
