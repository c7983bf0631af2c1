/** `--set path=value` for the commands that load scenarios (run has its own, with --months and --steps). */
import type { Override } from '../scenario/load.js';
import type { InputIssue } from '../engine/result.js';
import { InputError } from './exit.js';

export const SET_HELP = 'override a scenario field, e.g. policies.dialogue.timing=early (repeatable)';

/** Parses every --set; a bad one ends the command with exit 2. */
export async function parseOverrides(texts: readonly string[]): Promise<Override[]> {
  const { parseOverride } = await import('../io/scenario-file.js');
  const issues: InputIssue[] = [];
  const overrides = texts.flatMap((text) => {
    const parsed = parseOverride(text);
    if (parsed.success) return [parsed.data];
    issues.push(parsed.error);
    return [];
  });
  if (issues.length > 0) throw new InputError(issues);
  return overrides;
}
