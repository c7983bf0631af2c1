/** Labels of scenarios and hypotheses: the schema, inheritance through extends and overlays, the shipped files. */
import { describe, expect, it } from 'vitest';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadScenarioFrom, loadVariantFrom } from '../../src/models/scenario-loader.js';
import { scenarioLabel, textIn } from '../../src/scenario/label.js';
import { distinctLabels } from '../../src/scenario/arm-labels.js';
import { loadHypothesis } from '../../src/experiments/hypothesis-file.js';
import { loadVariant } from '../../src/io/scenario-file.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { virtualHost } from '../helpers/virtual-host.js';
import { tempFolder } from '../helpers/temp.js';

const root = new URL('../../', import.meta.url).pathname;
const base = stringify({ ...tinyScenarioInput(2), label: { es: 'Base pequeña', en: 'Small base' } });

describe('scenario labels', () => {
  it('a label is one text or {es, en}; half a pair is an error naming the field', () => {
    const load = (label: unknown) => loadScenarioFrom('/s.yaml', virtualHost({ '/s.yaml': stringify({ ...tinyScenarioInput(2), label }) }));
    const one = load('Paquete A: diálogo + inclusión');
    expect(one.success && scenarioLabel(one.data)).toEqual({ es: 'Paquete A: diálogo + inclusión', en: 'Paquete A: diálogo + inclusión' });
    const two = load({ es: 'Paquete A', en: 'Package A' });
    expect(two.success && textIn('en', two.data.label ?? '')).toBe('Package A');
    const half = load({ es: 'Paquete A' });
    expect(half.success).toBe(false);
    if (!half.success) expect(half.error[0]?.path[0]).toBe('label');
  });

  it('a file that names itself without a label does not inherit its parent’s label', () => {
    const host = virtualHost({
      '/base.yaml': base,
      '/child.yaml': 'extends: base.yaml\nname: child\n',
      '/same.yaml': 'extends: base.yaml\nmonths: 12\n',
    });
    const child = loadScenarioFrom('/child.yaml', host);
    expect(child.success && scenarioLabel(child.data)).toEqual({ es: 'child', en: 'child' });
    // Without a name of its own, the file is its parent under another horizon: name and label stay.
    const same = loadScenarioFrom('/same.yaml', host);
    expect(same.success && scenarioLabel(same.data)).toEqual({ es: 'Base pequeña', en: 'Small base' });
  });

  it('an overlay shows under its own label or name, and one without a name under its file’s', () => {
    const host = virtualHost({
      '/base.yaml': base,
      '/named.yaml': 'name: early\npolicies: { dialogue: { timing: early } }\n',
      '/paquete-b.yaml': 'policies: { dialogue: { timing: early } }\n',
    });
    const named = loadVariantFrom('/named.yaml', '/base.yaml', host);
    expect(named.success && scenarioLabel(named.data)).toEqual({ es: 'early', en: 'early' });
    const nameless = loadVariantFrom('/paquete-b.yaml', '/base.yaml', host);
    expect(nameless.success && nameless.data.name).toBe('paquete-b');
    expect(nameless.success && scenarioLabel(nameless.data)).toEqual({ es: 'paquete-b', en: 'paquete-b' });
  });

  it('labels shared by arms are told apart by their folders', () => {
    const labels = distinctLabels(
      [{ name: 'a', label: 'Reforma' }, { name: 'b', label: { es: 'Reforma', en: 'Reform B' } }, { name: 'c' }],
      ['base', 'b', 'c'],
    );
    expect(labels).toEqual([
      { es: 'Reforma (base)', en: 'Reforma' },
      { es: 'Reforma (b)', en: 'Reform B' },
      { es: 'c', en: 'c' },
    ]);
  });
});

describe('shipped files', () => {
  it('every reform has a label in Spanish and in English', () => {
    const dir = join(root, 'scenarios', 'reforms');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const v = loadVariant(join(dir, file), join(root, 'scenarios', 'corridor.yaml'));
      expect(v.success, file).toBe(true);
      if (!v.success) continue;
      const label = v.data.scenario.label;
      expect(typeof label === 'object' && label.es !== label.en, file).toBe(true);
    }
  });

  it('every hypothesis has its label and statement in Spanish and in English', () => {
    const dir = join(root, 'hypotheses');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const h = loadHypothesis(join(dir, file));
      expect(h.success, file).toBe(true);
      if (!h.success) continue;
      for (const text of [h.data.statement, h.data.label]) expect(typeof text === 'object' && text.es !== text.en, file).toBe(true);
    }
  });

  it('a hypothesis statement may still be one plain string, but not half a pair', () => {
    const dir = tempFolder('hypothesis');
    try {
      const write = (statement: unknown) => {
        const file = join(dir, 'h.yaml');
        writeFileSync(
          file,
          stringify({ statement, base: 'b.yaml', variant: 'v.yaml', primary: 'activeConflictMonths', expect: 'lower', smallestEffect: 1 }),
        );
        return loadHypothesis(file);
      };
      const plain = write('Early dialogue lowers conflict.');
      expect(plain.success && plain.data.statement).toBe('Early dialogue lowers conflict.');
      const half = write({ en: 'Early dialogue lowers conflict.' });
      expect(half.success).toBe(false);
      if (!half.success) expect(half.error[0]?.path[0]).toBe('statement');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
