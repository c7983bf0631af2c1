/**
 * What `ayni validate` checks in one file, by what the file is:
 * - a hypothesis (it has a `statement`): its fields, then its base and its variant as
 *   `ayni test` loads them (the variant onto the base), its outcomes against their model, and
 *   its `robustness:` as `ayni test` plans it;
 * - a design (it has `design` and `factors`): as `ayni experiment` loads it (design-file.ts);
 * - a calibration (it has `parameters` and `targets`): as `ayni calibrate` loads it;
 * - a reform overlay (no `extends`, `territory` or `model`, the same rule as `ayni compare`):
 *   applied onto a base (the default corridor scenario unless given) and validated merged,
 *   so that cross-field rules (tier shares summing to 1, references) are checked too;
 * - anything else: a scenario, with its `extends` chain.
 * Returns a one-line description of what was found valid, or the issues.
 */
import { dirname, relative, resolve } from 'node:path';
import { parseText, isOverlayDocument } from '../scenario/load.js';
import { describeModel, modelOf, type AnyScenario } from '../models/registry.js';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { readInputFile } from '../io/files.js';
import { loadHypothesis } from './hypothesis-file.js';
import { planRobustness } from './hypothesis-robustness.js';
import { loadDesignFile } from './design-file.js';
import { loadCalibrationFile } from './calibration-file.js';
import { loadScenario, loadVariant, scenarioRoot } from '../io/scenario-file.js';

export interface CheckOptions {
  /** Base scenario that overlays are applied onto. */
  readonly base: string;
}

export function checkFile(file: string, options: CheckOptions): Result<string, InputIssue[]> {
  const kind = kindOf(file);
  if (kind === 'hypothesis') return checkHypothesis(file);
  if (kind === 'design') {
    const loaded = loadDesignFile(file);
    if (!loaded.success) return loaded;
    const d = loaded.data;
    return ok(`design: ${d.spec.design.kind} over ${d.factors.length} factors of ${shown(d.base.file)}, outputs ${d.outputs.join(', ')}`);
  }
  if (kind === 'calibration') {
    const loaded = loadCalibrationFile(file);
    if (!loaded.success) return loaded;
    const c = loaded.data;
    const targets = c.spec.targets.map((t) => t.outcome).join(', ');
    return ok(`calibration: ${c.priors.length} parameters of ${shown(c.base.file)} against ${c.spec.targets.length} targets (${targets})`);
  }
  if (kind === 'overlay') {
    const loaded = loadVariant(file, options.base);
    if (loaded.success) return ok(`overlay onto ${shown(options.base)}: ${size(loaded.data.scenario)}`);
    // Say how the file was read: a full scenario that lost its territory is read as an overlay too.
    const how = {
      file,
      path: [],
      message: `read as an overlay (no territory, extends or model) and checked merged onto ${shown(options.base)}; a full scenario needs a territory`,
    };
    return fail([...loaded.error, how]);
  }
  const loaded = loadScenario(file);
  return loaded.success ? ok(size(loaded.data.scenario)) : loaded;
}

/** What a file holds, from its own top-level keys; unreadable files are left to the scenario loader to report. */
function kindOf(file: string): 'hypothesis' | 'design' | 'calibration' | 'overlay' | 'scenario' {
  let bytes: ReturnType<typeof readInputFile>;
  try {
    // Bounded like every input read (no FIFO, device or oversized file), inside the scenario root if one is set.
    const root = scenarioRoot();
    bytes = readInputFile(file, root === undefined ? {} : { root });
  } catch {
    return 'scenario';
  }
  if (!(bytes instanceof Uint8Array)) return 'scenario';
  const parsed = parseText(bytes, file);
  if (!parsed.success || typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)) return 'scenario';
  if (Object.hasOwn(parsed.data, 'statement')) return 'hypothesis';
  if (Object.hasOwn(parsed.data, 'design') && Object.hasOwn(parsed.data, 'factors')) return 'design';
  if (Object.hasOwn(parsed.data, 'parameters') && Object.hasOwn(parsed.data, 'targets')) return 'calibration';
  return isOverlayDocument(parsed.data) ? 'overlay' : 'scenario';
}

function checkHypothesis(file: string): Result<string, InputIssue[]> {
  const loaded = loadHypothesis(file);
  if (!loaded.success) return loaded;
  const h = loaded.data;
  const here = dirname(resolve(file));
  const baseFile = resolve(here, h.base);
  const base = loadScenario(baseFile);
  const variant = loadVariant(resolve(here, h.variant), baseFile);
  const issues = [...(base.success ? [] : base.error), ...(variant.success ? [] : variant.error)];
  if (!base.success || !variant.success) return fail(issues);
  const model = describeModel(modelOf(base.data.scenario));
  if (modelOf(variant.data.scenario) !== model.id) {
    return fail([
      {
        file,
        path: ['variant'],
        message: `is a ${modelOf(variant.data.scenario)} scenario; the base is ${model.id}, and both arms must share a model`,
      },
    ]);
  }
  const outcomes: Array<[Array<string | number>, string]> = [
    [['primary'], h.primary],
    ...h.secondary.map((o, i): [Array<string | number>, string] => [['secondary', i], o]),
  ];
  const unknown = outcomes.filter(([, o]) => !model.outcomeNames.includes(o));
  if (unknown.length > 0) return fail(unknown.map(([path, o]) => ({ file, path, message: `${o} is not an outcome of model ${model.id}` })));
  if (h.robustness === undefined) return ok(`hypothesis: ${h.variant} against ${h.base}, primary ${h.primary}`);
  // Its robustness as `ayni test` would plan it: assumptions in the table, not set by the variant, ranges valid on both arms.
  const plan = planRobustness(file, h.robustness, h.seed, base.data, variant.data);
  if (!plan.success) return plan;
  const { design, factors, replications } = plan.data;
  const points = design.kind === 'lhs' ? `lhs ${design.points} points` : `sobol N = ${design.baseSamples}`;
  return ok(
    `hypothesis: ${h.variant} against ${h.base}, primary ${h.primary}; robustness: ${points} × ${replications} runs over ${factors.length} assumptions`,
  );
}

function size(s: AnyScenario): string {
  if (s.model === 'epstein-civil-violence') return `${s.model}, ${s.grid.width}×${s.grid.height} grid, ${s.steps} steps`;
  if (s.model === 'ishigami') return `${s.model} test function at (${s.x1}, ${s.x2}, ${s.x3})`;
  if (s.model === 'normal-mean') return `${s.model} test model, ${s.observations} draws of N(${s.mu}, ${s.sigma}²)`;
  const organisations = s.communities.filter((c) => c.kind === 'organisation').length;
  const people = `${s.communities.length - organisations} communities${organisations > 0 ? ` (+ ${organisations} local organisations)` : ''}`;
  return `${s.territory.districts.length} districts, ${people}, ${s.projects.length} projects, ${s.months} months`;
}

const shown = (path: string) => {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || rel === '' ? path : rel;
};
