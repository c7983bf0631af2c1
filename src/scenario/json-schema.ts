/**
 * The JSON Schema for editors, generated from the zod schema (never written by hand).
 * It describes what a user may write (zod's input side: fields with defaults are optional).
 */
import { z } from 'zod';
import { ScenarioSchema } from './schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'ayni scenario',
    description: 'A territory, its communities, mining projects, government, policies and exogenous inputs (see docs/model.md).',
  };
}

/** The committed file's text: stable key order and a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
