/**
 * A run's outcomes as a short table a person can read in a terminal. Pure.
 */
import type { Outcomes } from '../models/peru-mining/metrics.js';
import type { EpsteinOutcomeName } from '../models/civil-violence/metrics.js';
import type { ScenarioRun } from '../models/run.js';
import type { RunIdentity } from './run-files.js';
import { t, type Lang, type MessageKey } from './messages.js';

/** Outcomes in table order; their labels are the catalogue's run_<outcome> messages. */
const PERU_LINES: ReadonlyArray<readonly [keyof Outcomes, (x: number) => string]> = [
  ['activeConflictMonths', int],
  ['peakActiveConflicts', int],
  ['crisisMonths', int],
  ['blockadeMonths', int],
  ['productionLostShare', percent],
  ['violentEvents', int],
  ['commitmentsMade', int],
  ['commitmentsFulfilled', int],
  ['commitmentsBroken', int],
  ['commitmentsOrphaned', int],
  ['commitmentsOpen', int],
  ['dialogueTablesEarly', int],
  ['dialogueTablesReactive', int],
  ['agreements', int],
  ['trustCompany', two],
  ['trustNational', two],
  ['trustRegional', two],
  ['trustLocal', two],
  ['canonTransferred', millions],
  ['royaltiesTransferred', millions],
  ['canonExecuted', millions],
];

const EPSTEIN_LINES: ReadonlyArray<readonly [EpsteinOutcomeName, (x: number) => string]> = [
  ['meanActive', one],
  ['peakActive', int],
  ['outbursts', int],
  ['outburstSteps', int],
  ['activationPerOutburst', one],
  ['firstOutburstStep', int],
  ['arrests', int],
  ['meanJailed', one],
  ['finalActive', int],
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

/** The table in `lang`; the head shows `label` (the scenario's label, default its name). */
export function formatOutcomes(identity: RunIdentity, result: ScenarioRun, lang: Lang = 'en', label: string = identity.scenarioName): string {
  const lines = (result.monthly ? PERU_LINES : EPSTEIN_LINES).map(([key, format]) => [t(lang, `run_${key}` as MessageKey), result.outcomes[key as keyof typeof result.outcomes] as number, format] as const);
  const width = Math.max(...lines.map(([text]) => text.length));
  const first = result.stepLabels[0] ?? '';
  const last = result.stepLabels[result.stepLabels.length - 1] ?? '';
  const span = result.monthly ? t(lang, 'runSpanMonths', { months: identity.months, first, last }) : t(lang, 'runSpanSteps', { steps: identity.months, model: result.model });
  const head = t(lang, 'runHead', { scenario: label, seed: identity.seed, span });
  const body = lines.map(([text, value, format]) => `  ${text.padEnd(width)}  ${format(value)}`);
  return [head, ...body].join('\n');
}
