/**
 * `ayni slurm submit` and `ayni slurm status`: a batch as a Slurm job array of shards plus a
 * dependent merge job, and its state read from the shard folders (finished jobs leave the
 * queue quickly and clusters may have no accounting, so files and exit codes are the truth).
 *
 * A submission is recorded in OUT/slurm/submission.json. Submitting again with the same
 * scenario, runs, seed and tasks submits only the shards that are not complete (each resumes
 * from its own blocks) and a new merge job.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { loadScenario } from '../io/scenario-file.js';
import { writeFileAtomic } from '../io/files.js';
import { arrayScript, jobOptions, mergeScript, shardFolder, type SlurmPlan } from './scripts.js';

export interface SubmitOptions {
  readonly scenario: string;
  readonly runs: number;
  readonly tasks: number;
  readonly out: string;
  readonly seed?: number;
  readonly cpusPerTask?: number;
  readonly partition?: string;
  readonly time?: string;
  /** Wait until the merge job has finished (sbatch --wait). */
  readonly wait?: boolean;
}

export interface Submission {
  readonly arrayJob: string | null;
  readonly mergeJob: string;
  /** Array tasks submitted this time (shards already complete are skipped). */
  readonly tasksSubmitted: readonly number[];
  /** With wait: whether the merge job succeeded. */
  readonly merged: boolean | null;
}

interface Record_ {
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

/** Whether a shard's batch finished (its manifest says complete; a damaged one does not). */
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
    ['scenario', resolve(options.scenario)],
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

export function submitSlurm(options: SubmitOptions): Result<Submission, InputIssue[]> {
  const unsafe = scriptValueIssues(options);
  if (unsafe.length > 0) return fail(unsafe);
  const loaded = loadScenario(options.scenario);
  if (!loaded.success) return loaded;
  if (options.tasks < 1 || options.runs < options.tasks) return fail([{ file: '--tasks', path: [], message: 'need 1 ≤ tasks ≤ runs' }]);
  const out = resolve(options.out);
  const plan: SlurmPlan = {
    scenario: resolve(options.scenario),
    out,
    node: process.execPath,
    cli: CLI,
    runs: options.runs,
    seed: options.seed ?? 1,
    tasks: options.tasks,
    cpusPerTask: options.cpusPerTask ?? 1,
    ...(options.partition ? { partition: options.partition } : {}),
    ...(options.time ? { time: options.time } : {}),
    name: loaded.data.scenario.name.replace(/[^A-Za-z0-9_.-]+/g, '-'),
  };
  const recordPath = join(out, 'slurm', 'submission.json');
  const read = readRecord(recordPath);
  if (!read.success) return read;
  const previous = read.data;
  if (previous) {
    for (const [field, value] of [
      ['scenarioHash', loaded.data.hash],
      ['runs', plan.runs],
      ['seed', plan.seed],
      ['tasks', plan.tasks],
    ] as const) {
      if (previous[field] !== value)
        return fail([
          {
            file: out,
            path: [field],
            message: `this folder holds a submission with ${field} ${JSON.stringify(previous[field])}, not ${JSON.stringify(value)}`,
          },
        ]);
    }
  }
  const arrayFile = join(out, 'slurm', 'array.sbatch');
  const mergeFile = join(out, 'slurm', 'merge.sbatch');
  // Slurm opens the jobs' log files itself and fails the job if their folder is missing.
  mkdirSync(join(out, 'slurm', 'logs'), { recursive: true });
  writeFileAtomic(arrayFile, arrayScript(plan));
  writeFileAtomic(mergeFile, mergeScript(plan));

  const missing = Array.from({ length: plan.tasks }, (_, i) => i + 1).filter((task) => !shardComplete(shardFolder(plan, task)));
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
    scenarioHash: loaded.data.hash,
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
    const folder = join(resolve(dir), `shard-${i + 1}-of-${record.tasks}`);
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
  return ok({ tasks: record.tasks, shards, merged: existsSync(join(resolve(dir), 'merged', 'runs.csv')), queued });
}
