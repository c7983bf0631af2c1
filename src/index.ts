/**
 * ayni's public API. Everything the CLI does is available here; the CLI only parses
 * arguments, calls these functions and formats their results.
 */
export { loadScenario, parseOverride } from './io/scenario-file.js';
export { writeRunOutputs, RUN_FILES } from './io/run-output.js';
export { parseScenario, checkReferences } from './scenario/validate.js';
export { loadScenarioFrom, parseText, mergeOverlay, resolveExtends, applyOverrides } from './scenario/load.js';
export { scenarioHash, canonicalJson } from './scenario/hash.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './scenario/json-schema.js';
export { ScenarioSchema, DEFAULT_OFFICES } from './scenario/schema.js';
export { PARAMETERS } from './scenario/parameters.js';
export { simulate, simulateWorld } from './core/simulate.js';
export { MODEL_IDS, parseAnyScenario, compileModel, describeModel, isEpstein, modelOf } from './models/registry.js';
export { runScenario } from './models/run.js';
export { EpsteinScenarioSchema, EPSTEIN_MODEL, scheduleValue } from './models/epstein/schema.js';
export { compileEpstein, simulateEpstein } from './models/epstein/simulate.js';
export { EPSTEIN_SERIES_NAMES, EPSTEIN_OUTCOME_NAMES, findOutbursts, waitingTimes } from './models/epstein/metrics.js';
export { reproduceEpstein } from './models/epstein/experiments.js';
export { compileWorld } from './core/world.js';
export { SERIES_NAMES, OUTCOME_NAMES, seriesColumn } from './core/metrics.js';
export { STREAM_NAMES, createStream } from './core/rng.js';
export { apportion } from './core/apportion.js';
export { summaryJson, timeseriesCsv, eventsNdjson, manifestJson } from './output/run-files.js';
export { formatOutcomes } from './output/summary-text.js';
export { formatIssue, toError, ok, fail } from './result.js';
export { runBatch, BatchOptionsSchema } from './batch/run-batch.js';
export { mergeShards } from './batch/merge.js';
export { seedFor } from './batch/seeds.js';
export { runChunk } from './batch/run-chunk.js';
export { inProcessExecutor } from './batch/executor.js';
export { describe as describeRuns, quantileSorted, QUANTILES } from './batch/stats.js';

export type { Scenario, ScenarioInput, Parameters, Policies } from './scenario/schema.js';
export type { ParameterSpec } from './scenario/parameters.js';
export type { LoadedScenario, LoadOptions } from './io/scenario-file.js';
export type { Override, SourceHost } from './scenario/load.js';
export type { RunResult, SimulateOptions } from './core/simulate.js';
export type { AnyScenario, ModelId } from './models/registry.js';
export type { CompiledModel, ModelRun, ModelDescription } from './models/model.js';
export type { ScenarioRun } from './models/run.js';
export type { EpsteinScenario, EpsteinScenarioInput } from './models/epstein/schema.js';
export type { EpsteinWorld, EpsteinRun, EpsteinEvent } from './models/epstein/simulate.js';
export type { Outcomes, SeriesName } from './core/metrics.js';
export type { ModelEvent } from './core/events.js';
export type { World } from './core/world.js';
export type { RunIdentity } from './output/run-files.js';
export type { Result, InputIssue } from './result.js';
export type { BatchOptions, BatchSummary, BatchProgress, BatchHooks } from './batch/run-batch.js';
export type { MergeSummary } from './batch/merge.js';
export type { Executor } from './batch/executor.js';
export type { ChunkRequest, ChunkResponse } from './batch/protocol.js';
