/**
 * The files of one run, as strings: summary.json, timeseries.csv, events.ndjson and
 * manifest.json. Pure formatting; src/io writes them. Numbers are printed with JavaScript's
 * shortest round-trip form, so the same run always gives the same bytes.
 */
import { SERIES_NAMES } from '../core/metrics.js';
import type { RunResult } from '../core/simulate.js';

export interface RunIdentity {
  readonly scenarioName: string;
  readonly scenarioFile: string;
  readonly scenarioHash: string;
  readonly seed: number;
  readonly months: number;
  readonly overrides: readonly string[];
}

export function summaryJson(identity: RunIdentity, result: RunResult): string {
  const summary = {
    scenario: identity.scenarioName,
    scenarioHash: identity.scenarioHash,
    seed: identity.seed,
    months: identity.months,
    firstMonth: result.monthLabels[0],
    lastMonth: result.monthLabels[result.monthLabels.length - 1],
    outcomes: result.outcomes,
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

export function timeseriesCsv(result: RunResult): string {
  const months = result.monthLabels.length;
  const lines = [`month,${SERIES_NAMES.join(',')}`];
  for (let t = 0; t < months; t++) {
    const row = [result.monthLabels[t]];
    for (let m = 0; m < SERIES_NAMES.length; m++) row.push(String(result.series[m * months + t]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function eventsNdjson(result: RunResult): string {
  if (!result.events) return '';
  return result.events.map((e) => JSON.stringify({ ...e, month: result.monthLabels[e.month] })).join('\n') + (result.events.length ? '\n' : '');
}

export interface ManifestContext {
  readonly ayniVersion: string;
  readonly nodeVersion: string;
  readonly createdAt: string;
}

export function manifestJson(identity: RunIdentity, context: ManifestContext, files: readonly string[]): string {
  const manifest = {
    tool: 'ayni',
    ayniVersion: context.ayniVersion,
    nodeVersion: context.nodeVersion,
    scenario: { name: identity.scenarioName, file: identity.scenarioFile, hash: identity.scenarioHash },
    seed: identity.seed,
    options: { months: identity.months, set: identity.overrides },
    files,
    createdAt: context.createdAt,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
