/**
 * An experiment's report on disk: read the folder `ayni experiment` wrote (manifest.json,
 * design.csv, sensitivity.csv) into report data, and write report.html with charts/*.vl.json
 * beside it, offline like every report (publish/report-files.ts writes the page).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_FACTOR, type FactorValue } from '../batch/design.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import type { SensitivityRow } from '../experiments/experiment.js';
import type { ExperimentReportData, ReportFactor } from '../report/experiment-document.js';

/** Whether a folder is one `ayni experiment` wrote its tables into. */
export function isExperimentFolder(dir: string): boolean {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path) || !existsSync(join(dir, 'design.csv'))) return false;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { kind?: unknown }).kind === 'experiment';
  } catch {
    return false;
  }
}

/** The cells of one CSV line as experiment.ts writes them (a cell with a comma or quote is quoted, quotes doubled). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out;
}

const rowsOf = (text: string): string[][] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .slice(1)
    .map(cells);

/** A design cell back as its value: numbers as numbers (String(x) of a double reads back exactly), words as words. */
function factorValue(cell: string): FactorValue {
  if (cell === 'true' || cell === 'false') return cell === 'true';
  const x = Number(cell);
  return cell !== '' && Number.isFinite(x) ? x : cell;
}

const numberOrNaN = (cell: string | undefined) => (cell === undefined || cell === '' ? Number.NaN : Number(cell));

interface ExperimentManifest {
  readonly description?: string;
  readonly designFile: { readonly path: string };
  readonly scenario: { readonly name: string; readonly hash: string };
  readonly design: { readonly kind: ExperimentReportData['kind'] };
  readonly factors: readonly ReportFactor[];
  readonly contrast: ExperimentReportData['contrast'];
  readonly replications: number;
  readonly runs: ExperimentReportData['runs'];
  readonly seed: number;
  readonly ayniVersion: string;
  readonly nodeVersion: string;
  readonly createdAt: string;
}

export function readExperimentReportData(dir: string): Result<ExperimentReportData, InputIssue[]> {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ExperimentManifest;
    const points = rowsOf(readFileSync(join(dir, 'design.csv'), 'utf8')).map((row) => row.slice(1).map(factorValue));
    const sensitivityFile = join(dir, 'sensitivity.csv');
    const sensitivity = existsSync(sensitivityFile)
      ? rowsOf(readFileSync(sensitivityFile, 'utf8')).map(
          (row): SensitivityRow => ({
            factor: row[0] ?? '',
            output: row[1] ?? '',
            method: row[2] === 'sobol' ? 'sobol' : 'morris',
            index: row[3] ?? '',
            estimate: numberOrNaN(row[4]),
            low: numberOrNaN(row[5]),
            high: numberOrNaN(row[6]),
          }),
        )
      : [];
    return ok({
      description: manifest.description ?? '',
      designFile: manifest.designFile.path,
      scenario: manifest.scenario,
      kind: manifest.design.kind,
      factors: manifest.factors.map((f) => (f.path === SEED_FACTOR ? { ...f, seed: true } : f)),
      contrast: manifest.contrast,
      points,
      replications: manifest.replications,
      runs: manifest.runs,
      seed: manifest.seed,
      sensitivity,
      ayniVersion: manifest.ayniVersion,
      nodeVersion: manifest.nodeVersion,
      createdAt: manifest.createdAt,
    });
  } catch (e) {
    return fail([{ file: dir, path: [], message: `cannot read the experiment: ${(e as Error).message}` }]);
  }
}
