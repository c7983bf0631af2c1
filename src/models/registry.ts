/**
 * The model registry: a scenario names its model (`model:`; absent means peru-mining), and
 * the registry validates it with that model's schema, compiles it, and describes its
 * results. Adding a model is a folder under src/models/ and one line in MODELS. Pure; no I/O.
 */
import { fail, type InputIssue, type Result } from '../engine/result.js';
import type { CompiledModel, ModelDefinition, ModelDescription } from '../engine/model.js';
import type { Scenario } from './peru-mining/schema.js';
import { PERU_MINING, peruMining } from './peru-mining/model.js';
import type { CivilViolenceScenario } from './civil-violence/schema.js';
import { civilViolence } from './civil-violence/model.js';
import { ishigamiModel, type IshigamiScenario } from './ishigami/model.js';
import { normalMeanModel, type NormalMeanScenario } from './normal-mean/model.js';

/** Every model; the first is the one a scenario without `model:` is for. */
export const MODELS = [peruMining, civilViolence, ishigamiModel, normalMeanModel] as const;

/** A validated scenario of any registered model. */
export type AnyScenario = Scenario | CivilViolenceScenario | IshigamiScenario | NormalMeanScenario;

export type ModelId = (typeof MODELS)[number]['id'];
export const MODEL_IDS: readonly string[] = MODELS.map((m) => m.id);

const DEFAULT_MODEL: ModelDefinition<AnyScenario> = peruMining as ModelDefinition<AnyScenario>;

/** The model of this id, or undefined (own ids only: "constructor" finds nothing). */
export function modelById(id: string): ModelDefinition<AnyScenario> | undefined {
  return MODELS.find((m) => m.id === id) as ModelDefinition<AnyScenario> | undefined;
}

/** The id of a validated scenario's model. */
export const modelOf = (s: AnyScenario): string => s.model ?? PERU_MINING;

export const isPeruMining = (s: AnyScenario): s is Scenario => modelOf(s) === PERU_MINING;

export const isCivilViolence = (s: AnyScenario): s is CivilViolenceScenario => s.model === civilViolence.id;

/** Validates a merged scenario document with the schema of the model it names. */
export function parseAnyScenario(document: unknown, file = ''): Result<AnyScenario, InputIssue[]> {
  const named =
    typeof document === 'object' && document !== null && !Array.isArray(document) ? (document as Record<string, unknown>).model : undefined;
  const model = named === undefined ? DEFAULT_MODEL : typeof named === 'string' ? modelById(named) : undefined;
  if (model === undefined)
    return fail([{ file, path: ['model'], message: `unknown model ${JSON.stringify(named)}; known: ${MODEL_IDS.join(', ')}` }]);
  return model.parse(document, file);
}

export function compileModel(scenario: AnyScenario): CompiledModel {
  return (modelById(modelOf(scenario)) ?? DEFAULT_MODEL).compile(scenario);
}

/** What a model's outcomes are called and which direction is better (an unknown id: the default model's). */
export function describeModel(id: string | undefined): ModelDescription {
  return (modelById(id ?? DEFAULT_MODEL.id) ?? DEFAULT_MODEL).describe();
}

/** Top-level keys of a scenario of any model (an overlay uses the same keys). */
const SCENARIO_KEYS: ReadonlySet<string> = new Set(MODELS.flatMap((m) => Object.keys(m.schema.shape)));

/** What the scenario loader needs to know of the models (see scenario/load.ts). */
export const SCENARIO_MODELS = { parse: parseAnyScenario, keys: SCENARIO_KEYS } as const;
