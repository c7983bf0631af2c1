/**
 * Content hash of a validated scenario: SHA-256 of its canonical JSON (keys sorted, defaults
 * filled), so that formatting, comments and key order do not change it but any value does.
 * Pure: the SHA-256 function is passed in (node:crypto in io/scenario-hash.ts; a browser
 * brings its own), so this layer stays browser-safe.
 */

/** A scenario document as validated, of any model. */
export type ScenarioDocument = Readonly<Record<string, unknown>>;

/** SHA-256 of a text's UTF-8 bytes, as lower-case hex. */
export type Sha256Hex = (text: string) => string;

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of a scenario's content; `$schema` is an editor hint, not content. */
export function hashScenario(scenario: ScenarioDocument, sha256Hex: Sha256Hex): string {
  const { $schema: _editorHint, ...content } = scenario;
  return `sha256:${sha256Hex(canonicalJson(content))}`;
}
