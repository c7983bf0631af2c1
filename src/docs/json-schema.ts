/**
 * The JSON Schemas for editors, generated from the zod schemas (never written by hand), one
 * per model, plus one for reform overlays and one for hypothesis files. They describe what a
 * user may write (zod's input side: fields with defaults are optional).
 *
 * zod validates a scenario after its `extends` chain is merged; an editor sees the file as
 * written. So a file with `extends` (and an overlay, which is merged onto a base the same
 * way) is a patch: any field may be left out at any depth of nested objects (objects merge),
 * arrays are whole (arrays replace), and `null` deletes a key (JSON Merge Patch). The
 * scenario schemas say so with if/then/else: with `extends`, the patch form; without, the
 * full form with its required fields.
 */
import { z } from 'zod';
import { ScenarioSchema } from '../models/peru-mining/schema.js';
import { CivilViolenceScenarioSchema } from '../models/civil-violence/schema.js';
import { HypothesisSchema } from '../experiments/hypothesis.js';
import { DesignFileSchema } from '../experiments/design-file.js';
import { CalibrationFileSchema } from '../experiments/calibration-file.js';
import { ReportsManifestSchema } from '../publish/published-inputs.js';

const SCHEMAS = {
  'peru-mining': {
    schema: ScenarioSchema,
    title: 'ayni scenario',
    description:
      'A territory, its communities, mining projects, government, policies and exogenous inputs (see docs/model.md). With `extends`, a patch of its base.',
  },
  'epstein-civil-violence': {
    schema: CivilViolenceScenarioSchema,
    title: 'ayni scenario: Epstein civil violence',
    description:
      "Epstein's (2002) civil violence model: citizens and cops on a torus (see docs/reference-epstein.md). With `extends`, a patch of its base.",
  },
} as const;

export type SchemaModel = keyof typeof SCHEMAS;
/** What a generated schema describes: a scenario of a model, a reform overlay, or a hypothesis file. */
export type SchemaKind = 'scenario' | 'overlay' | 'hypothesis' | 'design' | 'calibration' | 'reports';

type Json = Record<string, unknown>;
const DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** Keys that make a file a full scenario rather than an overlay (as in loadVariantFrom). */
const NOT_IN_OVERLAYS = ['extends', 'territory', 'model'];

function generated(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

const isObjectSchema = (s: Json): boolean => s['type'] === 'object';

/**
 * The patch form of a schema: objects lose `required` all the way down through nested
 * objects and records, but not inside arrays (an array replaces the base's whole); every
 * value may also be null (deletes the key); a oneOf becomes anyOf, since a partial object
 * may match more than one branch.
 */
function patchSchema(schema: Json): Json {
  const branches = schema['oneOf'] ?? schema['anyOf'];
  if (Array.isArray(branches)) {
    const { oneOf: _one, anyOf: _any, ...rest } = schema;
    return { ...rest, anyOf: (branches as Json[]).map(patchSchema) };
  }
  if (!isObjectSchema(schema)) return schema;
  const { required: _required, ...rest } = schema;
  const out: Json = { ...rest };
  const properties = schema['properties'] as Record<string, Json> | undefined;
  if (properties) {
    out['properties'] = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, deletable(patchSchema(value))]));
  }
  const additional = schema['additionalProperties'];
  if (typeof additional === 'object' && additional !== null) out['additionalProperties'] = deletable(patchSchema(additional as Json));
  return out;
}

/** A value that may also be null, which deletes the key from the base. The description stays on top, for hovers. */
function deletable(schema: Json): Json {
  const { description, default: _default, ...rest } = schema;
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [rest, { type: 'null', description: 'null deletes this key from the base' }],
  };
}

/** A scenario schema: the full form, or the patch form when the file has `extends`. */
function scenarioSchema(model: SchemaModel): Json {
  const { schema, title, description } = SCHEMAS[model];
  const full = generated(schema);
  return {
    $schema: DIALECT,
    title,
    description,
    type: 'object',
    if: { type: 'object', properties: { extends: {} }, required: ['extends'] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a thenable
    then: patchSchema(full),
    else: full,
  };
}

/** The schema of a reform overlay: a patch without extends, territory or model, applied onto a base. */
function overlaySchema(): Json {
  const patch = patchSchema(generated(ScenarioSchema));
  const properties = { ...(patch['properties'] as Record<string, Json>) };
  for (const key of NOT_IN_OVERLAYS) delete properties[key];
  return {
    $schema: DIALECT,
    title: 'ayni reform overlay',
    description:
      'A patch applied onto a base scenario by ayni compare and ayni test (and checked onto the default base by ayni validate): objects merge, arrays replace, null deletes a key. A file with territory, extends or model is a full scenario instead (scenario.schema.json).',
    ...patch,
    properties,
  };
}

function hypothesisSchema(): Json {
  return {
    $schema: DIALECT,
    title: 'ayni hypothesis',
    description:
      'A pre-registered hypothesis: two arms, the primary outcome, the expected direction, the smallest effect that matters and the decision rule (ayni test).',
    ...generated(HypothesisSchema),
  };
}

function designSchema(): Json {
  return {
    $schema: DIALECT,
    title: 'ayni design',
    description:
      'A design of experiments over scenario fields: the base scenario, the kind of design (factorial, lhs, sobol, morris), the factors with their ranges or levels, replications per point, outputs and seed (ayni experiment).',
    ...generated(DesignFileSchema),
  };
}

function calibrationSchema(): Json {
  return {
    $schema: DIALECT,
    title: 'ayni calibration',
    description:
      'A calibration by ABC-SMC: the base scenario, the parameters with uniform priors, the targets (outcomes and observed values), the distance and the sampler settings (ayni calibrate).',
    ...generated(CalibrationFileSchema),
  };
}

function reportsSchema(): Json {
  return {
    $schema: DIALECT,
    title: 'ayni published reports',
    description:
      'The list of published reports (reports/reports.yaml): for each, a comparison of a base with variants or a hypothesis test, its runs, seed and languages (npm run reports).',
    ...generated(ReportsManifestSchema),
  };
}

export function scenarioJsonSchema(model: SchemaModel = 'peru-mining', kind: SchemaKind = 'scenario'): Json {
  if (kind === 'overlay') return overlaySchema();
  if (kind === 'reports') return reportsSchema();
  if (kind === 'hypothesis') return hypothesisSchema();
  if (kind === 'design') return designSchema();
  if (kind === 'calibration') return calibrationSchema();
  return scenarioSchema(model);
}

/** The committed file's text: stable key order and a final newline. */
export function scenarioJsonSchemaText(model: SchemaModel = 'peru-mining', kind: SchemaKind = 'scenario'): string {
  return `${JSON.stringify(scenarioJsonSchema(model, kind), null, 2)}\n`;
}
