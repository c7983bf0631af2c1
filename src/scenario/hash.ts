/**
 * Content hash of a validated scenario: SHA-256 of its canonical JSON (keys sorted, defaults
 * filled), so that formatting, comments and key order do not change it but any value does.
 */
import { createHash } from 'node:crypto';
import type { AnyScenario } from '../models/registry.js';

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

export function scenarioHash(scenario: AnyScenario): string {
  const { $schema: _editorHint, ...content } = scenario;
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}
