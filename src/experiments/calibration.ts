/**
 * `runCalibration`: approximate Bayesian computation (ABC-SMC, stats/abc-smc.ts) of a
 * calibration file's parameters against its targets, every generation run as one batch
 * through the batch engine, so the runs are parallel, resumable and byte-identical at any
 * worker count:
 *   batches/generation-NNN/  the particles of generation N, one design point each, with
 *                            per-run seeds: run i has seedFor(seedFor(seed, N), i)
 *   batches/predictive/      the posterior predictive check: particles drawn by weight, run
 *                            again with fresh seeds (master seedFor(seed, 0))
 * The sampler is deterministic given its stream and the summaries, so an interrupted
 * calibration resumes by replaying it: a generation whose batch is complete is read back, the
 * first one that is not runs (or resumes) there. Once it stops, beside the batches:
 *   posterior.csv     particle, weight, distance, generation, one column per parameter
 *   parameters.csv    each parameter's prior and its weighted posterior median, mean, sd, interval
 *   generations.csv   tolerance, acceptance rate, effective sample size and simulations per generation
 *   predictive.csv    per target: observed value, the predictive runs' mean and quantiles,
 *                     and the share of predictive runs at or below the observed value
 *   calibrated.yaml   the posterior medians as a scenario that `extends` the base
 *   manifest.json
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { seededStream } from '../engine/streams.js';
import { runBatch, type BatchHooks } from '../batch/run-batch.js';
import { readOutcomeColumns } from '../batch/outcome-columns.js';
import { seedFor } from '../batch/seeds.js';
import type { BatchDesign } from '../batch/design.js';
import { writeFileAtomic } from '../io/files.js';
import { provenance } from '../io/provenance.js';
import { abcSmcSampler, type AbcGeneration, type AbcPosterior, type AbcStopReason } from '../stats/abc-smc.js';
import { scaledEuclidean, scaledManhattan, scaledMaximum, type SummaryDistance } from '../stats/abc-distance.js';
import { calibratedOverlay, drawByWeight, posteriorSummary, type AbcParameterSummary } from '../stats/abc-posterior.js';
import { quantileSorted } from '../stats/quantiles.js';
import { loadCalibrationFile, type CalibrationFile, type CalibrationSettings, type LoadedCalibration } from './calibration-file.js';

export interface CalibrationOptions {
  readonly out: string;
  readonly workers?: number;
  /** Start over: every batch of the calibration runs again. */
  readonly force?: boolean;
  /** Overrides of the file's ABC settings (fewer particles for a quick check). */
  readonly settings?: CalibrationSettings;
}

/** The posterior predictive check of one target. */
export interface PredictiveCheck {
  readonly outcome: string;
  readonly observed: number;
  readonly runs: number;
  readonly mean: number;
  readonly p025: number;
  readonly p50: number;
  readonly p975: number;
  /** Share of predictive runs at or below the observed value (near 0 or 1: the posterior misses it). */
  readonly shareAtOrBelow: number;
}

export interface CalibrationProgress {
  readonly generation: number;
  readonly done: number;
  readonly total: number;
}

export interface CalibrationHooks extends Pick<BatchHooks, 'signal' | 'interruptGraceMs' | 'now'> {
  readonly onProgress?: (progress: CalibrationProgress) => void;
  /** After each generation is accepted. */
  readonly onGeneration?: (generation: AbcGeneration) => void;
}

export interface CalibrationSummary {
  readonly out: string;
  /**
   * complete: the sampler stopped by its rule and the files are written; interrupted: run
   * again to resume; failed: a run failed (`failure` says where), as a batch with failed runs.
   */
  readonly status: 'complete' | 'interrupted' | 'failed';
  readonly failure?: string;
  readonly generations: readonly AbcGeneration[];
  readonly stop?: AbcStopReason;
  readonly parameters: readonly AbcParameterSummary[];
  readonly predictive: readonly PredictiveCheck[];
  readonly simulations: number;
  /** The final population, and what the report needs of the file (when complete). */
  readonly posterior?: AbcPosterior;
  readonly calibration?: LoadedCalibration;
}

const DISTANCES: Record<CalibrationFile['distance'], SummaryDistance> = {
  euclidean: scaledEuclidean,
  manhattan: scaledManhattan,
  maximum: scaledMaximum,
};

/** Stream keys of the sampler's own draws and of the predictive draws: fixed for good. */
const samplerKey = (seed: number) => `ayni/calibration/${seed}`;
const predictiveKey = (seed: number) => `ayni/calibration-predictive/${seed}`;

const generationFolder = (out: string, g: number) => join(out, 'batches', `generation-${String(g).padStart(3, '0')}`);

export async function runCalibration(
  file: string,
  options: CalibrationOptions,
  hooks: CalibrationHooks = {},
): Promise<Result<CalibrationSummary, InputIssue[]>> {
  const loaded = loadCalibrationFile(file, options.settings);
  if (!loaded.success) return loaded;
  const c = loaded.data;
  const { spec } = c;
  const now = hooks.now ?? (() => new Date());
  const started = now();
  const names = c.priors.map((p) => p.path);
  const sampler = abcSmcSampler({
    priors: c.priors.map((p) => ({ name: p.path, low: p.range[0], high: p.range[1] })),
    target: spec.targets.map((t) => t.value),
    scales: spec.targets.map((t) => t.scale),
    distance: DISTANCES[spec.distance],
    rng: seededStream(samplerKey(spec.seed)),
    particles: spec.particles,
    alpha: spec.alpha,
    minAcceptance: spec.minAcceptance,
    maxGenerations: spec.maxGenerations,
    firstSeed: 0,
    ...(spec.maxSimulations !== undefined ? { maxSimulations: spec.maxSimulations } : {}),
  });
  const outcomes = spec.targets.map((t) => t.outcome);
  const accepted: AbcGeneration[] = [];
  for (let g = 1; !sampler.done; g++) {
    const proposals = sampler.propose();
    const points = proposals.map((p) => names.map((n) => p.parameters[n] as number));
    const summaries = await simulatePoints(c, options, hooks, generationFolder(options.out, g), seedFor(spec.seed, g), points, outcomes, g);
    if (!summaries.success) return summaries;
    if (!Array.isArray(summaries.data)) return ok(stopped(options.out, accepted, summaries.data));
    const generation = sampler.accept(summaries.data);
    accepted.push(generation);
    hooks.onGeneration?.(generation);
  }
  const posterior = sampler.posterior();
  const parameters = posteriorSummary(posterior, spec.credibleLevel);
  const predictive = await predictiveCheck(c, options, hooks, posterior, outcomes);
  if (!predictive.success) return predictive;
  if (!Array.isArray(predictive.data)) return ok(stopped(options.out, accepted, predictive.data));
  writeTables(options.out, c, posterior, parameters, predictive.data);
  writeOverlay(options.out, c, parameters);
  writeManifest(options.out, c, posterior, started, now());
  return ok({
    out: options.out,
    status: 'complete',
    generations: posterior.generations,
    ...(posterior.stop ? { stop: posterior.stop } : {}),
    parameters,
    predictive: predictive.data,
    simulations: posterior.generations.at(-1)?.totalSimulations ?? 0,
    posterior,
    calibration: c,
  });
}

/** A batch that did not finish: interrupted, or with failed runs. */
type Unfinished = 'interrupted' | { readonly failure: string };

function stopped(out: string, generations: readonly AbcGeneration[], why: Unfinished): CalibrationSummary {
  const simulations = generations.at(-1)?.totalSimulations ?? 0;
  const status = why === 'interrupted' ? ('interrupted' as const) : ('failed' as const);
  return {
    out,
    status,
    generations,
    parameters: [],
    predictive: [],
    simulations,
    ...(why === 'interrupted' ? {} : { failure: why.failure }),
  };
}

/**
 * One batch of design points with per-run seeds, and the named outcomes of each run. A failed
 * run fails the calibration (its particle has no summaries to weigh), naming the folder that
 * records why.
 */
async function simulatePoints(
  c: LoadedCalibration,
  options: CalibrationOptions,
  hooks: CalibrationHooks,
  dir: string,
  seed: number,
  points: readonly (readonly number[])[],
  outcomes: readonly string[],
  generation: number,
): Promise<Result<number[][] | Unfinished, InputIssue[]>> {
  const design: BatchDesign = { factors: c.priors.map((p) => p.path), points, replications: 1, seeding: 'per-run' };
  const batch = await runBatch(
    c.base,
    {
      runs: points.length,
      seed,
      out: dir,
      design,
      resume: options.force !== true,
      force: options.force === true,
      keepSeries: false,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
    },
    {
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(hooks.interruptGraceMs !== undefined ? { interruptGraceMs: hooks.interruptGraceMs } : {}),
      ...(hooks.now ? { now: hooks.now } : {}),
      ...(hooks.onProgress ? { onProgress: (p) => hooks.onProgress?.({ generation, done: p.done, total: p.total }) } : {}),
    },
  );
  if (!batch.success) return fail(batch.error.map((issue) => (issue.file === 'options' ? { ...issue, file: c.file } : issue)));
  if (batch.data.status === 'interrupted') return ok('interrupted');
  if (batch.data.status === 'failed' || batch.data.failed > 0)
    return ok({
      failure: `${batch.data.failed} run(s) of ${points.length} failed in ${dir} (see its failures.ndjson); every particle needs its summaries`,
    });
  const columns = readOutcomeColumns(dir, points.length);
  return ok(points.map((_, i) => outcomes.map((o) => (columns.get(o) as Float64Array)[i] as number)));
}

/** Runs drawn from the posterior by weight with fresh seeds; per target, where the observed value falls among them. */
async function predictiveCheck(
  c: LoadedCalibration,
  options: CalibrationOptions,
  hooks: CalibrationHooks,
  posterior: AbcPosterior,
  outcomes: readonly string[],
): Promise<Result<PredictiveCheck[] | Unfinished, InputIssue[]>> {
  const { spec } = c;
  if (spec.predictive === 0) return ok([]);
  const drawn = drawByWeight(
    posterior.particles.map((p) => p.weight),
    spec.predictive,
    seededStream(predictiveKey(spec.seed)),
  );
  const points = drawn.map((i) =>
    posterior.names.map((n) => (posterior.particles[i] as AbcPosterior['particles'][number]).parameters[n] as number),
  );
  const dir = join(options.out, 'batches', 'predictive');
  const runs = await simulatePoints(c, options, hooks, dir, seedFor(spec.seed, 0), points, outcomes, 0);
  if (!runs.success) return runs;
  if (!Array.isArray(runs.data)) return ok(runs.data);
  const summaries = runs.data;
  return ok(
    spec.targets.map((t, j) => {
      const values = Float64Array.from(summaries, (s) => s[j] as number).sort();
      const [p025, p50, p975] = [0.025, 0.5, 0.975].map((q) => quantileSorted(values, q));
      let sum = 0;
      let below = 0;
      for (const v of values) {
        sum += v;
        if (v <= t.value) below++;
      }
      return {
        outcome: t.outcome,
        observed: t.value,
        runs: values.length,
        mean: sum / values.length,
        p025: p025 as number,
        p50: p50 as number,
        p975: p975 as number,
        shareAtOrBelow: below / values.length,
      };
    }),
  );
}

const csv = (cells: readonly (string | number)[]) =>
  `${cells.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replaceAll('"', '""')}"` : String(c))).join(',')}\n`;

function writeTables(
  out: string,
  c: LoadedCalibration,
  posterior: AbcPosterior,
  parameters: readonly AbcParameterSummary[],
  predictive: readonly PredictiveCheck[],
): void {
  const names = posterior.names;
  writeFileAtomic(
    join(out, 'posterior.csv'),
    csv(['particle', 'weight', 'distance', 'generation', ...names]) +
      posterior.particles
        .map((p, i) => csv([i, p.weight, p.distance, p.generation, ...names.map((n) => p.parameters[n] as number)]))
        .join(''),
  );
  writeFileAtomic(
    join(out, 'parameters.csv'),
    csv(['parameter', 'priorLow', 'priorHigh', 'priorFrom', 'median', 'mean', 'sd', 'low', 'high', 'level']) +
      parameters
        .map((s, i) => {
          const prior = c.priors[i] as LoadedCalibration['priors'][number];
          return csv([s.name, prior.range[0], prior.range[1], prior.rangeFrom, s.median, s.mean, s.sd, s.low, s.high, s.level]);
        })
        .join(''),
  );
  writeFileAtomic(
    join(out, 'generations.csv'),
    csv(['generation', 'tolerance', 'acceptanceRate', 'ess', 'simulations', 'totalSimulations', ...names.map((n) => `kernelSd:${n}`)]) +
      posterior.generations
        .map((g) => csv([g.generation, g.tolerance, g.acceptanceRate, g.ess, g.simulations, g.totalSimulations, ...g.kernelSd]))
        .join(''),
  );
  if (predictive.length > 0)
    writeFileAtomic(
      join(out, 'predictive.csv'),
      csv(['outcome', 'observed', 'runs', 'mean', 'p025', 'p50', 'p975', 'shareAtOrBelow']) +
        predictive.map((p) => csv([p.outcome, p.observed, p.runs, p.mean, p.p025, p.p50, p.p975, p.shareAtOrBelow])).join(''),
    );
}

/** calibrated.yaml: a scenario that extends the base (by a path relative to the output folder) with the posterior medians set. */
function writeOverlay(out: string, c: LoadedCalibration, parameters: readonly AbcParameterSummary[]): void {
  const base = relative(resolve(out), resolve(c.base.file)).split(sep).join('/');
  const document = {
    extends: base.startsWith('.') ? base : `./${base}`,
    name: `${c.base.scenario.name}-calibrated`,
    ...calibratedOverlay(parameters),
  };
  const header = [
    `# Calibrated by ayni calibrate from ${relative(resolve(out), resolve(c.file)).split(sep).join('/')}:`,
    '# the posterior medians of the calibrated parameters (parameters.csv has their intervals).',
    '# Moved elsewhere, fix the extends path; it is relative to this file.',
  ].join('\n');
  writeFileAtomic(join(out, 'calibrated.yaml'), `${header}\n${stringify(document)}`);
}

function writeManifest(out: string, c: LoadedCalibration, posterior: AbcPosterior, started: Date, ended: Date): void {
  const { spec } = c;
  const manifest = {
    tool: 'ayni',
    kind: 'calibration',
    ...provenance(),
    calibrationFile: {
      path: c.file,
      absolute: resolve(c.file),
      hash: `sha256:${createHash('sha256').update(readFileSync(c.file)).digest('hex')}`,
    },
    scenario: { name: c.base.scenario.name, file: c.base.file, hash: c.base.hash },
    method:
      'ABC-SMC, adaptive population Monte Carlo (Lenormand, Jabot & Deffuant 2013), kernel of twice the weighted variance (Beaumont et al. 2009)',
    priors: c.priors.map((p) => ({ path: p.path, distribution: 'uniform', low: p.range[0], high: p.range[1], from: p.rangeFrom })),
    targets: spec.targets,
    distance: spec.distance,
    scales: posterior.scales,
    settings: {
      particles: spec.particles,
      alpha: spec.alpha,
      minAcceptance: spec.minAcceptance,
      maxGenerations: spec.maxGenerations,
      maxSimulations: spec.maxSimulations ?? null,
      predictive: spec.predictive,
      credibleLevel: spec.credibleLevel,
    },
    seed: spec.seed,
    seedFunction: 'generation N: run i has seedFor(seedFor(seed, N), i); predictive check: seedFor(seedFor(seed, 0), i)',
    stop: posterior.stop ?? null,
    generations: posterior.generations.length,
    simulations: posterior.generations.at(-1)?.totalSimulations ?? 0,
    files: [
      'posterior.csv',
      'parameters.csv',
      'generations.csv',
      ...(spec.predictive > 0 ? ['predictive.csv'] : []),
      'calibrated.yaml',
      'batches/',
    ],
    wallTimeMs: ended.getTime() - started.getTime(),
    createdAt: ended.toISOString(),
  };
  writeFileAtomic(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
