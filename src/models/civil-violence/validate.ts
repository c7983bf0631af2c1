/**
 * Validation of a civil violence scenario: zod's safeParse, then the cross-field checks.
 * Every problem comes back with the path of the bad field. Pure; no I/O.
 */
import { fail, ok, type InputIssue, type Result } from '../../engine/result.js';
import { fromZodIssue } from '../peru-mining/validate.js';
import { forbiddenKeyIssues } from '../../scenario/keys.js';
import { checkEpstein, EpsteinScenarioSchema, type EpsteinScenario } from './schema.js';

export function parseEpsteinScenario(document: unknown, file = ''): Result<EpsteinScenario, InputIssue[]> {
  const forbidden = forbiddenKeyIssues(document, file);
  if (forbidden.length > 0) return fail(forbidden);
  const parsed = EpsteinScenarioSchema.safeParse(document);
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => fromZodIssue(issue, file, EpsteinScenarioSchema)));
  const issues = checkEpstein(parsed.data).map((i) => ({ file, path: i.path, message: i.message }));
  return issues.length > 0 ? fail(issues) : ok(parsed.data);
}
