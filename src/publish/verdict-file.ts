/**
 * verdict.json, the record of a hypothesis test: written into the test's folder before its
 * comparison files (whose manifest and crate list it), and read back by reports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalizedText } from '../scenario/label.js';
import { writeFileAtomic } from '../io/files.js';
import { hypothesisFileHash } from '../experiments/hypothesis-file.js';
import type { Verdict } from '../experiments/hypothesis.js';
import { verdictReason } from '../report/verdict-reason.js';
import { robustnessSummary, type RobustnessSummary, type TestResult } from '../experiments/hypothesis-robustness.js';
import { robustnessSentence } from '../report/robustness-text.js';

/** A robust verdict as verdict.json keeps it: the summary and its sentence in each language. */
interface RobustnessRecord extends RobustnessSummary {
  readonly sentence: { readonly en: string; readonly es: string };
}

const VERDICT_FILE = 'verdict.json';

/** What verdict.json holds: the statement and label as the file writes them, the reason in English. */
export interface VerdictRecord {
  readonly file: string;
  readonly hypothesisHash: string;
  readonly statement: LocalizedText;
  readonly label?: LocalizedText;
  readonly verdict: Verdict;
  readonly reason: string;
  readonly rule: string;
  readonly smallestEffect: number;
  readonly expect: 'lower' | 'higher';
  readonly primary: string;
  readonly runs: number;
  readonly seed: number;
  /** The rule over the plausible assumption space, when the file declares `robustness:` and it ran. */
  readonly robustness?: RobustnessRecord;
  readonly createdAt: string;
}

/** The record of testing hypothesis file `file`, at `now`. */
export function verdictRecord(file: string, result: TestResult, now: Date = new Date()): VerdictRecord {
  const { hypothesis, verdict, basis, primary, comparison } = result;
  return {
    file,
    hypothesisHash: hypothesisFileHash(file),
    statement: hypothesis.statement,
    ...(hypothesis.label !== undefined ? { label: hypothesis.label } : {}),
    verdict,
    reason: verdictReason(hypothesis, primary, basis),
    rule: hypothesis.rule,
    smallestEffect: hypothesis.smallestEffect,
    expect: hypothesis.expect,
    primary: hypothesis.primary,
    runs: comparison.runs,
    seed: comparison.seed,
    ...(result.robustness ? { robustness: robustnessRecord(robustnessSummary(result.robustness)) } : {}),
    createdAt: now.toISOString(),
  };
}

function robustnessRecord(summary: RobustnessSummary): RobustnessRecord {
  return { ...summary, sentence: { en: robustnessSentence(summary, 'en'), es: robustnessSentence(summary, 'es') } };
}

export function writeVerdict(dir: string, record: VerdictRecord): void {
  writeFileAtomic(join(dir, VERDICT_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** The folder's verdict.json, or null when it has none (a comparison, not a test). */
export function readVerdict(dir: string): VerdictRecord | null {
  const path = join(dir, VERDICT_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as VerdictRecord) : null;
}
