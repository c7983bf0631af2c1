/**
 * `runExperiment`: every point of a design file × its replications as one batch (run r is
 * replicate r mod R of point floor(r / R); batch/design.ts), in `<out>/batch`: resumable,
 * shardable and byte-identical at any worker count like any batch. Once the batch holds every
 * run, the experiment's tables are written beside it:
 *   design.csv        point, then one column per factor
 *   runs.csv/.parquet point, replicate, run, seed, status, the factors, the outputs (tidy);
 *                     with a contrast, an arm column too (base or variant); seed is the seed the
 *                     run used, and a seed factor's value is the column seedValue
 *   sensitivity.csv   sobol: S1 and ST; morris: mu, muStar, sigma (of the point means over
 *                     replicates; with a contrast, of the mean paired difference variant − base),
 *                     and with R > 1 replicates muStarNoise, the μ* replicate noise alone would
 *                     give (stats/morris-noise.ts: √(2/π) × the mean over trajectories of the
 *                     standard error of the elementary effect from its R per-replicate effects);
 *                     lhs: SRC and spearman per factor and R2 of the fit (stats/regression-scores.ts),
 *                     factor,output,method,index,estimate,low,high
 *   manifest.json
 * A shard of a sharded design writes only its batch: merge the shards' batch folders with
 * `ayni merge` into `<out>/batch` of a new folder and run the experiment there to write the tables.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { seededStream } from '../engine/streams.js';
import { runBatch, type BatchHooks, type BatchSummary } from '../batch/run-batch.js';
import { BatchStore } from '../batch/store.js';
import { SEED_FACTOR, pointSeeds, runSeed, type BatchDesign, type FactorValue } from '../batch/design.js';
import { blockCount } from '../batch/plan.js';
import { writeFileAtomic } from '../io/files.js';
import { provenance } from '../io/provenance.js';
import { sobolIndices } from '../stats/sobol-indices.js';
import { morrisEffects } from '../stats/morris-effects.js';
import { regressionScores } from '../stats/regression-scores.js';
import { morrisNoiseFloor } from '../stats/morris-noise.js';
import { loadDesignFile, type LoadedDesign } from './design-file.js';
import { designPoints, type DesignPoints } from './design-points.js';

export interface ExperimentOptions {
  readonly out: string;
  readonly workers?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /** Start over: remove the batch already in `<out>/batch`. */
  readonly force?: boolean;
}

/** One row of sensitivity.csv. */
export interface SensitivityRow {
  readonly factor: string;
  readonly output: string;
  readonly method: 'sobol' | 'morris' | 'regression';
  readonly index: string;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

export interface ExperimentSummary {
  readonly out: string;
  readonly points: number;
  readonly replications: number;
  readonly batch: BatchSummary;
  /** Whether the tables were written (the batch holds every run). */
  readonly tablesWritten: boolean;
  readonly sensitivity: readonly SensitivityRow[];
}

/** Stream key of an experiment's bootstrap for one output: fixed for good. */
const bootstrapKey = (seed: number, output: string) => `ayni/experiment-bootstrap/${seed}/${output}`;

export async function runExperiment(
  file: string,
  options: ExperimentOptions,
  hooks: BatchHooks = {},
): Promise<Result<ExperimentSummary, InputIssue[]>> {
  const loaded = loadDesignFile(file);
  if (!loaded.success) return loaded;
  const d = loaded.data;
  const points = designPoints(d.spec.design, d.factors, d.spec.seed);
  const R = d.spec.replications;
  const design = batchDesign(d, points);
  const batchDir = join(options.out, 'batch');
  const started = (hooks.now ?? (() => new Date()))();
  const batch = await runBatch(
    d.base,
    {
      runs: design.points.length * R,
      seed: d.spec.seed,
      out: batchDir,
      resume: options.force !== true,
      force: options.force === true,
      design,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
    },
    hooks,
  );
  if (!batch.success) return fail(batch.error.map((issue) => (issue.file === 'options' ? { ...issue, file } : issue)));
  const summary = batch.data;
  const whole = summary.status === 'complete' && (summary.alreadyComplete ? wholeBatch(batchDir) : (options.shard?.count ?? 1) === 1);
  if (!whole)
    return ok({ out: options.out, points: points.points.length, replications: R, batch: summary, tablesWritten: false, sensitivity: [] });
  const table = readRuns(batchDir, d, design);
  writeDesignCsv(options.out, d, points);
  writeRunTables(options.out, d, design, table);
  const sensitivity = analyse(d, points, table);
  writeSensitivity(options.out, sensitivity);
  writeManifest(options.out, d, design, summary, started, (hooks.now ?? (() => new Date()))());
  return ok({ out: options.out, points: points.points.length, replications: R, batch: summary, tablesWritten: true, sensitivity });
}

const armsOf = (d: LoadedDesign): number => (d.spec.contrast === undefined ? 1 : 2);

/** The batch's design: the design's points, or with a contrast each point at its base (2p) and its variant (2p + 1). */
export function batchDesign(d: LoadedDesign, points: DesignPoints): BatchDesign {
  const factors = d.factors.map((f) => f.path);
  const { contrast } = d.spec;
  if (contrast === undefined) return { factors, points: points.points, replications: d.spec.replications };
  return {
    factors: [...factors, contrast.path],
    points: points.points.flatMap((p) => [
      [...p, contrast.base],
      [...p, contrast.variant],
    ]),
    replications: d.spec.replications,
  };
}

/** The name of an analysed output in sensitivity.csv: the outcome, or its paired effect. */
const analysedName = (d: LoadedDesign, output: string): string =>
  d.spec.contrast === undefined ? output : `${output}(${String(d.spec.contrast.variant)}-${String(d.spec.contrast.base)})`;

/** A folder found complete holds every run if it is not one shard of several (a merged folder is shard 1/1). */
function wholeBatch(dir: string): boolean {
  const identity = new BatchStore(dir).readIdentity();
  return identity !== undefined && identity.shard.count === 1;
}

interface RunTable {
  readonly ok: Uint8Array;
  /** outputs[o][run], NaN where the run failed. */
  readonly outputs: Float64Array[];
}

/** The analysed outputs of every run, from the batch's blocks in run order. */
function readRuns(dir: string, d: LoadedDesign, design: BatchDesign): RunTable {
  const store = new BatchStore(dir);
  const identity = store.readIdentity();
  if (identity === undefined) throw new Error(`bug: no batch.json in ${dir}`);
  const runs = design.points.length * design.replications;
  const columns = d.outputs.map((o) => identity.outcomes.indexOf(o));
  const nO = identity.outcomes.length;
  const okMask = new Uint8Array(runs);
  const outputs = d.outputs.map(() => new Float64Array(runs).fill(Number.NaN));
  for (let b = 0; b < blockCount(runs, identity.blockSize); b++) {
    const meta = store.readBlockMeta(b);
    const values = store.readBlockOutcomes(b);
    for (let i = 0; i < meta.count; i++) {
      if (meta.ok[i] !== 1) continue;
      const run = meta.firstRun + i;
      okMask[run] = 1;
      columns.forEach((c, o) => ((outputs[o] as Float64Array)[run] = values[i * nO + c] as number));
    }
  }
  return { ok: okMask, outputs };
}

/** A factor's column in the runs tables: the seed factor is seedValue there, beside the seed each run used. */
const runsColumn = (path: string): string => (path === SEED_FACTOR ? 'seedValue' : path);

const csvValue = (v: FactorValue | number): string => {
  const s = typeof v === 'number' && Number.isNaN(v) ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

function writeDesignCsv(out: string, d: LoadedDesign, points: DesignPoints): void {
  const lines = points.points.map((p, i) => `${i},${p.map(csvValue).join(',')}\n`);
  writeFileAtomic(join(out, 'design.csv'), `point,${d.factors.map((f) => csvValue(f.path)).join(',')}\n${lines.join('')}`);
}

function writeRunTables(out: string, d: LoadedDesign, design: BatchDesign, table: RunTable): void {
  const R = design.replications;
  const arms = armsOf(d);
  const runs = table.ok.length;
  const armWord = (r: number) => (Math.floor(r / R) % 2 === 0 ? 'base' : 'variant');
  const columns = design.factors.map(runsColumn);
  const header = `point,${arms === 2 ? 'arm,' : ''}replicate,run,seed,status,${[...columns, ...d.outputs].map(csvValue).join(',')}\n`;
  const lines: string[] = [header];
  // The seed each run used: with a seed factor, its point's own (batch/design.ts runSeed).
  const plan = { replications: R, seeds: pointSeeds(design) };
  const seeds = Array.from({ length: runs }, (_, r) => runSeed(d.spec.seed, r, plan));
  for (let r = 0; r < runs; r++) {
    const b = Math.floor(r / R);
    const values = design.points[b] as readonly FactorValue[];
    const outs = table.outputs.map((o) => csvValue(o[r] as number));
    const arm = arms === 2 ? `${armWord(r)},` : '';
    lines.push(
      `${Math.floor(b / arms)},${arm}${r % R},${r},${seeds[r]},${table.ok[r] ? 'ok' : 'failed'},${values.map(csvValue).join(',')},${outs.join(',')}\n`,
    );
  }
  writeFileAtomic(join(out, 'runs.csv'), lines.join(''));
  const index = Array.from({ length: runs }, (_, r) => r);
  const factorColumns = design.factors.map((path, i) => {
    const values = index.map((r) => (design.points[Math.floor(r / R)] as readonly FactorValue[])[i] as FactorValue);
    return values.every((v) => typeof v === 'number')
      ? { name: runsColumn(path), data: values as number[], type: 'DOUBLE' as const, nullable: false }
      : { name: runsColumn(path), data: values.map(String), type: 'STRING' as const, nullable: false };
  });
  const parquet = parquetWriteBuffer({
    columnData: [
      { name: 'point', data: index.map((r) => Math.floor(r / R / arms)), type: 'INT32', nullable: false },
      ...(arms === 2 ? [{ name: 'arm', data: index.map(armWord), type: 'STRING' as const, nullable: false }] : []),
      { name: 'replicate', data: index.map((r) => r % R), type: 'INT32', nullable: false },
      { name: 'run', data: index, type: 'INT32', nullable: false },
      { name: 'seed', data: index.map((r) => BigInt(seeds[r] as number)), type: 'INT64', nullable: false },
      { name: 'status', data: index.map((r) => (table.ok[r] ? 'ok' : 'failed')), type: 'STRING', nullable: false },
      ...factorColumns,
      ...d.outputs.map((name, o) => ({
        name,
        data: Array.from(table.outputs[o] as Float64Array, (v) => (Number.isNaN(v) ? null : v)),
        type: 'DOUBLE' as const,
      })),
    ],
  });
  writeFileAtomic(join(out, 'runs.parquet'), new Uint8Array(parquet));
}

/**
 * Per design point, the mean of an output over its replicates, or with a contrast the mean of
 * the paired differences variant − base (replicate j of both arms has the same seed). NaN if a
 * run failed: the analysis then says NaN, not a biased number.
 */
function pointMeans(values: Float64Array, points: number, R: number, arms: number): Float64Array {
  const means = new Float64Array(points);
  for (let p = 0; p < points; p++) {
    let sum = 0;
    for (let j = 0; j < R; j++)
      sum += arms === 1 ? (values[p * R + j] as number) : (values[(2 * p + 1) * R + j] as number) - (values[2 * p * R + j] as number);
    means[p] = sum / R;
  }
  return means;
}

/**
 * Per replicate j, the output of replicate j at every design point, or with a contrast the paired
 * difference variant − base of replicate j (the noise floor's per-replicate effects).
 */
function replicateValues(values: Float64Array, points: number, R: number, arms: number): Float64Array[] {
  return Array.from({ length: R }, (_, j) => {
    const y = new Float64Array(points);
    for (let p = 0; p < points; p++)
      y[p] = arms === 1 ? (values[p * R + j] as number) : (values[(2 * p + 1) * R + j] as number) - (values[2 * p * R + j] as number);
    return y;
  });
}

function analyse(d: LoadedDesign, points: DesignPoints, table: RunTable): SensitivityRow[] {
  const kind = d.spec.design.kind;
  if (kind === 'factorial') return [];
  const names = d.factors.map((f) => f.path);
  const options = { resamples: d.spec.resamples };
  return d.outputs.flatMap((output, o): SensitivityRow[] => {
    const y = pointMeans(table.outputs[o] as Float64Array, points.points.length, d.spec.replications, armsOf(d));
    const name = analysedName(d, output);
    const rng = seededStream(bootstrapKey(d.spec.seed, name));
    if (kind === 'sobol') return sobolIndices(y, names, rng, options).map((row) => ({ ...row, output: name, method: 'sobol' as const }));
    if (kind === 'lhs') {
      const columns = d.factors.map((_, i) => Float64Array.from(points.points, (p) => Number(p[i])));
      return regressionScores(names, columns, y).map((row) => ({ ...row, output: name, method: 'regression' as const }));
    }
    if (points.morris === undefined) throw new Error('bug: a Morris design without its trajectories');
    const effects = morrisEffects(points.morris, y, rng, options);
    // The noise floor needs replicates; it draws from the same stream after the effects' bootstrap.
    const noise =
      d.spec.replications > 1
        ? morrisNoiseFloor(
            points.morris,
            replicateValues(table.outputs[o] as Float64Array, points.points.length, d.spec.replications, armsOf(d)),
            rng,
            options,
          )
        : [];
    return [...effects, ...noise].map((row) => ({ ...row, output: name, method: 'morris' as const }));
  });
}

function writeSensitivity(out: string, rows: readonly SensitivityRow[]): void {
  if (rows.length === 0) return;
  const lines = rows.map(
    (r) =>
      `${csvValue(r.factor)},${csvValue(r.output)},${r.method},${r.index},${csvValue(r.estimate)},${csvValue(r.low)},${csvValue(r.high)}\n`,
  );
  writeFileAtomic(join(out, 'sensitivity.csv'), `factor,output,method,index,estimate,low,high\n${lines.join('')}`);
}

function writeManifest(out: string, d: LoadedDesign, design: BatchDesign, batch: BatchSummary, started: Date, ended: Date): void {
  const analysed = d.spec.design.kind !== 'factorial';
  const manifest = {
    tool: 'ayni',
    kind: 'experiment',
    ...provenance(),
    designFile: {
      path: d.file,
      absolute: resolve(d.file),
      hash: `sha256:${createHash('sha256').update(readFileSync(d.file)).digest('hex')}`,
    },
    scenario: { name: d.base.scenario.name, file: d.base.file, hash: d.base.hash },
    design: d.spec.design,
    factors: d.factors,
    contrast: d.spec.contrast ?? null,
    points: design.points.length / armsOf(d),
    replications: design.replications,
    runs: { total: design.points.length * design.replications, completed: batch.completed, failed: batch.failed },
    seed: d.spec.seed,
    seedFunction: d.factors.some((f) => f.path === SEED_FACTOR)
      ? 'replicate j of a point whose seed factor has value v: seedFor(seedFor(seed, floor(v)), j)'
      : 'replicate j of every point: seedFor(seed, j) (common random numbers across points)',
    outputs: d.outputs,
    resamples: d.spec.resamples,
    batch: { folder: 'batch', design: batch.manifest['design'] ?? null, workers: batch.workers, wallTimeMs: batch.wallTimeMs },
    files: ['design.csv', 'runs.csv', 'runs.parquet', ...(analysed ? ['sensitivity.csv'] : []), 'batch/'],
    wallTimeMs: ended.getTime() - started.getTime(),
    createdAt: ended.toISOString(),
  };
  writeFileAtomic(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
