/**
 * The civil violence model's outcome table: every outcome of a run, in the order of its
 * columns, which direction is better, its unit, how a run's summary writes it, and its words
 * in each language. The one place outcomes are spelled. Pure data.
 */
import type { Better, OutcomeSpec } from '../../engine/model.js';

export const CIVIL_VIOLENCE_OUTCOMES = [
  {
    name: 'meanActive',
    better: 'lower',
    unit: 'citizens',
    format: 'one-decimal',
    label: { en: 'mean active citizens', es: 'media de ciudadanos activos' },
    runLabel: { en: 'mean active citizens per step', es: 'media de ciudadanos activos por paso' },
  },
  {
    name: 'peakActive',
    better: 'lower',
    unit: 'citizens',
    format: 'integer',
    label: { en: 'peak active citizens', es: 'máximo de ciudadanos activos' },
    runLabel: { en: 'most active citizens in one step', es: 'máximo de ciudadanos activos en un paso' },
  },
  {
    name: 'outbursts',
    better: 'lower',
    unit: 'outbursts',
    format: 'integer',
    label: { en: 'outbursts', es: 'estallidos' },
    runLabel: { en: 'outbursts (steps above the threshold, in runs)', es: 'estallidos (pasos sobre el umbral, en rachas)' },
  },
  {
    name: 'outburstSteps',
    better: 'lower',
    unit: 'steps',
    format: 'integer',
    label: { en: 'steps in outbursts', es: 'pasos en estallido' },
    runLabel: { en: 'steps in outbursts', es: 'pasos en estallido' },
  },
  {
    name: 'activationPerOutburst',
    better: 'lower',
    unit: 'citizens',
    format: 'one-decimal',
    label: { en: 'peak activation per outburst', es: 'activación máxima por estallido' },
    runLabel: { en: 'mean peak activation per outburst', es: 'activación máxima media por estallido' },
  },
  {
    name: 'firstOutburstStep',
    better: 'higher',
    unit: 'step',
    format: 'integer',
    label: { en: 'step of the first outburst', es: 'paso del primer estallido' },
    runLabel: { en: 'first outburst at step (steps + 1: none)', es: 'primer estallido en el paso (pasos + 1: ninguno)' },
  },
  {
    name: 'arrests',
    better: 'neutral',
    unit: 'arrests',
    format: 'integer',
    label: { en: 'arrests', es: 'arrestos' },
    runLabel: { en: 'arrests', es: 'arrestos' },
  },
  {
    name: 'meanJailed',
    better: 'neutral',
    unit: 'citizens',
    format: 'one-decimal',
    label: { en: 'mean citizens in jail', es: 'media de ciudadanos encarcelados' },
    runLabel: { en: 'mean citizens in jail', es: 'media de ciudadanos encarcelados' },
  },
  {
    name: 'finalActive',
    better: 'lower',
    unit: 'citizens',
    format: 'integer',
    label: { en: 'active citizens at the end', es: 'ciudadanos activos al final' },
    runLabel: { en: 'active citizens at the last step', es: 'ciudadanos activos en el último paso' },
  },
] as const satisfies readonly OutcomeSpec[];

export const CIVIL_VIOLENCE_OUTCOME_NAMES = CIVIL_VIOLENCE_OUTCOMES.map((o) => o.name);
export type CivilViolenceOutcomeName = (typeof CIVIL_VIOLENCE_OUTCOMES)[number]['name'];
export type CivilViolenceOutcomes = Record<CivilViolenceOutcomeName, number>;

export const CIVIL_VIOLENCE_OUTCOME_BETTER = Object.fromEntries(CIVIL_VIOLENCE_OUTCOMES.map((o) => [o.name, o.better])) as Readonly<
  Record<CivilViolenceOutcomeName, Better>
>;

/** Outcomes compared when the user names none; the first is the primary. */
export const CIVIL_VIOLENCE_DEFAULT_OUTCOMES: readonly CivilViolenceOutcomeName[] = [
  'meanActive',
  'peakActive',
  'outbursts',
  'activationPerOutburst',
  'firstOutburstStep',
  'arrests',
];
