/**
 * Design files (`ayni experiment <design.yaml>`): a base scenario, a kind of design, the factors
 * (scenario paths with a range or levels; by default the range comes from the model's parameter
 * table: the "explore a–b" range its source gives, else ½–1½ × its default), replications per point
 * (common random numbers: replicate j of every point has the same seed), outputs and a seed.
 * Loading checks everything it can before a run: the file's fields, the scenario, each factor's
 * path and both ends of its range applied to the scenario, and the outputs. Problems come back
 * with the file and the field path.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { exploreRange, type ParameterSpec } from '../engine/model.js';
import { describeModel, modelById, modelOf, type AnyScenario } from '../models/registry.js';
import { readSchemaFile } from '../io/schema-file.js';
import { loadScenario, rootIssue, scenarioRoot, type LoadedScenario } from '../io/scenario-file.js';
import { SEED_FACTOR, SEED_VALUES, scenarioAtPoint, seedValue, type FactorValue } from '../batch/design.js';

const Level = z.union([z.number(), z.string().min(1), z.boolean()]);

const FactorSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .describe(
        'A scenario field, e.g. parameters.conflict.crisisRate or policies.dialogue.timing; or seed: the random numbers as a factor (range default [0, 2^31 − 1], or whole-number levels).',
      ),
    range: z
      .tuple([z.number(), z.number()])
      .refine(([lo, hi]) => lo < hi, { message: 'a range [low, high] needs low < high' })
      .optional()
      .describe(
        '[low, high], sampled uniformly; default: the model parameter table\'s "explore" range, else ½–1½ × its default (inside its bounds).',
      ),
    levels: z.array(Level).min(1).max(1000).optional().describe('Values to take, in a factorial design (numbers, or words such as early).'),
  })
  .refine((f) => f.range === undefined || f.levels === undefined, { message: 'give range or levels, not both' });

const isPowerOfTwo = (n: number) => Number.isInteger(Math.log2(n));

/** The base sample N of a Saltelli design: a power of 2 up to `max`. */
export const baseSamplesSchema = (max: number) =>
  z
    .number()
    .int()
    .min(2)
    .max(max)
    .refine(isPowerOfTwo, { message: 'the base sample N must be a power of 2 (the Sobol sequence is balanced at powers of 2)' });

const DesignSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('factorial'),
    levels: z.number().int().min(2).max(1000).default(3).describe('Evenly spaced levels of each factor given by a range.'),
  }),
  z.strictObject({ kind: z.literal('lhs'), points: z.number().int().min(2).max(10_000_000).describe('Points of the Latin hypercube.') }),
  z.strictObject({
    kind: z.literal('sobol'),
    baseSamples: baseSamplesSchema(2 ** 24).describe(
      'N: the Saltelli design runs N(k + 2) points (first-order and total indices; second order is not estimated).',
    ),
  }),
  z.strictObject({
    kind: z.literal('morris'),
    trajectories: z.number().int().min(2).max(100_000).describe('r: trajectories of k + 1 points each.'),
    levels: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .refine((p) => p % 2 === 0, { message: 'Morris levels p must be even' })
      .default(4)
      .describe('p: levels of the grid.'),
  }),
]);

export const DesignFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().default(''),
  scenario: z.string().min(1).describe('The base scenario, relative to this file.'),
  design: DesignSchema,
  factors: z.array(FactorSchema).min(1).max(500),
  replications: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1)
    .describe('Runs per point; replicate j of every point has seed seedFor(seed, j) (common random numbers).'),
  contrast: z
    .strictObject({ path: z.string().min(1), base: Level, variant: Level })
    .optional()
    .describe(
      'A paired effect as the output: every point runs with path = base and path = variant, replicate j of both with the same seed, and the outputs analysed are variant − base.',
    ),
  outputs: z.array(z.string().min(1)).min(1).optional().describe("Outcomes analysed (default: the model's default outcomes)."),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  resamples: z.number().int().min(1).max(100_000).default(1000).describe('Bootstrap resamples of the sensitivity intervals.'),
});

export type DesignFile = z.output<typeof DesignFileSchema>;
export type DesignKind = DesignFile['design'];

/** A factor as it will be run: its path, and its range (sampled designs) or its levels. */
export interface ResolvedFactor {
  readonly path: string;
  readonly range?: readonly [number, number];
  readonly levels?: readonly FactorValue[];
  /** Where the range comes from: the file, or the parameter table; `seed` for the seed factor's default range. */
  readonly rangeFrom: 'file' | 'levels' | 'seed' | 'parameter table (explore range)' | 'parameter table (½–1½ × default)';
}

export interface LoadedDesign {
  readonly file: string;
  readonly spec: DesignFile;
  readonly base: LoadedScenario;
  readonly factors: readonly ResolvedFactor[];
  readonly outputs: readonly string[];
}

/** The range the parameter table gives a parameter to explore (engine/model.ts exploreRange). */
export function parameterRange(spec: ParameterSpec): { range: [number, number]; from: ResolvedFactor['rangeFrom'] } {
  const { range, from } = exploreRange(spec);
  return { range, from: from === 'source' ? 'parameter table (explore range)' : 'parameter table (½–1½ × default)' };
}

/** An input file that names a base scenario, read with that scenario and its model's parameter table. */
export interface FileWithScenario<T> {
  readonly spec: T;
  readonly base: LoadedScenario;
  readonly modelId: string;
  readonly table: Readonly<Record<string, ParameterSpec>>;
}

/**
 * Reads a design or calibration file and the scenario it names (relative to the file), both
 * confined like every input file when a scenario folder is set (AYNI_SCENARIO_ROOT).
 */
export function readFileWithScenario<T extends { readonly scenario: string }>(
  file: string,
  schema: z.ZodType<T>,
): Result<FileWithScenario<T>, InputIssue[]> {
  const root = scenarioRoot();
  const badRoot = rootIssue(root);
  if (badRoot) return fail([badRoot]);
  const read = readSchemaFile(file, schema, root === undefined ? {} : { root });
  if (!read.success) return read;
  const spec = read.data;
  const scenarioFile = isAbsolute(spec.scenario) ? spec.scenario : join(dirname(file), spec.scenario);
  if (!existsSync(scenarioFile)) return fail([{ file, path: ['scenario'], message: `scenario not found: ${scenarioFile}` }]);
  const base = loadScenario(scenarioFile);
  if (!base.success) return base;
  const modelId = modelOf(base.data.scenario);
  return ok({ spec, base: base.data, modelId, table: modelById(modelId)?.parameters ?? {} });
}

export function loadDesignFile(file: string): Result<LoadedDesign, InputIssue[]> {
  const read = readFileWithScenario(file, DesignFileSchema);
  if (!read.success) return read;
  const { spec, base, modelId, table } = read.data;
  const issues: InputIssue[] = [];
  const sampled = spec.design.kind !== 'factorial';
  const factors = spec.factors.flatMap((f, i): ResolvedFactor[] => {
    const at = ['factors', String(i)];
    if (spec.factors.findIndex((g) => g.path === f.path) !== i) {
      issues.push({ file, path: [...at, 'path'], message: `${f.path} is a factor twice` });
      return [];
    }
    if (f.levels !== undefined) {
      if (sampled) {
        issues.push({
          file,
          path: [...at, 'levels'],
          message: `a ${spec.design.kind} design samples ranges; levels are for factorial designs`,
        });
        return [];
      }
      return [{ path: f.path, levels: f.levels, rangeFrom: 'levels' }];
    }
    // The seed has no parameter-table row: its values are seed numbers, any of 2^31 will do.
    if (f.path === SEED_FACTOR && f.range === undefined) return [{ path: f.path, range: [0, SEED_VALUES - 1], rangeFrom: 'seed' }];
    const resolved = rangedFactor(file, modelId, table, f, at, sampled ? '' : ' or levels');
    if (!resolved.success) issues.push(resolved.error);
    return resolved.success ? [resolved.data] : [];
  });
  if (issues.length > 0) return fail(issues);
  issues.push(...factorValueIssues(file, base.scenario, factors, 'factors'));
  const { contrast } = spec;
  if (contrast !== undefined) {
    if (factors.some((f) => f.path === contrast.path))
      issues.push({ file, path: ['contrast', 'path'], message: `${contrast.path} is a factor too; the contrast's path must not be` });
    if (contrast.path === SEED_FACTOR)
      issues.push({ file, path: ['contrast', 'path'], message: 'the seed cannot be a contrast: both arms of a pair share their seed' });
    for (const arm of ['base', 'variant'] as const) {
      try {
        scenarioAtPoint(base.scenario, { factors: [contrast.path], points: [[contrast[arm]]], replications: 1 }, 0);
      } catch (e) {
        issues.push({
          file,
          path: ['contrast', arm],
          message: `${contrast.path} = ${String(contrast[arm])} is not a valid scenario: ${(e as Error).message.replace(/^design point 0: /, '')}`,
        });
      }
    }
  }
  if (issues.length > 0) return fail(issues);
  const model = describeModel(modelId);
  const outputs = spec.outputs ?? model.defaultOutcomes;
  const unknown = outputs.flatMap((o, i) => (model.outcomeNames.includes(o) ? [] : [i]));
  if (unknown.length > 0)
    return fail(
      unknown.map((i) => ({
        file,
        path: ['outputs', String(i)],
        message: `${outputs[i]} is not an outcome of model ${modelId}; known: ${model.outcomeNames.join(', ')}`,
      })),
    );
  return ok({ file, spec, base, factors, outputs });
}

/**
 * A factor given by its path and perhaps a range: the file's range, else the one the model's
 * parameter table gives (an issue at `at`.range when the path is not in the table).
 */
export function rangedFactor(
  file: string,
  modelId: string,
  table: Readonly<Record<string, ParameterSpec>>,
  f: { readonly path: string; readonly range?: readonly [number, number] | undefined },
  at: readonly string[],
  alternatives = '',
): Result<ResolvedFactor, InputIssue> {
  if (f.range !== undefined) return ok({ path: f.path, range: f.range, rangeFrom: 'file' });
  const row = table[f.path];
  if (row === undefined)
    return fail({
      file,
      path: [...at, 'range'],
      message: `${f.path} is not in model ${modelId}'s parameter table, so it has no default range: give range: [low, high]${alternatives}`,
    });
  const { range, from } = parameterRange(row);
  return ok({ path: f.path, range, rangeFrom: from });
}

/**
 * Each end of each range (each level) applied to the base scenario alone: a bad path or an
 * out-of-range value is refused before a run, not found in the middle of a design. Issues
 * name `field`.i and the range (levels) when the file gave it, else the path.
 */
export function factorValueIssues(file: string, scenario: AnyScenario, factors: readonly ResolvedFactor[], field: string): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const [i, f] of factors.entries()) {
    const values: FactorValue[] = f.levels !== undefined ? [...f.levels] : [f.range![0], f.range![1]];
    if (f.path === SEED_FACTOR) {
      const bad = seedIssue(f, values);
      if (bad !== undefined) issues.push({ file, path: [field, String(i), f.levels !== undefined ? 'levels' : 'range'], message: bad });
      continue;
    }
    for (const value of values) {
      try {
        scenarioAtPoint(scenario, { factors: [f.path], points: [[value]], replications: 1 }, 0);
      } catch (e) {
        const key = f.levels !== undefined ? 'levels' : 'range';
        issues.push({
          file,
          path: [field, String(i), f.rangeFrom === 'file' || f.levels !== undefined ? key : 'path'],
          message: `${f.path} = ${String(value)} is not a valid scenario: ${(e as Error).message.replace(/^design point 0: /, '')}`,
        });
        break;
      }
    }
  }
  return issues;
}

/** Why a seed factor's levels or range are refused, if they are: levels are whole numbers, all in [0, 2^31). */
function seedIssue(f: ResolvedFactor, values: readonly FactorValue[]): string | undefined {
  const fractional = values.find((v) => f.levels !== undefined && !Number.isInteger(v));
  if (fractional !== undefined) return `seed levels are whole numbers, got ${String(fractional)}`;
  try {
    values.forEach(seedValue);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
