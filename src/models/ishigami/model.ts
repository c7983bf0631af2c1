/**
 * The Ishigami function as a model (Ishigami & Homma 1990; Saltelli et al. 2008, The Primer):
 * y = sin x1 + a sin² x2 + b x3⁴ sin x1, one step; with `noise` σ > 0, y + σ Z for a standard
 * normal Z drawn from the run's seed (stream ayni/<seed>/ishigami.noise), so that the seed as a
 * factor and the replicate noise floor can be checked against known noise (σ = 0: no
 * randomness, the seed is ignored). Registered like any model so
 * that designs and sensitivity analyses run through the same batch engine as the simulations,
 * and their answers can be checked against the function's analytic indices
 * (stats/test-functions.ts). Pure.
 */
import { z } from 'zod';
import { defineModel, parameter, type CompiledModel, type ParameterTable } from '../../engine/model.js';
import { fail, ok, type InputIssue, type Result } from '../../engine/result.js';
import { normal, seededStream } from '../../engine/streams.js';
import { forbiddenKeyIssues } from '../../scenario/keys.js';
import { LabelSchema } from '../../scenario/label.js';
import { ISHIGAMI_A, ISHIGAMI_B, ishigami } from '../../stats/test-functions.js';
import { fromZodIssue } from '../peru-mining/validate.js';

const ISHIGAMI = 'ishigami';

const X = z.number().min(-Math.PI).max(Math.PI);

const IshigamiScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.string().optional(),
  model: z.literal(ISHIGAMI),
  name: z.string().min(1),
  label: LabelSchema.optional(),
  description: z.string().default(''),
  x1: X.default(0).describe('Input x1, in [−π, π].'),
  x2: X.default(0).describe('Input x2, in [−π, π].'),
  x3: X.default(0).describe('Input x3, in [−π, π].'),
  a: z.number().default(ISHIGAMI_A).describe('Constant a (7 in the Primer).'),
  b: z.number().default(ISHIGAMI_B).describe('Constant b (0.1 in the Primer).'),
  noise: z.number().min(0).default(0).describe('σ of Gaussian noise added to y, drawn from the run seed (0: none).'),
});

export type IshigamiScenario = z.output<typeof IshigamiScenarioSchema>;

const SOURCE = 'Ishigami & Homma 1990 (x uniform on [−π, π]); Saltelli et al. 2008';

const ISHIGAMI_PARAMETERS: ParameterTable = {
  // The function's inputs are uniform on their whole range: that is the range to explore.
  x1: parameter(0, -Math.PI, Math.PI, 'x', SOURCE, 'Input x1.', [-Math.PI, Math.PI]),
  x2: parameter(0, -Math.PI, Math.PI, 'x', SOURCE, 'Input x2.', [-Math.PI, Math.PI]),
  x3: parameter(0, -Math.PI, Math.PI, 'x', SOURCE, 'Input x3.', [-Math.PI, Math.PI]),
};

function parseIshigamiScenario(document: unknown, file = ''): Result<IshigamiScenario, InputIssue[]> {
  const forbidden = forbiddenKeyIssues(document, file);
  if (forbidden.length > 0) return fail(forbidden);
  const parsed = IshigamiScenarioSchema.safeParse(document);
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => fromZodIssue(issue, file, IshigamiScenarioSchema)));
  return ok(parsed.data);
}

function compileIshigami(scenario: IshigamiScenario): CompiledModel {
  const y = ishigami([scenario.x1, scenario.x2, scenario.x3], scenario.a, scenario.b);
  return {
    model: ISHIGAMI,
    steps: 1,
    firstMonth: null,
    seriesNames: ['y'],
    outcomeNames: ['y'],
    costUnits: 1,
    run: (seed) => {
      const value = scenario.noise === 0 ? y : y + scenario.noise * normal(seededStream(`ayni/${seed}/ishigami.noise`));
      return { seed, series: Float64Array.of(value), outcomes: Float64Array.of(value), events: null };
    },
  };
}

export const ishigamiModel = defineModel<IshigamiScenario>({
  id: ISHIGAMI,
  schema: IshigamiScenarioSchema,
  parse: parseIshigamiScenario,
  compile: compileIshigami,
  parameters: ISHIGAMI_PARAMETERS,
  outcomes: [
    {
      name: 'y',
      better: 'neutral',
      unit: 'y',
      format: 'two-decimals',
      label: { en: 'Ishigami function value', es: 'valor de la función de Ishigami' },
      runLabel: { en: 'y', es: 'y' },
    },
  ],
  defaultOutcomes: ['y'],
  summary: ['y'],
});
