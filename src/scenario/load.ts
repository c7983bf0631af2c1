/**
 * From scenario text to a validated Scenario: parse YAML or JSON, follow `extends:` chains
 * (objects merge, arrays replace, null deletes; cycles and missing parents are errors), apply `--set`
 * overrides, then validate. File access is injected (`ReadText`) so this module stays
 * testable and free of I/O; src/io provides the real reader.
 */
import { LineCounter, parseDocument } from 'yaml';
import { fail, ok, type InputIssue, type Result } from '../result.js';
import { parseAnyScenario, type AnyScenario } from '../models/registry.js';

/** Reads a file as bytes; returns undefined when it does not exist. */
export type ReadBytes = (path: string) => Uint8Array | undefined;

/** Minimal path helpers injected with the reader, so that tests can use a virtual tree. */
export interface SourceHost {
  readonly read: ReadBytes;
  /** Resolves `relative` against the directory of `fromFile`. */
  readonly resolve: (fromFile: string, relative: string) => string;
}

/** A `--set path=value` override. */
export interface Override {
  readonly path: string;
  readonly value: string;
}

/** Largest scenario file accepted; generated territories stay far below it. */
export const MAX_SCENARIO_BYTES = 8 * 1024 * 1024;
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
  try {
    return ok(doc.toJS({ maxAliasCount: MAX_ALIASES }));
  } catch (e) {
    // yaml throws a ReferenceError for excessive aliasing (alias bombs).
    return fail([{ file, path: [], message: `YAML could not be expanded: ${(e as Error).message}` }]);
  }
}

/**
 * Deep merge for overlays, as JSON Merge Patch (RFC 7386): objects merge key by key,
 * `null` deletes a key, everything else (arrays too) replaces.
 */
export function mergeOverlay(base: unknown, overlay: unknown): unknown {
  if (!isObject(overlay)) return overlay;
  const out: Doc = isObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete out[key];
    else out[key] = mergeOverlay(out[key], value);
  }
  return out;
}

/** Reads `file` and every file it extends; returns the merged document (without `extends`). */
export function resolveExtends(file: string, host: SourceHost): Result<Doc, InputIssue[]> {
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
    if (bytes === undefined) {
      const child = chain[chain.length - 1];
      return child === undefined
        ? fail([{ file: current, path: [], message: 'file not found' }])
        : fail([{ file: child, path: ['extends'], message: `base scenario not found: ${current}` }]);
    }
    const parsed = parseText(bytes, current);
    if (!parsed.success) return parsed;
    if (!isObject(parsed.data)) return fail([{ file: current, path: [], message: 'a scenario must be a mapping of keys to values' }]);
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
  return ok(rest);
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
    const parsedValue = parseText(new TextEncoder().encode(value), '--set');
    if (!parsedValue.success) {
      issues.push({ file: '--set', path: keys, message: `cannot read value "${value}"` });
      continue;
    }
    let node: unknown = out;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i] as string;
      const container = node as Doc | unknown[];
      let next = Array.isArray(container) ? container[Number(key)] : (container as Doc)[key];
      if (next === undefined) {
        next = {};
        if (Array.isArray(container)) {
          issues.push({ file: '--set', path: keys.slice(0, i + 1), message: 'no such array element' });
          node = undefined;
          break;
        }
        (container as Doc)[key] = next;
      }
      if (typeof next !== 'object' || next === null) {
        issues.push({ file: '--set', path: keys.slice(0, i + 1), message: 'is not an object or list; cannot set a field inside it' });
        node = undefined;
        break;
      }
      node = next;
    }
    if (node === undefined) continue;
    const last = keys[keys.length - 1] as string;
    if (Array.isArray(node)) node[Number(last)] = parsedValue.data;
    else (node as Doc)[last] = parsedValue.data;
  }
  return issues.length > 0 ? fail(issues) : ok(out);
}

/**
 * Loads a variant for a comparison: a full scenario (it has a territory, names its model or
 * extends a base of its own), or an overlay without `extends`, which is then applied onto `baseFile`. Reform
 * overlays can so be applied to any base.
 */
export function loadVariantFrom(variantFile: string, baseFile: string, host: SourceHost, overrides: readonly Override[] = []): Result<AnyScenario, InputIssue[]> {
  const variant = resolveExtends(variantFile, host);
  if (!variant.success) return variant;
  const own = host.read(variantFile);
  const parsedOwn = own === undefined ? undefined : parseText(own, variantFile);
  const isOverlay = parsedOwn?.success === true && isObject(parsedOwn.data) && !('extends' in parsedOwn.data) && !('territory' in parsedOwn.data) && !('model' in parsedOwn.data);
  if (!isOverlay) return loadScenarioFrom(variantFile, host, overrides);
  const base = resolveExtends(baseFile, host);
  if (!base.success) return base;
  const patched = applyOverrides(mergeOverlay(base.data, variant.data) as Doc, overrides);
  if (!patched.success) return patched;
  return parseAnyScenario(patched.data, variantFile);
}

/** Loads, merges, overrides and validates a scenario file. */
export function loadScenarioFrom(file: string, host: SourceHost, overrides: readonly Override[] = []): Result<AnyScenario, InputIssue[]> {
  const merged = resolveExtends(file, host);
  if (!merged.success) return merged;
  const patched = applyOverrides(merged.data, overrides);
  if (!patched.success) return patched;
  return parseAnyScenario(patched.data, file);
}
