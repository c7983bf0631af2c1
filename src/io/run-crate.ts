/**
 * Writes a results folder's ro-crate-metadata.json (see src/io/crate-metadata.ts) from the
 * folder as it is: every file and subfolder at its top level is a result, except hidden
 * files (the batch lock) and temporary files; the given inputs are the action's object.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CRATE_FILE, runCrateJson, type CrateEntry } from './crate-metadata.js';
import { writeFileAtomic } from './files.js';
import { provenance } from './provenance.js';

export interface RunCrateOptions {
  readonly name: string;
  readonly description: string;
  readonly startTime?: Date;
  readonly endTime: Date;
  readonly completed: boolean;
  /** Inputs inside the folder (paths relative to it), e.g. scenario.resolved.json. */
  readonly objects: ReadonlyArray<{ readonly path: string; readonly description: string }>;
  /** Descriptions of some results, by path. */
  readonly descriptions?: Readonly<Record<string, string>>;
}

export function writeRunCrate(dir: string, options: RunCrateOptions): void {
  const p = provenance();
  const inputs = new Set(options.objects.map((o) => o.path));
  const results: CrateEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === CRATE_FILE || name.startsWith('.') || name.endsWith('.tmp') || inputs.has(name)) continue;
    const stats = statSync(join(dir, name));
    const description = options.descriptions?.[name];
    results.push({
      path: stats.isDirectory() ? `${name}/` : name,
      folder: stats.isDirectory(),
      ...(stats.isDirectory() ? {} : { bytes: stats.size }),
      ...(description ? { description } : {}),
    });
  }
  const objects = options.objects.map((o) => ({
    path: o.path,
    folder: false,
    bytes: statSync(join(dir, o.path)).size,
    description: o.description,
  }));
  const json = runCrateJson({
    name: options.name,
    description: options.description,
    software: { version: p.ayniVersion, gitCommit: p.gitCommit, nodeVersion: p.nodeVersion },
    action: {
      argv: p.argv,
      ...(options.startTime ? { startTime: options.startTime.toISOString() } : {}),
      endTime: options.endTime.toISOString(),
      completed: options.completed,
    },
    objects,
    results,
  });
  writeFileAtomic(join(dir, CRATE_FILE), json);
}
