/**
 * Writes one run's files into a folder (summary.json, timeseries.csv, events.ndjson,
 * manifest.json), each atomically. The manifest is written last and is the only file with
 * a timestamp, so the other three are byte-identical for the same scenario and seed.
 */
import { join } from 'node:path';
import type { ScenarioRun } from '../models/run.js';
import { eventsNdjson, manifestJson, summaryJson, timeseriesCsv, type RunIdentity } from '../output/run-files.js';
import { writeFileAtomic, writeIssue } from './files.js';
import { fail, ok, type InputIssue, type Result } from '../result.js';
import { ayniVersion } from './version.js';

export const RUN_FILES = ['summary.json', 'timeseries.csv', 'events.ndjson', 'manifest.json'] as const;

/** Writes the run's files; a folder that cannot be written is an input problem, returned as a value. */
export function writeRunOutputs(dir: string, identity: RunIdentity, result: ScenarioRun, now: Date = new Date()): Result<void, InputIssue[]> {
  try {
    writeFileAtomic(join(dir, 'summary.json'), summaryJson(identity, result));
    writeFileAtomic(join(dir, 'timeseries.csv'), timeseriesCsv(result));
    writeFileAtomic(join(dir, 'events.ndjson'), eventsNdjson(result));
    const context = { ayniVersion: ayniVersion(), nodeVersion: process.version, createdAt: now.toISOString() };
    writeFileAtomic(join(dir, 'manifest.json'), manifestJson(identity, context, RUN_FILES, result.monthly));
    return ok(undefined);
  } catch (e) {
    return fail([writeIssue(dir, e)]);
  }
}
