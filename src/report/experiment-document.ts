/**
 * What an experiment's report says (issue #18, item 5), before any HTML: the design's coverage
 * (its factors and ranges, points, replications, runs and failures, and a histogram of the points
 * over each factor's range), the Sobol indices as bars with their intervals, the Morris μ*–σ plane
 * with the noise floor when there are replicates, and a table of the top factors of each output.
 * Pure: the folder is read in publish/experiment-report.ts.
 */
import type { FactorValue } from '../batch/design.js';
import type { SensitivityRow } from '../experiments/experiment.js';
import type { MorrisRow } from '../stats/morris-effects.js';
import type { MorrisNoiseRow } from '../stats/morris-noise.js';
import type { SobolIndexRow } from '../stats/sobol-indices.js';
import type { RegressionRow } from '../stats/regression-scores.js';
import type { Chart } from './charts.js';
import { coverageChart } from './design-charts.js';
import type { ReportDocument, ReportTable } from './document.js';
import { t, type Lang, type MessageKey } from './messages.js';
import { formatNumber } from './numbers.js';
import { morrisChart, regressionChart, sobolChart } from './sensitivity-charts.js';

/** A factor as manifest.json records it (experiments/design-file.ts ResolvedFactor). */
export interface ReportFactor {
  readonly path: string;
  readonly range?: readonly [number, number] | undefined;
  readonly levels?: readonly FactorValue[] | undefined;
  readonly rangeFrom: string;
  /** The seed as a factor (batch/design.ts SEED_FACTOR): its values are seed numbers, not a range to cover. */
  readonly seed?: boolean;
}

export interface ExperimentReportData {
  readonly description: string;
  readonly designFile: string;
  readonly scenario: { readonly name: string; readonly hash: string };
  readonly kind: 'factorial' | 'lhs' | 'sobol' | 'morris';
  readonly factors: readonly ReportFactor[];
  readonly contrast: { readonly path: string; readonly base: FactorValue; readonly variant: FactorValue } | null;
  readonly points: ReadonlyArray<ReadonlyArray<FactorValue>>;
  readonly replications: number;
  readonly runs: { readonly total: number; readonly completed: number; readonly failed: number };
  readonly seed: number;
  readonly sensitivity: readonly SensitivityRow[];
  readonly ayniVersion: string;
  readonly nodeVersion: string;
  readonly createdAt: string;
}

/** Rows of the top-factors table per output. */
const TOP = 10;

const RANGE_FROM: Record<string, MessageKey> = {
  file: 'rangeFrom_file',
  levels: 'rangeFrom_levels',
  seed: 'rangeFrom_seed',
  'parameter table (explore range)': 'rangeFrom_table',
  'parameter table (½–1½ × default)': 'rangeFrom_default',
};

const num = (lang: Lang, x: number) => (Number.isFinite(x) ? formatNumber(lang, x) : '–');

export function experimentDocument(data: ExperimentReportData, lang: Lang): ReportDocument {
  const outputs = [...new Set(data.sensitivity.map((r) => r.output))];
  const value = (output: string, factor: string, index: string) =>
    data.sensitivity.find((r) => r.output === output && r.factor === factor && r.index === index);
  const main = data.kind === 'sobol' ? 'ST' : data.kind === 'lhs' ? 'SRC' : 'muStar';
  // Signed coefficients rank by their size.
  const key = (output: string, factor: string) => {
    const x = value(output, factor, main)?.estimate ?? Number.NaN;
    return Number.isNaN(x) ? Number.NEGATIVE_INFINITY : main === 'SRC' ? Math.abs(x) : x;
  };
  const ranked = (output: string) =>
    [...new Set(data.sensitivity.filter((r) => r.output === output && r.index === main).map((r) => r.factor))].sort(
      (a, b) => key(output, b) - key(output, a),
    );
  const mainLabel = data.kind === 'sobol' ? 'ST' : data.kind === 'lhs' ? 'SRC' : 'μ*';
  const second = data.kind === 'sobol' ? 'S1' : data.kind === 'lhs' ? 'spearman' : 'sigma';
  const secondLabel = data.kind === 'sobol' ? 'S1' : data.kind === 'lhs' ? 'ρ' : 'σ';

  const summary = [
    t(lang, 'sentenceExperiment', {
      points: formatNumber(lang, data.points.length, 6),
      replications: data.replications,
      runs: formatNumber(lang, data.runs.total, 6),
      completed: formatNumber(lang, data.runs.completed, 6),
      failed: formatNumber(lang, data.runs.failed, 6),
    }),
  ];
  if (data.contrast)
    summary.push(
      t(lang, 'sentenceExperimentContrast', {
        path: data.contrast.path,
        base: String(data.contrast.base),
        variant: String(data.contrast.variant),
      }),
    );
  if (data.factors.some((f) => f.seed === true)) summary.push(t(lang, 'sentenceExperimentSeed'));
  if (outputs.length === 0) summary.push(t(lang, 'sentenceExperimentNoAnalysis'));
  for (const output of outputs) {
    const top = ranked(output)[0];
    const row = top === undefined ? undefined : value(output, top, main);
    if (top === undefined || row === undefined) continue;
    summary.push(
      t(lang, 'sentenceExperimentTop', {
        output,
        factor: top,
        index: mainLabel,
        value: num(lang, row.estimate),
        low: num(lang, row.low),
        high: num(lang, row.high),
      }),
    );
  }

  const tables: ReportTable[] = [
    {
      title: t(lang, 'factorsTable'),
      columns: [t(lang, 'factor'), t(lang, 'rangeOrLevels'), t(lang, 'rangeFrom')],
      rows: data.factors.map((f) => [
        f.path,
        f.levels !== undefined ? f.levels.map(String).join(', ') : f.range ? `${num(lang, f.range[0])} – ${num(lang, f.range[1])}` : '–',
        RANGE_FROM[f.rangeFrom] ? t(lang, RANGE_FROM[f.rangeFrom] as MessageKey) : f.rangeFrom,
      ]),
    },
    ...outputs.map((output): ReportTable => {
      const noisy = data.sensitivity.some((r) => r.output === output && r.index === 'muStarNoise');
      return {
        title: t(lang, 'topFactorsTable', { output }),
        columns: [
          t(lang, 'rank'),
          t(lang, 'factor'),
          mainLabel,
          t(lang, 'interval95'),
          secondLabel,
          ...(noisy ? [t(lang, 'noiseFloor'), t(lang, 'aboveNoise')] : []),
        ],
        rows: ranked(output)
          .slice(0, TOP)
          .map((factor, i) => {
            const m = value(output, factor, main);
            const floor = value(output, factor, 'muStarNoise')?.estimate ?? Number.NaN;
            return [
              String(i + 1),
              factor,
              num(lang, m?.estimate ?? Number.NaN),
              `${num(lang, m?.low ?? Number.NaN)} – ${num(lang, m?.high ?? Number.NaN)}`,
              num(lang, value(output, factor, second)?.estimate ?? Number.NaN),
              // Above noise: μ*'s interval starts right of the floor (as the chart's alt text counts).
              ...(noisy ? [num(lang, floor), t(lang, (m?.low ?? Number.NaN) > floor ? 'yes' : 'no')] : []),
            ];
          }),
      };
    }),
  ];

  const charts: Chart[] = [coverageChart(data.factors, data.points, lang)];
  for (const output of outputs) {
    const rows = data.sensitivity.filter((r) => r.output === output);
    if (data.kind === 'sobol') charts.push(sobolChart(rows as unknown as SobolIndexRow[], output, lang));
    if (data.kind === 'morris') charts.push(morrisChart(rows as unknown as (MorrisRow | MorrisNoiseRow)[], output, lang));
    if (data.kind === 'lhs') charts.push(regressionChart(rows as unknown as RegressionRow[], output, lang));
  }

  const provenance: Array<[string, string]> = [
    [t(lang, 'designFile'), data.designFile],
    [t(lang, 'scenario'), `${data.scenario.name} — ${t(lang, 'hash')} ${data.scenario.hash}`],
    [t(lang, 'seed'), String(data.seed)],
    [t(lang, 'experimentRuns'), formatNumber(lang, data.runs.total, 6)],
    [t(lang, 'version'), data.ayniVersion],
    [t(lang, 'node'), data.nodeVersion],
    [t(lang, 'created'), data.createdAt],
  ];
  const kind = t(lang, `designKind_${data.kind}`);
  const subtitle = t(lang, 'subtitleExperiment', { kind, scenario: data.scenario.name });
  return { lang, title: t(lang, 'title'), subtitle, summary, provenance, charts, tables };
}
