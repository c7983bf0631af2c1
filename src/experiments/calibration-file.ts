/**
 * Calibration files (`ayni calibrate <calibration.yaml>`): a base scenario, the parameters to
 * calibrate (scenario paths with uniform priors; by default the range the model's parameter
 * table gives, as for a design's factors), the targets (an outcome of the model and its
 * observed value, with an optional scale), the distance, and the ABC-SMC settings. Loading
 * checks everything it can before a run: the file's fields, the scenario, both ends of each
 * prior applied to the scenario, and the targets' outcomes. Problems come back with the file
 * and the field path.
 */
import { z } from 'zod';
import { fail, ok, type InputIssue, type Result } from '../engine/result.js';
import { describeModel } from '../models/registry.js';
import type { LoadedScenario } from '../io/scenario-file.js';
import { SEED_FACTOR } from '../batch/design.js';
import { factorValueIssues, rangedFactor, readFileWithScenario, type ResolvedFactor } from './design-file.js';

const PriorSchema = z.strictObject({
  path: z.string().min(1).describe('A scenario field, e.g. parameters.conflict.emergeRate.'),
  range: z
    .tuple([z.number(), z.number()])
    .refine(([lo, hi]) => lo < hi, { message: 'a range [low, high] needs low < high' })
    .optional()
    .describe('The uniform prior [low, high]; default: the model parameter table\'s "explore" range, else ½–1½ × its default.'),
});

const TargetSchema = z.strictObject({
  outcome: z.string().min(1).describe("An outcome of the scenario's model: the summary statistic of one run."),
  value: z.number().describe('The observed value the runs should reproduce.'),
  scale: z
    .number()
    .positive()
    .optional()
    .describe("What one unit of distance is for this target; default: the summary's median absolute deviation over the first generation."),
  label: z.string().optional().describe('Where the value comes from (shown in the diagnostics).'),
});

export const CalibrationFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().default(''),
  scenario: z.string().min(1).describe('The base scenario, relative to this file.'),
  parameters: z.array(PriorSchema).min(1).max(100),
  targets: z.array(TargetSchema).min(1).max(100),
  distance: z
    .enum(['euclidean', 'manhattan', 'maximum'])
    .default('euclidean')
    .describe('Of the scaled differences between simulated and observed summaries.'),
  particles: z.number().int().min(4).max(1_000_000).default(1000).describe('N: particles simulated in the first generation.'),
  alpha: z.number().gt(0).lt(1).default(0.5).describe('Share α of the particles kept each generation (Lenormand et al. 2013).'),
  minAcceptance: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.05)
    .describe("Stop when the share of a generation's new particles that beat the last tolerance falls to this."),
  maxGenerations: z.number().int().min(1).max(1000).default(30),
  maxSimulations: z.number().int().min(1).max(100_000_000).optional().describe('Stop before a generation that would exceed this.'),
  predictive: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(200)
    .describe('Runs of the posterior predictive check: particles drawn by weight, each run with a fresh seed (0: no check).'),
  credibleLevel: z.number().gt(0).lt(1).default(0.95),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
});

export type CalibrationFile = z.output<typeof CalibrationFileSchema>;

export interface LoadedCalibration {
  readonly file: string;
  readonly spec: CalibrationFile;
  readonly base: LoadedScenario;
  /** The calibrated parameters with their prior ranges. */
  readonly priors: readonly (ResolvedFactor & { readonly range: readonly [number, number] })[];
}

/** Settings a command line may change without editing the file (a reduced check of a calibration). */
export type CalibrationSettings = Partial<Pick<CalibrationFile, 'particles' | 'maxSimulations' | 'maxGenerations' | 'predictive'>>;

export function loadCalibrationFile(file: string, settings: CalibrationSettings = {}): Result<LoadedCalibration, InputIssue[]> {
  const read = readFileWithScenario(file, CalibrationFileSchema);
  if (!read.success) return read;
  const { base, modelId, table } = read.data;
  const spec = { ...read.data.spec, ...settings };
  const issues: InputIssue[] = [];
  const priors = spec.parameters.flatMap((p, i) => {
    if (p.path === SEED_FACTOR) {
      issues.push({
        file,
        path: ['parameters', String(i), 'path'],
        message: 'the seed is not a parameter to calibrate: every particle runs with its own seed',
      });
      return [];
    }
    if (spec.parameters.findIndex((q) => q.path === p.path) !== i) {
      issues.push({ file, path: ['parameters', String(i), 'path'], message: `${p.path} is calibrated twice` });
      return [];
    }
    const resolved = rangedFactor(file, modelId, table, p, ['parameters', String(i)]);
    if (!resolved.success) issues.push(resolved.error);
    return resolved.success ? [{ ...resolved.data, range: resolved.data.range! }] : [];
  });
  if (issues.length > 0) return fail(issues);
  issues.push(...factorValueIssues(file, base.scenario, priors, 'parameters'));
  const model = describeModel(modelId);
  spec.targets.forEach((t, i) => {
    if (!model.outcomeNames.includes(t.outcome))
      issues.push({
        file,
        path: ['targets', String(i), 'outcome'],
        message: `${t.outcome} is not an outcome of model ${modelId}; known: ${model.outcomeNames.join(', ')}`,
      });
  });
  const keep = Math.floor(spec.alpha * spec.particles);
  if (keep < 2 || keep >= spec.particles)
    issues.push({
      file,
      path: ['alpha'],
      message: `keeps ${keep} of ${spec.particles} particles a generation; it must keep between 2 and ${spec.particles - 1}`,
    });
  if (issues.length > 0) return fail(issues);
  return ok({ file, spec, base, priors });
}
