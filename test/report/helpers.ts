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

/** The shipped reforms' labels (long, as people write them), for four packages on a tiny world. */
export const PACKAGES = [
  {
    name: 'dialogue',
    label: { es: 'Diálogo temprano y permanente', en: 'Early and permanent dialogue' },
    policies: { dialogue: { timing: 'early' } },
  },
  {
    name: 'office',
    label: { es: 'Oficina única con registro de compromisos', en: 'Single office with a commitments registry' },
    policies: { dialogue: { timing: 'early' }, inclusion: { womenAndYouth: 1 } },
  },
  {
    name: 'inclusion',
    label: { es: 'Inclusión de mujeres y jóvenes en las mesas de diálogo', en: 'Women and youth included in the dialogue tables' },
    policies: { inclusion: { womenAndYouth: 1 } },
  },
  {
    name: 'no-dialogue',
    label: {
      es: 'Sin mesas de diálogo, ni siquiera cuando estalla la crisis',
      en: 'No dialogue tables, not even once a crisis breaks out',
    },
    policies: { dialogue: { timing: 'none' } },
  },
] as const;

/** A comparison of four labelled packages with a base, on disk. */
export async function packagesFolder(runs: number): Promise<string> {
  const base = tinyScenario({ months: 240 });
  const out = join(tempFolder('report'), 'packages');
  const variants = PACKAGES.map((p) => {
    const scenario = tinyScenario({ months: 240, name: p.name, label: p.label, policies: p.policies });
    return { scenario, file: `${p.name}.yaml`, hash: scenarioHash(scenario) };
  });
  const result = await compareScenarios({ scenario: base, file: 'base.yaml', hash: scenarioHash(base) }, variants, {
    runs,
    out,
    workers: 0,
  });
  if (!result.success) throw new Error(JSON.stringify(result.error));
  writeComparison(out, result.data);
  return out;
}
