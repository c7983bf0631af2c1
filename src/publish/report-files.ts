/**
 * Reports on disk: read a results folder (a batch, a comparison, a hypothesis test or an
 * experiment) into report data, and write report.html with charts/*.vl.json beside it. The Vega scripts are
 * read from the installed packages and inlined, so the report needs no network.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Comparison } from '../experiments/compare.js';
import { readVerdict } from './verdict-file.js';
import { readBatchTables } from '../batch/read-tables.js';
import type { ArmData, SeriesPoint } from '../report/charts.js';
import { reportDocument, type ReportData, type ReportDocument } from '../report/document.js';
import { experimentDocument } from '../report/experiment-document.js';
import { isExperimentFolder, readExperimentReportData } from './experiment-report.js';
import { reportHtml, type ScriptBundles } from '../report/html.js';
import { renderSvg } from '../report/render.js';
import type { Lang } from '../report/messages.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { writeFileAtomic, writeIssue } from '../io/files.js';
import { ayniVersion } from '../io/version.js';
import { CRATE_FILE, withReportAction } from '../io/crate-metadata.js';
import { provenance } from '../io/provenance.js';

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** One arm's (or the batch's) folder as the report shows it, from the batch's own reader. */
function readArm(dir: string, name: string): ArmData & { model: string | undefined } {
  const { identity, series, outcomes } = readBatchTables(dir);
  const points = Object.fromEntries(
    Object.entries(series).map(([metric, rows]) => [metric, rows.map(({ step, ...values }): SeriesPoint => ({ month: step, ...values }))]),
  );
  return {
    name,
    scenario: identity.scenarioName,
    hash: identity.scenarioHash,
    runs: identity.runs,
    series: points,
    outcomes,
    model: identity.model,
  };
}

/** Reads a results folder written by ayni batch, merge, compare or test. */
export function readReportData(dir: string): Result<ReportData, InputIssue[]> {
  const manifestPath = join(dir, 'manifest.json');
  const comparisonPath = join(dir, 'comparison.json');
  try {
    if (existsSync(comparisonPath)) {
      const comparison = readJson<Comparison>(comparisonPath);
      // Charts show the variants' labels; the base is "base" (its label is in the subtitle).
      const labels = [undefined, ...comparison.variants.map((v) => v.label)];
      const arms = comparison.arms.map((path, i) => {
        const arm = readArm(join(dir, 'arms', basename(path)), i === 0 ? 'base' : (comparison.variants[i - 1]?.name ?? basename(path)));
        return labels[i] ? { ...arm, label: labels[i] } : arm;
      });
      const verdict = readVerdict(dir);
      const armManifest = readJson<{ ayniVersion?: string; nodeVersion?: string }>(
        join(dir, 'arms', basename(comparison.arms[0] ?? ''), 'manifest.json'),
      );
      return ok({
        kind: verdict ? 'test' : 'compare',
        model: arms[0]?.model,
        arms,
        comparison,
        hypothesis: verdict,
        seed: comparison.seed,
        runs: comparison.runs,
        ayniVersion: armManifest.ayniVersion ?? ayniVersion(),
        nodeVersion: armManifest.nodeVersion ?? process.version,
      });
    }
    if (existsSync(join(dir, 'batch.json')) && existsSync(join(dir, 'series.csv'))) {
      const manifest = existsSync(manifestPath)
        ? readJson<{ masterSeed?: number; ayniVersion?: string; nodeVersion?: string }>(manifestPath)
        : {};
      const arm = readArm(dir, readJson<{ scenarioName: string }>(join(dir, 'batch.json')).scenarioName);
      return ok({
        kind: 'batch',
        model: arm.model,
        arms: [arm],
        comparison: null,
        hypothesis: null,
        seed: manifest.masterSeed ?? 0,
        runs: arm.runs,
        ayniVersion: manifest.ayniVersion ?? ayniVersion(),
        nodeVersion: manifest.nodeVersion ?? process.version,
      });
    }
  } catch (e) {
    return fail([{ file: dir, path: [], message: `cannot read the results: ${(e as Error).message}` }]);
  }
  return fail([
    {
      file: dir,
      path: [],
      message: 'not a results folder of ayni batch, merge, compare or test (no comparison.json, or batch.json with series.csv)',
    },
  ]);
}

let bundles: ScriptBundles | undefined;

/** The browser builds of vega, vega-lite and vega-embed from node_modules. */
function scriptBundles(): ScriptBundles {
  if (bundles) return bundles;
  const require = createRequire(import.meta.url);
  // Each package's entry lives in its build/ folder, beside the browser bundle.
  const file = (pkg: string, build: string) => readFileSync(join(dirname(require.resolve(pkg)), build), 'utf8');
  bundles = {
    vega: file('vega', 'vega.min.js'),
    vegaLite: file('vega-lite', 'vega-lite.min.js'),
    vegaEmbed: file('vega-embed', 'vega-embed.min.js'),
  };
  return bundles;
}

export interface ReportOptions {
  readonly lang: Lang;
  /** @default <dir>/report.html (report.es.html / report.en.html are the caller's choice) */
  readonly out?: string;
  /** A word on how the report was made, shown under its headline. */
  readonly notice?: string;
  /**
   * A folder for the vega scripts, shared by the reports that name it (written there once and
   * loaded by relative address), instead of inlined in each; and no charts/*.vl.json.
   */
  readonly sharedScripts?: string;
}

/** Builds the report of a results folder (an experiment's too); returns the path written. */
export async function writeReport(dir: string, options: ReportOptions): Promise<Result<string, InputIssue[]>> {
  if (isExperimentFolder(dir)) {
    const experiment = readExperimentReportData(dir);
    if (!experiment.success) return experiment;
    return writeDocument(dir, experimentDocument(experiment.data, options.lang), options);
  }
  const data = readReportData(dir);
  if (!data.success) return data;
  return writeDocument(dir, reportDocument(data.data, options.lang), options);
}

async function writeDocument(dir: string, doc: ReportDocument, options: ReportOptions): Promise<Result<string, InputIssue[]>> {
  const out = options.out ?? join(dir, 'report.html');
  const written = await writeReportPage(
    options.notice ? { ...doc, notice: options.notice } : doc,
    out,
    options.sharedScripts !== undefined ? { sharedScripts: options.sharedScripts } : {},
  );
  if (!written.success) return written;
  addReportToCrate(dir, out);
  return ok(out);
}

/**
 * A report document as one offline HTML page at `out`, its charts' specifications beside it in
 * charts/ (any report: a results folder's, an experiment's, a calibration's).
 */
export async function writeReportPage(
  doc: ReportDocument,
  out: string,
  options: { readonly sharedScripts?: string } = {},
): Promise<Result<string, InputIssue[]>> {
  // The saved specs keep their titles (they open alone in the Vega editor); in the page the
  // figure's heading carries the title.
  const shown = { ...doc, charts: doc.charts.map((c) => ({ ...c, spec: { ...c.spec, title: undefined } })) };
  const svgs = await Promise.all(shown.charts.map((c) => renderSvg(c.spec)));
  const shared = options.sharedScripts;
  try {
    if (shared === undefined) {
      for (const chart of doc.charts)
        writeFileAtomic(join(dirname(out), 'charts', `${chart.id}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
      writeFileAtomic(out, reportHtml(shown, svgs, scriptBundles()));
    } else {
      const bundles = scriptBundles();
      const names = { vega: 'vega.min.js', vegaLite: 'vega-lite.min.js', vegaEmbed: 'vega-embed.min.js' } as const;
      for (const key of Object.keys(names) as Array<keyof typeof names>) writeFileAtomic(join(shared, names[key]), bundles[key]);
      const from = (name: string) =>
        relative(dirname(resolve(out)), resolve(shared, name))
          .split(sep)
          .join('/');
      const href = { vega: from(names.vega), vegaLite: from(names.vegaLite), vegaEmbed: from(names.vegaEmbed) };
      writeFileAtomic(out, reportHtml(shown, svgs, { href }, { specLinks: false }));
    }
  } catch (e) {
    // An unwritable --out is the user's to fix: one line, not a stack trace.
    if ((e as NodeJS.ErrnoException).code !== undefined) return fail([writeIssue(out, e)]);
    throw e;
  }
  return ok(out);
}

/** A report written into a results folder joins its RO-Crate, as a second action. */
function addReportToCrate(dir: string, out: string): void {
  const crate = join(dir, CRATE_FILE);
  if (resolve(dirname(out)) !== resolve(dir) || !existsSync(crate)) return;
  const results = [
    {
      path: basename(out),
      folder: false,
      bytes: statSync(out).size,
      description: 'The report: tables and charts, for reading in a browser.',
    },
    ...(existsSync(join(dir, 'charts'))
      ? [{ path: 'charts/', folder: true, description: "The report's charts as Vega-Lite specifications." }]
      : []),
  ];
  writeFileAtomic(
    crate,
    withReportAction(readFileSync(crate, 'utf8'), { argv: provenance().argv, endTime: new Date().toISOString(), results }),
  );
}
