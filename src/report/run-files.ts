/**
 * The files of one run, as strings: summary.json, timeseries.csv, events.ndjson and
 * manifest.json. Pure formatting; src/io writes them. Numbers are printed with JavaScript's
 * shortest round-trip form, so the same run always gives the same bytes.
 */
import type { ScenarioRun } from '../models/run.js';

export interface RunIdentity {
  readonly scenarioName: string;
  readonly scenarioFile: string;
  readonly scenarioHash: string;
  readonly seed: number;
  /** Steps run: months for the Peru model. */
  readonly months: number;
  readonly overrides: readonly string[];
}

export function summaryJson(identity: RunIdentity, result: ScenarioRun): string {
  const time = result.monthly
    ? { months: identity.months, firstMonth: result.stepLabels[0], lastMonth: result.stepLabels[result.stepLabels.length - 1] }
    : { model: result.model, steps: identity.months };
  const summary = {
    scenario: identity.scenarioName,
    scenarioHash: identity.scenarioHash,
    seed: identity.seed,
    ...time,
    outcomes: result.outcomes,
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

export function timeseriesCsv(result: ScenarioRun): string {
  const steps = result.stepLabels.length;
  const names = result.seriesNames;
  const lines = [`${result.monthly ? 'month' : 'step'},${names.join(',')}`];
  for (let t = 0; t < steps; t++) {
    const row = [result.stepLabels[t]];
    for (let m = 0; m < names.length; m++) row.push(String(result.series[m * steps + t]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function eventsNdjson(result: ScenarioRun): string {
  if (!result.events) return '';
  return result.events.map((e) => JSON.stringify(e)).join('\n') + (result.events.length ? '\n' : '');
}

export interface ManifestContext {
  readonly ayniVersion: string;
  readonly nodeVersion: string;
  /** The commit of ayni's checkout; null when not run from one. */
  readonly gitCommit?: string | null;
  /** The command line that wrote the run. */
  readonly argv?: readonly string[];
  readonly createdAt: string;
}

/** `monthly`: the run counts months (the Peru model) rather than numbered steps. */
export function manifestJson(identity: RunIdentity, context: ManifestContext, files: readonly string[], monthly = true): string {
  const manifest = {
    tool: 'ayni',
    ayniVersion: context.ayniVersion,
    nodeVersion: context.nodeVersion,
    ...(context.gitCommit !== undefined ? { gitCommit: context.gitCommit } : {}),
    ...(context.argv !== undefined ? { argv: context.argv } : {}),
    scenario: { name: identity.scenarioName, file: identity.scenarioFile, hash: identity.scenarioHash },
    seed: identity.seed,
    options: { [monthly ? 'months' : 'steps']: identity.months, set: identity.overrides },
    files,
    createdAt: context.createdAt,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
