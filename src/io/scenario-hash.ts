/**
 * The scenario content hash with Node's SHA-256 (the pure definition is scenario/hash.ts).
 */
import { createHash } from 'node:crypto';
import { hashScenario, type ScenarioDocument } from '../scenario/hash.js';

export function scenarioHash(scenario: ScenarioDocument): string {
  return hashScenario(scenario, (text) => createHash('sha256').update(text).digest('hex'));
}
