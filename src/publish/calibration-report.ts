/** report.html of a completed calibration, in its output folder (offline, like every report). */
import { join } from 'node:path';
import type { InputIssue, Result } from '../engine/result.js';
import type { CalibrationSummary } from '../experiments/calibration.js';
import { ayniVersion } from '../io/version.js';
import { calibrationDocument } from '../report/calibration-document.js';
import type { Lang } from '../report/messages.js';
import { writeReportPage } from './report-files.js';

export async function writeCalibrationReport(summary: CalibrationSummary, lang: Lang): Promise<Result<string, InputIssue[]>> {
  const doc = calibrationDocument({ summary, ayniVersion: ayniVersion(), nodeVersion: process.version }, lang);
  return writeReportPage(doc, join(summary.out, 'report.html'));
}
