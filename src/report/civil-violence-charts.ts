/**
 * Charts of the civil violence reference model (Epstein 2002): active citizens over steps
 * as a fan, the stacked quiet/active/jailed populations, and the legitimacy and cop
 * schedules. Built like the Peru model's charts (charts.ts), over steps instead of months.
 * Pure.
 */
import { armPanelSpec, armTip, fanRows, fanSpec, medianPeak, type ArmData, type Chart } from './charts.js';
import { t, type Lang } from './messages.js';
import { formatNumber, six } from './numbers.js';

const stepField = (lang: Lang) => ({ field: 'step', type: 'quantitative', title: t(lang, 'step') });
const stepTip = (lang: Lang) => ({ field: 'step', type: 'quantitative', title: t(lang, 'step'), format: 'd' });

export function activeFanChart(arms: readonly ArmData[], lang: Lang): Chart {
  const rows = fanRows(arms, 'active', 'step', Number);
  const peaks = arms
    .map((arm) => {
      const peak = medianPeak(arm.series['active'] ?? []);
      return t(lang, 'cvFanPeak', { value: formatNumber(lang, peak.p50), step: peak.month, arm: arm.name });
    })
    .join(' ');
  const title = t(lang, 'cvFanTitle');
  const alt = t(lang, 'cvFanAlt', { peaks });
  const spec = fanSpec(lang, title, alt, rows, stepField(lang), t(lang, 'cvFanAxis'));
  return { id: 'active-citizens', title, alt, spec, rows };
}

const STATES = ['quiet', 'active', 'jailed'] as const;

export function populationChart(arms: readonly ArmData[], lang: Lang): Chart {
  const rows = arms.flatMap((arm) =>
    STATES.flatMap((state, order) =>
      (arm.series[state] ?? []).map((p) => ({
        arm: arm.name,
        step: Number(p.month),
        state: t(lang, `state_${state}`),
        order,
        mean: six(p.mean),
      })),
    ),
  );
  const title = t(lang, 'cvStatesTitle');
  const alt = t(lang, 'cvStatesAlt');
  const spec = armPanelSpec(arms, lang, title, alt, rows, 'area', {
    x: stepField(lang),
    y: { field: 'mean', type: 'quantitative', stack: 'zero', title: t(lang, 'cvStatesAxis') },
    color: { field: 'state', type: 'nominal', title: t(lang, 'state'), sort: STATES.map((s) => t(lang, `state_${s}`)) },
    order: { field: 'order' },
    tooltip: [
      armTip(lang),
      stepTip(lang),
      { field: 'state', type: 'nominal', title: t(lang, 'state') },
      { field: 'mean', type: 'quantitative', title: t(lang, 'tipMean'), format: ',.1f' },
    ],
  });
  return { id: 'citizen-states', title, alt, spec, rows };
}

export function scheduleChart(arms: readonly ArmData[], lang: Lang): Chart {
  const rows = arms.flatMap((arm) => {
    const cops = arm.series['cops'] ?? [];
    const first = cops[0]?.mean ?? 0;
    return [
      ...(arm.series['legitimacy'] ?? []).map((p) => ({
        arm: arm.name,
        step: Number(p.month),
        quantity: t(lang, 'quantity_legitimacy'),
        value: six(p.mean),
      })),
      ...cops.map((p) => ({
        arm: arm.name,
        step: Number(p.month),
        quantity: t(lang, 'quantity_cops'),
        value: first > 0 ? six(p.mean / first) : 0,
      })),
    ];
  });
  const title = t(lang, 'cvScheduleTitle');
  const alt = t(lang, 'cvScheduleAlt');
  const spec = armPanelSpec(
    arms,
    lang,
    title,
    alt,
    rows,
    { type: 'line', strokeWidth: 2 },
    {
      x: stepField(lang),
      y: { field: 'value', type: 'quantitative', title: t(lang, 'cvScheduleAxis'), scale: { domainMin: 0 } },
      color: { field: 'quantity', type: 'nominal', title: t(lang, 'quantity') },
      tooltip: [
        armTip(lang),
        stepTip(lang),
        { field: 'quantity', type: 'nominal', title: t(lang, 'quantity') },
        { field: 'value', type: 'quantitative', title: t(lang, 'col_value'), format: '.3f' },
      ],
    },
  );
  return { id: 'schedules', title, alt, spec, rows };
}
