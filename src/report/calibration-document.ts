/**
 * What a calibration's report says: one sentence per parameter (its posterior median and
 * interval against its prior), how the sampler stopped, one sentence per target (whether runs
 * drawn from the posterior reproduce it), the provenance, and the charts. Pure.
 */
import type { CalibrationSummary } from '../experiments/calibration.js';
import { generationsChart, posteriorChart, predictiveChart } from './calibration-charts.js';
import type { ReportDocument } from './document.js';
import { t, type Lang } from './messages.js';
import { formatNumber } from './numbers.js';

export interface CalibrationReportData {
  readonly summary: CalibrationSummary;
  readonly ayniVersion: string;
  readonly nodeVersion: string;
}

export function calibrationDocument(input: CalibrationReportData, lang: Lang): ReportDocument {
  const { summary: s } = input;
  const { posterior, calibration: c } = s;
  if (posterior === undefined || c === undefined) throw new Error('bug: a report of a calibration that did not complete');
  const f = (x: number) => formatNumber(lang, x);
  const sentences: string[] = [];
  s.parameters.forEach((p, i) => {
    const prior = c.priors[i]!.range;
    sentences.push(
      t(lang, 'calibrationParameter', {
        parameter: p.name,
        median: f(p.median),
        level: `${Math.round(100 * p.level)} %`,
        low: f(p.low),
        high: f(p.high),
        priorLow: f(prior[0]),
        priorHigh: f(prior[1]),
      }),
    );
  });
  const last = s.generations.at(-1);
  sentences.push(
    t(lang, 'calibrationStop', {
      generations: s.generations.length,
      simulations: formatNumber(lang, s.simulations, 9),
      reason: t(lang, `calibrationStop_${s.stop ?? 'acceptance'}`),
      tolerance: last ? f(last.tolerance) : '–',
    }),
  );
  for (const check of s.predictive) {
    const inside = check.p025 <= check.observed && check.observed <= check.p975;
    sentences.push(
      t(lang, inside ? 'calibrationInside' : 'calibrationOutside', {
        outcome: check.outcome,
        observed: f(check.observed),
        p50: f(check.p50),
        p025: f(check.p025),
        p975: f(check.p975),
      }),
    );
  }
  const provenance: Array<[string, string]> = [
    [t(lang, 'calibrationFile'), c.file],
    [t(lang, 'scenario'), `${c.base.file} — ${t(lang, 'hash')} ${c.base.hash}`],
    [t(lang, 'seed'), String(c.spec.seed)],
    [t(lang, 'runs'), formatNumber(lang, s.simulations, 9)],
    [t(lang, 'version'), input.ayniVersion],
    [t(lang, 'node'), input.nodeVersion],
  ];
  const charts = [
    ...s.parameters.map((p, i) => posteriorChart(posterior, p, c.priors[i]!.range, lang)),
    generationsChart(s.generations, c.spec.minAcceptance, lang),
    ...(s.predictive.length > 0 ? [predictiveChart(s.predictive, lang)] : []),
  ];
  const subtitle = t(lang, 'calibrationSubtitle', {
    scenario: c.base.scenario.name,
    parameters: c.priors.length,
    targets: c.spec.targets.length,
  });
  return { lang, title: t(lang, 'calibrationTitle'), subtitle, summary: sentences, provenance, charts };
}
