/**
 * Keys that reach JavaScript's object machinery: `__proto__` replaces an object's prototype
 * when assigned, and `constructor` and `prototype` name inherited members that lookups by
 * name would find on any object. They are refused as keys of every input document and as
 * segments of every `--set` path, so that no input can pollute `Object.prototype` or pass
 * for an entity that is not there. Pure; no I/O.
 */
import type { InputIssue } from '../engine/result.js';

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const isForbiddenKey = (key: string): boolean => FORBIDDEN_KEYS.has(key);

export const forbiddenKeyMessage = (key: string): string => `"${key}" is not allowed as a key (it is reserved by JavaScript objects)`;

interface Visit {
  readonly node: unknown;
  readonly key: string | number | undefined;
  readonly parent: Visit | undefined;
}

const pathOf = (visit: Visit | undefined): Array<string | number> => {
  const path: Array<string | number> = [];
  for (let v = visit; v !== undefined && v.key !== undefined; v = v.parent) path.unshift(v.key);
  return path;
};

/** One issue per forbidden own key anywhere in `value`, in document order, with the path that leads to it. */
export function forbiddenKeyIssues(value: unknown, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Set<object>();
  // Iterative, with parent links instead of copied paths, so that deep nesting costs neither stack nor memory.
  const stack: Visit[] = [{ node: value, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const node = visit.node;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string | number;
      if (typeof key === 'string' && isForbiddenKey(key)) continue;
      stack.push({ node: (node as Record<string | number, unknown>)[key], key, parent: visit });
    }
    for (const key of keys) {
      if (typeof key === 'string' && isForbiddenKey(key))
        issues.push({ file, path: [...pathOf(visit), key], message: forbiddenKeyMessage(key) });
    }
  }
  return issues;
}
