/**
 * The civil violence model's numeric parameters as one table: default, range, unit and
 * source. The schema (schema.ts) stays the validator; a test checks that this table's
 * defaults and ranges are the schema's. Pure data.
 */
import { type ParameterTable, parameter } from '../../engine/model.js';

const EPSTEIN = 'Epstein (2002), Model I';
const ASSUMPTION = 'assumption';

const p = parameter;

/** By each parameter's path in a scenario file. */
export const CIVIL_VIOLENCE_PARAMETERS: ParameterTable = {
  steps: p(200, 1, 100_000, 'steps', ASSUMPTION, 'Steps of a run.'),
  'grid.width': p(40, 2, 1000, 'cells', EPSTEIN, 'Width of the torus.'),
  'grid.height': p(40, 2, 1000, 'cells', EPSTEIN, 'Height of the torus.'),
  citizenDensity: p(0.7, 0, 1, 'share of cells', EPSTEIN, 'Citizens as a share of cells.'),
  'copDensity.initial': p(0.074, 0, 1, 'share of cells', EPSTEIN, 'Cops as a share of cells at the first step.'),
  'legitimacy.initial': p(0.8, 0, 1, 'L (0–1)', EPSTEIN, 'Legitimacy L of the regime at the first step (grievance G = H·(1 − L)).'),
  'vision.citizens': p(7, 0, 20, 'cells', EPSTEIN, 'Radius that citizens inspect.'),
  'vision.cops': p(7, 0, 20, 'cells', EPSTEIN, 'Radius that cops inspect.'),
  'arrestProbability.k': p(2.3, 0, 100, 'k', EPSTEIN, 'Constant k of the estimated arrest probability P = 1 − exp(−k·⌊C/A⌋).'),
  threshold: p(0.1, 0, 1, 'T', EPSTEIN, 'T: a citizen is active iff G − R·P > T.'),
  maxJailTerm: p(1000, 0, 1_000_000, 'steps', EPSTEIN, 'J_max: jail terms are uniform integers in 0..J_max steps.'),
  outburstThreshold: p(
    50,
    0,
    Number.MAX_SAFE_INTEGER,
    'citizens',
    ASSUMPTION,
    'An outburst is a run of steps with more active citizens than this.',
  ),
};
