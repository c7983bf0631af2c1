/**
 * The runs behind scenarios/cases/README.md: each shipped case fixture as a batch of `runs`
 * seeds from master seed 1, summarised as cases-doc.ts shows it (the outcome numbers that
 * `ayni batch <fixture> --runs N --seed 1` writes to runs.csv), with each run's events read
 * for the project's fate: violence, crises before operation, suspensions, abandonment.
 */
import { readdirSync } from 'node:fs';
import { loadScenario } from '../io/scenario-file.js';
import { ayniVersion, shippedScenario } from '../io/version.js';
import { compileModel } from '../models/registry.js';
import { seedFor } from '../batch/seeds.js';
import { quantileSorted } from '../stats/quantiles.js';
import { monthIndex, monthLabel } from '../engine/calendar.js';
import type { CompiledModel, ModelRun } from '../engine/model.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { casesDoc, CASE_OUTCOMES, type CaseSummary, type RunFate } from './cases-doc.js';

const SEED = 1;

/** The cases README, or the issues of a fixture that does not load; `log` hears of each fixture done. */
export function casesReadme(runs: number, log: (line: string) => void): Result<string, InputIssue[]> {
  const files = readdirSync(shippedScenario('cases'))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const cases: CaseSummary[] = [];
  for (const file of files) {
    const loaded = loadScenario(shippedScenario(`cases/${file}`));
    if (!loaded.success) return fail(loaded.error);
    const scenario = loaded.data.scenario;
    const model = compileModel(scenario);
    const columns = CASE_OUTCOMES.map(() => [] as number[]);
    const fates: RunFate[] = [];
    for (let i = 0; i < runs; i++) {
      const run = model.run(seedFor(SEED, i), { events: true });
      CASE_OUTCOMES.forEach(([name], k) => columns[k]?.push(outcome(model, run, name)));
      fates.push(runFate(model, run));
    }
    log(`${file}: ${runs} runs`);
    cases.push({
      file,
      name: scenario.name,
      description: 'description' in scenario ? scenario.description : '',
      months: model.steps,
      firstMonth: model.firstMonth ?? '1',
      runs,
      outcomes: CASE_OUTCOMES.map(([name, label], k) => {
        const sorted = Float64Array.from(columns[k] ?? []).sort();
        return {
          name,
          label,
          mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
          p05: quantileSorted(sorted, 0.05),
          p95: quantileSorted(sorted, 0.95),
        };
      }),
      record: 'record' in scenario ? scenario.record : [],
      fates,
    });
  }
  return ok(casesDoc(cases, { ayniVersion: ayniVersion(), seed: SEED }));
}

function outcome(model: CompiledModel, run: ModelRun, name: string): number {
  const k = model.outcomeNames.indexOf(name);
  return k < 0 ? Number.NaN : (run.outcomes[k] as number);
}

/**
 * A run's project fate. Operation starts in the first month with potential production (a
 * project in operation, blockaded or not); events carry "YYYY-MM" labels, which sort as months.
 */
function runFate(model: CompiledModel, run: ModelRun): RunFate {
  const events = run.events ?? [];
  const first = (type: string) => events.find((e) => e.type === type)?.month as string | undefined;
  const potential = model.seriesNames.indexOf('productionPotential');
  let operationStart: string | null = null;
  if (potential >= 0 && model.firstMonth !== null) {
    for (let t = 0; t < model.steps; t++) {
      if ((run.series[potential * model.steps + t] as number) > 0) {
        operationStart = monthLabel(monthIndex(model.firstMonth) + t);
        break;
      }
    }
  }
  return {
    violent: outcome(model, run, 'violentEvents') > 0,
    operationStart,
    crisisBeforeOperation: events.some((e) => e.type === 'crisis' && (operationStart === null || (e.month as string) < operationStart)),
    firstSuspension: first('project-suspended') ?? null,
    abandoned: first('project-abandoned') !== undefined,
  };
}
