/**
 * Writes one run's files into a folder (summary.json, timeseries.csv, events.ndjson,
 * manifest.json), each atomically. The manifest is written last and is the only file with
 * a timestamp, so the other three are byte-identical for the same scenario and seed.
 */
import { join } from 'node:path';
import type { RunResult } from '../core/simulate.js';
import { eventsNdjson, manifestJson, summaryJson, timeseriesCsv, type RunIdentity } from '../output/run-files.js';
import { writeFileAtomic } from './files.js';
import { ayniVersion } from './version.js';

export const RUN_FILES = ['summary.json', 'timeseries.csv', 'events.ndjson', 'manifest.json'] as const;

export function writeRunOutputs(dir: string, identity: RunIdentity, result: RunResult, now: Date = new Date()): void {
  writeFileAtomic(join(dir, 'summary.json'), summaryJson(identity, result));
  writeFileAtomic(join(dir, 'timeseries.csv'), timeseriesCsv(result));
  writeFileAtomic(join(dir, 'events.ndjson'), eventsNdjson(result));
  const context = { ayniVersion: ayniVersion(), nodeVersion: process.version, createdAt: now.toISOString() };
  writeFileAtomic(join(dir, 'manifest.json'), manifestJson(identity, context, RUN_FILES));
}
