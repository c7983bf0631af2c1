import { describe, expect, expectTypeOf, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from '../../src/docs/json-schema.js';
import { withParameterTable } from '../../src/docs/parameter-table.js';
import { loadScenario } from '../../src/io/scenario-file.js';
import { PARAMETERS } from '../../src/models/peru-mining/parameters.js';
import type { Scenario, ScenarioInput } from '../../src/models/peru-mining/schema.js';

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

describe('one schema', () => {
  it('the committed scenarios/scenario.schema.json is generated fresh from zod (npm run schema)', () => {
    expect(readFileSync(repo('scenarios/scenario.schema.json'), 'utf8')).toBe(scenarioJsonSchemaText());
    expect(readFileSync(repo('scenarios/epstein.schema.json'), 'utf8')).toBe(scenarioJsonSchemaText('epstein-civil-violence'));
  });

  it('the parameter table in docs/model.md is generated fresh from PARAMETERS (npm run docs:params)', () => {
    const doc = readFileSync(repo('docs/model.md'), 'utf8');
    expect(withParameterTable(doc)).toBe(doc);
  });

  it('every parameter has a source and a range that contains its default', () => {
    for (const group of Object.values(PARAMETERS)) {
      for (const spec of Object.values(group)) {
        expect(spec.source.length).toBeGreaterThan(5);
        expect(spec.default).toBeGreaterThanOrEqual(spec.min);
        expect(spec.default).toBeLessThanOrEqual(spec.max);
      }
    }
  });

  it('every shipped scenario validates and points editors to the schema', () => {
    const files = readdirSync(repo('scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const loaded = loadScenario(repo(`scenarios/${file}`));
      expect(loaded.success, JSON.stringify(loaded.success ? '' : loaded.error)).toBe(true);
      expect(readFileSync(repo(`scenarios/${file}`), 'utf8')).toMatch(/\$schema: \.\/scenario\.schema\.json/);
    }
  });

  it('input types leave defaulted fields optional; output types fill them', () => {
    expectTypeOf<ScenarioInput['months']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Scenario['months']>().toEqualTypeOf<number>();
    expectTypeOf<Scenario['policies']['dialogue']['timing']>().toEqualTypeOf<'early' | 'reactive' | 'none'>();
  });
});

describe('shipped reforms and hypotheses', () => {
  it('every reform overlay applies onto the corridor scenario and validates', async () => {
    const { loadVariant } = await import('../../src/io/scenario-file.js');
    const files = readdirSync(repo('scenarios/reforms')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const loaded = loadVariant(repo(`scenarios/reforms/${file}`), repo('scenarios/corridor.yaml'));
      expect(loaded.success, JSON.stringify(loaded.success ? '' : loaded.error)).toBe(true);
      if (loaded.success) expect('territory' in loaded.data.scenario && loaded.data.scenario.territory.districts.length).toBeGreaterThan(0);
    }
  });

  it('every hypothesis file validates, and its base and variant load', async () => {
    const { loadHypothesis } = await import('../../src/experiments/hypothesis-file.js');
    const { loadScenario, loadVariant } = await import('../../src/io/scenario-file.js');
    const files = readdirSync(repo('hypotheses')).filter((f) => f.endsWith('.yaml'));
    expect(files.map((f) => f.replace('.yaml', '')).sort()).toEqual([
      'canon-corridor-share',
      'early-vs-reactive',
      'epstein-sudden-vs-gradual',
      'inclusion-women-youth',
      'single-office',
      'stable-civil-service',
    ]);
    for (const file of files) {
      const h = loadHypothesis(repo(`hypotheses/${file}`));
      expect(h.success, JSON.stringify(h.success ? '' : h.error)).toBe(true);
      if (!h.success) continue;
      const base = repo(`hypotheses/${h.data.base}`);
      expect(loadScenario(base).success).toBe(true);
      expect(loadVariant(repo(`hypotheses/${h.data.variant}`), base).success).toBe(true);
    }
  });
});

describe('case fixtures', () => {
  it('every fixture in scenarios/cases validates and has its section in the README', async () => {
    const { loadScenario } = await import('../../src/io/scenario-file.js');
    const files = readdirSync(repo('scenarios/cases')).filter((f) => f.endsWith('.yaml'));
    expect(files.sort()).toEqual([
      'conga.yaml',
      'las-bambas-corridor.yaml',
      'pataz-illegal-mining.yaml',
      'quellaveco-moquegua.yaml',
      'tia-maria.yaml',
    ]);
    const readme = readFileSync(repo('scenarios/cases/README.md'), 'utf8');
    for (const file of files) {
      const loaded = loadScenario(repo(`scenarios/cases/${file}`));
      expect(loaded.success, JSON.stringify(loaded.success ? '' : loaded.error)).toBe(true);
      expect(readme).toContain(`(\`${file}\`)`);
    }
  });
});
