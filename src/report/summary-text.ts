/**
 * A run's outcomes as a short table a person can read in a terminal: the lines, words and
 * number formats of the model's outcome table. Pure.
 */
import type { NumberFormat } from '../engine/model.js';
import { describeModel } from '../models/registry.js';
import type { ScenarioRun } from '../models/run.js';
import type { RunIdentity } from './run-files.js';
import { t, type Lang } from './messages.js';
import { fixed, percent, whole } from './numbers.js';

const one = (x: number) => fixed(x, 1);
const two = (x: number) => fixed(x, 2);
const int = whole;
// Not through decimals(): a summary has always printed a non-finite total as NaN, not as a dash.
const millions = (x: number) => (x / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

const FORMATS: Record<NumberFormat, (x: number) => string> = {
  integer: int,
  'one-decimal': one,
  'two-decimals': two,
  percent: (x) => percent(x),
  millions,
};

/** The table in `lang`; the head shows `label` (the scenario's label, default its name). */
export function formatOutcomes(
  identity: RunIdentity,
  result: ScenarioRun,
  lang: Lang = 'en',
  label: string = identity.scenarioName,
): string {
  // The model's summary lines, in its order, with the words and number format of its outcome table.
  const model = describeModel(result.model);
  const lines = model.summary.flatMap((name) => {
    const outcome = model.outcomes.find((o) => o.name === name);
    return outcome ? [[outcome.runLabel?.[lang] ?? name, result.outcomes[name] ?? Number.NaN, FORMATS[outcome.format]] as const] : [];
  });
  const width = Math.max(...lines.map(([text]) => text.length));
  const first = result.stepLabels[0] ?? '';
  const last = result.stepLabels[result.stepLabels.length - 1] ?? '';
  const span = result.monthly
    ? t(lang, 'runSpanMonths', { months: identity.months, first, last })
    : t(lang, 'runSpanSteps', { steps: identity.months, model: result.model });
  const head = t(lang, 'runHead', { scenario: label, seed: identity.seed, span });
  const body = lines.map(([text, value, format]) => `  ${text.padEnd(width)}  ${format(value)}`);
  const size =
    result.size.length > 0 ? [`  ${result.size.map((s) => `${int(s.count)} ${(s.count === 1 ? s.one : s.many)[lang]}`).join(', ')}`] : [];
  return [head, ...size, ...body].join('\n');
}
