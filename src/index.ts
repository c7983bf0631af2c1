/**
 * ayni's public API. Everything the CLI does is available here; the CLI only parses
 * arguments, calls these functions and formats their results. Each model is also exported
 * whole as a namespace (`peruMining`, `civilViolence`): its ModelDefinition, schema, kernel
 * and tables.
 */
import './io/mathjs.js';
export * as peruMining from './models/peru-mining/index.js';
export * as civilViolence from './models/civil-violence/index.js';
export { loadScenario, parseOverride } from './io/scenario-file.js';
export { writeRunOutputs, RUN_FILES } from './publish/run-folder.js';
export { parseScenario, checkReferences } from './models/peru-mining/validate.js';
export { parseText, mergeOverlay, applyOverrides } from './scenario/load.js';
export { loadScenarioFrom, resolveExtends } from './models/scenario-loader.js';
export { scenarioHash } from './io/scenario-hash.js';
export { canonicalJson, hashScenario } from './scenario/hash.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './docs/json-schema.js';
export { ScenarioSchema, DEFAULT_OFFICES } from './models/peru-mining/schema.js';
export { PARAMETERS } from './models/peru-mining/parameters.js';
export { simulate, simulateWorld } from './models/peru-mining/simulate.js';
export {
  MODELS,
  MODEL_IDS,
  modelById,
  parseAnyScenario,
  compileModel,
  describeModel,
  isCivilViolence,
  isCivilViolence as isEpstein,
  modelOf,
} from './models/registry.js';
export { defineModel, outcomeLabel } from './engine/model.js';
export { runScenario } from './models/run.js';
export { CivilViolenceScenarioSchema, CIVIL_VIOLENCE, scheduleValue } from './models/civil-violence/schema.js';
export { compileCivilViolence, simulateCivilViolence } from './models/civil-violence/simulate.js';
export { CIVIL_VIOLENCE_SERIES_NAMES, findOutbursts, waitingTimes } from './models/civil-violence/metrics.js';
export { CIVIL_VIOLENCE_OUTCOME_NAMES } from './models/civil-violence/outcomes.js';
export { reproduceCivilViolence } from './experiments/civil-violence-reproduction.js';
// The civil violence model's earlier names, kept for existing callers.
export { CivilViolenceScenarioSchema as EpsteinScenarioSchema, CIVIL_VIOLENCE as EPSTEIN_MODEL } from './models/civil-violence/schema.js';
export { compileCivilViolence as compileEpstein, simulateCivilViolence as simulateEpstein } from './models/civil-violence/simulate.js';
export { CIVIL_VIOLENCE_SERIES_NAMES as EPSTEIN_SERIES_NAMES } from './models/civil-violence/metrics.js';
export { CIVIL_VIOLENCE_OUTCOME_NAMES as EPSTEIN_OUTCOME_NAMES } from './models/civil-violence/outcomes.js';
export { reproduceCivilViolence as reproduceEpstein } from './experiments/civil-violence-reproduction.js';
export { compileWorld } from './models/peru-mining/world.js';
export { SERIES_NAMES, seriesColumn } from './models/peru-mining/metrics.js';
export { OUTCOME_NAMES } from './models/peru-mining/outcomes.js';
export { STREAM_NAMES, createStream } from './engine/streams.js';
export { apportion } from './models/peru-mining/apportion.js';
export { summaryJson, timeseriesCsv, eventsNdjson, manifestJson } from './report/run-files.js';
export { formatOutcomes } from './report/summary-text.js';
export { formatIssue, toError, ok, fail } from './engine/result.js';
export { runBatch, BatchOptionsSchema } from './batch/run-batch.js';
export { mergeShards } from './batch/merge.js';
export { seedFor } from './batch/seeds.js';
export { runChunk } from './batch/run-chunk.js';
export { inProcessExecutor } from './batch/executor.js';
export { describe as describeRuns, quantileSorted, QUANTILES } from './stats/quantiles.js';
export { compareScenarios, comparePaired, isArmStopped, MAX_ARM_RUNS } from './experiments/compare.js';
export { bcaInterval, unpairedInterval, signedRankTest, holm, mean, median, standardDeviation } from './stats/paired.js';
export { morrisDesign, morrisSpread } from './stats/morris-design.js';
export { elementaryEffects, morrisEffects } from './stats/morris-effects.js';
export { elementaryEffectErrors, morrisNoiseFloor } from './stats/morris-noise.js';
export { binomialUpperTail, prim, primPaste, primPeel, primPrune, primQuasiP } from './stats/prim.js';
export { primStability } from './stats/prim-stability.js';
export { sobolPoints, sobolPoint, SOBOL_MAX_DIMENSIONS } from './stats/sobol-sequence.js';
export { scaleToFactors } from './stats/factors.js';
export { saltelliDesign, saltelliUnitPoints, saltelliUnitRow, saltelliPointCount } from './stats/saltelli.js';
export { sobolIndices } from './stats/sobol-indices.js';
export {
  ishigami,
  ishigamiIndices,
  ISHIGAMI_A,
  ISHIGAMI_B,
  ISHIGAMI_FACTORS,
  gFunction,
  gFunctionIndices,
  gFunctionFactors,
  G_FUNCTION_A,
} from './stats/test-functions.js';
export { abcSmc, abcSmcSampler } from './stats/abc-smc.js';
export { perturbationKernel, logPriorDensity } from './stats/abc-kernel.js';
export { scaledEuclidean, scaledManhattan, scaledMaximum, madScales } from './stats/abc-distance.js';
export { posteriorSummary, calibratedOverlay, drawByWeight } from './stats/abc-posterior.js';
export { regressionScores } from './stats/regression-scores.js';
export { CalibrationFileSchema, loadCalibrationFile } from './experiments/calibration-file.js';
export { runCalibration } from './experiments/calibration.js';
export { generationsChart, posteriorChart, predictiveChart } from './report/calibration-charts.js';
export { weightedQuantile, weightedQuantiles, effectiveSampleSize } from './stats/weighted-quantiles.js';
export { HypothesisSchema, decide, decideInterval } from './experiments/hypothesis.js';
export { robustness } from './experiments/robustness.js';
export { assumptionPaths, planRobustness, robustnessSummary, testRobustness } from './experiments/hypothesis-robustness.js';
export { robustnessSentence } from './report/robustness-text.js';
export { robustnessCharts } from './report/robustness-charts.js';
export { morrisChart, primChart, regressionChart, sobolChart } from './report/sensitivity-charts.js';
export { coverageChart } from './report/design-charts.js';
export { ranks, spearman } from './stats/rank-correlation.js';
export { verdictReason } from './report/verdict-reason.js';
export { loadVariant } from './io/scenario-file.js';
export { loadHypothesis, testHypothesis, hypothesisFolders } from './experiments/hypothesis-file.js';
export { DesignFileSchema, loadDesignFile, parameterRange } from './experiments/design-file.js';
export { runExperiment } from './experiments/experiment.js';
export { latinHypercube } from './stats/latin-hypercube.js';
export { writeComparison } from './publish/comparison-files.js';
export { comparisonJson, comparisonCsv, comparisonText } from './report/comparison-text.js';
export { readReportData, writeReport } from './publish/report-files.js';
export { reportDocument } from './report/document.js';
export { LANGS } from './report/messages.js';
export { ayniVersion } from './io/version.js';

export type { Scenario, ScenarioInput, Parameters, Policies } from './models/peru-mining/schema.js';
export type { ParameterSpec } from './models/peru-mining/parameters.js';
export type { LoadedScenario, LoadOptions } from './io/scenario-file.js';
export type { Override, SourceHost } from './scenario/load.js';
export type { RunResult, SimulateOptions } from './models/peru-mining/simulate.js';
export type { AnyScenario, ModelId } from './models/registry.js';
export type {
  CompiledModel,
  ModelRun,
  ModelDescription,
  ModelDefinition,
  ModelSpec,
  OutcomeSpec,
  ParameterSpec as ModelParameterSpec,
  ParameterTable,
  NumberFormat,
  Words,
} from './engine/model.js';
export type { ScenarioRun } from './models/run.js';
export type { CivilViolenceScenario, CivilViolenceScenarioInput } from './models/civil-violence/schema.js';
export type { CivilViolenceWorld, CivilViolenceRun, CivilViolenceEvent } from './models/civil-violence/simulate.js';
export type {
  CivilViolenceScenario as EpsteinScenario,
  CivilViolenceScenarioInput as EpsteinScenarioInput,
} from './models/civil-violence/schema.js';
export type {
  CivilViolenceWorld as EpsteinWorld,
  CivilViolenceRun as EpsteinRun,
  CivilViolenceEvent as EpsteinEvent,
} from './models/civil-violence/simulate.js';
export type { Outcomes, SeriesName } from './models/peru-mining/metrics.js';
export type { ModelEvent } from './models/peru-mining/events.js';
export type { World } from './models/peru-mining/world.js';
export type { RunIdentity } from './report/run-files.js';
export type { Result, InputIssue } from './engine/result.js';
export type { BatchOptions, BatchSummary, BatchProgress, BatchHooks, BatchPhase } from './batch/run-batch.js';
export type { MergeSummary } from './batch/merge.js';
export type { Executor } from './batch/executor.js';
export type { ChunkRequest, ChunkResponse } from './batch/protocol.js';
export type {
  Comparison,
  CompareOptions,
  CompareHooks,
  CompareProgress,
  ArmStopped,
  OutcomeComparison,
  OutcomeName,
} from './experiments/compare.js';
export type { Interval, SignedRankResult } from './stats/paired.js';
export type { MorrisDesign, MorrisDesignOptions, MorrisFactor, MorrisStep } from './stats/morris-design.js';
export type { MorrisEffectsOptions, MorrisIndex, MorrisRow } from './stats/morris-effects.js';
export type { MorrisNoiseOptions, MorrisNoiseRow } from './stats/morris-noise.js';
export type { PrimBox, PrimInputs, PrimLimit, PrimOptions, PrimQuasiP, PrimResult } from './stats/prim.js';
export type { PrimStability, PrimStabilityOptions } from './stats/prim-stability.js';
export type { SobolOptions } from './stats/sobol-sequence.js';
export type { UniformFactor } from './stats/factors.js';
export type { SaltelliDesign } from './stats/saltelli.js';
export type { SobolIndexRow, SobolIndexName, SobolIndicesOptions } from './stats/sobol-indices.js';
export type { DesignFile, LoadedDesign, ResolvedFactor } from './experiments/design-file.js';
export type { ExperimentOptions, ExperimentSummary, SensitivityRow } from './experiments/experiment.js';
export type { CalibrationFile, LoadedCalibration } from './experiments/calibration-file.js';
export type {
  CalibrationHooks,
  CalibrationOptions,
  CalibrationProgress,
  CalibrationSummary,
  PredictiveCheck,
} from './experiments/calibration.js';
export type { RegressionRow } from './stats/regression-scores.js';
export type { BatchDesign, FactorValue } from './batch/design.js';
export type { AnalyticIndices } from './stats/test-functions.js';
export type {
  AbcSmcOptions,
  AbcSmcSampler,
  AbcProposal,
  AbcParticle,
  AbcGeneration,
  AbcPosterior,
  AbcSimulator,
  AbcStopReason,
} from './stats/abc-smc.js';
export type { UniformPrior, Population, PerturbationKernel } from './stats/abc-kernel.js';
export type { SummaryDistance } from './stats/abc-distance.js';
export type { DecisionRule } from './experiments/hypothesis.js';
export type { Robustness, RobustnessDriver, RobustnessPoint } from './experiments/robustness.js';
export type { AbcParameterSummary, ScenarioOverlay } from './stats/abc-posterior.js';
export type { Hypothesis, HypothesisResult, Verdict, VerdictBasis } from './experiments/hypothesis.js';
export type { TestHooks, TestOptions } from './experiments/hypothesis-file.js';
export type {
  HypothesisRobustness,
  RobustnessOverrides,
  RobustnessPlan,
  RobustnessSummary,
  TestResult,
} from './experiments/hypothesis-robustness.js';
export type { RobustnessSpec } from './experiments/hypothesis.js';
export type { ReportOptions } from './publish/report-files.js';
export type { ReportData, ReportDocument } from './report/document.js';
export type { Lang } from './report/messages.js';
