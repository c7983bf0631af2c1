/**
 * A run's outcomes as a short table a person can read in a terminal. Pure.
 */
import type { Outcomes } from '../core/metrics.js';
import type { RunIdentity } from './run-files.js';

const LINES: ReadonlyArray<[keyof Outcomes, string, (x: number) => string]> = [
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

export function formatOutcomes(identity: RunIdentity, outcomes: Outcomes, firstMonth: string, lastMonth: string): string {
  const width = Math.max(...LINES.map(([, label]) => label.length));
  const head = `ayni run: ${identity.scenarioName}, seed ${identity.seed}, ${identity.months} months (${firstMonth} to ${lastMonth})`;
  const body = LINES.map(([key, label, format]) => `  ${label.padEnd(width)}  ${format(outcomes[key])}`);
  return [head, ...body].join('\n');
}
