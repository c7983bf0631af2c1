/**
 * Hypothesis files (`hypotheses/*.yaml`) and their verdicts, pre-registration style: the
 * statement, the arms, the primary outcome, the expected direction, the smallest effect that
 * matters and the decision rule are all fixed in the file before anything runs.
 *
 * Rules (d = variant − base of the primary outcome, CI its paired 95% interval, δ the
 * smallest effect that matters, signs turned so that "expected" is positive):
 * - `smallest-effect` (default): supported if the whole CI is beyond δ in the expected
 *   direction; contradicted if the whole CI is short of δ (the effect is smaller than what
 *   matters, or goes the other way); inconclusive if the CI straddles δ.
 * - `excludes-zero`: supported if the whole CI is on the expected side of 0; contradicted if
 *   the whole CI is on the other side; inconclusive otherwise.
 */
import { z } from 'zod';
import { LocalizedTextSchema } from '../scenario/label.js';
import { MODELS } from '../models/registry.js';
import type { Comparison, OutcomeComparison } from './compare.js';
import { MAX_ARM_RUNS } from './limits.js';
import { baseSamplesSchema } from './design-file.js';

/** Outcomes of every registered model; the comparison checks them against the scenarios' own model. */
const KNOWN_OUTCOMES = [...new Set(MODELS.flatMap((m) => m.describe().outcomeNames))] as [string, ...string[]];

/** Defaults of `robustness:` (hypothesis-robustness.ts runs it). */
const ROBUSTNESS_DEFAULTS = { points: 64, replications: 100 } as const;

/**
 * `robustness:` of a hypothesis file: the assumptions to vary over their plausible ranges (the
 * parameter table's explore ranges), a design over them, and paired runs per design point.
 */
const RobustnessSchema = z.strictObject({
  assumptions: z
    .array(z.string().min(1))
    .min(1)
    .max(500)
    .optional()
    .describe(
      'Parameter paths to vary, e.g. parameters.conflict.crisisRate (default: every parameter of the base\'s model whose source says "assumption", except those the variant sets).',
    ),
  design: z
    .discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('lhs'),
        points: z.number().int().min(2).max(100_000).default(ROBUSTNESS_DEFAULTS.points).describe('Points of the Latin hypercube.'),
      }),
      z.strictObject({
        kind: z.literal('sobol'),
        baseSamples: baseSamplesSchema(2 ** 16).describe('N: a Saltelli design of N(k + 2) points over the k assumptions.'),
      }),
    ])
    .default({ kind: 'lhs', points: ROBUSTNESS_DEFAULTS.points })
    .describe('The design over the assumptions: lhs (default, 64 points) or sobol.'),
  replications: z
    .number()
    .int()
    .min(2)
    .max(MAX_ARM_RUNS)
    .default(ROBUSTNESS_DEFAULTS.replications)
    .describe('Paired runs per design point (replicate j of every point and of both arms has the same seed).'),
  seed: z.number().int().min(0).optional().describe("Seed of the design and of the runs (default: the hypothesis's seed)."),
});
export type RobustnessSpec = z.output<typeof RobustnessSchema>;

export const HypothesisSchema = z
  .strictObject({
    $schema: z.string().optional(),
    statement: LocalizedTextSchema.describe('The claim, in one language or as {es, en} (shown in the language of --lang).'),
    label: LocalizedTextSchema.optional().describe('A short name of the hypothesis for report titles: one text, or {es, en}.'),
    source: z.string().default('').describe('Where the claim comes from.'),
    base: z.string().min(1).describe('Base scenario, relative to this file.'),
    variant: z.string().min(1).describe('Variant scenario or overlay, relative to this file.'),
    primary: z.enum(KNOWN_OUTCOMES),
    secondary: z.array(z.enum(KNOWN_OUTCOMES)).default([]),
    expect: z.enum(['lower', 'higher']).describe("Expected direction of the variant's primary outcome relative to the base."),
    smallestEffect: z.number().min(0).describe('Smallest difference of the primary outcome that matters, in its units.'),
    rule: z.enum(['smallest-effect', 'excludes-zero']).default('smallest-effect'),
    seed: z.number().int().min(0).default(1),
    runs: z.number().int().min(2).max(MAX_ARM_RUNS).default(400).describe('Runs per arm (the first precision step).'),
    precision: z
      .strictObject({ halfWidth: z.number().positive(), maxRuns: z.number().int().min(2).max(MAX_ARM_RUNS) })
      .optional()
      .describe('Add runs until the primary 95% CI half-width is at most halfWidth (or maxRuns).'),
    robustness: RobustnessSchema.optional().describe(
      'Also test the rule over the plausible assumption space: the share of design points where it is supported, contradicted or inconclusive.',
    ),
  })
  .check((ctx) => {
    const { runs, precision } = ctx.value;
    if (precision !== undefined && precision.maxRuns < runs) {
      ctx.issues.push({
        code: 'custom',
        input: precision.maxRuns,
        path: ['precision', 'maxRuns'],
        message: `is below runs (${runs}); runs grow from runs up to maxRuns`,
      });
    }
  });
export type Hypothesis = z.output<typeof HypothesisSchema>;

export type Verdict = 'supported' | 'contradicted' | 'inconclusive';

/**
 * Why the rule gave its verdict, as data (report/verdict-reason.ts words it): no interval;
 * the whole interval beyond the bound in the expected direction; short of the smallest
 * effect; on the other side of zero; straddling the bound.
 */
export type VerdictBasis = 'no-interval' | 'beyond' | 'short-of' | 'other-side' | 'straddles';

export interface HypothesisResult {
  readonly hypothesis: Hypothesis;
  readonly verdict: Verdict;
  readonly basis: VerdictBasis;
  readonly primary: OutcomeComparison;
  readonly comparison: Comparison;
}

/** The parts of a hypothesis its rule reads. */
export type DecisionRule = Pick<Hypothesis, 'expect' | 'rule' | 'smallestEffect'>;

/** Applies the pre-registered rule to the primary outcome's paired interval. */
export function decide(h: DecisionRule, primary: OutcomeComparison): { verdict: Verdict; basis: VerdictBasis } {
  return decideInterval(h, primary.difference.ci95.low, primary.difference.ci95.high);
}

/** The rule on a paired interval [low, high] of variant − base. */
export function decideInterval(h: DecisionRule, low: number, high: number): { verdict: Verdict; basis: VerdictBasis } {
  const sign = h.expect === 'lower' ? -1 : 1;
  // Expected-direction interval: positive means the variant moved the way the statement says.
  const lo = Math.min(sign * low, sign * high);
  const hi = Math.max(sign * low, sign * high);
  const threshold = h.rule === 'smallest-effect' ? h.smallestEffect : 0;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { verdict: 'inconclusive', basis: 'no-interval' };
  if (lo > threshold) return { verdict: 'supported', basis: 'beyond' };
  if (h.rule === 'smallest-effect' ? hi < threshold : hi < 0)
    return { verdict: 'contradicted', basis: h.rule === 'smallest-effect' ? 'short-of' : 'other-side' };
  return { verdict: 'inconclusive', basis: 'straddles' };
}
