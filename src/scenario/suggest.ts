/**
 * "Did you mean …?": the closest known name to a misspelt one, offered only when it is
 * close (a typo, not a different word), and the keys a zod schema knows at a path of the
 * document. Pure; no I/O.
 */
import type { z } from 'zod';

/** Optimal-string-alignment distance (Levenshtein plus swapped neighbours), ignoring case. */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}

/** The known name closest to `word`, when at most about a third of it differs; else undefined. */
export function closestName(word: string, known: Iterable<string>): string | undefined {
  // Very long words are not typos of a key, and comparing them costs length² time.
  if (word.length > 64) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    if (name === word || Math.abs(name.length - word.length) > limit) continue;
    const distance = editDistance(word, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

type AnySchema = z.core.$ZodType;
interface Def {
  readonly type: string;
  readonly shape?: Record<string, AnySchema>;
  readonly innerType?: AnySchema;
  readonly in?: AnySchema;
  readonly element?: AnySchema;
  readonly valueType?: AnySchema;
  readonly options?: readonly AnySchema[];
  readonly getter?: () => AnySchema;
}
const defOf = (schema: AnySchema): Def => schema._zod.def as unknown as Def;

/** The object schemas a value at `path` may have (several under a union). */
function objectsAt(schema: AnySchema, path: ReadonlyArray<string | number>, depth = 0): Def[] {
  if (depth > 64) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return def.innerType ? objectsAt(def.innerType, path, depth + 1) : [];
    case 'pipe':
      return def.in ? objectsAt(def.in, path, depth + 1) : [];
    case 'lazy':
      return def.getter ? objectsAt(def.getter(), path, depth + 1) : [];
    case 'union':
      return (def.options ?? []).flatMap((option) => objectsAt(option, path, depth + 1));
  }
  if (path.length === 0) return def.type === 'object' ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === 'object' && typeof head === 'string' && def.shape && Object.hasOwn(def.shape, head))
    return objectsAt(def.shape[head] as AnySchema, rest, depth + 1);
  if (def.type === 'array' && def.element) return objectsAt(def.element, rest, depth + 1);
  if (def.type === 'record' && def.valueType) return objectsAt(def.valueType, rest, depth + 1);
  return [];
}

/** Keys the schema knows for the object at `path` of a document (empty when it cannot tell). */
export function knownKeysAt(schema: AnySchema, path: ReadonlyArray<string | number>): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((def) => Object.keys(def.shape ?? {})))];
}
