/**
 * Loading a scenario from disk: the pure loader (scenario/load.ts) with the real file
 * system, plus the content hash. Returns a typed result; bad input never throws.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import './mathjs.js';
import type { Override } from '../scenario/load.js';
import { loadScenarioFrom, loadVariantFrom } from '../models/scenario-loader.js';
import { scenarioHash } from './scenario-hash.js';
import type { AnyScenario } from '../models/registry.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
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
  /**
   * Confine every file read (the scenario, its `extends` chain, a variant's base) to this
   * folder: a file whose real path, symlinks resolved, is outside it is refused without
   * being read. For front ends that accept scenario files from others.
   * @default the AYNI_SCENARIO_ROOT environment variable when set, else no confinement
   */
  readonly root?: string;
}

/** Environment variable with the default scenario folder of `LoadOptions.root`. */
const SCENARIO_ROOT_ENV = 'AYNI_SCENARIO_ROOT';

/** The folder files are confined to: the option, else the environment's, else none. */
export function scenarioRoot(options: { readonly root?: string } = {}): string | undefined {
  const root = options.root ?? process.env[SCENARIO_ROOT_ENV];
  return root === undefined || root === '' ? undefined : root;
}

export function loadScenario(file: string, options: LoadOptions = {}): Result<LoadedScenario, InputIssue[]> {
  const root = scenarioRoot(options);
  return withFileSystem(file, root, () => loadScenarioFrom(resolve(file), nodeSourceHost(root), options.set ?? []));
}

/** Loads a comparison variant: a full scenario, or an overlay applied onto `baseFile`. */
export function loadVariant(file: string, baseFile: string, options: LoadOptions = {}): Result<LoadedScenario, InputIssue[]> {
  const root = scenarioRoot(options);
  return withFileSystem(file, root, () => loadVariantFrom(resolve(file), resolve(baseFile), nodeSourceHost(root), options.set ?? []));
}

/** An issue when a confining folder is given but is not a folder; else undefined. */
export function rootIssue(root: string | undefined): InputIssue | undefined {
  if (root === undefined) return undefined;
  try {
    if (statSync(root).isDirectory()) return undefined;
  } catch {
    // reported below
  }
  return { file: root, path: [], message: 'is not an existing folder (scenario files are confined to it)' };
}

/** Runs a loader on the real file system: unreadable files become issues, paths read as the user typed them. */
function withFileSystem(
  file: string,
  root: string | undefined,
  load: () => Result<AnyScenario, InputIssue[]>,
): Result<LoadedScenario, InputIssue[]> {
  const badRoot = rootIssue(root);
  if (badRoot) return fail([badRoot]);
  let result: Result<AnyScenario, InputIssue[]>;
  try {
    result = load();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return fail([{ file, path: [], message: `cannot read file (${code})` }]);
  }
  if (!result.success) {
    // The file as the user typed it, also in a "did you mean" hint.
    const absolute = resolve(file);
    return fail(
      result.error.map((issue) =>
        issue.file === absolute
          ? { ...issue, file, message: issue.message.replaceAll(`(did you mean ${absolute}`, `(did you mean ${file}`) }
          : issue,
      ),
    );
  }
  return ok({ scenario: result.data, file, hash: scenarioHash(result.data) });
}

/** Parses "a.b.c=value" strings from the command line. */
export function parseOverride(text: string): Result<Override, InputIssue> {
  const at = text.indexOf('=');
  if (at <= 0) return fail({ file: '--set', path: [text], message: 'expected --set path.to.field=value' });
  return ok({ path: text.slice(0, at).trim(), value: text.slice(at + 1) });
}
