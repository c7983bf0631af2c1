/**
 * The workshop's levers: each reform overlay of scenarios/reforms/ as a checkbox, with the
 * numeric policy fields worth a slider, in plain words (Spanish first) with a one-line
 * explanation each; and the turning of a package (the levers a room ticked and the slider
 * values it chose) into an overlay document that `ayni compare` applies onto any base. Pure.
 *
 * The policies themselves come from the reform files (passed in as parsed documents), so a
 * lever and its overlay cannot drift apart; a slider only replaces one number of them.
 */
import type { Label } from '../scenario/label.js';

/** A number a lever lets the room choose: the policy field it sets and its range. */
export interface Slider {
  /** Path under `policies`, e.g. ["illegalMining", "formalisation"]. */
  readonly path: readonly string[];
  readonly name: Label;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** How the value is shown: a share as 0–100, or the number itself. */
  readonly show: 'percent' | 'number';
}

export interface Lever {
  readonly id: string;
  readonly name: Label;
  readonly explanation: Label;
  /** The reform overlay it applies (a file name in scenarios/reforms/), or its own policies. */
  readonly reform?: string;
  readonly policies?: Readonly<Record<string, unknown>>;
  readonly sliders: readonly Slider[];
}

const share = (path: string[], es: string, en: string): Slider => ({ path, name: { es, en }, min: 0, max: 1, step: 0.05, show: 'percent' });

/** Every lever, in the order the screen lists them. */
export const LEVERS: readonly Lever[] = [
  {
    id: 'early-permanent-dialogue',
    reform: 'early-permanent-dialogue.yaml',
    name: { es: 'Diálogo temprano y permanente', en: 'Early, permanent dialogue' },
    explanation: {
      es: 'Una mesa que se abre desde la exploración y se reúne cada trimestre, sin esperar al conflicto.',
      en: 'A table that opens from exploration and meets every quarter, without waiting for conflict.',
    },
    sliders: [],
  },
  {
    id: 'single-office',
    reform: 'single-office.yaml',
    name: { es: 'Oficina única con registro de compromisos', en: 'A single office with a commitment registry' },
    explanation: {
      es: 'Una sola oficina nacional sigue cada compromiso del Estado, y el registro sobrevive a los cambios de jefe.',
      en: 'One national office follows up every commitment of the state, and the registry survives changes of head.',
    },
    sliders: [],
  },
  {
    id: 'regional-conflict-offices',
    reform: 'regional-conflict-offices.yaml',
    name: { es: 'Oficinas regionales de prevención de conflictos', en: 'A conflict office in every region' },
    explanation: {
      es: 'Cada gobierno regional tiene una oficina que convoca el diálogo al primer aviso y sigue los acuerdos.',
      en: 'Every regional government has an office that convenes dialogue at the first warning and follows up agreements.',
    },
    sliders: [],
  },
  {
    id: 'independent-broker',
    reform: 'independent-broker.yaml',
    name: { es: 'Un mediador independiente convoca el diálogo', en: 'An independent broker convenes dialogue' },
    explanation: {
      es: 'El diálogo lo convoca alguien neutral (por ejemplo la Iglesia) en lugar del Estado.',
      en: 'Dialogue is convened by someone neutral (the Church, for example) instead of the state.',
    },
    sliders: [],
  },
  {
    id: 'inclusion-women-youth',
    reform: 'inclusion-women-youth.yaml',
    name: { es: 'Inclusión de mujeres y jóvenes en el diálogo', en: 'Inclusion of women and youth in dialogue' },
    explanation: {
      es: 'Mujeres y jóvenes participan en las mesas; el deslizador dice en qué medida.',
      en: 'Women and young people take part in the tables; the slider says how fully.',
    },
    sliders: [share(['inclusion', 'womenAndYouth'], 'Grado de inclusión', 'How fully')],
  },
  {
    id: 'stable-civil-service',
    reform: 'stable-civil-service.yaml',
    name: { es: 'Servicio civil estable', en: 'A stable civil service' },
    explanation: {
      es: 'Los jefes de las oficinas del Estado cambian mucho menos a menudo, y sus compromisos no quedan huérfanos.',
      en: 'Heads of the state offices change far less often, so their commitments are not left orphaned.',
    },
    sliders: [
      {
        path: ['civilService', 'turnoverMultiplier'],
        name: { es: 'Cambios de jefe frente a hoy (1 = igual que hoy)', en: 'Changes of head against today (1 = as today)' },
        min: 0.1,
        max: 1,
        step: 0.05,
        show: 'number',
      },
    ],
  },
  {
    id: 'national-dialogue-2026',
    reform: 'national-dialogue-2026.yaml',
    name: { es: 'Diálogo nacional sobre minería antes de 2026', en: 'A national dialogue on mining ahead of 2026' },
    explanation: {
      es: 'Desde enero de 2025, un diálogo nacional permanente: las comunidades escuchan al Estado y sus compromisos quedan registrados.',
      en: 'From January 2025, a standing national dialogue: communities hear the state and its commitments are registered.',
    },
    sliders: [],
  },
  {
    id: 'canon-corridor-share',
    reform: 'canon-corridor-share.yaml',
    name: { es: 'Parte del canon para los distritos del corredor', en: 'Canon share for the transport-corridor districts' },
    explanation: {
      es: 'El 10% del canon y las regalías va a los distritos por donde pasa el mineral, tomado de la parte departamental.',
      en: '10% of canon and royalties goes to the districts the ore travels through, taken from the departmental share.',
    },
    sliders: [],
  },
  {
    id: 'esg-standards',
    reform: 'esg-standards.yaml',
    name: { es: 'Estándares ambientales y sociales claros', en: 'Clear environmental and social standards' },
    explanation: {
      es: 'Toda empresa debe cumplir un mínimo medible de estándares ambientales, sociales y de gobierno.',
      en: 'Every company must meet a measurable minimum of environmental, social and governance standards.',
    },
    sliders: [share(['esgStandard'], 'Nivel mínimo exigido', 'Minimum level required')],
  },
  {
    id: 'formalisation-push',
    reform: 'formalisation-push.yaml',
    name: { es: 'Impulso a la formalización frente a la minería ilegal', en: 'Formalisation push against illegal mining' },
    explanation: {
      es: 'Un programa sostenido para formalizar a los mineros informales y más control de la minería ilegal.',
      en: 'A sustained programme to formalise informal miners, and firmer control of illegal mining.',
    },
    sliders: [
      share(['illegalMining', 'formalisation'], 'Esfuerzo de formalización', 'Formalisation effort'),
      share(['illegalMining', 'enforcement'], 'Esfuerzo de control', 'Enforcement effort'),
    ],
  },
  {
    id: 'agreement-monitoring',
    policies: { dialogue: { monitoring: true } },
    name: { es: 'Comité de monitoreo de acuerdos', en: 'A committee that monitors agreements' },
    explanation: {
      es: 'Región, alcaldes, comunidades y Estado vigilan juntos cada compromiso de un acuerdo, como en Quellaveco.',
      en: 'Region, mayors, communities and the state watch every commitment of an agreement together, as at Quellaveco.',
    },
    sliders: [],
  },
  {
    id: 'consultation-streamlining',
    policies: { consultation: { streamlining: 0.5 } },
    name: { es: 'Consulta y estudio ambiental más claros', en: 'Clearer consultation and environmental review' },
    explanation: {
      es: 'Requisitos de consulta y de estudio ambiental unificados: permisos más cortos y consulta más clara.',
      en: 'Consultation and environmental-review requirements brought together: shorter permitting, clearer consultation.',
    },
    sliders: [share(['consultation', 'streamlining'], 'Grado de simplificación', 'How far')],
  },
];

/** A package as the room builds it: its levers, the slider values it changed, a name. */
export interface Package {
  /** Its place, 1 to MAX_PACKAGES: the overlay is named paquete-<n>. */
  readonly number: number;
  readonly label?: string;
  readonly levers: readonly string[];
  /** Slider values by lever id and slider path joined with ".". */
  readonly values?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export const MAX_PACKAGES = 4;

/** The policies each reform file sets, by file name (read by the caller from scenarios/reforms/). */
export type ReformPolicies = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** What a lever's policies are before any slider: its reform file's, or its own. */
function leverPolicies(lever: Lever, reforms: ReformPolicies): Readonly<Record<string, unknown>> {
  if (lever.policies) return lever.policies;
  const policies = reforms.get(lever.reform as string);
  if (policies === undefined) throw new Error(`no policies for reform ${lever.reform}`);
  return policies;
}

/** A slider's starting value: what its lever's policies set, else its lowest. */
export function sliderDefault(lever: Lever, slider: Slider, reforms: ReformPolicies): number {
  let node: unknown = leverPolicies(lever, reforms);
  for (const key of slider.path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' ? node : slider.min;
}

/** A problem with a package as the screen sent it: the field and what is wrong. */
export interface PackageIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The overlay document of a package: `name` paquete-<n>, its label in both languages, and the
 * policies of its levers merged in catalogue order (levers touch different fields, except
 * where two set the same table, e.g. coordination, which merge), sliders applied last.
 */
export function packageOverlay(pkg: Package, reforms: ReformPolicies): { overlay: Record<string, unknown> } | { issue: PackageIssue } {
  if (!Number.isSafeInteger(pkg.number) || pkg.number < 1 || pkg.number > MAX_PACKAGES)
    return { issue: { path: 'number', message: `expected a package number from 1 to ${MAX_PACKAGES}, got ${pkg.number}` } };
  const unknown = pkg.levers.filter((id) => !LEVERS.some((l) => l.id === id));
  if (unknown.length > 0) return { issue: { path: 'levers', message: `unknown lever(s): ${unknown.join(', ')}` } };
  if (pkg.levers.length === 0) return { issue: { path: 'levers', message: `package ${pkg.number} has no lever ticked` } };
  let policies: Record<string, unknown> = {};
  for (const lever of LEVERS.filter((l) => pkg.levers.includes(l.id))) {
    let own = structuredClone(leverPolicies(lever, reforms)) as Record<string, unknown>;
    for (const slider of lever.sliders) {
      const value = pkg.values?.[lever.id]?.[slider.path.join('.')];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < slider.min || value > slider.max)
        return {
          issue: { path: `values.${lever.id}.${slider.path.join('.')}`, message: `expected a number from ${slider.min} to ${slider.max}` },
        };
      own = setPath(own, slider.path, value);
    }
    policies = mergeDeep(policies, own);
  }
  const names = LEVERS.filter((l) => pkg.levers.includes(l.id));
  const label = pkg.label?.trim();
  const overlay = {
    name: `paquete-${pkg.number}`,
    label: {
      es: label || `Paquete ${pkg.number}`,
      en: label || `Package ${pkg.number}`,
    },
    description: `${names.map((l) => l.name.es).join('; ')} / ${names.map((l) => l.name.en).join('; ')}`,
    policies,
  };
  return { overlay };
}

function setPath(doc: Record<string, unknown>, path: readonly string[], value: number): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...doc, [head]: value };
  const child = doc[head];
  return { ...doc, [head]: setPath(isRecord(child) ? child : {}, rest, value) };
}

function mergeDeep(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isRecord(prev) && isRecord(v) ? mergeDeep(prev, v) : v;
  }
  return out;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
