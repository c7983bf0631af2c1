/**
 * The robustness panel of a hypothesis report: the shares of the assumption space where the
 * rule gives each verdict, the assumptions that drive the paired effect (Spearman ρ, the
 * chart's CSV is the drivers table), and the PRIM trade-off of the box where the verdict
 * flips. From the summary verdict.json keeps. Pure.
 */
import type { RobustnessSummary } from '../experiments/hypothesis-robustness.js';
import type { Verdict } from '../experiments/hypothesis.js';
import { baseSpec, type Chart } from './charts.js';
import { t, type Lang } from './messages.js';
import { six } from './numbers.js';
import { robustnessSentence } from './robustness-text.js';
import { primChart } from './sensitivity-charts.js';

const VERDICTS: readonly Verdict[] = ['supported', 'inconclusive', 'contradicted'];
// Okabe & Ito: improvement green, neutral grey, deterioration vermilion (as the forest chart).
const COLOURS = ['#009E73', '#999999', '#D55E00'];

export function robustnessCharts(r: RobustnessSummary, lang: Lang): Chart[] {
  const alt = robustnessSentence(r, lang);
  const shares = VERDICTS.map((v, order) => ({ verdict: t(lang, `verdict_${v}`), share: six(r.share[v]), order }));
  const sharesTitle = t(lang, 'robustTitle');
  const sharesChart: Chart = {
    id: 'robustness-shares',
    title: sharesTitle,
    alt,
    spec: {
      ...baseSpec(lang, sharesTitle, alt),
      height: 40,
      data: { values: shares },
      mark: 'bar',
      encoding: {
        x: {
          field: 'share',
          type: 'quantitative',
          stack: 'zero',
          scale: { domain: [0, 1] },
          axis: { format: '.0%' },
          title: t(lang, 'robustShareAxis'),
        },
        color: {
          field: 'verdict',
          type: 'nominal',
          sort: shares.map((s) => s.verdict),
          scale: { domain: shares.map((s) => s.verdict), range: COLOURS },
          title: null,
        },
        order: { field: 'order' },
      },
    },
    rows: shares.map(({ verdict, share }) => ({ verdict, share })),
  };
  const drivers = r.drivers.filter((d) => d.spearman !== null).map((d) => ({ factor: d.factor, spearman: six(d.spearman as number) }));
  const driversTitle = t(lang, 'robustDriversTitle');
  const driversAlt = t(lang, 'robustDriversAlt', { n: drivers.length, assumptions: r.assumptions });
  const charts: Chart[] = [
    sharesChart,
    {
      id: 'robustness-drivers',
      title: driversTitle,
      alt: driversAlt,
      spec: {
        ...baseSpec(lang, driversTitle, driversAlt),
        height: { step: 16 },
        data: { values: drivers },
        mark: 'bar',
        encoding: {
          y: {
            field: 'factor',
            type: 'nominal',
            sort: drivers.map((d) => d.factor),
            title: t(lang, 'robustColFactor'),
            axis: { labelLimit: 0 },
          },
          x: { field: 'spearman', type: 'quantitative', scale: { domain: [-1, 1] }, title: t(lang, 'robustColRho') },
        },
      },
      rows: drivers,
    },
  ];
  const { box, trajectory, chosen } = r.flips;
  if (box !== null && chosen !== null && trajectory.length > 0)
    charts.push({ ...primChart({ trajectory, chosen, box }, t(lang, 'robustFlipCases'), lang), id: 'robustness-prim' });
  return charts;
}
