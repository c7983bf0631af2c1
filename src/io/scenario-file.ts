/**
 * Loading a scenario from disk: the pure loader (scenario/load.ts) with the real file
 * system, plus the content hash. Returns a typed result; bad input never throws.
 */
import { resolve } from 'node:path';
import { loadScenarioFrom, loadVariantFrom, type Override } from '../scenario/load.js';
import { scenarioHash } from '../scenario/hash.js';
import type { AnyScenario } from '../models/registry.js';
import { fail, ok, type InputIssue, type Result } from '../result.js';
import { nodeSourceHost } from './files.js';

export interface LoadedScenario {
  readonly scenario: AnyScenario;
  /** Path as the user gave it (for messages). */
  readonly file: string;
  readonly hash: string;
}

export interface LoadOptions {
  /** `--set path=value` overrides, applied after `extends` and before validation. */
  readonly set?: readonly Override[];
}

export function loadScenario(file: string, options: LoadOptions = {}): Result<LoadedScenario, InputIssue[]> {
  return withFileSystem(file, () => loadScenarioFrom(resolve(file), nodeSourceHost, options.set ?? []));
}

/** Loads a comparison variant: a full scenario, or an overlay applied onto `baseFile`. */
export function loadVariant(file: string, baseFile: string, options: LoadOptions = {}): Result<LoadedScenario, InputIssue[]> {
  return withFileSystem(file, () => loadVariantFrom(resolve(file), resolve(baseFile), nodeSourceHost, options.set ?? []));
}

/** Runs a loader on the real file system: unreadable files become issues, paths read as the user typed them. */
function withFileSystem(file: string, load: () => Result<AnyScenario, InputIssue[]>): Result<LoadedScenario, InputIssue[]> {
  let result: Result<AnyScenario, InputIssue[]>;
  try {
    result = load();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return fail([{ file, path: [], message: `cannot read file (${code})` }]);
  }
  if (!result.success) {
    const absolute = resolve(file);
    return fail(result.error.map((issue) => (issue.file === absolute ? { ...issue, file } : issue)));
  }
  return ok({ scenario: result.data, file, hash: scenarioHash(result.data) });
}

/** Parses "a.b.c=value" strings from the command line. */
export function parseOverride(text: string): Result<Override, InputIssue> {
  const at = text.indexOf('=');
  if (at <= 0) return fail({ file: '--set', path: [text], message: 'expected --set path.to.field=value' });
  return ok({ path: text.slice(0, at).trim(), value: text.slice(at + 1) });
}
