/** Arm folders of a comparison stay inside `<out>/arms`, whatever the variants are called. */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { armFolderNames, compareScenarios } from '../../src/experiments/compare.js';
import { parseScenario } from '../../src/models/peru-mining/validate.js';
import { mergeOverlay } from '../../src/scenario/load.js';
import { scenarioHash } from '../../src/io/scenario-hash.js';
import type { LoadedScenario } from '../../src/io/scenario-file.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const arm = (name: string): LoadedScenario => {
  const parsed = parseScenario(mergeOverlay(tinyScenarioInput(), { name, months: 6 }));
  if (!parsed.success) throw new Error('the tiny scenario must be valid');
  return { scenario: parsed.data, file: `${name}.yaml`, hash: scenarioHash(parsed.data) };
};

describe('arm folder names', () => {
  it('are slugs that never climb out of arms/ or hide: ., .., separators, empty names', () => {
    expect(armFolderNames(['base', '..', '.', '../x', 'a/b', '/', '.hidden', ''])).toEqual([
      'base',
      'variant-1',
      'variant-2',
      'x',
      'a-b',
      'variant-5',
      'hidden',
      'variant-7',
    ]);
  });

  it('are unique, also ignoring case and against names that look like earlier suffixes', () => {
    expect(armFolderNames(['base', 'x', 'x-2', 'x', 'base', 'X'])).toEqual(['base', 'x', 'x-2', 'x-3', 'base-2', 'X-4']);
  });

  it('a comparison with variants named .. and . writes every arm inside <out>/arms', async () => {
    const root = tempFolder('arms');
    const out = join(root, 'out');
    const result = await compareScenarios(arm('base'), [arm('..'), arm('.')], { runs: 4, out, workers: 0, resamples: 50 });
    expect(result.success).toBe(true);
    expect(readdirSync(root)).toEqual(['out']);
    expect(readdirSync(out)).toEqual(['arms']);
    expect(readdirSync(join(out, 'arms')).sort()).toEqual(['base', 'variant-1', 'variant-2']);
    for (const folder of readdirSync(join(out, 'arms'))) expect(readdirSync(join(out, 'arms', folder))).toContain('batch.json');
  });
});
