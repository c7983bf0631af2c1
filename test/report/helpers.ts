/** A small comparison on disk to build reports from. */
import { join } from 'node:path';
import { compareScenarios } from '../../src/experiments/compare.js';
import { writeComparison } from '../../src/publish/comparison-files.js';
import { scenarioHash } from '../../src/io/scenario-hash.js';
import { tinyScenario } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

export async function comparisonFolder(runs: number, workers = 0): Promise<string> {
  const base = tinyScenario({ months: 240 });
  const variant = tinyScenario({ name: 'early', months: 240, policies: { dialogue: { timing: 'early' } } });
  const out = join(tempFolder('report'), 'compare');
  const result = await compareScenarios(
    { scenario: base, file: 'base.yaml', hash: scenarioHash(base) },
    [{ scenario: variant, file: 'early.yaml', hash: scenarioHash(variant) }],
    { runs, out, workers },
  );
  if (!result.success) throw new Error(JSON.stringify(result.error));
  writeComparison(out, result.data);
  return out;
}
