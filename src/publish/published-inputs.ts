/**
 * The published reports' manifest (reports/reports.yaml) and what each report was made from:
 * the digests of its scenarios (after `extends` and overlays, as the scenario hash is
 * taken), of its hypothesis file, the model and ayni's version, runs, seed and languages.
 * Reading them runs nothing, so a CI check can tell a stale report cheaply.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { LANGS } from '../scenario/lang.js';
import { LocalizedTextSchema } from '../scenario/label.js';
import { readSchemaFile } from '../io/schema-file.js';
import { createHash } from 'node:crypto';
import { nodeSourceHost, readBytes } from '../io/files.js';
import { resolveExtends } from '../models/scenario-loader.js';
import { scenarioHash } from '../io/scenario-hash.js';
import { ayniVersion } from '../io/version.js';
import { MAX_ARM_RUNS } from '../experiments/limits.js';
import { loadHypothesis } from '../experiments/hypothesis-file.js';
import { PERU_MINING } from '../models/peru-mining/model.js';

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'is not a folder name: lower-case letters, digits and hyphens')
  .describe('The folder of the report under reports/, and the name `--only` takes.');
const Runs = z.number().int().min(2).max(MAX_ARM_RUNS);
const Langs = z
  .array(z.enum(LANGS))
  .min(1)
  .default([...LANGS])
  .describe('Languages of the report (one folder each).');
const Note = LocalizedTextSchema.optional().describe('Shown under the headline: how this report differs (fewer runs, …).');

const CompareEntry = z.strictObject({
  id: Id,
  kind: z.literal('compare'),
  base: z.string().min(1).describe('Base scenario, relative to the manifest.'),
  variants: z.array(z.string().min(1)).min(1).describe('Variant scenarios or overlays, relative to the manifest.'),
  runs: Runs.describe('Paired runs per arm.'),
  seed: z.number().int().min(0).default(1),
  langs: Langs,
  note: Note,
});

const TestEntry = z.strictObject({
  id: Id,
  kind: z.literal('test'),
  hypothesis: z.string().min(1).describe('Hypothesis file, relative to the manifest.'),
  runs: Runs.optional().describe("Runs per arm instead of the file's runs and precision (say why in `note`)."),
  robustness: z
    .union([z.literal(false), z.strictObject({ points: z.number().int().min(2), replications: z.number().int().min(2) })])
    .optional()
    .describe("false: skip the file's robustness; {points, replications}: a smaller design than the file's; absent: the file's."),
  langs: Langs,
  note: Note,
});

export const ReportsManifestSchema = z
  .strictObject({
    $schema: z.string().optional(),
    placeholder: z
      .string()
      .optional()
      .describe('Set while the reports were made with fewer runs than they will be published with: what to do instead.'),
    reports: z.array(z.discriminatedUnion('kind', [CompareEntry, TestEntry])).min(1),
  })
  .check((ctx) => {
    const ids = ctx.value.reports.map((r) => r.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.issues.push({ code: 'custom', input: id, path: ['reports', i, 'id'], message: `${id} is listed twice` });
    });
  });
export type ReportsManifest = z.output<typeof ReportsManifestSchema>;
export type ReportEntry = ReportsManifest['reports'][number];

export function loadReportsManifest(file: string): Result<ReportsManifest, InputIssue[]> {
  return readSchemaFile(file, ReportsManifestSchema);
}

/** One input file as recorded: its path from the manifest's folder and its content digest. */
interface InputDigest {
  readonly file: string;
  readonly hash: string;
}

/** What a published report was made from (inputs.json). Equal inputs, equal report. */
export interface ReportInputs {
  readonly id: string;
  readonly kind: 'compare' | 'test';
  readonly model: string;
  readonly ayniVersion: string;
  readonly base: InputDigest;
  readonly variants: readonly InputDigest[];
  readonly hypothesis?: InputDigest;
  /** Runs per arm (a test's own, with its precision, when null). */
  readonly runs: number | null;
  readonly seed: number | null;
  readonly robustness: false | { readonly points: number; readonly replications: number } | 'file';
  readonly langs: readonly string[];
}

/** The folder of a report under the manifest's folder. */
export const reportFolder = (manifestFile: string, id: string) => join(dirname(manifestFile), id);

/** A path as the manifest's folder sees it, with forward slashes. */
const fromManifest = (manifestFile: string, path: string) =>
  relative(dirname(resolve(manifestFile)), resolve(path))
    .split(sep)
    .join('/');

/**
 * A scenario file's digest: its document after `extends` (every file it extends merged in), in
 * canonical JSON, as the scenario hash takes it but before validation fills the defaults (a
 * change of defaults comes with a new ayni version, which is recorded too). Validating the
 * national baseline takes seconds; this takes a parse. Cached by path within a process.
 */
const digests = new Map<string, Result<{ readonly hash: string; readonly model: string }, InputIssue[]>>();
function sourceDigest(file: string): Result<{ readonly hash: string; readonly model: string }, InputIssue[]> {
  // Keyed by the file's own bytes too: a file edited within the process is read again.
  const own = readBytes(resolve(file));
  const key = `${resolve(file)}\0${own ? createHash('sha256').update(own).digest('hex') : 'missing'}`;
  const known = digests.get(key);
  if (known) return known;
  let doc: Result<Record<string, unknown>, InputIssue[]>;
  try {
    doc = resolveExtends(resolve(file), nodeSourceHost());
  } catch (e) {
    doc = fail([{ file, path: [], message: `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  // The model the file names after its extends (the default model when it names none).
  const model = (d: Record<string, unknown>) => (typeof d['model'] === 'string' ? d['model'] : PERU_MINING);
  const result = doc.success ? ok({ hash: scenarioHash(doc.data), model: model(doc.data) }) : doc;
  digests.set(key, result);
  return result;
}

function digest(manifestFile: string, file: string): Result<InputDigest, InputIssue[]> {
  const hash = sourceDigest(file);
  return hash.success ? ok({ file: fromManifest(manifestFile, file), hash: hash.data.hash }) : hash;
}

/** The inputs of one listed report, from its files as they are now. */
export function reportInputs(manifestFile: string, entry: ReportEntry): Result<ReportInputs, InputIssue[]> {
  const near = (from: string, path: string) => (isAbsolute(path) ? path : join(dirname(from), path));
  let baseFile: string;
  let variantFiles: string[];
  let hypothesis: InputDigest | undefined;
  let seed: number | null = null;
  if (entry.kind === 'test') {
    const file = near(manifestFile, entry.hypothesis);
    if (!existsSync(file)) return fail([{ file: manifestFile, path: ['reports', entry.id, 'hypothesis'], message: `not found: ${file}` }]);
    const h = loadHypothesis(file);
    if (!h.success) return h;
    baseFile = near(file, h.data.base);
    variantFiles = [near(file, h.data.variant)];
    hypothesis = { file: fromManifest(manifestFile, file), hash: scenarioHash(h.data) };
    seed = h.data.seed;
  } else {
    baseFile = near(manifestFile, entry.base);
    variantFiles = entry.variants.map((v) => near(manifestFile, v));
    seed = entry.seed;
  }
  const baseSource = sourceDigest(baseFile);
  if (!baseSource.success) return baseSource;
  const variants: InputDigest[] = [];
  for (const file of variantFiles) {
    const v = digest(manifestFile, file);
    if (!v.success) return v;
    variants.push(v.data);
  }
  return ok({
    id: entry.id,
    kind: entry.kind,
    model: baseSource.data.model,
    // The model is versioned with ayni: a new version may change any number.
    ayniVersion: ayniVersion(),
    base: { file: fromManifest(manifestFile, baseFile), hash: baseSource.data.hash },
    variants,
    ...(hypothesis ? { hypothesis } : {}),
    runs: entry.runs ?? null,
    seed,
    robustness: entry.kind === 'test' ? (entry.robustness ?? 'file') : false,
    langs: entry.langs,
  });
}

export const INPUTS_FILE = 'inputs.json';

export const inputsJson = (inputs: ReportInputs) => `${JSON.stringify(inputs, null, 2)}\n`;

/** The inputs recorded beside a report, or null when it has none (never generated, or interrupted). */
export function recordedInputs(folder: string): ReportInputs | null {
  const path = join(folder, INPUTS_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ReportInputs) : null;
}

/** The report's files for each language. */
const reportFiles = (entry: ReportEntry) => entry.langs.map((lang) => join(lang, 'report.html'));

/** Why a listed report is not current, or null when it is: a missing file, or the first input that changed. */
export function staleness(manifestFile: string, entry: ReportEntry): Result<string | null, InputIssue[]> {
  const now = reportInputs(manifestFile, entry);
  if (!now.success) return now;
  const folder = reportFolder(manifestFile, entry.id);
  const recorded = recordedInputs(folder);
  if (recorded === null) return ok(`no ${INPUTS_FILE}`);
  const missing = reportFiles(entry).filter((f) => !existsSync(join(folder, f)));
  if (missing.length > 0) return ok(`missing ${missing.join(', ')}`);
  const was = recorded as unknown as Record<string, unknown>;
  const is = now.data as unknown as Record<string, unknown>;
  const changed = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter(
    (key) => JSON.stringify(was[key]) !== JSON.stringify(is[key]),
  );
  return ok(changed.length === 0 ? null : `changed: ${changed.join(', ')}`);
}
