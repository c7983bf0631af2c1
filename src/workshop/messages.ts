/**
 * The workshop's words, Spanish first: the screen's labels (sent to the browser as they are)
 * and the sentences the cards and the export write. No jargon: "futuros simulados", never
 * runs, seeds or arms. Pure.
 */
import type { Lang } from '../scenario/lang.js';

const es = {
  title: 'Taller ayni: comparar paquetes de reformas',
  intro:
    'Elija una base, arme hasta cuatro paquetes de reformas y pulse «Simular». Cada paquete se compara con la base en los mismos futuros simulados.',
  baseHeading: '1. La base',
  baseLabel: 'Territorio y situación de partida',
  packagesHeading: '2. Los paquetes',
  packageName: 'Nombre del paquete',
  addPackage: 'Agregar un paquete',
  removePackage: 'Quitar este paquete',
  futuresLabel: 'Futuros simulados por paquete',
  simulate: 'Simular',
  simulateMore: 'Simular más futuros',
  stop: 'Detener',
  exportSession: 'Guardar la sesión',
  resultsHeading: '3. Resultados frente a la base',
  progress: 'Simulando: {done} de {total} futuros',
  progressDone: 'Listo: {n} futuros simulados por paquete.',
  stopped: 'Detenido.',
  futures: '{n} futuros simulados',
  interval: 'entre {low} y {high} (95%)',
  statusBetter: 'Mejor que la base',
  statusWorse: 'Peor que la base',
  statusUnclear: 'Sin diferencia clara',
  betterSentence: 'En {k} de cada 100 futuros simulados, este paquete tiene {better} que la base.',
  tiesSentence: 'En {k}, el mismo resultado.',
  noFutures: 'Aún no hay futuros simulados.',
  dotsCaption: 'Cada punto es un 5% de los futuros: su diferencia con la base (la línea es el cero).',
  mapHeading: 'Mapa por departamento',
  mapOutcome: 'Qué colorear',
  mapShow: 'Mostrar',
  mapBase: 'La base',
  mapNote: 'Promedio de {n} futuros simulados por paquete.',
  mapNoDepartments:
    'Este territorio es de ejemplo: sus departamentos no son los del Perú, así que el mapa no se colorea. Elija la línea de base nacional o un caso.',
  timelineHeading: 'Conflictos activos mes a mes',
  timelineNote: 'La línea es la mediana de los futuros; la banda, el 90% central.',
  hypothesesHeading: 'Hipótesis del proyecto',
  notAvailable: 'no disponible',
  hypothesesNone:
    'No disponible: no hay resultados de hipótesis en esta carpeta (se obtienen con «ayni test» y se muestran aquí si existe la carpeta de resultados).',
  exported: 'Sesión guardada en {dir}',
  errorPrefix: 'No se pudo: ',
  baseColumn: 'Base',
  protests: 'protestas',
  blockades: 'bloqueos',
  violence: 'hechos de violencia',
  crises: 'crisis',
  difference: 'diferencia con la base',
  leversLegend: 'Reformas',
  month: 'Mes',
  activeConflicts: 'Conflictos activos',
  department: 'Departamento',
  reportTitle: 'Sesión de taller: paquetes de reformas frente a la base',
  reportBase: 'Base: {base}. Semilla {seed}, {n} futuros simulados por paquete.',
  reportReproduce: 'Para reproducir estos números exactamente: {command}',
  reportPackage: 'Paquete «{label}»: {levers}.',
  verdictSupported: 'apoyada',
  verdictContradicted: 'contradicha',
  verdictInconclusive: 'no concluyente',
} as const;

type Key = keyof typeof es;

const en: Record<Key, string> = {
  title: 'ayni workshop: comparing reform packages',
  intro: 'Pick a base, build up to four reform packages and press "Simulate". Each package is compared with the base on the same simulated futures.',
  baseHeading: '1. The base',
  baseLabel: 'Territory and starting situation',
  packagesHeading: '2. The packages',
  packageName: 'Package name',
  addPackage: 'Add a package',
  removePackage: 'Remove this package',
  futuresLabel: 'Simulated futures per package',
  simulate: 'Simulate',
  simulateMore: 'Simulate more futures',
  stop: 'Stop',
  exportSession: 'Save the session',
  resultsHeading: '3. Results against the base',
  progress: 'Simulating: {done} of {total} futures',
  progressDone: 'Done: {n} simulated futures per package.',
  stopped: 'Stopped.',
  futures: '{n} simulated futures',
  interval: 'between {low} and {high} (95%)',
  statusBetter: 'Better than the base',
  statusWorse: 'Worse than the base',
  statusUnclear: 'No clear difference',
  betterSentence: 'In {k} of every 100 simulated futures, this package has {better} than the base.',
  tiesSentence: 'In {k}, the same result.',
  noFutures: 'No simulated futures yet.',
  dotsCaption: 'Each dot is 5% of the futures: its difference from the base (the line is zero).',
  mapHeading: 'Map by department',
  mapOutcome: 'What to colour',
  mapShow: 'Show',
  mapBase: 'The base',
  mapNote: 'Mean of {n} simulated futures per package.',
  mapNoDepartments:
    "This territory is an example: its departments are not Peru's, so the map is not coloured. Pick the national baseline or a case.",
  timelineHeading: 'Active conflicts month by month',
  timelineNote: 'The line is the median of the futures; the band, the middle 90%.',
  hypothesesHeading: "The project's hypotheses",
  notAvailable: 'not available',
  hypothesesNone:
    'Not available: there are no hypothesis results in this folder (they come from "ayni test" and show here when the results folder exists).',
  exported: 'Session saved in {dir}',
  errorPrefix: 'Could not: ',
  baseColumn: 'Base',
  protests: 'protests',
  blockades: 'blockades',
  violence: 'violent events',
  crises: 'crises',
  difference: 'difference from the base',
  leversLegend: 'Reforms',
  month: 'Month',
  activeConflicts: 'Active conflicts',
  department: 'Department',
  reportTitle: 'Workshop session: reform packages against the base',
  reportBase: 'Base: {base}. Seed {seed}, {n} simulated futures per package.',
  reportReproduce: 'To reproduce these numbers exactly: {command}',
  reportPackage: 'Package "{label}": {levers}.',
  verdictSupported: 'supported',
  verdictContradicted: 'contradicted',
  verdictInconclusive: 'inconclusive',
};

export type WorkshopKey = Key;

export const WORKSHOP_MESSAGES: Record<Lang, Record<Key, string>> = { es, en };

export function workshopText(lang: Lang, key: Key, params: Record<string, string | number> = {}): string {
  return WORKSHOP_MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
