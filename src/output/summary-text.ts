/**
 * A run's outcomes as a short table a person can read in a terminal. Pure.
 */
import type { Outcomes } from '../core/metrics.js';
import type { EpsteinOutcomeName } from '../models/epstein/metrics.js';
import type { ScenarioRun } from '../models/run.js';
import type { RunIdentity } from './run-files.js';

type Line = [string, string, (x: number) => string];

const PERU_LINES: ReadonlyArray<[keyof Outcomes, string, (x: number) => string]> = [
  ['activeConflictMonths', 'active conflict-months (case × month)', int],
  ['peakActiveConflicts', 'most active cases at once', int],
  ['crisisMonths', 'case-months in crisis', int],
  ['blockadeMonths', 'project-months halted by blockades', int],
  ['productionLostShare', 'production lost', percent],
  ['violentEvents', 'violent events', int],
  ['commitmentsMade', 'commitments made', int],
  ['commitmentsFulfilled', '  fulfilled', int],
  ['commitmentsBroken', '  broken', int],
  ['commitmentsOrphaned', '  orphaned (head changed, nobody tracks it)', int],
  ['commitmentsOpen', '  still open', int],
  ['dialogueTablesEarly', 'permanent (early) dialogue tables', int],
  ['dialogueTablesReactive', 'reactive dialogue tables', int],
  ['agreements', 'agreements reached', int],
  ['trustCompany', 'final trust in the company', two],
  ['trustNational', 'final trust in the national state', two],
  ['trustRegional', 'final trust in the regional government', two],
  ['trustLocal', 'final trust in the municipality', two],
  ['canonTransferred', 'canon minero transferred (S/ million)', millions],
  ['royaltiesTransferred', 'regalías transferred (S/ million)', millions],
  ['canonExecuted', 'mining transfers executed (S/ million)', millions],
];

const EPSTEIN_LINES: ReadonlyArray<[EpsteinOutcomeName, string, (x: number) => string]> = [
  ['meanActive', 'mean active citizens per step', one],
  ['peakActive', 'most active citizens in one step', int],
  ['outbursts', 'outbursts (steps above the threshold, in runs)', int],
  ['outburstSteps', 'steps in outbursts', int],
  ['activationPerOutburst', 'mean peak activation per outburst', one],
  ['firstOutburstStep', 'first outburst at step (steps + 1: none)', int],
  ['arrests', 'arrests', int],
  ['meanJailed', 'mean citizens in jail', one],
  ['finalActive', 'active citizens at the last step', int],
];

function one(x: number): string {
  return x.toFixed(1);
}
function int(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}
function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
function two(x: number): string {
  return x.toFixed(2);
}
function millions(x: number): string {
  return (x / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

export function formatOutcomes(identity: RunIdentity, result: ScenarioRun): string {
  const lines: readonly Line[] = result.monthly ? PERU_LINES : EPSTEIN_LINES;
  const width = Math.max(...lines.map(([, label]) => label.length));
  const first = result.stepLabels[0] ?? '';
  const last = result.stepLabels[result.stepLabels.length - 1] ?? '';
  const span = result.monthly ? `${identity.months} months (${first} to ${last})` : `${identity.months} steps, model ${result.model}`;
  const head = `ayni run: ${identity.scenarioName}, seed ${identity.seed}, ${span}`;
  const body = lines.map(([key, label, format]) => `  ${label.padEnd(width)}  ${format(result.outcomes[key] as number)}`);
  return [head, ...body].join('\n');
}
