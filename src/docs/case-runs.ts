/**
 * The runs behind scenarios/cases/README.md: each shipped case fixture as a batch of `runs`
 * seeds from master seed 1, summarised as cases-doc.ts shows it (the numbers that
 * `ayni batch <fixture> --runs N --seed 1` writes to runs.csv).
 */
import { readdirSync } from 'node:fs';
import { loadScenario } from '../io/scenario-file.js';
import { ayniVersion, shippedScenario } from '../io/version.js';
import { compileModel } from '../models/registry.js';
import { seedFor } from '../batch/seeds.js';
import { quantileSorted } from '../stats/quantiles.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { casesDoc, CASE_OUTCOMES, type CaseSummary } from './cases-doc.js';

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
    const model = compileModel(loaded.data.scenario);
    const columns = CASE_OUTCOMES.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) {
      const run = model.run(seedFor(SEED, i));
      CASE_OUTCOMES.forEach(([name], k) => columns[k]?.push(run.outcomes[model.outcomeNames.indexOf(name)] as number));
    }
    log(`${file}: ${runs} runs`);
    cases.push({
      file,
      name: loaded.data.scenario.name,
      description: 'description' in loaded.data.scenario ? loaded.data.scenario.description : '',
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
    });
  }
  return ok(casesDoc(cases, { ayniVersion: ayniVersion(), seed: SEED }));
}
