/**
 * Reading a hypothesis file and running it: load the file, its base and its variant
 * (relative to the file), compare them with the declared outcomes, runs and precision, and
 * decide by the declared rule.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseText } from '../scenario/load.js';
import { fail, ok, type InputIssue, type Result } from '../result.js';
import { HypothesisSchema, decide, type Hypothesis, type HypothesisResult } from '../compare/hypothesis.js';
import { compareScenarios } from '../compare/compare.js';
import type { BatchHooks } from '../batch/run-batch.js';
import { readInputFile } from './files.js';
import { loadScenario, loadVariant, rootIssue, scenarioRoot } from './scenario-file.js';

export function loadHypothesis(file: string, options: { readonly root?: string } = {}): Result<Hypothesis, InputIssue[]> {
  const root = scenarioRoot(options);
  const badRoot = rootIssue(root);
  if (badRoot) return fail([badRoot]);
  const bytes = readInputFile(file, root === undefined ? {} : { root });
  if (bytes === undefined) return fail([{ file, path: [], message: 'file not found' }]);
  if (!(bytes instanceof Uint8Array)) return fail([{ file, path: [], message: `cannot read the file: ${bytes.refused}` }]);
  const parsed = parseText(bytes, file);
  if (!parsed.success) return parsed;
  const result = HypothesisSchema.safeParse(parsed.data);
  if (!result.success) {
    return fail(result.error.issues.map((i) => ({ file, path: i.path.map(String), message: i.code === 'unrecognized_keys' ? `unknown key(s): ${i.keys.join(', ')}` : i.message })));
  }
  return ok(result.data);
}

/** The hypothesis file's content hash (its bytes as registered), recorded in verdict.json. */
export function hypothesisFileHash(file: string): string {
  return `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
}

export interface TestOptions {
  readonly out: string;
  readonly workers?: number;
  /** Confine the hypothesis file, its base and its variant to this folder (see LoadOptions.root). */
  readonly root?: string;
}

export async function testHypothesis(file: string, options: TestOptions, hooks: BatchHooks = {}): Promise<Result<HypothesisResult, InputIssue[]>> {
  const root = scenarioRoot(options);
  const access = root === undefined ? {} : { root };
  const loaded = loadHypothesis(file, access);
  if (!loaded.success) return loaded;
  const h = loaded.data;
  const here = dirname(resolve(file));
  const baseFile = resolve(here, h.base);
  const base = loadScenario(baseFile, access);
  const variant = loadVariant(resolve(here, h.variant), baseFile, access);
  const issues = [...(base.success ? [] : base.error), ...(variant.success ? [] : variant.error)];
  if (!base.success || !variant.success) return fail(issues);
  const comparison = await compareScenarios(
    base.data,
    [variant.data],
    {
      runs: h.runs,
      seed: h.seed,
      out: options.out,
      outcomes: [h.primary, ...h.secondary.filter((o) => o !== h.primary)],
      ...(h.precision ? { precision: h.precision.halfWidth, maxRuns: h.precision.maxRuns } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
    },
    hooks,
  );
  if (!comparison.success) return comparison;
  const primary = comparison.data.results.find((r) => r.outcome === h.primary);
  if (primary === undefined) throw new Error('bug: the primary outcome is missing from the comparison');
  const { verdict, reason } = decide(h, primary);
  return ok({ hypothesis: h, verdict, reason, primary, comparison: comparison.data });
}
