/**
 * The JSON Schemas for editors, generated from the zod schemas (never written by hand), one
 * per model. They describe what a user may write (zod's input side: fields with defaults
 * are optional).
 */
import { z } from 'zod';
import { ScenarioSchema } from './schema.js';
import { EpsteinScenarioSchema } from '../models/epstein/schema.js';

const SCHEMAS = {
  'peru-mining': {
    schema: ScenarioSchema,
    title: 'ayni scenario',
    description: 'A territory, its communities, mining projects, government, policies and exogenous inputs (see docs/model.md).',
  },
  'epstein-civil-violence': {
    schema: EpsteinScenarioSchema,
    title: 'ayni scenario: Epstein civil violence',
    description: "Epstein's (2002) civil violence model: citizens and cops on a torus (see docs/reference-epstein.md).",
  },
} as const;

export type SchemaModel = keyof typeof SCHEMAS;

export function scenarioJsonSchema(model: SchemaModel = 'peru-mining'): Record<string, unknown> {
  const { schema, title, description } = SCHEMAS[model];
  return { ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>), title, description };
}

/** The committed file's text: stable key order and a final newline. */
export function scenarioJsonSchemaText(model: SchemaModel = 'peru-mining'): string {
  return `${JSON.stringify(scenarioJsonSchema(model), null, 2)}\n`;
}
