/**
 * From scenario text to a validated Scenario: parse YAML or JSON, follow `extends:` chains
 * (objects merge, arrays replace, null deletes; cycles and missing parents are errors), apply `--set`
 * overrides, then validate. File access is injected (`SourceHost`) so this module stays
 * testable and free of I/O; src/io provides the real reader. The models are injected too
 * (`ScenarioModels`): this layer is below the models, which compose it in
 * src/models/scenario-loader.ts.
 */
import { LineCounter, parseDocument } from 'yaml';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { forbiddenKeyIssues, forbiddenKeyMessage, isForbiddenKey } from './keys.js';
import { closestName } from './suggest.js';

/**
 * What reading a file gave: its bytes, undefined when it does not exist, or a refusal (not
 * a regular file, too large, outside the allowed folder) in words that never quote the file.
 */
export type ReadOutcome = Uint8Array | undefined | { readonly refused: string };

/** Reads a file as bytes; see ReadOutcome. */
type ReadBytes = (path: string) => ReadOutcome;

/** Minimal path helpers injected with the reader, so that tests can use a virtual tree. */
export interface SourceHost {
  readonly read: ReadBytes;
  /** Resolves `relative` against the directory of `fromFile`. */
  readonly resolve: (fromFile: string, relative: string) => string;
}

/** What the loader needs to know of the models: how to validate a merged document, and their top-level keys. */
export interface ScenarioModels<S> {
  /** Validates a merged document with the schema of the model it names. */
  readonly parse: (document: unknown, file: string) => Result<S, InputIssue[]>;
  /** Top-level keys of a scenario of any model (tell a scenario from some other file). */
  readonly keys: ReadonlySet<string>;
}

/** A `--set path=value` override. */
export interface Override {
  readonly path: string;
  readonly value: string;
}

import { MAX_SCENARIO_BYTES } from './limits.js';

const MAX_ALIASES = 200;
const MAX_EXTENDS_DEPTH = 16;

type Doc = Record<string, unknown>;
const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses YAML (JSON is a subset) with unique keys and an alias budget (no alias bombs). */
export function parseText(bytes: Uint8Array, file: string): Result<unknown, InputIssue[]> {
  if (bytes.byteLength > MAX_SCENARIO_BYTES) {
    return fail([{ file, path: [], message: `file is ${bytes.byteLength} bytes; scenarios are limited to ${MAX_SCENARIO_BYTES} bytes` }]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail([{ file, path: [], message: 'file is not valid UTF-8 text' }]);
  }
  const lines = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, lineCounter: lines });
  } catch (e) {
    // Pathological input (nesting deep enough to exhaust the parser's stack) is bad input too.
    return fail([{ file, path: [], message: `YAML could not be parsed: ${(e as Error).message}` }]);
  }
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        const where = ` at line ${pos.line}, column ${pos.col}`;
        return { file, path: [], message: `malformed YAML${where}: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // yaml throws a ReferenceError for excessive aliasing (alias bombs).
    return fail([{ file, path: [], message: `YAML could not be expanded: ${(e as Error).message}` }]);
  }
  const forbidden = forbiddenKeyIssues(value, file);
  return forbidden.length > 0 ? fail(forbidden) : ok(value);
}

/** Sets an own property, even for a key such as `__proto__` that plain assignment would treat specially. */
function setOwn(target: Doc, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

const own = (target: Doc, key: string): unknown => (Object.hasOwn(target, key) ? target[key] : undefined);

/**
 * Deep merge for overlays, as JSON Merge Patch (RFC 7386): objects merge key by key,
 * `null` deletes a key, everything else (arrays too) replaces.
 */
export function mergeOverlay(base: unknown, overlay: unknown): unknown {
  if (!isObject(overlay)) return overlay;
  const out: Doc = isObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(overlay)) {
    // Own properties only: merging never reads or writes through an object's prototype.
    if (value === null) delete out[key];
    else setOwn(out, key, mergeOverlay(own(out, key), value));
  }
  return out;
}

/** Reads `file` and every file it extends; returns the merged document (without `extends`). */
export function resolveExtends(file: string, host: SourceHost, keys: ReadonlySet<string>): Result<Doc, InputIssue[]> {
  const chain: string[] = [];
  const docs: Doc[] = [];
  let current = file;
  for (;;) {
    if (chain.includes(current)) {
      return fail([{ file, path: ['extends'], message: `extends cycle: ${[...chain, current].join(' -> ')}` }]);
    }
    if (chain.length >= MAX_EXTENDS_DEPTH) {
      return fail([{ file, path: ['extends'], message: `extends chain deeper than ${MAX_EXTENDS_DEPTH} files` }]);
    }
    const bytes = host.read(current);
    const child = chain[chain.length - 1];
    if (bytes === undefined) {
      const hint = withExtensionHint(current, host);
      return child === undefined
        ? fail([{ file: current, path: [], message: `file not found${hint}` }])
        : fail([{ file: child, path: ['extends'], message: `base scenario not found: ${current}${hint}` }]);
    }
    if (!(bytes instanceof Uint8Array)) {
      return child === undefined
        ? fail([{ file: current, path: [], message: `cannot read the file: ${bytes.refused}` }])
        : fail([{ file: child, path: ['extends'], message: `cannot read base scenario ${current}: ${bytes.refused}` }]);
    }
    const parsed = parseText(bytes, current);
    if (!parsed.success) return parsed;
    if (!isObject(parsed.data)) return fail([{ file: current, path: [], message: 'a scenario must be a mapping of keys to values' }]);
    if (!looksLikeScenario(parsed.data, keys)) {
      // Some other file (named by mistake, or to probe): say so without quoting its keys.
      return fail([
        {
          file: current,
          path: [],
          message: `is not a scenario: none of its top-level keys is a scenario field (such as name, model, territory, extends)`,
        },
      ]);
    }
    chain.push(current);
    docs.push(parsed.data);
    const parent = parsed.data['extends'];
    if (parent === undefined) break;
    if (typeof parent !== 'string') return fail([{ file: current, path: ['extends'], message: 'extends must be a file path' }]);
    current = host.resolve(current, parent);
  }
  let merged: unknown = {};
  for (let i = docs.length - 1; i >= 0; i--) merged = mergeOverlay(merged, docs[i]);
  const { extends: _dropped, ...rest } = merged as Doc;
  return ok(
    labelFollowsName(
      rest,
      docs.find((d) => 'name' in d || 'label' in d),
    ),
  );
}

/**
 * A label belongs to the name it is written with: a file that names itself but gives no
 * label must not be shown under its parent's label.
 */
function labelFollowsName(merged: Doc, namer: Doc | undefined): Doc {
  if (namer === undefined || 'label' in namer) return merged;
  const { label: _parents, ...rest } = merged;
  return rest;
}

/** " (did you mean x.yaml?)" when `path` has no scenario extension and `path.yaml` (or .yml, .json) exists. */
function withExtensionHint(path: string, host: SourceHost): string {
  if (/\.(ya?ml|json)$/i.test(path)) return '';
  for (const extension of ['.yaml', '.yml', '.json']) {
    if (host.read(`${path}${extension}`) instanceof Uint8Array) return ` (did you mean ${path}${extension}?)`;
  }
  return '';
}

/** False for a non-empty mapping with no scenario field at the top and mostly keys that are not typos of one. */
function looksLikeScenario(doc: Doc, known: ReadonlySet<string>): boolean {
  const keys = Object.keys(doc);
  if (keys.length === 0 || keys.some((key) => known.has(key))) return true;
  // All keys unknown: a scenario with typos has mostly near misses; some other file has few.
  const nearMisses = keys.filter((key) => closestName(key, known) !== undefined).length;
  return nearMisses * 2 >= keys.length;
}

/** Applies `--set a.b.0.c=value` overrides; values are read as YAML scalars (numbers, booleans, strings). */
export function applyOverrides(doc: Doc, overrides: readonly Override[]): Result<Doc, InputIssue[]> {
  const issues: InputIssue[] = [];
  const out: Doc = structuredClone(doc);
  for (const { path, value } of overrides) {
    const keys = path.split('.');
    if (path === '' || keys.some((k) => k === '')) {
      issues.push({ file: '--set', path: [path], message: 'expected --set path.to.field=value' });
      continue;
    }
    const forbidden = keys.findIndex(isForbiddenKey);
    if (forbidden >= 0) {
      issues.push({ file: '--set', path: keys.slice(0, forbidden + 1), message: forbiddenKeyMessage(keys[forbidden] as string) });
      continue;
    }
    const parsedValue = parseText(new TextEncoder().encode(value), '--set');
    if (!parsedValue.success) {
      // A forbidden key inside the value has a path of its own; other problems are the value's syntax.
      const inside = parsedValue.error.filter((issue) => issue.path.length > 0);
      if (inside.length > 0) issues.push(...inside.map((issue) => ({ ...issue, path: [...keys, ...issue.path] })));
      else issues.push({ file: '--set', path: keys, message: `cannot read value "${value}"` });
      continue;
    }
    const problem = setAt(out, keys, parsedValue.data);
    if (problem) issues.push({ file: '--set', path: problem.path, message: problem.message });
  }
  return issues.length > 0 ? fail(issues) : ok(out);
}

const indexHint = (length: number): string =>
  length === 0 ? 'the list is empty (use 0 to append)' : `the list has ${length} (use 0 to ${length - 1}, or ${length} to append)`;

/**
 * Sets `value` at `keys` inside `root`, creating missing objects on the way. In a list, a
 * segment must be an existing index or exactly the length (append one element); anything
 * else is an error, so that `communities.10000000` cannot build a huge sparse list and
 * `communities.length` is not silently ignored.
 */
function setAt(root: Doc, keys: readonly string[], value: unknown): { path: string[]; message: string } | undefined {
  let node: Doc | unknown[] = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const last = i === keys.length - 1;
    const at = keys.slice(0, i + 1);
    if (Array.isArray(node)) {
      const list: unknown[] = node;
      if (!/^(0|[1-9]\d*)$/.test(key)) {
        return { path: at, message: `expected an index into a list: ${indexHint(list.length)}` };
      }
      const index = Number(key);
      if (index > list.length) {
        return { path: at, message: `no element ${index}: ${indexHint(list.length)}` };
      }
      if (last) {
        list[index] = value;
        return undefined;
      }
      if (index === list.length) list.push({});
      const next = list[index];
      if (typeof next !== 'object' || next === null) return { path: at, message: 'is not an object or list; cannot set a field inside it' };
      node = next as Doc | unknown[];
      continue;
    }
    if (last) {
      setOwn(node, key, value);
      return undefined;
    }
    let next = own(node, key);
    if (next === undefined) {
      next = {};
      setOwn(node, key, next);
    }
    if (typeof next !== 'object' || next === null) return { path: at, message: 'is not an object or list; cannot set a field inside it' };
    node = next as Doc | unknown[];
  }
  return undefined;
}

/** An overlay is a mapping without `extends`, `territory` or `model`: a patch applied onto a base. */
export function isOverlayDocument(doc: unknown): boolean {
  return isObject(doc) && !('extends' in doc) && !('territory' in doc) && !('model' in doc);
}

/**
 * Loads a variant for a comparison: a full scenario (it has a territory, names its model or
 * extends a base of its own), or an overlay without `extends`, which is then applied onto `baseFile`. Reform
 * overlays can so be applied to any base.
 */
export function loadVariantFrom<S>(
  models: ScenarioModels<S>,
  variantFile: string,
  baseFile: string,
  host: SourceHost,
  overrides: readonly Override[] = [],
): Result<S, InputIssue[]> {
  const variant = resolveExtends(variantFile, host, models.keys);
  if (!variant.success) return variant;
  const ownBytes = host.read(variantFile);
  const parsedOwn = ownBytes instanceof Uint8Array ? parseText(ownBytes, variantFile) : undefined;
  const isOverlay = parsedOwn?.success === true && isOverlayDocument(parsedOwn.data);
  if (!isOverlay) return loadScenarioFrom(models, variantFile, host, overrides);
  const base = resolveExtends(baseFile, host, models.keys);
  if (!base.success) return base;
  // An overlay without a name is named after its file, not shown as the base.
  const overlay = 'name' in variant.data ? variant.data : { name: fileStem(variantFile), ...variant.data };
  const patched = applyOverrides(labelFollowsName(mergeOverlay(base.data, overlay) as Doc, overlay), overrides);
  if (!patched.success) return patched;
  return models.parse(patched.data, variantFile);
}

function fileStem(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.(ya?ml|json)$/i, '') || file;
}

/** Loads, merges, overrides and validates a scenario file. */
export function loadScenarioFrom<S>(
  models: ScenarioModels<S>,
  file: string,
  host: SourceHost,
  overrides: readonly Override[] = [],
): Result<S, InputIssue[]> {
  const merged = resolveExtends(file, host, models.keys);
  if (!merged.success) return merged;
  const patched = applyOverrides(merged.data, overrides);
  if (!patched.success) return patched;
  return models.parse(patched.data, file);
}
