/**
 * The report's charts as Vega-Lite specifications, built by pure functions from the report
 * data. Each chart carries its data inline (the report works offline) and comes with the
 * same data as CSV rows for download, a title and alt text in the report's language.
 */
import type { Comparison } from '../experiments/compare.js';
import { armLabel } from '../scenario/arm-labels.js';
import type { Label } from '../scenario/label.js';
import { outcomeLabel, type ModelDescription } from '../engine/model.js';
import { VEGA_LOCALE, t, type Lang } from './messages.js';
import { formatNumber, six } from './numbers.js';
import { EFFECT_COLOUR, EFFECTS, effectOf } from './effect.js';
import { quantileSorted } from '../stats/quantiles.js';
import { rankVariants } from './overview.js';

export interface SeriesPoint {
  readonly month: string;
  readonly mean: number;
  readonly p05: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}

export interface ArmData {
  /** Label of the arm in charts ("base" or the variant's name; the scenario for a batch). */
  readonly name: string;
  /** The arm's label in each language, shown instead of `name` when present. */
  readonly label?: Label | undefined;
  readonly scenario: string;
  readonly hash: string;
  readonly runs: number;
  readonly series: Readonly<Record<string, readonly SeriesPoint[]>>;
  /** Outcome values of the completed runs. */
  readonly outcomes: Readonly<Record<string, readonly number[]>>;
}

export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly alt: string;
  readonly spec: Record<string, unknown>;
  /** The data behind the chart, as rows for a CSV download. */
  readonly rows: ReadonlyArray<Record<string, string | number>>;
}

/** Okabe & Ito (2008): distinguishable with the common forms of colour blindness. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export function baseSpec(lang: Lang, title: string, description: string): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    description,
    width: 560,
    config: {
      locale: VEGA_LOCALE[lang],
      font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      range: { category: PALETTE },
      axis: { labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFontSize: 11, titleFontSize: 12 },
      title: { fontSize: 14, anchor: 'start' },
    },
  };
}

/** Characters per line of a wrapped label (arm labels can be long sentences). */
const WRAP_AT = 36;
const wrapPattern = (at: number) => `(.{1,${at}})(\\s+|$)`;
/**
 * Vega expression that breaks a label into lines at spaces, so long labels are wrapped
 * rather than cut (use with labelLimit 0).
 */
const wrapLabel = (at: number) => `split(trim(replace(datum.label, /${wrapPattern(at)}/g, '$1\\n')), '\\n')`;

/** Lines of `text` once wrapped at `at` characters as wrapLabel wraps it. */
function wrappedLines(text: string, at = WRAP_AT): number {
  return Math.max(
    1,
    text
      .replace(new RegExp(wrapPattern(at), 'g'), '$1\n')
      .trim()
      .split('\n').length,
  );
}

/** Legend (or header) settings that show arm labels whole. */
const WRAPPED = { labelExpr: wrapLabel(WRAP_AT), labelLimit: 0 } as const;

/**
 * The legend of the arms: below the chart, in up to three columns, so that it never widens
 * the chart past its card however many arms there are.
 */
const ARM_LEGEND = { ...WRAPPED, orient: 'bottom', direction: 'vertical', columns: 3, columnPadding: 16 } as const;

/** The arms' colour, in their order (the base first), the same in every chart. */
const armColour = (arms: readonly ArmData[], lang: Lang) => ({
  field: 'arm',
  type: 'nominal',
  title: t(lang, 'arm'),
  legend: ARM_LEGEND,
  scale: { domain: arms.map((a) => a.name), range: PALETTE },
});

/** The arm in a tooltip. */
export const armTip = (lang: Lang) => ({ field: 'arm', type: 'nominal', title: t(lang, 'arm') });

/** A chart of side-by-side panels, one per arm (a single arm gets the full width). */
export function armPanelSpec(
  arms: readonly ArmData[],
  lang: Lang,
  title: string,
  alt: string,
  rows: readonly object[],
  mark: unknown,
  encoding: Record<string, unknown>,
  /** Applied to the rows before they are split into panels. */
  transform?: readonly unknown[],
): Record<string, unknown> {
  // Panels wrap two to a row: any number of arms fits a card 1,000 px wide.
  return {
    ...baseSpec(lang, title, alt),
    data: { values: rows },
    ...(transform ? { transform } : {}),
    facet: {
      field: 'arm',
      type: 'nominal',
      title: null,
      sort: arms.map((a) => a.name),
      header: { ...WRAPPED, labelFontSize: 12, labelFontWeight: 'bold' },
    },
    columns: arms.length > 1 ? 2 : 1,
    spec: { width: arms.length > 1 ? 300 : 560, height: 200, mark, encoding },
  };
}

// Months are "2020-01" strings, which browsers read as UTC: in UTC, or Lima would see December.
const monthField = (lang: Lang) => ({
  field: 'month',
  type: 'temporal',
  timeUnit: 'utcyearmonth',
  title: t(lang, 'month'),
  axis: { format: '%Y' },
});

/** The month in a tooltip, as "enero de 2020" / "January 2020". */
const monthTip = (lang: Lang) => ({
  field: 'month',
  type: 'temporal',
  timeUnit: 'utcyearmonth',
  title: t(lang, 'tipMonth'),
  format: lang === 'es' ? '%B de %Y' : '%B %Y',
});

/** A number in a tooltip, titled in the report's language. */
const numberTip = (field: string, title: string, format = ',.3~r') => ({ field, type: 'quantitative', title, format });

/** The point where an arm's median peaks (the first point of an empty series is a zero). */
export function medianPeak(points: readonly SeriesPoint[]): SeriesPoint | { p50: number; month: string } {
  return points.reduce<SeriesPoint | { p50: number; month: string }>(
    (best, p) => (p.p50 > best.p50 ? p : best),
    points[0] ?? { p50: 0, month: '' },
  );
}

/** Quantile rows of one series for a fan, the time under `timeField`. */
export function fanRows(arms: readonly ArmData[], metric: string, timeField: string, time: (label: string) => string | number) {
  return arms.flatMap((arm) =>
    (arm.series[metric] ?? []).map((p) => ({
      arm: arm.name,
      [timeField]: time(p.month),
      p05: six(p.p05),
      p25: six(p.p25),
      p50: six(p.p50),
      p75: six(p.p75),
      p95: six(p.p95),
    })),
  );
}

/** A fan over time, one colour per arm: the median line, the middle-50% and 90% bands. */
export function fanSpec(
  lang: Lang,
  title: string,
  alt: string,
  rows: readonly object[],
  x: { field: string; title: string; type?: string },
  axisTitle: string,
  arms?: readonly ArmData[],
): Record<string, unknown> {
  const time = x.type === 'temporal' ? monthTip(lang) : { field: x.field, type: 'quantitative', title: x.title };
  const color = arms ? armColour(arms, lang) : { field: 'arm', type: 'nominal', title: t(lang, 'arm'), legend: ARM_LEGEND };
  // Each row names its arm by index, looked up once: long package names are not repeated every month.
  const names = [...new Set(rows.map((r) => String((r as { arm?: unknown }).arm)))];
  const data = rows.map((r) => {
    const { arm, ...rest } = r as Record<string, unknown>;
    return { a: names.indexOf(String(arm)), ...rest };
  });
  return {
    ...baseSpec(lang, title, alt),
    height: 260,
    data: { values: data },
    transform: [{ lookup: 'a', from: { data: { values: names.map((arm, a) => ({ a, arm })) }, key: 'a', fields: ['arm'] } }],
    encoding: { x, color },
    layer: [
      {
        mark: { type: 'area', opacity: 0.15 },
        encoding: { y: { field: 'p05', type: 'quantitative', title: axisTitle }, y2: { field: 'p95' } },
      },
      { mark: { type: 'area', opacity: 0.3 }, encoding: { y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } } },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          y: { field: 'p50', type: 'quantitative' },
          tooltip: [
            armTip(lang),
            time,
            numberTip('p50', t(lang, 'tipMedian')),
            numberTip('p05', t(lang, 'tipLow90')),
            numberTip('p95', t(lang, 'tipHigh90')),
          ],
        },
      },
    ],
  };
}

export function fanChart(arms: readonly ArmData[], lang: Lang): Chart {
  const rows = fanRows(arms, 'casesActive', 'month', (label) => label);
  const peaks = arms
    .map((arm) => {
      const peak = medianPeak(arm.series['casesActive'] ?? []);
      return t(lang, 'fanPeak', { value: formatNumber(lang, peak.p50), month: peak.month, arm: arm.name });
    })
    .join(' ');
  const title = t(lang, 'fanTitle');
  const alt = t(lang, 'fanAlt', { peaks });
  const spec = fanSpec(lang, title, alt, rows, monthField(lang), t(lang, 'fanAxis'), arms);
  return { id: 'active-conflicts', title, alt, spec, rows };
}

const PHASES = ['temprana', 'escalamiento', 'crisis', 'desescalamiento', 'dialogo'] as const;

/**
 * Monthly means of several series per arm, compactly: one row per arm and month with a
 * column per series (a CSV a spreadsheet reads), and for the chart the same rows with the
 * arm's index and short column keys, unfolded and labelled by the chart itself. A comparison
 * of eleven arms over 30 years stays a few hundred kilobytes.
 */
function wideSeries(arms: readonly ArmData[], series: ReadonlyArray<readonly [metric: string, label: string]>) {
  const months = (arm: ArmData) => (arm.series[series[0]?.[0] ?? ''] ?? []).map((p) => p.month);
  const csv = arms.flatMap((arm) =>
    months(arm).map((month, m) => {
      const row: Record<string, string | number> = { arm: arm.name, month };
      for (const [metric, label] of series) row[label] = six(arm.series[metric]?.[m]?.mean ?? Number.NaN);
      return row;
    }),
  );
  const four = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : x);
  const data = arms.flatMap((arm, a) =>
    months(arm).map((month, m) => {
      const row: Record<string, string | number> = { a, month };
      series.forEach(([metric], k) => {
        row[`s${k}`] = four(arm.series[metric]?.[m]?.mean ?? Number.NaN);
      });
      return row;
    }),
  );
  const transform = (as: string) => [
    { lookup: 'a', from: { data: { values: arms.map((arm, a) => ({ a, arm: arm.name })) }, key: 'a', fields: ['arm'] } },
    { fold: series.map((_, k) => `s${k}`), as: ['key', 'mean'] },
    {
      lookup: 'key',
      from: {
        data: { values: series.map(([, label], k) => ({ key: `s${k}`, [as]: label, order: k })) },
        key: 'key',
        fields: [as, 'order'],
      },
    },
  ];
  return { csv, data, transform };
}

export function phaseChart(arms: readonly ArmData[], lang: Lang): Chart {
  const labels = PHASES.map((phase) => t(lang, `phase_${phase}`));
  const wide = wideSeries(
    arms,
    PHASES.map((phase, k) => [`phase${phase[0]?.toUpperCase()}${phase.slice(1)}`, labels[k] as string] as const),
  );
  const title = t(lang, 'phaseTitle');
  const alt = t(lang, 'phaseAlt');
  const spec = armPanelSpec(
    arms,
    lang,
    title,
    alt,
    wide.data,
    'area',
    {
      x: monthField(lang),
      y: { field: 'mean', type: 'quantitative', stack: 'zero', title: t(lang, 'phaseAxis') },
      color: {
        field: 'phase',
        type: 'nominal',
        title: t(lang, 'phase'),
        sort: labels,
        legend: { orient: 'bottom', direction: 'horizontal' },
      },
      order: { field: 'order' },
      tooltip: [
        armTip(lang),
        monthTip(lang),
        { field: 'phase', type: 'nominal', title: t(lang, 'phase') },
        numberTip('mean', t(lang, 'tipMean'), ',.2f'),
      ],
    },
    wide.transform('phase'),
  );
  return { id: 'phases', title, alt, spec, rows: wide.csv };
}

const ACTORS = [
  ['trustCompany', 'actor_company'],
  ['trustNational', 'actor_national'],
  ['trustRegional', 'actor_regional'],
  ['trustLocal', 'actor_local'],
] as const;

export function trustChart(arms: readonly ArmData[], lang: Lang): Chart {
  const wide = wideSeries(
    arms,
    ACTORS.map(([metric, key]) => [metric, t(lang, key)] as const),
  );
  const finals = arms
    .map((arm) => {
      const points = arm.series['trustNational'] ?? [];
      return t(lang, 'trustFinal', { value: formatNumber(lang, points[points.length - 1]?.mean ?? Number.NaN, 2), arm: arm.name });
    })
    .join(' ');
  const title = t(lang, 'trustTitle');
  const alt = t(lang, 'trustAlt', { finals });
  const spec = {
    ...baseSpec(lang, title, alt),
    height: 260,
    data: { values: wide.data },
    transform: wide.transform('actor'),
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: monthField(lang),
      y: { field: 'mean', type: 'quantitative', title: t(lang, 'trustAxis'), scale: { domain: [0, 1] } },
      color: {
        field: 'actor',
        type: 'nominal',
        title: t(lang, 'actor'),
        sort: ACTORS.map(([, key]) => t(lang, key)),
        legend: { orient: 'bottom', direction: 'vertical' },
      },
      strokeDash: { field: 'arm', type: 'nominal', title: t(lang, 'arm'), legend: ARM_LEGEND, sort: arms.map((a) => a.name) },
      tooltip: [
        armTip(lang),
        { field: 'actor', type: 'nominal', title: t(lang, 'actor') },
        monthTip(lang),
        numberTip('mean', t(lang, 'tipMean'), '.3f'),
      ],
    },
  };
  return { id: 'trust', title, alt, spec, rows: wide.csv };
}

/** Outcomes are labelled from the model's outcome table (an unknown outcome shows its name). */
export function distributionChart(arms: readonly ArmData[], outcomes: readonly string[], lang: Lang, model: ModelDescription): Chart {
  // One row per arm and outcome: the box's five numbers, not every run (a report of thousands of
  // runs stays small; the runs themselves are in each arm's runs.csv).
  const labels = outcomes.map((outcome) => ({ outcome, label: outcomeLabel(model, outcome, lang) }));
  const rows = arms.flatMap((arm) =>
    labels.flatMap(({ outcome, label }) => {
      const values = [...(arm.outcomes[outcome] ?? [])].filter(Number.isFinite).sort((a, b) => a - b);
      if (values.length === 0) return [];
      const q = (p: number) => six(quantileSorted(values, p));
      return [{ arm: arm.name, outcome: label, runs: values.length, min: q(0), q1: q(0.25), median: q(0.5), q3: q(0.75), max: q(1) }];
    }),
  );
  const title = t(lang, 'boxTitle');
  const alt = t(lang, 'boxAlt');
  const spec = {
    ...baseSpec(lang, title, alt),
    data: { values: rows },
    facet: {
      field: 'outcome',
      type: 'nominal',
      title: null,
      header: { labelFontSize: 11, labelExpr: wrapLabel(30), labelLimit: 0 },
      sort: labels.map((l) => l.label),
    },
    // Three panels a row with the legend below: the chart stays inside a 1,000 px card.
    columns: 3,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 190,
      height: 140,
      // The box drawn from its five numbers, so that its tooltip speaks the report's language.
      encoding: {
        // Arm labels can be long: the legend shows them whole, the narrow axis not at all.
        x: { field: 'arm', type: 'nominal', title: null, axis: { labels: false, ticks: false }, sort: arms.map((a) => a.name) },
        color: armColour(arms, lang),
        tooltip: [
          armTip(lang),
          numberTip('median', t(lang, 'tipMedian')),
          numberTip('q1', t(lang, 'tipQ1')),
          numberTip('q3', t(lang, 'tipQ3')),
          numberTip('min', t(lang, 'tipMin')),
          numberTip('max', t(lang, 'tipMax')),
        ],
      },
      layer: [
        {
          mark: { type: 'rule' },
          encoding: { y: { field: 'min', type: 'quantitative', title: t(lang, 'boxAxis'), scale: { zero: false } }, y2: { field: 'max' } },
        },
        { mark: { type: 'bar', size: 20 }, encoding: { y: { field: 'q1', type: 'quantitative' }, y2: { field: 'q3' } } },
        {
          mark: { type: 'tick', size: 20, thickness: 2 },
          encoding: { y: { field: 'median', type: 'quantitative' }, color: { value: 'white' } },
        },
      ],
    },
  };
  return { id: 'distributions', title, alt, spec, rows };
}

/**
 * The paired differences, one panel per outcome (three to a row), one row per package in the
 * ranked order: the dot and its 95% interval, coloured by what the interval shows.
 */
export function forestChart(comparison: Comparison, lang: Lang, model: ModelDescription): Chart {
  const order = rankVariants(comparison).map((arm) => armLabel(comparison, arm, lang));
  const outcomes = comparison.outcomes.map((o) => outcomeLabel(model, o, lang));
  const rows = comparison.results.map((r) => {
    const scale = Math.abs(r.base.mean) > 0 ? 100 / Math.abs(r.base.mean) : Number.NaN;
    return {
      variant: armLabel(comparison, r.variant, lang),
      outcome: outcomeLabel(model, r.outcome, lang),
      relative: six(r.difference.mean * scale),
      low: six(r.difference.ci95.low * scale),
      high: six(r.difference.ci95.high * scale),
      difference: six(r.difference.mean),
      ci95Low: six(r.difference.ci95.low),
      ci95High: six(r.difference.ci95.high),
      effect: t(lang, effectOf(r)),
    };
  });
  const title = t(lang, 'forestTitle');
  const alt = t(lang, 'forestAlt');
  const color = {
    field: 'effect',
    type: 'nominal',
    title: t(lang, 'effect'),
    legend: { orient: 'bottom', direction: 'horizontal' },
    scale: { domain: EFFECTS.map((e) => t(lang, e)), range: EFFECTS.map((e) => EFFECT_COLOUR[e]) },
  };
  // Package labels are wrapped whole on the rows' axis; each row is as tall as its longest label.
  const lines = Math.max(1, ...order.map((label) => wrappedLines(label, 28)));
  const y = { field: 'variant', type: 'nominal', title: null, sort: order, axis: { labelExpr: wrapLabel(28), labelLimit: 0 } };
  const tooltip = [
    { field: 'outcome', type: 'nominal', title: t(lang, 'outcome') },
    { field: 'variant', type: 'nominal', title: t(lang, 'tipPackage') },
    { field: 'effect', type: 'nominal', title: t(lang, 'effect') },
    numberTip('difference', t(lang, 'tipChange')),
    numberTip('ci95Low', t(lang, 'tipLow')),
    numberTip('ci95High', t(lang, 'tipHigh')),
    numberTip('relative', t(lang, 'tipRelative'), '+.2~r'),
  ];
  const spec = {
    ...baseSpec(lang, title, alt),
    data: { values: rows },
    facet: {
      field: 'outcome',
      type: 'nominal',
      title: null,
      sort: outcomes,
      header: { labelExpr: wrapLabel(30), labelLimit: 0, labelFontSize: 12, labelFontWeight: 'bold' },
    },
    columns: 3,
    // Each outcome on its own scale: a +80% in one would flatten the ±5% of the others.
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: 175,
      height: { step: Math.max(22, 13 * lines + 9) },
      layer: [
        { mark: { type: 'rule', color: '#999', strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } },
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y,
            x: { field: 'low', type: 'quantitative', title: t(lang, 'forestAxis'), axis: { titleFontSize: 10 } },
            x2: { field: 'high' },
            color,
            tooltip,
          },
        },
        {
          mark: { type: 'point', filled: true, size: 60 },
          encoding: { y, x: { field: 'relative', type: 'quantitative' }, color, tooltip },
        },
      ],
    },
  };
  return { id: 'differences', title, alt, spec, rows };
}

const STATUSES = [
  ['commitmentsFulfilled', 'status_fulfilled'],
  ['commitmentsBroken', 'status_broken'],
  ['commitmentsOrphaned', 'status_orphaned'],
  ['commitmentsOpen', 'status_open'],
] as const;

const average = (xs: readonly number[] | undefined) => (xs?.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function ledgerChart(arms: readonly ArmData[], lang: Lang): Chart {
  const rows = arms.flatMap((arm) =>
    STATUSES.map(([outcome, key], order) => ({ arm: arm.name, status: t(lang, key), order, mean: average(arm.outcomes[outcome]) })),
  );
  const title = t(lang, 'ledgerTitle');
  const alt = t(lang, 'ledgerAlt');
  const spec = {
    ...baseSpec(lang, title, alt),
    height: 220,
    data: { values: rows },
    mark: 'bar',
    encoding: {
      x: {
        field: 'status',
        type: 'nominal',
        title: t(lang, 'status'),
        sort: STATUSES.map(([, key]) => t(lang, key)),
        axis: { labelAngle: 0 },
      },
      xOffset: { field: 'arm', sort: arms.map((a) => a.name) },
      y: { field: 'mean', type: 'quantitative', title: t(lang, 'ledgerAxis') },
      color: armColour(arms, lang),
      tooltip: [
        armTip(lang),
        { field: 'status', type: 'nominal', title: t(lang, 'status') },
        numberTip('mean', t(lang, 'tipMean'), ',.1f'),
      ],
    },
  };
  return { id: 'commitments', title, alt, spec, rows };
}

const LEVELS = [
  ['municipalities', 'transfersToMunicipalities', 'executedByMunicipalities'],
  ['regions', 'transfersToRegions', 'executedByRegions'],
  ['universities', 'transfersToUniversities', null],
] as const;

export function revenueChart(arms: readonly ArmData[], lang: Lang): Chart {
  const total = (points: readonly SeriesPoint[] | undefined) => (points ?? []).reduce((a, p) => a + p.mean, 0) / 1e6;
  const rows = arms.flatMap((arm) =>
    LEVELS.flatMap(([level, transferred, executed]) => [
      { arm: arm.name, level: t(lang, `level_${level}`), kind: t(lang, 'kind_transferred'), millions: total(arm.series[transferred]) },
      ...(executed
        ? [{ arm: arm.name, level: t(lang, `level_${level}`), kind: t(lang, 'kind_executed'), millions: total(arm.series[executed]) }]
        : []),
    ]),
  );
  const flows = [t(lang, 'kind_transferred'), t(lang, 'kind_executed')];
  const title = t(lang, 'revenueTitle');
  const alt = t(lang, 'revenueAlt');
  const spec = armPanelSpec(arms, lang, title, alt, rows, 'bar', {
    x: {
      field: 'level',
      type: 'nominal',
      title: t(lang, 'level'),
      sort: LEVELS.map(([level]) => t(lang, `level_${level}`)),
      axis: { labelAngle: -20, labelLimit: 120 },
    },
    xOffset: { field: 'kind', sort: flows },
    y: { field: 'millions', type: 'quantitative', title: t(lang, 'revenueAxis') },
    color: {
      field: 'kind',
      type: 'nominal',
      title: t(lang, 'kind'),
      scale: { domain: flows, range: [PALETTE[0], PALETTE[1]] },
      legend: { orient: 'bottom', direction: 'horizontal' },
    },
    tooltip: [
      armTip(lang),
      { field: 'level', type: 'nominal', title: t(lang, 'level') },
      { field: 'kind', type: 'nominal', title: t(lang, 'kind') },
      numberTip('millions', t(lang, 'revenueAxis'), ',.1f'),
    ],
  });
  return { id: 'revenue', title, alt, spec, rows };
}
