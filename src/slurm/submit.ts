/**
 * `ayni slurm submit` and `ayni slurm status`: a batch as a Slurm job array of shards plus a
 * dependent merge job, and its state read from the shard folders (finished jobs leave the
 * queue quickly and clusters may have no accounting, so files and exit codes are the truth).
 *
 * A submission is recorded in OUT/slurm/submission.json. Submitting again with the same
 * scenario, runs, seed and tasks submits only the shards that are not complete (each resumes
 * from its own blocks) and a new merge job.
 *
 * With a design file instead of a scenario, the shards are shards of `ayni experiment` (the
 * design fixes the runs and the seed) and the record holds the design file and its hash, so a
 * changed design is refused like a changed scenario.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { loadScenario } from '../io/scenario-file.js';
import { writeFileAtomic } from '../io/files.js';
import { loadDesignFile } from '../experiments/design-file.js';
import { designPoints } from '../experiments/design-points.js';
import { batchDesign } from '../experiments/experiment.js';
import { arrayScript, jobOptions, mergeScript, shardBatchFolder, type SlurmPlan } from './scripts.js';

/** A batch of a scenario (with its runs and seed) or an experiment of a design file. */
type SubmitSource = { readonly scenario: string; readonly runs: number; readonly seed?: number } | { readonly design: string };

export type SubmitOptions = SubmitSource & {
  readonly tasks: number;
  readonly out: string;
  readonly cpusPerTask?: number;
  readonly partition?: string;
  readonly time?: string;
  /** Wait until the merge job has finished (sbatch --wait). */
  readonly wait?: boolean;
};

export interface Submission {
  readonly arrayJob: string | null;
  readonly mergeJob: string;
  /** Array tasks submitted this time (shards already complete are skipped). */
  readonly tasksSubmitted: readonly number[];
  /** With wait: whether the merge job succeeded. */
  readonly merged: boolean | null;
}

interface Record_ {
  /** An experiment's design file (absolute) and the sha256 of its text; absent for a scenario's batch. */
  readonly design?: { readonly file: string; readonly hash: string } | undefined;
  /** The scenario's hash (a design's base scenario). */
  readonly scenarioHash: string;
  readonly runs: number;
  readonly seed: number;
  readonly tasks: number;
  readonly submissions: ReadonlyArray<{ arrayJob: string | null; mergeJob: string; tasks: number[] }>;
}

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** Runs a Slurm command; a missing command is an input problem (not a login node). */
function slurm(command: string, args: readonly string[]): Result<{ status: number | null; stdout: string; stderr: string }, InputIssue[]> {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    return fail([
      { file: command, path: [], message: code === 'ENOENT' ? `${command} not found: run this on a Slurm login node` : r.error.message },
    ]);
  }
  return ok({ status: r.status, stdout: r.stdout, stderr: r.stderr });
}

/** Whether a shard's batch folder finished (its manifest says complete; a damaged one does not). */
function shardComplete(folder: string): boolean {
  const manifest = join(folder, 'manifest.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { status?: string } | null)?.status === 'complete';
  } catch {
    return false;
  }
}

const RecordSchema = z.object({
  design: z.object({ file: z.string(), hash: z.string() }).optional(),
  scenarioHash: z.string(),
  runs: z.number().int(),
  seed: z.number().int(),
  tasks: z.number().int().min(1),
  submissions: z.array(z.object({ arrayJob: z.string().nullable(), mergeJob: z.string(), tasks: z.array(z.number().int()) })),
});

/** OUT/slurm/submission.json: undefined if absent, an issue naming the file if damaged. */
function readRecord(path: string): Result<Record_ | undefined, InputIssue[]> {
  if (!existsSync(path)) return ok(undefined);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail([
      {
        file: path,
        path: [],
        message: `${code === undefined ? 'is not valid JSON' : `cannot be read (${code})`}: remove it to start a new submission (the shards' folders are kept)`,
      },
    ]);
  }
  const parsed = RecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail([
      {
        file: path,
        path: issue?.path.map(String) ?? [],
        message: `is not a submission record (${issue?.message ?? 'malformed'}): remove it to start a new submission (the shards' folders are kept)`,
      },
    ]);
  }
  return ok(parsed.data);
}

/**
 * Values written into the job scripts, by the option that gave them. A newline (or any other
 * control character) in one would end its #SBATCH line or its command and start another.
 */
function scriptValueIssues(options: SubmitOptions): InputIssue[] {
  const values: Array<[string, string | undefined]> = [
    // Resolved, as written: the working folder is part of them.
    'design' in options ? ['--design', resolve(options.design)] : ['scenario', resolve(options.scenario)],
    ['--out', resolve(options.out)],
    ['--partition', options.partition],
    ['--time', options.time],
    ['node', process.execPath],
    ['cli', CLI],
  ];
  return values
    .filter(([, value]) => value !== undefined && /\p{Cc}/u.test(value))
    .map(([option, value]) => ({
      file: '',
      path: [option],
      message: `${JSON.stringify(value)} holds a newline or another control character, which would inject lines into the job scripts`,
    }));
}

/** What the shards run: the scenario file, its hash, the runs and the seed, and for a design its file and hash. */
interface Source {
  readonly scenario: string;
  readonly scenarioHash: string;
  readonly runs: number;
  readonly seed: number;
  readonly name: string;
  readonly design?: { readonly file: string; readonly hash: string };
}

const jobName = (name: string) => name.replace(/[^A-Za-z0-9_.-]+/g, '-');

function loadSource(options: SubmitOptions): Result<Source, InputIssue[]> {
  if (!('design' in options)) {
    const loaded = loadScenario(options.scenario);
    if (!loaded.success) return loaded;
    const { runs, seed = 1 } = options;
    return ok({
      scenario: resolve(options.scenario),
      scenarioHash: loaded.data.hash,
      runs,
      seed,
      name: jobName(loaded.data.scenario.name),
    });
  }
  const file = resolve(options.design);
  const loaded = loadDesignFile(file);
  if (!loaded.success) return loaded;
  const d = loaded.data;
  // The runs of the experiment's batch, as runExperiment lays them out (points × arms × replications).
  const runs = batchDesign(d, designPoints(d.spec.design, d.factors, d.spec.seed)).points.length * d.spec.replications;
  return ok({
    scenario: resolve(d.base.file),
    scenarioHash: d.base.hash,
    runs,
    seed: d.spec.seed,
    name: jobName(basename(file, extname(file))),
    design: { file, hash: createHash('sha256').update(readFileSync(file)).digest('hex') },
  });
}

/** Why this submission may not join the one recorded in the folder, if it may not. */
function mismatch(previous: Record_, source: Source, tasks: number, out: string): InputIssue | undefined {
  const was = previous.design ? `an experiment of ${previous.design.file}` : 'a batch of a scenario';
  if (source.design === undefined ? previous.design !== undefined : previous.design === undefined)
    return { file: out, path: [], message: `this folder holds ${was}: submit to another --out` };
  if (previous.design && source.design && previous.design.hash !== source.design.hash)
    return {
      file: out,
      path: ['designHash'],
      message: `this folder holds ${was} whose design file has changed since (sha256 ${previous.design.hash.slice(0, 12)}…, now ${source.design.hash.slice(0, 12)}…): restore it or submit to another --out`,
    };
  for (const [field, value] of [
    ['scenarioHash', source.scenarioHash],
    ['runs', source.runs],
    ['seed', source.seed],
    ['tasks', tasks],
  ] as const) {
    if (previous[field] !== value)
      return {
        file: out,
        path: [field],
        message: `this folder holds a submission with ${field} ${JSON.stringify(previous[field])}, not ${JSON.stringify(value)}`,
      };
  }
  return undefined;
}

export function submitSlurm(options: SubmitOptions): Result<Submission, InputIssue[]> {
  const unsafe = scriptValueIssues(options);
  if (unsafe.length > 0) return fail(unsafe);
  const source = loadSource(options);
  if (!source.success) return source;
  const { data: src } = source;
  if (options.tasks < 1 || src.runs < options.tasks)
    return fail([{ file: '--tasks', path: [], message: `need 1 ≤ tasks ≤ runs${src.design ? ` (the design has ${src.runs} runs)` : ''}` }]);
  const out = resolve(options.out);
  const plan: SlurmPlan = {
    scenario: src.scenario,
    out,
    node: process.execPath,
    cli: CLI,
    runs: src.runs,
    seed: src.seed,
    tasks: options.tasks,
    cpusPerTask: options.cpusPerTask ?? 1,
    ...(options.partition ? { partition: options.partition } : {}),
    ...(options.time ? { time: options.time } : {}),
    name: src.name,
    ...(src.design ? { design: src.design.file } : {}),
  };
  const recordPath = join(out, 'slurm', 'submission.json');
  const read = readRecord(recordPath);
  if (!read.success) return read;
  const previous = read.data;
  if (previous) {
    const issue = mismatch(previous, src, plan.tasks, out);
    if (issue) return fail([issue]);
  }
  const arrayFile = join(out, 'slurm', 'array.sbatch');
  const mergeFile = join(out, 'slurm', 'merge.sbatch');
  // Slurm opens the jobs' log files itself and fails the job if their folder is missing.
  mkdirSync(join(out, 'slurm', 'logs'), { recursive: true });
  writeFileAtomic(arrayFile, arrayScript(plan));
  writeFileAtomic(mergeFile, mergeScript(plan));

  const missing = Array.from({ length: plan.tasks }, (_, i) => i + 1).filter((task) => !shardComplete(shardBatchFolder(plan, task)));
  let arrayJob: string | null = null;
  if (missing.length > 0) {
    // The options go on sbatch's command line too (it takes precedence over #SBATCH lines), so
    // they hold even in a script whose directives sbatch stops reading early.
    const r = slurm('sbatch', ['--parsable', `--array=${missing.join(',')}`, ...jobOptions(plan, 'array'), arrayFile]);
    if (!r.success) return r;
    if (r.data.status !== 0) return fail([{ file: 'sbatch', path: [], message: `the array job was refused: ${r.data.stderr.trim()}` }]);
    arrayJob = (r.data.stdout.trim().split(';')[0] ?? '').trim();
  }
  const mergeArgs = [
    '--parsable',
    ...(arrayJob ? [`--dependency=afterok:${arrayJob}`, '--kill-on-invalid-dep=yes'] : []),
    ...(options.wait ? ['--wait'] : []),
    ...jobOptions(plan, 'merge'),
    mergeFile,
  ];
  const m = slurm('sbatch', mergeArgs);
  if (!m.success) return m;
  const mergeJob = (m.data.stdout.trim().split('\n')[0]?.split(';')[0] ?? '').trim();
  if (mergeJob === '') return fail([{ file: 'sbatch', path: [], message: `the merge job was refused: ${m.data.stderr.trim()}` }]);
  const record: Record_ = {
    ...(src.design ? { design: src.design } : {}),
    scenarioHash: src.scenarioHash,
    runs: plan.runs,
    seed: plan.seed,
    tasks: plan.tasks,
    submissions: [...(previous?.submissions ?? []), { arrayJob, mergeJob, tasks: missing }],
  };
  writeFileAtomic(recordPath, `${JSON.stringify(record, null, 2)}\n`);
  const merged = options.wait ? m.data.status === 0 && existsSync(join(out, 'merged', 'runs.csv')) : null;
  return ok({ arrayJob, mergeJob, tasksSubmitted: missing, merged });
}

interface ShardStatus {
  readonly task: number;
  readonly state: 'complete' | 'partial' | 'not started';
  readonly blocksDone: number;
}

export interface SlurmStatus {
  /** The design file of an experiment's submission. */
  readonly design?: string;
  readonly tasks: number;
  readonly shards: readonly ShardStatus[];
  readonly merged: boolean;
  /** Jobs of the last submission still in the queue, with their Slurm state. */
  readonly queued: ReadonlyArray<{ readonly job: string; readonly state: string }>;
}

export function slurmStatus(dir: string): Result<SlurmStatus, InputIssue[]> {
  const recordPath = join(resolve(dir), 'slurm', 'submission.json');
  const read = readRecord(recordPath);
  if (!read.success) return read;
  const record = read.data;
  if (record === undefined) return fail([{ file: dir, path: [], message: 'no Slurm submission here (slurm/submission.json is missing)' }]);
  const shards = Array.from({ length: record.tasks }, (_, i): ShardStatus => {
    // An experiment's shard keeps its batch in batch/.
    const folder = join(resolve(dir), `shard-${i + 1}-of-${record.tasks}`, record.design ? 'batch' : '');
    const blocks = existsSync(join(folder, 'blocks')) ? readdirSync(join(folder, 'blocks')).filter((f) => f.endsWith('.json')).length : 0;
    return {
      task: i + 1,
      state: shardComplete(folder) ? 'complete' : existsSync(join(folder, 'batch.json')) ? 'partial' : 'not started',
      blocksDone: blocks,
    };
  });
  const last = record.submissions[record.submissions.length - 1];
  const ids = [last?.arrayJob, last?.mergeJob].filter((x): x is string => Boolean(x));
  let queued: Array<{ job: string; state: string }> = [];
  if (ids.length > 0) {
    const q = slurm('squeue', ['-h', '-o', '%i %T', '-j', ids.join(',')]);
    if (q.success && q.data.status === 0) {
      queued = q.data.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [job, state] = line.trim().split(/\s+/);
          return { job: job ?? '', state: state ?? '' };
        });
    }
  }
  return ok({
    ...(record.design ? { design: record.design.file } : {}),
    tasks: record.tasks,
    shards,
    merged: existsSync(join(resolve(dir), 'merged', 'runs.csv')),
    queued,
  });
}
