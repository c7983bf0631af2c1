/**
 * The scenario loader (scenario/load.ts) with the registered models: the functions the rest
 * of ayni and the public API call, with the file access still injected. Pure; no I/O.
 */
import type { InputIssue, Result } from '../engine/result.js';
import * as load from '../scenario/load.js';
import type { Override, SourceHost } from '../scenario/load.js';
import { SCENARIO_MODELS, type AnyScenario } from './registry.js';

/** Reads `file` and every file it extends; returns the merged document (without `extends`). */
export function resolveExtends(file: string, host: SourceHost): Result<Record<string, unknown>, InputIssue[]> {
  return load.resolveExtends(file, host, SCENARIO_MODELS.keys);
}

/** Loads, merges, overrides and validates a scenario file of any registered model. */
export function loadScenarioFrom(file: string, host: SourceHost, overrides: readonly Override[] = []): Result<AnyScenario, InputIssue[]> {
  return load.loadScenarioFrom(SCENARIO_MODELS, file, host, overrides);
}

/** Loads a variant for a comparison: a full scenario, or an overlay applied onto `baseFile`. */
export function loadVariantFrom(
  variantFile: string,
  baseFile: string,
  host: SourceHost,
  overrides: readonly Override[] = [],
): Result<AnyScenario, InputIssue[]> {
  return load.loadVariantFrom(SCENARIO_MODELS, variantFile, baseFile, host, overrides);
}
