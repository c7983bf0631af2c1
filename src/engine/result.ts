/**
 * Typed results for expected failures, shaped like zod's safeParse:
 * `{ success: true, data }` or `{ success: false, error }`. Exceptions are for bugs.
 */

export type Result<T, E> = { success: true; data: T } | { success: false; error: E };

export const ok = <T>(data: T): { success: true; data: T } => ({ success: true, data });
export const fail = <E>(error: E): { success: false; error: E } => ({ success: false, error });

/** One problem with a user's input: the file, the path of the bad field, and what is wrong. */
export interface InputIssue {
  /** File the problem was found in (empty for input that did not come from a file). */
  readonly file: string;
  /** Path of the bad field, e.g. ["communities", 3, "district"]; empty for the whole document. */
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/** `file: path.to.field: message`, the one-line form the CLI prints. */
export function formatIssue(issue: InputIssue): string {
  // Segments that would be ambiguous in a dotted path (empty, dotted, spaced) are quoted.
  const segment = (k: string | number) => (typeof k === 'number' || /^[^\s.":]+$/.test(k) ? String(k) : JSON.stringify(k));
  const where = issue.path.length > 0 ? issue.path.map(segment).join('.') : '(root)';
  // One line per problem, whatever the message holds.
  return `${issue.file ? `${issue.file}: ` : ''}${where}: ${issue.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** Normalises anything thrown into an Error (values thrown across a worker boundary lose their class). */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (typeof value === 'object' && value !== null && 'message' in value) {
    return new Error(String((value as { message: unknown }).message));
  }
  return new Error(String(value));
}
