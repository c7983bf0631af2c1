/**
 * Gives scenario formulas their mathjs in Node: required on first use (it takes ~0.5 s to
 * load, so a program without formulas never pays for it). Imported for its effect by every
 * Node entry that may read a scenario: the public API, the scenario files and the workers.
 */
import { createRequire } from 'node:module';
import { provideMathJs, type MathJs } from '../models/peru-mining/formulas.js';

provideMathJs(() => createRequire(import.meta.url)('mathjs') as MathJs);
