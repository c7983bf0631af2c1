/**
 * docs/reference-epstein.md and its charts: the shipped reference scenarios loaded, the
 * reproduction run, a rough time per run measured, and the page and its SVG charts made
 * (civil-violence-doc.ts words them). Writes nothing.
 */
import { loadScenario } from '../io/scenario-file.js';
import { ayniVersion, shippedScenario } from '../io/version.js';
import { isCivilViolence } from '../models/registry.js';
import { reproduceCivilViolence, type ReproductionScenarios } from '../experiments/civil-violence-reproduction.js';
import { compileCivilViolence, simulateCivilViolence } from '../models/civil-violence/simulate.js';
import type { CivilViolenceScenario } from '../models/civil-violence/schema.js';
import { renderSvg } from '../report/render.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { civilViolenceCharts, civilViolenceDoc, CIVIL_VIOLENCE_CHARTS } from './civil-violence-doc.js';

export interface CivilViolencePage {
  readonly markdown: string;
  /** SVG of each chart, by name (CIVIL_VIOLENCE_CHARTS). */
  readonly charts: ReadonlyArray<{ readonly name: string; readonly svg: string }>;
}

const SCENARIOS: Record<keyof ReproductionScenarios, string> = {
  run1: 'epstein-table2-run1',
  run2: 'epstein-table2-run2',
  gradual: 'epstein-legitimacy-gradual',
  jump: 'epstein-legitimacy-jump',
  defaults: 'epstein-defaults',
  copReduction: 'epstein-cop-reduction',
};

/** The page from `runs` seeds per scenario and arrest-probability form; `log` hears of progress. */
export async function civilViolencePage(runs: number, log: (line: string) => void): Promise<Result<CivilViolencePage, InputIssue[]>> {
  const scenarios: Partial<Record<keyof ReproductionScenarios, CivilViolenceScenario>> = {};
  for (const [key, name] of Object.entries(SCENARIOS) as Array<[keyof ReproductionScenarios, string]>) {
    const loaded = loadScenario(shippedScenario(`reference/${name}.yaml`));
    if (!loaded.success) return fail(loaded.error);
    if (!isCivilViolence(loaded.data.scenario)) throw new Error(`bug: reference/${name}.yaml is not an Epstein scenario`);
    scenarios[key] = loaded.data.scenario;
  }
  const all = scenarios as ReproductionScenarios;
  const reproduction = reproduceCivilViolence(all, runs, log);
  // A rough time per run for the page; `ayni bench` is the measurement of record.
  const world = compileCivilViolence(all.defaults);
  for (let seed = 0; seed < 3; seed++) simulateCivilViolence(world, seed);
  const started = performance.now();
  for (let seed = 0; seed < 10; seed++) simulateCivilViolence(world, seed);
  const msPerRun = (performance.now() - started) / 10;
  const specs = civilViolenceCharts(reproduction);
  const charts = [];
  for (const name of CIVIL_VIOLENCE_CHARTS) charts.push({ name, svg: await renderSvg(specs[name]) });
  return ok({ markdown: civilViolenceDoc(reproduction, { ayniVersion: ayniVersion(), nodeVersion: process.version, msPerRun }), charts });
}
