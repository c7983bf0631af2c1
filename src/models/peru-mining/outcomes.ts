/**
 * The Peru model's outcome table: every outcome of a run (summary.json, the columns of
 * runs.csv, in this order), which direction is better for comparisons, its unit, how a
 * run's summary writes it, and its words in each language. The one place outcomes are
 * spelled; everything else reads this table. Pure data.
 *
 * Better is `lower` (less conflict, fewer broken promises), `higher` (more trust, more kept
 * promises, more spending), or `neutral` (activity measures such as commitments made or
 * tables opened, reported without a verdict).
 */
import type { Better, OutcomeSpec } from '../../engine/model.js';
import type { Outcomes } from './metrics.js';

export const OUTCOMES = [
  {
    name: 'activeConflictMonths',
    better: 'lower',
    unit: 'case-months',
    format: 'integer',
    label: { en: 'active conflict-months', es: 'meses-caso de conflicto activo' },
    runLabel: { en: 'active conflict-months (case × month)', es: 'meses-caso de conflicto activo (caso × mes)' },
  },
  {
    name: 'peakActiveConflicts',
    better: 'lower',
    unit: 'cases',
    format: 'integer',
    label: { en: 'peak active cases', es: 'máximo de casos activos' },
    runLabel: { en: 'most active cases at once', es: 'máximo de casos activos a la vez' },
  },
  {
    name: 'crisisMonths',
    better: 'lower',
    unit: 'case-months',
    format: 'integer',
    label: { en: 'case-months in crisis', es: 'meses-caso en crisis' },
    runLabel: { en: 'case-months in crisis', es: 'meses-caso en crisis' },
  },
  {
    name: 'blockadeMonths',
    better: 'lower',
    unit: 'project-months',
    format: 'integer',
    label: { en: 'project-months halted by blockades', es: 'meses-proyecto paralizados por bloqueos' },
    runLabel: { en: 'project-months halted by blockades', es: 'meses-proyecto paralizados por bloqueos' },
  },
  {
    name: 'productionLostShare',
    better: 'lower',
    unit: 'share',
    format: 'percent',
    label: { en: 'share of production lost', es: 'proporción de producción perdida' },
    runLabel: { en: 'production lost', es: 'producción perdida' },
  },
  {
    name: 'commitmentsMade',
    better: 'neutral',
    unit: 'commitments',
    format: 'integer',
    label: { en: 'commitments made', es: 'compromisos asumidos' },
    runLabel: { en: 'commitments made', es: 'compromisos asumidos' },
  },
  {
    name: 'commitmentsFulfilled',
    better: 'higher',
    unit: 'commitments',
    format: 'integer',
    label: { en: 'commitments fulfilled', es: 'compromisos cumplidos' },
    runLabel: { en: '  fulfilled', es: '  cumplidos' },
  },
  {
    name: 'commitmentsBroken',
    better: 'lower',
    unit: 'commitments',
    format: 'integer',
    label: { en: 'commitments broken', es: 'compromisos incumplidos' },
    runLabel: { en: '  broken', es: '  incumplidos' },
  },
  {
    name: 'commitmentsOrphaned',
    better: 'lower',
    unit: 'commitments',
    format: 'integer',
    label: { en: 'commitments orphaned', es: 'compromisos huérfanos' },
    runLabel: { en: '  orphaned (head changed, nobody tracks it)', es: '  huérfanos (cambió el titular, nadie les da seguimiento)' },
  },
  {
    name: 'commitmentsOpen',
    better: 'neutral',
    unit: 'commitments',
    format: 'integer',
    label: { en: 'commitments still open', es: 'compromisos aún abiertos' },
    runLabel: { en: '  still open', es: '  aún abiertos' },
  },
  {
    name: 'trustCompany',
    better: 'higher',
    unit: 'trust (0–1)',
    format: 'two-decimals',
    label: { en: 'final trust in the company', es: 'confianza final en la empresa' },
    runLabel: { en: 'final trust in the company', es: 'confianza final en la empresa' },
  },
  {
    name: 'trustNational',
    better: 'higher',
    unit: 'trust (0–1)',
    format: 'two-decimals',
    label: { en: 'final trust in the national state', es: 'confianza final en el Estado nacional' },
    runLabel: { en: 'final trust in the national state', es: 'confianza final en el Estado nacional' },
  },
  {
    name: 'trustRegional',
    better: 'higher',
    unit: 'trust (0–1)',
    format: 'two-decimals',
    label: { en: 'final trust in the regional government', es: 'confianza final en el gobierno regional' },
    runLabel: { en: 'final trust in the regional government', es: 'confianza final en el gobierno regional' },
  },
  {
    name: 'trustLocal',
    better: 'higher',
    unit: 'trust (0–1)',
    format: 'two-decimals',
    label: { en: 'final trust in the municipality', es: 'confianza final en la municipalidad' },
    runLabel: { en: 'final trust in the municipality', es: 'confianza final en la municipalidad' },
  },
  {
    name: 'canonTransferred',
    better: 'neutral',
    unit: 'soles',
    format: 'millions',
    label: { en: 'canon transferred (soles)', es: 'canon transferido (soles)' },
    runLabel: { en: 'canon minero transferred (S/ million)', es: 'canon minero transferido (millones de S/)' },
  },
  {
    name: 'royaltiesTransferred',
    better: 'neutral',
    unit: 'soles',
    format: 'millions',
    label: { en: 'regalías transferred (soles)', es: 'regalías transferidas (soles)' },
    runLabel: { en: 'regalías transferred (S/ million)', es: 'regalías transferidas (millones de S/)' },
  },
  {
    name: 'canonExecuted',
    better: 'higher',
    unit: 'soles',
    format: 'millions',
    label: { en: 'mining transfers executed (soles)', es: 'transferencias mineras ejecutadas (soles)' },
    runLabel: { en: 'mining transfers executed (S/ million)', es: 'transferencias mineras ejecutadas (millones de S/)' },
  },
  {
    name: 'dialogueTablesEarly',
    better: 'neutral',
    unit: 'tables',
    format: 'integer',
    label: { en: 'permanent dialogue tables', es: 'mesas de diálogo permanentes' },
    runLabel: { en: 'permanent (early) dialogue tables', es: 'mesas de diálogo permanentes (tempranas)' },
  },
  {
    name: 'dialogueTablesReactive',
    better: 'neutral',
    unit: 'tables',
    format: 'integer',
    label: { en: 'reactive dialogue tables', es: 'mesas de diálogo reactivas' },
    runLabel: { en: 'reactive dialogue tables', es: 'mesas de diálogo reactivas' },
  },
  {
    name: 'agreements',
    better: 'neutral',
    unit: 'agreements',
    format: 'integer',
    label: { en: 'agreements', es: 'acuerdos' },
    runLabel: { en: 'agreements reached', es: 'acuerdos alcanzados' },
  },
  {
    name: 'violentEvents',
    better: 'lower',
    unit: 'events',
    format: 'integer',
    label: { en: 'violent events', es: 'hechos violentos' },
    runLabel: { en: 'violent events', es: 'hechos violentos' },
  },
  {
    name: 'casesResolved',
    better: 'neutral',
    unit: 'cases',
    format: 'integer',
    label: { en: 'cases resolved', es: 'casos resueltos' },
  },
  {
    name: 'casesWithdrawn',
    better: 'neutral',
    unit: 'cases',
    format: 'integer',
    label: { en: 'cases withdrawn', es: 'casos retirados' },
  },
  {
    name: 'meanGrievance',
    better: 'lower',
    unit: 'grievance (0–1)',
    format: 'two-decimals',
    label: { en: 'final mean grievance', es: 'agravio medio final' },
  },
] as const satisfies ReadonlyArray<OutcomeSpec & { readonly name: keyof Outcomes }>;

export const OUTCOME_NAMES: ReadonlyArray<keyof Outcomes> = OUTCOMES.map((o) => o.name);

export const OUTCOME_BETTER = Object.fromEntries(OUTCOMES.map((o) => [o.name, o.better])) as Readonly<Record<keyof Outcomes, Better>>;

/** Outcomes compared when the user names none; the first is the primary. */
export const DEFAULT_OUTCOMES: ReadonlyArray<keyof Outcomes> = [
  'activeConflictMonths',
  'crisisMonths',
  'blockadeMonths',
  'violentEvents',
  'commitmentsBroken',
  'trustNational',
  'trustCompany',
  'productionLostShare',
];

/** The lines of a run's summary table, in order. */
export const SUMMARY_OUTCOMES: ReadonlyArray<keyof Outcomes> = [
  'activeConflictMonths',
  'peakActiveConflicts',
  'crisisMonths',
  'blockadeMonths',
  'productionLostShare',
  'violentEvents',
  'commitmentsMade',
  'commitmentsFulfilled',
  'commitmentsBroken',
  'commitmentsOrphaned',
  'commitmentsOpen',
  'dialogueTablesEarly',
  'dialogueTablesReactive',
  'agreements',
  'trustCompany',
  'trustNational',
  'trustRegional',
  'trustLocal',
  'canonTransferred',
  'royaltiesTransferred',
  'canonExecuted',
];
