/**
 * Writes one run's files into a folder (summary.json, timeseries.csv, events.ndjson, the
 * scenario as run, manifest.json and ro-crate-metadata.json), each atomically. The manifest
 * and the crate are written last and are the only files with a timestamp (and the command
 * line), so the others are byte-identical for the same scenario and seed.
 */
import { join } from 'node:path';
import type { AnyScenario } from '../models/registry.js';
import type { ScenarioRun } from '../models/run.js';
import { eventsNdjson, manifestJson, summaryJson, timeseriesCsv, type RunIdentity } from '../report/run-files.js';
import { CRATE_FILE } from '../io/crate-metadata.js';
import { writeFileAtomic, writeIssue } from '../io/files.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { provenance, resolvedDescription, RESOLVED_SCENARIO, writeResolvedScenario } from '../io/provenance.js';
import { writeRunCrate } from '../io/run-crate.js';

export const RUN_FILES = ['summary.json', 'timeseries.csv', 'events.ndjson', RESOLVED_SCENARIO, 'manifest.json', CRATE_FILE] as const;

/**
 * Writes the run's files; a folder that cannot be written is an input problem, returned as a
 * value. `scenario` (the scenario as run) is saved as scenario.resolved.json.
 */
export function writeRunOutputs(
  dir: string,
  identity: RunIdentity,
  result: ScenarioRun,
  now: Date = new Date(),
  scenario?: AnyScenario,
): Result<void, InputIssue[]> {
  try {
    writeFileAtomic(join(dir, 'summary.json'), summaryJson(identity, result));
    writeFileAtomic(join(dir, 'timeseries.csv'), timeseriesCsv(result));
    writeFileAtomic(join(dir, 'events.ndjson'), eventsNdjson(result));
    if (scenario) writeResolvedScenario(dir, scenario);
    const files = RUN_FILES.filter((f) => scenario !== undefined || f !== RESOLVED_SCENARIO);
    const p = provenance();
    const context = {
      ayniVersion: p.ayniVersion,
      nodeVersion: p.nodeVersion,
      gitCommit: p.gitCommit,
      argv: p.argv,
      createdAt: now.toISOString(),
    };
    writeFileAtomic(join(dir, 'manifest.json'), manifestJson(identity, context, files, result.monthly));
    writeRunCrate(dir, {
      name: `ayni run: ${identity.scenarioName}, seed ${identity.seed}`,
      description: `One run of scenario ${identity.scenarioName} (${identity.scenarioFile}, ${identity.scenarioHash}) with seed ${identity.seed}.`,
      endTime: now,
      completed: true,
      objects: scenario
        ? [{ path: RESOLVED_SCENARIO, description: resolvedDescription(identity.scenarioFile, identity.scenarioHash) }]
        : [],
    });
    return ok(undefined);
  } catch (e) {
    return fail([writeIssue(dir, e)]);
  }
}
