/**
 * The model registry: a scenario names its model (`model:`; absent means peru-mining), and
 * the registry validates it with that model's schema, compiles it, and describes its
 * results. Adding a model means adding it here. Pure; no I/O.
 */
import { fail, type InputIssue, type Result } from '../engine/result.js';
import { ScenarioSchema, type Scenario } from './peru-mining/schema.js';
import { parseScenario } from './peru-mining/validate.js';
import type { CompiledModel, ModelDescription } from '../engine/model.js';
import { compilePeruMining, PERU_MINING, peruMiningDescription } from './peru-mining/model.js';
import { EPSTEIN_MODEL, EpsteinScenarioSchema, type EpsteinScenario } from './civil-violence/schema.js';
import { parseEpsteinScenario } from './civil-violence/validate.js';
import { compileEpsteinModel, epsteinDescription } from './civil-violence/model.js';

export const MODEL_IDS = [PERU_MINING, EPSTEIN_MODEL] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** A validated scenario of any registered model. */
export type AnyScenario = Scenario | EpsteinScenario;

export const isEpstein = (s: AnyScenario): s is EpsteinScenario => s.model === EPSTEIN_MODEL;
export const modelOf = (s: AnyScenario): ModelId => (isEpstein(s) ? EPSTEIN_MODEL : PERU_MINING);

const DESCRIPTIONS: Record<ModelId, ModelDescription> = { [PERU_MINING]: peruMiningDescription, [EPSTEIN_MODEL]: epsteinDescription };

/** Validates a merged scenario document with the schema of the model it names. */
export function parseAnyScenario(document: unknown, file = ''): Result<AnyScenario, InputIssue[]> {
  const model = typeof document === 'object' && document !== null && !Array.isArray(document) ? (document as Record<string, unknown>).model : undefined;
  if (model === undefined || model === PERU_MINING) return parseScenario(document, file);
  if (model === EPSTEIN_MODEL) return parseEpsteinScenario(document, file);
  return fail([{ file, path: ['model'], message: `unknown model ${JSON.stringify(model)}; known: ${MODEL_IDS.join(', ')}` }]);
}

export function compileModel(scenario: AnyScenario): CompiledModel {
  return isEpstein(scenario) ? compileEpsteinModel(scenario) : compilePeruMining(scenario);
}

/** What a model's outcomes and series are called and which direction is better. */
export function describeModel(id: string | undefined): ModelDescription {
  // Own keys only: an id such as "constructor" must not find Object's members.
  const key = id ?? PERU_MINING;
  return Object.hasOwn(DESCRIPTIONS, key) ? DESCRIPTIONS[key as ModelId] : peruMiningDescription;
}

/** Top-level keys of a scenario of any model (an overlay uses the same keys). */
export const SCENARIO_KEYS: ReadonlySet<string> = new Set([...Object.keys(ScenarioSchema.shape), ...Object.keys(EpsteinScenarioSchema.shape)]);
