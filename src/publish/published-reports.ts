/**
 * `npm run reports`: makes the published reports that reports/reports.yaml lists. Each is a
 * comparison or a hypothesis test run into a work folder (reports/out/<id>, resumable like
 * any comparison), then written as reports/<id>/<lang>/report.html with the comparison, the
 * verdict and, last, inputs.json: a report whose recorded inputs equal its inputs now is left
 * alone, so running it again costs nothing.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { textIn } from '../scenario/label.js';
import { writeFileAtomic } from '../io/files.js';
import { loadScenario, loadVariant } from '../io/scenario-file.js';
import { compareScenarios, type CompareHooks, type Comparison } from '../experiments/compare.js';
import { testHypothesis } from '../experiments/hypothesis-file.js';
import { t } from '../report/messages.js';
import { writeComparison } from './comparison-files.js';
import { writeReport } from './report-files.js';
import { verdictRecord, writeVerdict } from './verdict-file.js';
import {
  INPUTS_FILE,
  inputsJson,
  loadReportsManifest,
  recordedInputs,
  reportFolder,
  reportInputs,
  type ReportEntry,
  type ReportInputs,
  type ReportsManifest,
} from './published-inputs.js';

export interface GenerateOptions {
  /** Only these reports (by id); @default every report listed */
  readonly only?: readonly string[];
  readonly workers?: number;
  /** Where the runs go. @default <manifest folder>/out */
  readonly work?: string;
  /** Make the reports even when their inputs have not changed. */
  readonly force?: boolean;
}

export interface GenerateHooks {
  /** A report is about to run, or was found current. */
  readonly onReport?: (id: string, state: 'current' | 'running', position: { readonly index: number; readonly count: number }) => void;
  readonly onProgress?: CompareHooks['onProgress'];
  readonly signal?: AbortSignal;
}

export interface GeneratedReport {
  readonly id: string;
  readonly state: 'current' | 'written';
  /** The report files, one per language. */
  readonly files: readonly string[];
}

/** The vega scripts every published report loads (one copy, beside the reports). */
const SCRIPTS_FOLDER = 'scripts';

const sameInputs = (a: ReportInputs | null, b: ReportInputs) => a !== null && JSON.stringify(a) === JSON.stringify(b);

/** Runs one listed report into `work` and leaves its comparison (and verdict) there. */
async function run(
  manifestFile: string,
  entry: ReportEntry,
  work: string,
  workers: number | undefined,
  hooks: GenerateHooks,
): Promise<Result<Comparison, InputIssue[]>> {
  const near = (path: string) => (isAbsolute(path) ? path : join(dirname(manifestFile), path));
  const compareHooks = { ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}), ...(hooks.signal ? { signal: hooks.signal } : {}) };
  const pool = workers !== undefined ? { workers } : {};
  if (entry.kind === 'test') {
    const file = near(entry.hypothesis);
    const result = await testHypothesis(
      file,
      {
        out: work,
        ...pool,
        ...(entry.runs !== undefined ? { runs: entry.runs } : {}),
        robustness: entry.robustness !== false,
        ...(entry.robustness ? { robustnessSize: entry.robustness } : {}),
      },
      { ...compareHooks, ...(hooks.onProgress ? { onRobustnessProgress: hooks.onProgress } : {}) },
    );
    if (!result.success) return result;
    writeVerdict(work, verdictRecord(file, result.data));
    writeComparison(work, result.data.comparison, { kind: 'test' });
    return ok(result.data.comparison);
  }
  const baseFile = near(entry.base);
  const base = loadScenario(baseFile);
  if (!base.success) return base;
  const variants = [];
  for (const v of entry.variants) {
    const loaded = loadVariant(near(v), baseFile);
    if (!loaded.success) return loaded;
    variants.push(loaded.data);
  }
  const result = await compareScenarios(base.data, variants, { runs: entry.runs, seed: entry.seed, out: work, ...pool }, compareHooks);
  if (!result.success) return result;
  writeComparison(work, result.data);
  return ok(result.data);
}

/** The reader's word on how the report was made: the entry's note, and the manifest's placeholder. */
function notice(manifest: ReportsManifest, entry: ReportEntry, lang: 'es' | 'en'): string | undefined {
  const parts = [
    ...(manifest.placeholder !== undefined ? [t(lang, 'placeholderNotice')] : []),
    ...(entry.note !== undefined ? [textIn(lang, entry.note)] : []),
  ];
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export async function generateReports(
  manifestFile: string,
  options: GenerateOptions = {},
  hooks: GenerateHooks = {},
): Promise<Result<GeneratedReport[], InputIssue[]>> {
  const manifest = loadReportsManifest(manifestFile);
  if (!manifest.success) return manifest;
  const listed = manifest.data.reports;
  const unknown = (options.only ?? []).filter((id) => !listed.some((r) => r.id === id));
  if (unknown.length > 0)
    return fail(
      unknown.map((id) => ({
        file: manifestFile,
        path: ['reports'],
        message: `no report ${id}; listed: ${listed.map((r) => r.id).join(', ')}`,
      })),
    );
  const chosen = options.only && options.only.length > 0 ? listed.filter((r) => options.only?.includes(r.id)) : listed;
  // Every input is read before anything runs: a broken file costs no runs.
  const inputs: ReportInputs[] = [];
  for (const entry of chosen) {
    const now = reportInputs(manifestFile, entry);
    if (!now.success) return now;
    inputs.push(now.data);
  }
  const workRoot = options.work ?? join(dirname(manifestFile), 'out');
  const done: GeneratedReport[] = [];
  for (const [index, entry] of chosen.entries()) {
    const now = inputs[index] as ReportInputs;
    const folder = reportFolder(manifestFile, entry.id);
    const files = entry.langs.map((lang) => join(folder, lang, 'report.html'));
    const position = { index, count: chosen.length };
    if (!options.force && sameInputs(recordedInputs(folder), now) && files.every((f) => existsSync(f))) {
      hooks.onReport?.(entry.id, 'current', position);
      done.push({ id: entry.id, state: 'current', files });
      continue;
    }
    hooks.onReport?.(entry.id, 'running', position);
    // The work folder resumes the same inputs and starts over for new ones (a comparison refuses a changed scenario).
    const work = join(workRoot, entry.id);
    if (!sameInputs(recordedInputs(work), now)) rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    writeFileAtomic(join(work, INPUTS_FILE), inputsJson(now));
    const ran = await run(manifestFile, entry, work, options.workers, hooks);
    if (!ran.success) return ran;
    if (hooks.signal?.aborted) return fail([{ file: work, path: [], message: 'interrupted; run the same command again to continue' }]);
    // The folder is remade whole, inputs.json last: an interrupted write leaves it stale, never half-current.
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    for (const name of ['comparison.json', 'comparison.csv', 'verdict.json'])
      if (existsSync(join(work, name))) copyFileSync(join(work, name), join(folder, name));
    for (const [k, lang] of entry.langs.entries()) {
      const text = notice(manifest.data, entry, lang);
      const written = await writeReport(work, {
        lang,
        out: files[k] as string,
        sharedScripts: join(dirname(manifestFile), SCRIPTS_FOLDER),
        ...(text ? { notice: text } : {}),
      });
      if (!written.success) return written;
    }
    writeFileAtomic(join(folder, INPUTS_FILE), inputsJson(now));
    done.push({ id: entry.id, state: 'written', files });
  }
  return ok(done);
}
