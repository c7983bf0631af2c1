/**
 * A toy stochastic model with a known calibration answer: the mean and the standard
 * deviation of n draws from N(μ, σ²). With a uniform prior on μ and the sample mean as the
 * summary, the exact posterior of μ is N(x̄, σ²/n) truncated to the prior, so a calibration
 * (`ayni calibrate`) can be checked against it and its intervals' coverage counted over
 * repeated trials. Registered like any model so that the check runs through the same batch
 * engine as the simulations. Pure: draws come from the stream of the run's seed.
 */
import { z } from 'zod';
import { defineModel, parameter, type CompiledModel, type ParameterTable } from '../../engine/model.js';
import { fail, ok, type InputIssue, type Result } from '../../engine/result.js';
import { normal, seededStream } from '../../engine/streams.js';
import { forbiddenKeyIssues } from '../../scenario/keys.js';
import { LabelSchema } from '../../scenario/label.js';
import { fromZodIssue } from '../peru-mining/validate.js';

const NORMAL_MEAN = 'normal-mean';

const NormalMeanScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.string().optional(),
  model: z.literal(NORMAL_MEAN),
  name: z.string().min(1),
  label: LabelSchema.optional(),
  description: z.string().default(''),
  mu: z.number().min(-100).max(100).default(0).describe('Mean μ of the draws.'),
  sigma: z.number().positive().max(100).default(1).describe('Standard deviation σ of the draws.'),
  observations: z.number().int().min(2).max(100_000).default(10).describe('Draws n per run.'),
});

export type NormalMeanScenario = z.output<typeof NormalMeanScenarioSchema>;

const SOURCE = 'test model: a normal sample (known posterior)';

const NORMAL_MEAN_PARAMETERS: ParameterTable = {
  mu: parameter(0, -100, 100, 'x', SOURCE, 'Mean μ of the draws.', [-5, 5]),
  sigma: parameter(1, 0.01, 100, 'x', SOURCE, 'Standard deviation σ of the draws.', [0.1, 5]),
};

function parseNormalMeanScenario(document: unknown, file = ''): Result<NormalMeanScenario, InputIssue[]> {
  const forbidden = forbiddenKeyIssues(document, file);
  if (forbidden.length > 0) return fail(forbidden);
  const parsed = NormalMeanScenarioSchema.safeParse(document);
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => fromZodIssue(issue, file, NormalMeanScenarioSchema)));
  return ok(parsed.data);
}

/** Stream key of a run's draws: fixed for good. */
const streamKey = (seed: number) => `ayni/${seed}/normal-mean.draws`;

function compileNormalMean(scenario: NormalMeanScenario): CompiledModel {
  const { mu, sigma, observations: n } = scenario;
  return {
    model: NORMAL_MEAN,
    steps: 1,
    firstMonth: null,
    seriesNames: ['mean'],
    outcomeNames: ['mean', 'sd'],
    costUnits: n,
    run: (seed) => {
      const rng = seededStream(streamKey(seed));
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const x = mu + sigma * normal(rng);
        sum += x;
        squares += x * x;
      }
      const mean = sum / n;
      const sd = Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)));
      return { seed, series: Float64Array.of(mean), outcomes: Float64Array.of(mean, sd), events: null };
    },
  };
}

export const normalMeanModel = defineModel<NormalMeanScenario>({
  id: NORMAL_MEAN,
  schema: NormalMeanScenarioSchema,
  parse: parseNormalMeanScenario,
  compile: compileNormalMean,
  parameters: NORMAL_MEAN_PARAMETERS,
  outcomes: [
    {
      name: 'mean',
      better: 'neutral',
      unit: 'x',
      format: 'two-decimals',
      label: { en: 'sample mean', es: 'media muestral' },
      runLabel: { en: 'mean', es: 'media' },
    },
    {
      name: 'sd',
      better: 'neutral',
      unit: 'x',
      format: 'two-decimals',
      label: { en: 'sample standard deviation', es: 'desviación típica muestral' },
      runLabel: { en: 'sd', es: 'dt' },
    },
  ],
  defaultOutcomes: ['mean', 'sd'],
  summary: ['mean', 'sd'],
});
