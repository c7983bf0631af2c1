/**
 * Scenario schema of the civil violence model: Epstein (2002), "Modeling civil violence: an
 * agent-based computational approach", PNAS 99 suppl. 3, Model I (citizens and cops on a
 * torus). Defaults are the common "defaults" set (density 0.7, cops 0.074, vision 7,
 * L 0.8, J_max 1000, k 2.3, T 0.1). Pure; no I/O.
 */
import { z } from 'zod';
import { LabelSchema } from '../../scenario/label.js';

export const CIVIL_VIOLENCE = 'epstein-civil-violence';

/**
 * A change of a scheduled quantity: a jump to `to` at step `start`, or, with `end`, a
 * linear ramp from the value at `start` to `to` at `end`.
 */
const ChangeSchema = z.strictObject({
  start: z.number().int().min(0).max(1_000_000).describe('First step (1-based) of the change.'),
  end: z.number().int().min(0).max(1_000_000).optional().describe('Last step of a ramp; omit for a jump.'),
  to: z.number().min(0).max(1),
});

function schedule(initial: number, what: string) {
  return z
    .strictObject({
      initial: z.number().min(0).max(1).default(initial),
      changes: z.array(ChangeSchema).max(1000).default([]).describe('Jumps and ramps, in order of start step.'),
    })
    .prefault({})
    .describe(what);
}

const Vision = z.number().min(0).max(20);

export const CivilViolenceScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.string().optional(),
  model: z.literal(CIVIL_VIOLENCE),
  name: z.string().min(1),
  label: LabelSchema.optional(),
  description: z.string().default(''),
  sources: z.array(z.string()).default([]),
  steps: z.number().int().min(1).max(100_000).default(200),
  grid: z
    .strictObject({ width: z.number().int().min(2).max(1000).default(40), height: z.number().int().min(2).max(1000).default(40) })
    .prefault({})
    .describe('A torus of width × height cells; one agent per cell.'),
  citizenDensity: z.number().min(0).max(1).default(0.7).describe('Citizens as a share of cells.'),
  copDensity: schedule(0.074, 'Cops as a share of cells, with optional changes (cops are removed or added at random).'),
  legitimacy: schedule(0.8, 'Legitimacy L of the regime, with optional changes (grievance G = H·(1 − L)).'),
  vision: z
    .strictObject({ citizens: Vision.default(7), cops: Vision.default(7) })
    .prefault({})
    .describe('Radius, in cells, that citizens and cops inspect.'),
  neighbourhood: z
    .enum(['euclidean', 'moore', 'von-neumann'])
    .default('euclidean')
    .describe('Cells within vision: Euclidean distance ≤ v (NetLogo Rebellion), Chebyshev ≤ v (Mesa), or Manhattan ≤ v.'),
  arrestProbability: z
    .strictObject({
      form: z
        .enum(['floor', 'continuous'])
        .default('floor')
        .describe('P = 1 − exp(−k·⌊C/A⌋) (floor) or 1 − exp(−k·C/A) (continuous); A counts the citizen itself.'),
      k: z.number().min(0).max(100).default(2.3),
    })
    .prefault({}),
  threshold: z.number().min(0).max(1).default(0.1).describe('T: a citizen is active iff G − R·P > T.'),
  maxJailTerm: z.number().int().min(0).max(1_000_000).default(1000).describe('J_max: jail terms are uniform integers in 0..J_max steps.'),
  movement: z.boolean().default(true).describe('Agents move to a random empty cell within vision each step.'),
  outburstThreshold: z.number().int().min(0).default(50).describe('An outburst is a run of steps with more active citizens than this.'),
});

export type CivilViolenceScenario = z.output<typeof CivilViolenceScenarioSchema>;
export type CivilViolenceScenarioInput = z.input<typeof CivilViolenceScenarioSchema>;
export type Schedule = CivilViolenceScenario['legitimacy'];

/**
 * Checks that span fields: schedules in order, room on the grid. Changes may reach past the
 * last step (a run shortened with --steps simply stops before them).
 */
export function checkCivilViolence(s: CivilViolenceScenario): Array<{ path: Array<string | number>; message: string }> {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  for (const key of ['copDensity', 'legitimacy'] as const) {
    let previousEnd = 0;
    s[key].changes.forEach((c, i) => {
      const at = [key, 'changes', i];
      if (c.start < 1) issues.push({ path: [...at, 'start'], message: 'steps are numbered from 1' });
      if (c.end !== undefined && c.end < c.start)
        issues.push({ path: [...at, 'end'], message: `a ramp must end at or after its start (${c.start})` });
      if (c.start <= previousEnd) issues.push({ path: [...at, 'start'], message: 'changes must be in order and must not overlap' });
      previousEnd = c.end ?? c.start;
    });
  }
  const cells = s.grid.width * s.grid.height;
  const maxCops = Math.max(s.copDensity.initial, ...s.copDensity.changes.map((c) => c.to));
  if (Math.round(s.citizenDensity * cells) + Math.round(maxCops * cells) >= cells) {
    issues.push({ path: ['citizenDensity'], message: 'citizens and cops must leave at least one empty cell (density + cop density < 1)' });
  }
  return issues;
}

/** The value of a schedule at a step (1-based): jumps apply from their start, ramps are linear. */
export function scheduleValue(schedule: Schedule, step: number): number {
  let value = schedule.initial;
  for (const change of schedule.changes) {
    if (step < change.start) break;
    const end = change.end ?? change.start;
    if (step >= end) {
      value = change.to;
      continue;
    }
    // Inside a ramp: linear from the value held before it to `to` at `end`.
    const from = value;
    value = from + ((change.to - from) * (step - change.start + 1)) / (end - change.start + 1);
  }
  return value;
}
