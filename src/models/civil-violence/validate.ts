/**
 * Validation of a civil violence scenario: zod's safeParse, then the cross-field checks.
 * Every problem comes back with the path of the bad field. Pure; no I/O.
 */
import { fail, ok, type InputIssue, type Result } from '../../engine/result.js';
import { fromZodIssue } from '../peru-mining/validate.js';
import { forbiddenKeyIssues } from '../../scenario/keys.js';
import { checkCivilViolence, CivilViolenceScenarioSchema, type CivilViolenceScenario } from './schema.js';

export function parseCivilViolenceScenario(document: unknown, file = ''): Result<CivilViolenceScenario, InputIssue[]> {
  const forbidden = forbiddenKeyIssues(document, file);
  if (forbidden.length > 0) return fail(forbidden);
  const parsed = CivilViolenceScenarioSchema.safeParse(document);
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => fromZodIssue(issue, file, CivilViolenceScenarioSchema)));
  const issues = checkCivilViolence(parsed.data).map((i) => ({ file, path: i.path, message: i.message }));
  return issues.length > 0 ? fail(issues) : ok(parsed.data);
}
