/**
 * The rows of `ayni patterns`: each emergent pattern with the model's median over the runs
 * (and its 5–95% range) beside the recorded value where FACTS has one. As text (aligned
 * columns) or as a Markdown table for docs/calibration.md. Pure.
 */
import type { CasePatterns, Spread } from '../experiments/case-patterns.js';
import { CASE_PHASE_NAMES as PHASES } from '../models/peru-mining/state.js';
import { percent, short, whole } from './numbers.js';

/** The recorded values the patterns are set beside (FACTS sections as cited); undefined: no record. */
const RECORDED: Readonly<Record<string, { readonly value: string; readonly source: string }>> = {
  registered: { value: '70–110 at a time (fitted)', source: 'FACTS §1' },
  activeShare: { value: '70–80% (fitted)', source: 'FACTS §1' },
  crisis: { value: '0 of 163 active cases in Oct 2024', source: 'FACTS §8, Reporte 248' },
  monthsWithCrisis: { value: 'Oct 2024: none (one month on record)', source: 'FACTS §8, Reporte 248' },
  crisisMedianDays: { value: 'days: Aquia ~10, Tía María 2019 25', source: 'FACTS §8' },
  crisisMaxDays: { value: 'Las Bambas 2022 ~50 (the long extreme)', source: 'FACTS §8' },
  onRegister2017: { value: '106 mining cases over 2017', source: 'FACTS §1' },
  stock2010: { value: 'Jun 2010: 250 × 40–45% ≈ 100–113 (derived)', source: 'FACTS §1' },
  stock2022: { value: 'Nov 2022: 221 × 40–45% ≈ 88–99 (derived)', source: 'FACTS §1' },
  agreementShare: { value: '3 of 4 (June 2010)', source: 'FACTS §8' },
  protestMonth: { value: '25–235 a month, all conflicts (mining ≈ 40–45% of cases)', source: 'FACTS §8, §1' },
  lasBambasBlockades: { value: 'more than 400 road blockades 2016–2022', source: 'FACTS §8' },
};

interface PatternRow {
  /** The group: fitted, stock, a–g (the order of docs/calibration.md). */
  readonly group: string;
  readonly pattern: string;
  readonly model: string;
  readonly recorded: string;
}

const NO_RECORD = '(no record)';
/** The source tag of values from the Defensoría case panel (data/peru/sources-defensoria.md). */
const PANEL = 'Defensoría panel, 2004–2026';
/** The (g) rows: the panel's cases between their first and last listing, over the window's months. */
const PANEL_MINES = 'Defensoría panel, first to last listing';
type Format = (x: number) => string;
const share: Format = (x) => (Number.isFinite(x) ? percent(x) : '–');
const count: Format = (x) => short(x);

/** "median (p05–p95)", or the median alone when the range is a point. */
function spreadText(s: Spread, format: Format): string {
  const mid = format(s.p50);
  const lo = format(s.p05);
  const hi = format(s.p95);
  return lo === hi && lo === mid ? mid : `${mid} (${lo}–${hi})`;
}

function recorded(key: string): string {
  const r = RECORDED[key];
  return r ? `${r.value} [${r.source}]` : NO_RECORD;
}

const PHASE_LABEL: Record<string, string> = {
  temprana: 'temprana',
  escalamiento: 'escalamiento',
  crisis: 'crisis',
  desescalamiento: 'desescalamiento',
  dialogo: 'diálogo',
};

function patternRows(p: CasePatterns): PatternRow[] {
  const row = (group: string, pattern: string, s: Spread, format: Format, key = ''): PatternRow => ({
    group,
    pattern,
    model: spreadText(s, format),
    recorded: recorded(key),
  });
  const b = p.blockades;
  return [
    row('fitted', 'registered cases at a time (mean over months)', p.stock.registered, count, 'registered'),
    row('fitted', 'registered case-months active', p.stock.activeShare, share, 'activeShare'),
    row('stock', `registered cases at the end of ${p.from}`, p.stock.first, count, p.from.startsWith('2010') ? 'stock2010' : ''),
    row('stock', `registered cases at the end of ${p.to}`, p.stock.last, count, p.to.startsWith('2022') ? 'stock2022' : ''),
    ...PHASES.map((phase) =>
      row('a', `active case-months in ${PHASE_LABEL[phase]} at month end`, p.phases[phase], share, phase === 'crisis' ? 'crisis' : ''),
    ),
    row('a', 'months with a case in crisis at month end', p.monthsWithCrisis, share, 'monthsWithCrisis'),
    row('b', 'crisis episodes a year', p.crisis.perYear, count),
    row('b', 'crisis length, median (days)', p.crisis.medianDays, count, 'crisisMedianDays'),
    row('b', 'crisis length, 90th percentile (days)', p.crisis.p90Days, count),
    row('b', 'crisis length, longest (days)', p.crisis.maxDays, count, 'crisisMaxDays'),
    row('c', 'new cases registered a year', p.flows.registeredPerYear, count),
    row('c', 'cases on the register during a calendar year (mean)', p.flows.onRegisterPerYear, count),
    ...p.flows.onRegisterByYear
      .filter((y) => y.year === '2017')
      .map((y) => row('c', `cases on the register during ${y.year}`, y.cases, count, 'onRegister2017')),
    row('c', "modelled cases (each community's) resolved a year", p.flows.resolvedPerYear, count),
    row('c', "modelled cases (each community's) withdrawn a year", p.flows.withdrawnPerYear, count),
    row('c', 'resolutions that followed an agreement', p.flows.agreementShare, share, 'agreementShare'),
    row('d', "modelled cases (each community's) ended in the window", p.durations.ended, count),
    {
      ...row('d', "a modelled case's months from registration to end, median", p.durations.medianMonths, count),
      ...(p.register && { recorded: `months listed, a mining case: ${short(p.register.medianMonths)} [${PANEL}]` }),
    },
    {
      ...row('d', "a modelled case's months from registration to end, 90th percentile", p.durations.p90Months, count),
      ...(p.register && { recorded: `${short(p.register.p90Months)} [${PANEL}]` }),
    },
    row('e', 'protest actions in the median month', p.protest.medianMonth, count, 'protestMonth'),
    row('e', 'protest actions in the 5% month', p.protest.lowMonth, count),
    row('e', 'protest actions in the 95% month', p.protest.highMonth, count),
    row('e', `blockades, all projects, ${b.from} to ${b.to}`, b.national, count),
    row('e', 'of which counted per project (case-months with one, a lower bound)', b.counted, count),
    ...b.projects.map((x) =>
      row(
        'e',
        `blockade case-months, ${x.project}, ${b.from} to ${b.to}`,
        x.blockades,
        count,
        x.project === 'las-bambas' ? 'lasBambasBlockades' : '',
      ),
    ),
    ...p.departments.map((d) => ({
      ...row('f', `registered case-months in ${d.department}`, d.share, share),
      ...(d.recorded !== undefined && { recorded: `${percent(d.recorded)} of mining case-months placed [${PANEL}]` }),
    })),
    ...(p.register
      ? [
          {
            group: 'f',
            pattern: "mining case-months on the register's largest department",
            model: `${share(p.departments[0]?.share.p50 ?? Number.NaN)} (${p.departments[0]?.department ?? '–'})`,
            recorded: `${percent(p.register.departments[0]?.share ?? Number.NaN)} (${title(p.register.departments[0]?.department ?? '')}) [${PANEL}]`,
          },
          {
            group: 'f',
            pattern: "mining case-months naming one of the baseline's projects",
            model: spreadText(p.onProjects, share),
            recorded: `${percent(p.register.namingBaselineProjects)} of ${whole(p.register.caseMonths)} [${PANEL}]`,
          },
        ]
      : []),
    ...(Number.isNaN(p.groupedByDistrict.p50)
      ? []
      : [row('g', 'registered cases at a time, the communities of a district on one project as one case', p.groupedByDistrict, count)]),
    ...(p.mines ?? []).map((m) =>
      m.mine === 'all'
        ? {
            ...row('g', 'registered cases at a time on all the mines above', m.model, count),
            recorded: `${short(m.recorded)} naming one of them [${PANEL_MINES}]`,
          }
        : {
            ...row('g', `registered cases at a time on ${m.mine} (${m.projects.join(', ')})`, m.model, count),
            recorded: `${short(m.recorded)} naming it [${PANEL_MINES}]`,
          },
    ),
  ];
}

/** "CUSCO" → "Cusco", for a department key in running text. */
const title = (key: string) => key.toLowerCase().replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());

export function patternsHeading(p: CasePatterns): string {
  return `case patterns: ${p.scenario}, ${whole(p.runs)} runs (seed ${p.seed}), ${p.from} to ${p.to} (${p.months} months); model: median over the runs (5–95%)`;
}

/** Aligned text columns. */
export function patternsText(p: CasePatterns): string {
  const rows = patternRows(p);
  const label = (r: PatternRow) => `${r.group.padEnd(6)} ${r.pattern}`;
  const w1 = Math.max(...rows.map((r) => label(r).length));
  const w2 = Math.max(...rows.map((r) => r.model.length), 'model'.length);
  const line = (a: string, b: string, c: string) => `  ${a.padEnd(w1)}  ${b.padEnd(w2)}  ${c}`;
  return [patternsHeading(p), line('pattern', 'model', 'recorded'), ...rows.map((r) => line(label(r), r.model, r.recorded))].join('\n');
}

/** A Markdown table of the same rows. */
export function patternsMarkdown(p: CasePatterns): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| | Pattern | Model: median (5–95%) | Recorded |`,
    `|---|---|---|---|`,
    ...patternRows(p).map((r) => `| ${r.group} | ${cell(r.pattern)} | ${cell(r.model)} | ${cell(r.recorded)} |`),
  ].join('\n');
}
