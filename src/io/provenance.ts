/**
 * What every manifest records so that a referee can check a results folder: the ayni and
 * Node versions, the git commit when ayni runs from a checkout, and the command line; and
 * the scenario as run (scenario.resolved.json: extends, overlays and --set merged, defaults
 * filled), which loads back to the same scenario hash.
 */
import { join } from 'node:path';
import type { AnyScenario } from '../models/registry.js';
import { writeFileAtomic } from './files.js';
import { ayniGitCommit } from './git-commit.js';
import { ayniVersion } from './version.js';

export const RESOLVED_SCENARIO = 'scenario.resolved.json';

export interface Provenance {
  readonly ayniVersion: string;
  readonly nodeVersion: string;
  /** null when ayni is not run from a git checkout (an installed package). */
  readonly gitCommit: string | null;
  /** The command line of the process that wrote the folder ("ayni …" for the CLI). */
  readonly argv: readonly string[];
}

export function provenance(): Provenance {
  return { ayniVersion: ayniVersion(), nodeVersion: process.version, gitCommit: ayniGitCommit(), argv: commandLine() };
}

/** The CLI's arguments after "ayni"; a library user's script and its arguments otherwise. */
function commandLine(): string[] {
  const [, script = '', ...args] = process.argv;
  return /[\\/]dist[\\/]src[\\/]cli[\\/]main\.js$/.test(script) ? ['ayni', ...args] : [script, ...args].filter((a) => a !== '');
}

/** The scenario as run, without the editor's $schema hint (the hash leaves it out too). */
function resolvedScenarioJson(scenario: AnyScenario): string {
  const { $schema: _editorHint, ...content } = scenario;
  return `${JSON.stringify(content, null, 2)}\n`;
}

export function writeResolvedScenario(dir: string, scenario: AnyScenario): void {
  writeFileAtomic(join(dir, RESOLVED_SCENARIO), resolvedScenarioJson(scenario));
}

/** How scenario.resolved.json relates to the file the user named, for the crate. */
export function resolvedDescription(file: string, hash: string): string {
  return `The scenario as run: ${file} with extends, overlays and --set merged and defaults filled; loads back to ${hash}.`;
}
