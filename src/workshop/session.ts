/**
 * A workshop session on disk: the bases a room can pick, the reform files behind the levers,
 * the paired runs of a set of packages (through experiments/compare.ts, in a folder per set
 * so that "simular más futuros" extends the same arms), the cards, timeline and map read from
 * those arms, the project's hypothesis verdicts, and the export. The Node side of the
 * workshop; the rest of src/workshop/ is pure.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import type { Lang } from '../scenario/lang.js';
import { scenarioLabel, type Label, type LocalizedText, textIn } from '../scenario/label.js';
import { mergeOverlay, parseText } from '../scenario/load.js';
import { loadScenario, type LoadedScenario } from '../io/scenario-file.js';
import { nodeSourceHost, writeFileAtomic } from '../io/files.js';
import { scenarioHash } from '../io/scenario-hash.js';
import { packageRoot } from '../io/version.js';
import { resolveExtends } from '../models/scenario-loader.js';
import { isPeruMining, parseAnyScenario } from '../models/registry.js';
import { simulate } from '../models/peru-mining/simulate.js';
import { PERU_MINING } from '../models/peru-mining/model.js';
import type { Scenario } from '../models/peru-mining/schema.js';
import { seedFor } from '../batch/seeds.js';
import { readOutcomeColumns } from '../batch/outcome-columns.js';
import { runBatch } from '../batch/run-batch.js';
import { readBatchTables } from '../batch/read-tables.js';
import { armFolderNames, compareScenarios, type Comparison, type CompareProgress } from '../experiments/compare.js';
import { readVerdict } from '../publish/verdict-file.js';
import { writeComparison } from '../publish/comparison-files.js';
import { writeReport } from '../publish/report-files.js';
import { buildCards, CARD_OUTCOME_NAMES, pairedDifferences, type Card } from './cards.js';
import { countByDepartment, departmentIndex, departmentKey, meanCounts, type DepartmentCounts, type MapDepartment } from './departments.js';
import { exportFiles, packageFile, type ExportedPackage } from './export.js';
import { LEVERS, packageOverlay, type Package, type ReformPolicies } from './levers.js';

/** A base a room can pick. */
export interface BaseChoice {
  readonly id: string;
  readonly label: Label;
  readonly file: string;
  /** The folder its files are confined to. */
  readonly root: string;
  /** Futures per package a first "Simular" asks for, and how many of them the map re-runs. */
  readonly futures: number;
  readonly mapFutures: number;
}

/** Arms grow in blocks of this many futures: every step of a simulation is a multiple of it. */
export const STEP = 5;

/** Names for a room of the shipped bases that have no label of their own. */
const BASE_NAMES: Readonly<Record<string, Label>> = {
  corridor: { es: 'Corredor minero de ejemplo (sur andino)', en: 'Example mining corridor (southern highlands)' },
  'cases/conga': { es: 'Caso Conga (Cajamarca)', en: 'The Conga case (Cajamarca)' },
  'cases/las-bambas-corridor': { es: 'Caso Las Bambas y su corredor', en: 'The Las Bambas case and its corridor' },
  'cases/pataz-illegal-mining': { es: 'Caso Pataz: minería ilegal (La Libertad)', en: 'The Pataz case: illegal mining (La Libertad)' },
  'cases/quellaveco-moquegua': { es: 'Caso Quellaveco (Moquegua)', en: 'The Quellaveco case (Moquegua)' },
  'cases/tia-maria': { es: 'Caso Tía María (Arequipa)', en: 'The Tía María case (Arequipa)' },
};

/** The shipped bases: the corridor, the calibrated national baseline (slow: fewer futures), the cases. */
export function shippedBases(): BaseChoice[] {
  const root = packageRoot();
  const scenarios = join(root, 'scenarios');
  const files = [
    { id: 'corridor', file: join(scenarios, 'corridor.yaml'), futures: 40, mapFutures: 10 },
    { id: 'peru-national-calibrated', file: join(scenarios, 'peru-national-calibrated.yaml'), futures: 10, mapFutures: 2 },
    ...readdirSync(join(scenarios, 'cases'))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => ({ id: `cases/${f.replace(/\.yaml$/, '')}`, file: join(scenarios, 'cases', f), futures: 40, mapFutures: 10 })),
  ];
  // Labels from each file's own text: resolving the national baseline's 3 MB of districts here would cost seconds at start-up.
  return files.flatMap((f) => {
    const own = parseText(readFileSync(f.file), f.file);
    if (!own.success) return [];
    const doc = own.data as { name?: string; label?: LocalizedText; model?: string };
    if (doc.model !== undefined && doc.model !== PERU_MINING) return [];
    const label = doc.label
      ? scenarioLabel({ name: doc.name ?? f.id, label: doc.label })
      : (BASE_NAMES[f.id] ?? scenarioLabel({ name: doc.name ?? f.id }));
    return [{ ...f, root, label }];
  });
}

/**
 * Compares the first futures of the base a session opens on with a one-lever package (early,
 * permanent dialogue), into the arm folders later comparisons reuse: the room's first
 * "Simular" then finds the base simulated and the batch and bootstrap code loaded and
 * compiled (that first time costs about a second and a half).
 */
export async function warmUp(out: string, base: BaseChoice, seed: number, reforms: ReformPolicies): Promise<void> {
  await runSimulation(
    { base, packages: [{ number: 1, levers: ['early-permanent-dialogue'] }], futures: STEP, seed },
    out,
    0,
    reforms,
    new Map(),
  );
}

/**
 * Reads a base and simulates its first futures into its shared arm folder (what a comparison
 * on it does first), while the room builds its packages: the national baseline takes seconds
 * to read and each of its futures more than half a second.
 */
export async function prepareBase(out: string, base: BaseChoice, seed: number): Promise<void> {
  const opened = openBase(base);
  if (!opened.success) return;
  const loaded = opened.data.load(opened.data.doc, base.file, '');
  if (!loaded.success) return;
  await runBatch(loaded.data, { runs: STEP, seed, out: armFolder(out, loaded.data, seed), resume: true, blockSize: STEP, workers: 0 });
}

/** Where the futures of one scenario at one seed are kept, shared by every comparison that has it as an arm. */
function armFolder(out: string, arm: LoadedScenario, seed: number): string {
  return join(out, 'futuros', `${arm.hash.replace(/^sha256:/, '').slice(0, 16)}-${seed}`);
}

/**
 * A base named on the command line, confined to `root` (the project's folder, or
 * AYNI_SCENARIO_ROOT): its issues name the file and field.
 */
export function userBase(file: string, root: string): Result<BaseChoice, InputIssue[]> {
  const loaded = loadScenario(file, { root });
  if (!loaded.success) return loaded;
  if (!isPeruMining(loaded.data.scenario))
    return fail([
      {
        file,
        path: ['model'],
        message: 'the workshop compares reform packages of the Peru mining model; this scenario is of another model',
      },
    ]);
  return ok({ id: 'user', label: scenarioLabel(loaded.data.scenario), file: resolve(file), root, futures: 40, mapFutures: 10 });
}

/** The policies of every reform file in scenarios/reforms/, by file name. */
export function readReformPolicies(): ReformPolicies {
  const dir = join(packageRoot(), 'scenarios', 'reforms');
  const map = new Map<string, Record<string, unknown>>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    const parsed = parseText(readFileSync(join(dir, f)), f);
    if (parsed.success) map.set(f, ((parsed.data as Record<string, unknown>)['policies'] ?? {}) as Record<string, unknown>);
  }
  return map;
}

/** A package's arm: its overlay document and the scenario it makes on the base. */
interface PackageArm {
  readonly pkg: Package;
  readonly overlay: Record<string, unknown>;
  readonly loaded: LoadedScenario;
}

/**
 * Scenarios already resolved and validated in this session, by base file (and its
 * modification time) and overlay: the national baseline takes seconds to parse, and every
 * "Simular" would otherwise parse it once per arm.
 */
const loadedCache = new Map<string, Result<LoadedScenario, InputIssue[]>>();
const docCache = new Map<string, Result<Record<string, unknown>, InputIssue[]>>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const made = make();
  cache.set(key, made);
  return made;
}

/** A base's merged document, and a loader of documents made from it (both cached). */
function openBase(
  base: BaseChoice,
): Result<
  { doc: Record<string, unknown>; load: (document: unknown, file: string, key: string) => Result<LoadedScenario, InputIssue[]> },
  InputIssue[]
> {
  let version: string;
  try {
    version = `${base.file}@${statSync(base.file).mtimeMs}`;
  } catch {
    return fail([{ file: base.file, path: [], message: 'cannot read file' }]);
  }
  const doc = cached(docCache, version, () => resolveExtends(base.file, nodeSourceHost(base.root)));
  if (!doc.success) return doc;
  const load = (document: unknown, file: string, key: string) =>
    cached(loadedCache, `${version}|${key}`, () => {
      const parsed = parseAnyScenario(document, file);
      return parsed.success ? ok({ scenario: parsed.data, file, hash: scenarioHash(parsed.data) }) : parsed;
    });
  return ok({ doc: doc.data, load });
}

/**
 * Loads the packages onto the base from memory, as `ayni compare` loads an overlay file onto
 * a base (the base's document, merged with the overlay, validated): the overlay files are
 * written only by the export.
 */
export function loadPackages(
  base: BaseChoice,
  packages: readonly Package[],
  reforms: ReformPolicies,
): Result<{ base: LoadedScenario; arms: PackageArm[] }, InputIssue[]> {
  const opened = openBase(base);
  if (!opened.success) return opened;
  const { doc, load } = opened.data;
  const loadedBase = load(doc, base.file, '');
  if (!loadedBase.success) return loadedBase;
  const arms: PackageArm[] = [];
  const issues: InputIssue[] = [];
  packages.forEach((pkg, i) => {
    const made = packageOverlay(pkg, reforms);
    if ('issue' in made) {
      issues.push({ file: 'paquetes', path: [String(i), ...made.issue.path.split('.')], message: made.issue.message });
      return;
    }
    const file = packageFile(made.overlay['name'] as string);
    const scenario = load(mergeOverlay(doc, made.overlay), file, JSON.stringify(made.overlay));
    if (!scenario.success) issues.push(...scenario.error);
    else arms.push({ pkg, overlay: made.overlay, loaded: scenario.data });
  });
  if (packages.length === 0) issues.push({ file: 'paquetes', path: [], message: 'build at least one package' });
  if (new Set(packages.map((p) => p.number)).size !== packages.length)
    issues.push({ file: 'paquetes', path: ['number'], message: 'two packages have the same number' });
  if (issues.length > 0) return fail(issues);
  return ok({ base: loadedBase.data, arms });
}

export interface CardsPayload {
  readonly futures: number;
  readonly seed: number;
  readonly base: Label;
  readonly packages: ReadonlyArray<{ readonly name: string; readonly label: Label }>;
  readonly cards: Readonly<Record<Lang, readonly Card[]>>;
}

export interface TimelinePayload {
  readonly arms: ReadonlyArray<{
    readonly name: string;
    readonly label: Label;
    readonly futures: number;
    readonly rows: ReadonlyArray<{ readonly month: string; readonly p05: number; readonly p50: number; readonly p95: number }>;
  }>;
}

export interface MapPayload {
  readonly futures: number;
  readonly departments: readonly MapDepartment[];
  readonly arms: ReadonlyArray<{ readonly name: string; readonly label: Label; readonly means: Record<string, DepartmentCounts> }>;
}

export interface SimulationHooks {
  readonly onProgress?: (p: CompareProgress & { readonly futures: number }) => void;
  readonly onCards?: (cards: CardsPayload) => void;
  readonly onTimeline?: (timeline: TimelinePayload) => void;
  readonly onMap?: (map: MapPayload) => void;
  readonly signal?: AbortSignal;
}

export interface SimulationRequest {
  readonly base: BaseChoice;
  readonly packages: readonly Package[];
  readonly futures: number;
  readonly seed: number;
  /** Futures already on screen: steps start above them (0 for a new simulation). */
  readonly from?: number;
}

/**
 * The futures of each step: a new simulation shows 5, then 10, 20, 40… up to the target, so
 * that first cards come fast and intervals narrow; more futures for one on screen go straight
 * to the target.
 */
export function simulationSteps(from: number, target: number): number[] {
  if (from > 0) return target > from ? [target] : [];
  const steps: number[] = [];
  for (let n = STEP; n < target; n *= 2) steps.push(n);
  steps.push(target);
  return steps;
}

/** The folder of a set of packages on a base at a seed: the same set always finds its arms again. */
function comparisonFolder(out: string, base: LoadedScenario, arms: readonly PackageArm[], seed: number): string {
  const digest = createHash('sha256')
    .update(JSON.stringify({ base: base.hash, arms: arms.map((a) => a.loaded.hash), seed }))
    .digest('hex')
    .slice(0, 16);
  return join(out, 'simulaciones', digest);
}

/**
 * Points each arm folder of a comparison (arms/base, arms/paquete-1…) at the shared folder of
 * its scenario, so that a package kept from one comparison to the next, and the base, are
 * not simulated again: compareScenarios reuses a folder that holds the same batch.
 */
function linkArms(dir: string, out: string, arms: readonly LoadedScenario[], seed: number): void {
  const names = armFolderNames(arms.map((a, i) => (i === 0 ? 'base' : a.scenario.name)));
  mkdirSync(join(dir, 'arms'), { recursive: true });
  arms.forEach((arm, i) => {
    const target = armFolder(out, arm, seed);
    mkdirSync(target, { recursive: true });
    const link = join(dir, 'arms', names[i] as string);
    // A junction on Windows (no privilege needed); a plain symbolic link elsewhere.
    if (!existsSync(link)) symlinkSync(target, link, 'junction');
  });
}

export interface SimulationResult {
  readonly comparison: Comparison;
  readonly cards: CardsPayload;
  readonly arms: readonly PackageArm[];
  readonly base: LoadedScenario;
}

/**
 * Runs the packages against the base in growing steps, each a comparison of the first n
 * futures (the numbers of `ayni compare --runs n` at the same seed), reporting cards after
 * each, then the timeline and the map.
 */
export async function runSimulation(
  request: SimulationRequest,
  out: string,
  workers: number,
  reforms: ReformPolicies,
  ubigeoByName: ReadonlyMap<string, string>,
  hooks: SimulationHooks = {},
): Promise<Result<SimulationResult, InputIssue[]>> {
  const futures = request.futures;
  if (!Number.isSafeInteger(futures) || futures < STEP || futures % STEP !== 0 || futures > 4000)
    return fail([{ file: 'futuros', path: [], message: `expected a multiple of ${STEP} from ${STEP} to 4000, got ${futures}` }]);
  const loaded = loadPackages(request.base, request.packages, reforms);
  if (!loaded.success) return loaded;
  const { base, arms } = loaded.data;
  const dir = comparisonFolder(out, base, arms, request.seed);
  linkArms(dir, out, [base, ...arms.map((a) => a.loaded)], request.seed);
  let last: SimulationResult | undefined;
  for (const runs of simulationSteps(request.from ?? 0, futures)) {
    const result = await compareScenarios(
      base,
      arms.map((a) => a.loaded),
      { runs, seed: request.seed, out: dir, workers, blockSize: STEP, outcomes: CARD_OUTCOME_NAMES },
      {
        ...(hooks.onProgress ? { onProgress: (p: CompareProgress) => hooks.onProgress?.({ ...p, futures: runs }) } : {}),
        ...(hooks.signal ? { signal: hooks.signal } : {}),
      },
    );
    if (hooks.signal?.aborted) break;
    if (!result.success) return result;
    const cards = cardsOf(result.data, request.base.label, arms);
    last = { comparison: result.data, cards, arms, base };
    hooks.onCards?.(cards);
  }
  if (last === undefined) return fail([{ file: dir, path: [], message: 'stopped before the first futures were simulated' }]);
  // Optional calls: without a hook, the timeline and the map are not computed (the warm-up).
  hooks.onTimeline?.(timelineOf(last.comparison, request.base.label, arms));
  if (!hooks.signal?.aborted) hooks.onMap?.(mapOf(last.comparison, base, arms, request.base.mapFutures, ubigeoByName));
  return ok(last);
}

function cardsOf(comparison: Comparison, baseLabel: Label, arms: readonly PackageArm[]): CardsPayload {
  const columns = comparison.arms.map((d) => readOutcomeColumns(d, comparison.runs));
  const index = new Map(comparison.variants.map((v, i) => [v.arm, i + 1]));
  const empty = new Float64Array(0);
  const differences = (variant: string, outcome: string) =>
    pairedDifferences(columns[0]?.get(outcome) ?? empty, columns[index.get(variant) ?? 0]?.get(outcome) ?? empty);
  return {
    futures: comparison.runs,
    seed: comparison.seed,
    base: baseLabel,
    packages: comparison.variants.map((v, i) => ({ name: v.arm, label: scenarioLabel((arms[i] as PackageArm).loaded.scenario) })),
    cards: { es: buildCards(comparison.results, differences, 'es'), en: buildCards(comparison.results, differences, 'en') },
  };
}

function timelineOf(comparison: Comparison, baseLabel: Label, arms: readonly PackageArm[]): TimelinePayload {
  const labels = [baseLabel, ...arms.map((a) => scenarioLabel(a.loaded.scenario))];
  const names = [comparison.base.arm, ...comparison.variants.map((v) => v.arm)];
  return {
    // An arm folder shared with a longer comparison holds more futures than the cards use: its series says how many.
    arms: comparison.arms.map((dir, i) => {
      const tables = readBatchTables(dir);
      return {
        name: names[i] as string,
        label: labels[i] as Label,
        futures: tables.identity.runs,
        rows: (tables.series['casesActive'] ?? []).map((r) => ({ month: r.step, p05: r.p05, p50: r.p50, p95: r.p95 })),
      };
    }),
  };
}

/** Re-runs the first futures of each arm with their events and counts them per department. */
function mapOf(
  comparison: Comparison,
  base: LoadedScenario,
  arms: readonly PackageArm[],
  mapFutures: number,
  ubigeoByName: ReadonlyMap<string, string>,
): MapPayload {
  const scenarios = [base.scenario, ...arms.map((a) => a.loaded.scenario)] as Scenario[];
  const names = [comparison.base.arm, ...comparison.variants.map((v) => v.arm)];
  const index = departmentIndex(scenarios[0] as Scenario, ubigeoByName);
  const k = Math.min(mapFutures, comparison.runs);
  return {
    futures: k,
    departments: index.departments,
    arms: scenarios.map((scenario, a) => {
      const armIndex = departmentIndex(scenario, ubigeoByName);
      const runs = Array.from({ length: k }, (_, i) =>
        countByDepartment(armIndex, simulate(scenario, { seed: seedFor(comparison.seed, i), events: true }).events ?? []),
      );
      return { name: names[a] as string, label: scenarioLabel(scenario), means: meanCounts(runs) };
    }),
  };
}

/** departmentKey(name) → ubigeo of Peru's departments, from the national scenario's table. */
export function nationalUbigeos(): Map<string, string> {
  const file = join(packageRoot(), 'scenarios', 'national', 'peru-national.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { territory: { departments: Array<{ name: string; ubigeo?: string }> } };
  return new Map(doc.territory.departments.flatMap((d) => (d.ubigeo ? [[departmentKey(d.name), d.ubigeo] as [string, string]] : [])));
}

export interface HypothesisRow {
  readonly label: string;
  readonly statement: string;
  readonly verdict: string | null;
  readonly robustness: string | null;
}

/**
 * The hypotheses of the project (hypotheses/*.yaml, then hypotheses/national/*.yaml), with the
 * verdict and robustness of each when a results folder holds its verdict.json (a subfolder per
 * test, as `ayni test --out` and reports/ write); else null. A verdict is matched by its file's
 * path below hypotheses/, so the corridor's and the national baseline's files of the same name
 * keep their own verdicts.
 */
export function hypothesisRows(resultsDir: string | undefined, lang: Lang): HypothesisRow[] {
  const dir = join(packageRoot(), 'hypotheses');
  const verdicts = new Map<string, { verdict: string; robustness: string | null }>();
  if (resultsDir !== undefined && existsSync(resultsDir)) {
    for (const folder of walkFolders(resultsDir, 3)) {
      const record = readVerdict(folder);
      if (record)
        verdicts.set(belowHypotheses(record.file), {
          verdict: record.verdict,
          robustness: record.robustness ? record.robustness.sentence[lang] : null,
        });
    }
  }
  const files = (sub: string) =>
    existsSync(join(dir, sub))
      ? readdirSync(join(dir, sub))
          .filter((f) => f.endsWith('.yaml'))
          .sort()
          .map((f) => (sub === '' ? f : `${sub}/${f}`))
      : [];
  return [...files(''), ...files('national')].flatMap((f) => {
    const parsed = parseText(readFileSync(join(dir, f)), f);
    if (!parsed.success) return [];
    const doc = parsed.data as { label?: Label; statement?: Label };
    if (!doc.statement) return [];
    const found = verdicts.get(f);
    return [
      {
        label: doc.label ? textIn(lang, doc.label) : stem(f),
        statement: textIn(lang, doc.statement),
        verdict: found?.verdict ?? null,
        robustness: found?.robustness ?? null,
      },
    ];
  });
}

const stem = (file: string) => (file.split(/[\\/]/).pop() ?? file).replace(/\.ya?ml$/, '');

/** A hypothesis file's path below its hypotheses/ folder ("national/x.yaml"), or its name when it has none. */
function belowHypotheses(file: string): string {
  const path = file.replace(/\\/g, '/');
  const at = path.lastIndexOf('hypotheses/');
  return at >= 0 ? path.slice(at + 'hypotheses/'.length) : (path.split('/').pop() ?? path);
}

function walkFolders(dir: string, depth: number): string[] {
  if (depth < 0) return [];
  const out = [dir];
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'arms' && entry.name !== 'blocks')
      out.push(...walkFolders(join(dir, entry.name), depth - 1));
  return out;
}

/**
 * Writes the export of the last simulation into a new folder under `out`; returns its path.
 * Besides the workshop's files, the comparison's own folder (comparison.json, as `ayni
 * compare` writes it, with its arms) and the project's full report in both languages
 * (informe.es.html, report.en.html), by the report layer.
 */
export async function writeSessionExport(out: string, result: SimulationResult, baseFile: string, lang: Lang, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  let dir = join(out, `sesion-${stamp}`);
  for (let n = 2; existsSync(dir); n++) dir = join(out, `sesion-${stamp}-${n}`);
  mkdirSync(dir, { recursive: true });
  const packages: ExportedPackage[] = result.arms.map((a) => ({
    name: a.overlay['name'] as string,
    label: scenarioLabel(a.loaded.scenario),
    levers: LEVERS.filter((l) => a.pkg.levers.includes(l.id)).map((l) => l.name),
    overlay: a.overlay,
  }));
  const files = exportFiles(
    {
      // Absolute: the folder can be moved within this machine and its commands still find the base.
      baseFile: realpathSync(baseFile),
      baseLabel: result.cards.base,
      seed: result.comparison.seed,
      futures: result.comparison.runs,
      packages,
      cards: result.cards.cards,
    },
    lang,
  );
  for (const [name, text] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileAtomic(join(dir, name), text);
  }
  const comparisonDir = dirname(dirname(result.comparison.arms[0] as string));
  writeComparison(comparisonDir, result.comparison, { now, lang });
  for (const [reportLang, name] of [
    ['es', 'informe.es.html'],
    ['en', 'report.en.html'],
  ] as const)
    await writeReport(comparisonDir, { lang: reportLang, out: join(dir, name) });
  return dir;
}
