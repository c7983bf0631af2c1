/**
 * scenarios/cases/README.md: for each case fixture, what it encodes (its inputs), the public
 * record it keeps beside them (which the model never reads), and what the model produces for
 * it over a batch: mean and 5–95% range of the main outcomes, and the project's fate (how
 * often it is suspended or abandoned, and when). The outcome numbers are the ones
 * `ayni batch <fixture> --runs N --seed 1` writes to runs.csv. Pure.
 */
import { monthIndex, monthLabel } from '../engine/calendar.js';
import { quantileSorted } from '../stats/quantiles.js';
import { fixed, percent, whole } from '../report/numbers.js';

/** One entry of a fixture's `record`: what happened, for comparison only. */
interface CaseRecordEntry {
  readonly month: string;
  readonly event: string;
  readonly kind: string;
  readonly source?: string | undefined;
}

/** What one run did to the case's project(s), read from its events and series. */
export interface RunFate {
  /** At least one violent event. */
  readonly violent: boolean;
  /** "YYYY-MM" of the first month a project operates, or null when none does in the run. */
  readonly operationStart: string | null;
  /** A crisis episode before operationStart (at any time, when the project never operates). */
  readonly crisisBeforeOperation: boolean;
  /** "YYYY-MM" of the first suspension by the state, or null. */
  readonly firstSuspension: string | null;
  /** A project is abandoned by the end of the run. */
  readonly abandoned: boolean;
}

export interface CaseSummary {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly months: number;
  readonly firstMonth: string;
  readonly runs: number;
  readonly outcomes: ReadonlyArray<{
    readonly name: string;
    readonly label: string;
    readonly mean: number;
    readonly p05: number;
    readonly p95: number;
  }>;
  readonly record: readonly CaseRecordEntry[];
  /** One per run, in run order. */
  readonly fates: readonly RunFate[];
}

export const CASE_OUTCOMES: ReadonlyArray<readonly [string, string]> = [
  ['activeConflictMonths', 'active conflict-months (case × month)'],
  ['peakActiveConflicts', 'most active cases at once'],
  ['crisisMonths', 'case-months in crisis'],
  ['crisisEpisodes', 'crisis episodes'],
  ['blockadeMonths', 'project-months halted by blockades'],
  ['violentEvents', 'violent events'],
  ['commitmentsBroken', 'commitments broken'],
  ['trustCompany', 'final trust in the company'],
  ['trustNational', 'final trust in the national state'],
  ['projectSuspensions', 'suspensions by the state'],
  ['suspendedMonths', 'project-months suspended'],
  ['projectsAbandoned', 'projects abandoned (by the end)'],
];

/** Median and 5–95% months of a set of "YYYY-MM" labels (type-7 quantiles, as the outcomes, rounded to the month). */
interface MonthSpread {
  readonly runs: number;
  readonly median: string;
  readonly p05: string;
  readonly p95: string;
}

export interface FateSummary {
  readonly runs: number;
  readonly violentShare: number;
  readonly crisisBeforeOperationShare: number;
  readonly operatesShare: number;
  /** Runs in which a project operates from the first month (the model cannot delay that start). */
  readonly operatingFromStart: number;
  readonly operationStart: MonthSpread | null;
  readonly suspendedShare: number;
  readonly firstSuspension: MonthSpread | null;
  readonly abandonedShare: number;
}

function monthSpread(labels: readonly string[]): MonthSpread | null {
  if (labels.length === 0) return null;
  const sorted = Float64Array.from(labels, monthIndex).sort();
  const at = (p: number) => monthLabel(Math.round(quantileSorted(sorted, p)));
  return { runs: labels.length, median: at(0.5), p05: at(0.05), p95: at(0.95) };
}

/** Shares of runs and timing of the project's fate over a batch. */
export function fateSummary(fates: readonly RunFate[], firstMonth: string): FateSummary {
  const runs = fates.length;
  const share = (test: (f: RunFate) => boolean) => (runs > 0 ? fates.filter(test).length / runs : Number.NaN);
  const started = fates.flatMap((f) => (f.operationStart === null ? [] : [f.operationStart]));
  const suspended = fates.flatMap((f) => (f.firstSuspension === null ? [] : [f.firstSuspension]));
  return {
    runs,
    violentShare: share((f) => f.violent),
    crisisBeforeOperationShare: share((f) => f.crisisBeforeOperation),
    operatesShare: share((f) => f.operationStart !== null),
    operatingFromStart: started.filter((m) => m === firstMonth).length,
    operationStart: monthSpread(started),
    suspendedShare: share((f) => f.firstSuspension !== null),
    firstSuspension: monthSpread(suspended),
    abandonedShare: share((f) => f.abandoned),
  };
}

const active = (c: CaseSummary) => c.outcomes.find((o) => o.name === 'activeConflictMonths')?.mean ?? 0;
const n = (x: number) => (Math.abs(x) < 10 ? fixed(x, 2) : whole(x));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const spread = (s: MonthSpread | null) => (s === null ? '–' : `${s.median} [${s.p05}, ${s.p95}] (${s.runs} runs)`);

function fateRows(c: CaseSummary): string[] {
  const f = fateSummary(c.fates, c.firstMonth);
  const rows: Array<[string, string]> = [
    ['runs with at least one violent event (in a case, or of illegal mining)', percent(f.violentShare)],
    ['runs with a crisis episode before operation starts (at any time, if it never does)', percent(f.crisisBeforeOperationShare)],
    ['runs in which the project operates', percent(f.operatesShare)],
    [
      'first month of operation, median [5%, 95%]',
      f.operatingFromStart === f.runs && f.runs > 0 ? `operating from ${c.firstMonth}` : spread(f.operationStart),
    ],
    ['runs in which the project is suspended at least once', percent(f.suspendedShare)],
    ['first suspension, median [5%, 95%] (runs with one)', spread(f.firstSuspension)],
    ['runs in which the project is abandoned by the end', percent(f.abandonedShare)],
  ];
  return ['| project fate | share of runs, or month |', '|---|---|', ...rows.map(([label, value]) => `| ${label} | ${value} |`)];
}

function recordRows(c: CaseSummary): string[] {
  if (c.record.length === 0) return ['The fixture keeps no record.'];
  return [
    '| month | kind | event | source |',
    '|---|---|---|---|',
    ...c.record.map((r) => `| ${r.month} | ${r.kind} | ${cell(r.event)} | ${cell(r.source ?? '–')} |`),
  ];
}

export function casesDoc(cases: readonly CaseSummary[], context: { readonly ayniVersion: string; readonly seed: number }): string {
  const runs = cases[0]?.runs ?? 0;
  const out = [
    '# Case fixtures',
    '',
    '<!-- Generated by `npm run docs:cases` (ayni docs-cases); edit src/docs/cases-doc.ts, not this file. -->',
    '',
    "Each fixture encodes one case as **inputs only**: the project's plan as it stood (exploration, permitting, construction, when",
    'the model grants the licence, and operation), its permit calendar (EIA publication, hearing, technical observations, approval,',
    'consulta previa where it applied), local referendums, the area of direct influence and the transport corridor, the communities,',
    'the dialogue policy and institutions, and the calendar (elections, crisis periods, illegal mining). What happened next, the',
    'protests, deaths, suspensions, abandonment and resumption, is not an input: the model must produce it, or fail to. Each fixture',
    'keeps that public record in its `record` list, which the model never reads, and it is shown below beside what the model',
    'produces. Every number in a fixture is cited in its header or marked an assumption. The fixtures are not calibrated (see',
    "issue #6's calibration) and not tuned toward the record: this page reports whatever the model produces.",
    '',
    `Results below: ${runs} runs of each fixture with master seed ${context.seed} (ayni ${context.ayniVersion}),`,
    'mean and, in brackets, the 5th and 95th percentiles over runs; months are read the same way over the runs that have one, rounded to the month.',
    `Reproduce one with \`npx ayni batch scenarios/cases/<file> --runs ${runs} --seed ${context.seed} --out out/<name>\``,
    "(runs.csv holds every run; `ayni run <file> --seed <s> --out <dir>` writes one run's events.ndjson, with its suspensions).",
    '',
    `Ranked by mean active conflict-months: ${[...cases]
      .sort((a, b) => active(b) - active(a))
      .map((c) => `${c.name} (${n(active(c))})`)
      .join(' > ')}.`,
    'Where the model stays quiet in a case that was violent, or never suspends a project the state suspended, the model, not',
    'history, is what is missing something.',
    '',
  ];
  for (const c of cases) {
    out.push(
      `## ${c.name} (\`${c.file}\`)`,
      '',
      c.description,
      '',
      `${c.months} months from ${c.firstMonth}.`,
      '',
      '### The record (not read by the model)',
      '',
      ...recordRows(c),
      '',
      '### What the model produces',
      '',
      '| outcome | mean [5%, 95%] |',
      '|---|---|',
    );
    for (const o of c.outcomes) out.push(`| ${o.label} | ${n(o.mean)} [${n(o.p05)}, ${n(o.p95)}] |`);
    out.push('', ...fateRows(c), '');
  }
  return out.join('\n');
}
