/** The registry's models as ModelDefinitions: each outcome table matches what its model runs, and the tables are sound. */
import { describe, expect, it } from 'vitest';
import { defineModel, type ModelSpec } from '../../src/engine/model.js';
import { compileModel, describeModel, MODELS, modelById, parseAnyScenario } from '../../src/models/registry.js';
import { CIVIL_VIOLENCE_PARAMETERS } from '../../src/models/civil-violence/parameters.js';
import { PARAMETERS } from '../../src/models/peru-mining/parameters.js';
import { simulate } from '../../src/models/peru-mining/simulate.js';
import { tinyScenario } from '../helpers/tiny-world.js';

const minimal: Record<string, () => unknown> = {
  'peru-mining': () => ({ ...tinyScenario({ months: 6 }) }),
  'epstein-civil-violence': () => ({ model: 'epstein-civil-violence', name: 'x', steps: 5, grid: { width: 10, height: 10 } }),
  ishigami: () => ({ model: 'ishigami', name: 'x', x1: 1, x2: -0.5, x3: 2 }),
  'normal-mean': () => ({ model: 'normal-mean', name: 'x', mu: 0.5, sigma: 2, observations: 20 }),
};

/** The value at a dotted path. */
const at = (doc: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
/** A copy of `doc` with `value` at a dotted path. */
function withValue(doc: unknown, path: string, value: number): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
  return copy;
}

describe('the registry', () => {
  it('holds each model once, found by its id; an unknown id finds nothing', () => {
    expect(MODELS.map((m) => m.id)).toEqual(['peru-mining', 'epstein-civil-violence', 'ishigami', 'normal-mean']);
    for (const model of MODELS) expect(modelById(model.id)).toBe(model);
    expect(modelById('constructor')).toBeUndefined();
    expect(describeModel('constructor').id).toBe('peru-mining');
  });

  for (const model of MODELS) {
    it(`${model.id}: the outcome table is the order of a run's outcomes, each with words in both languages`, () => {
      const parsed = parseAnyScenario(minimal[model.id]?.(), 'x.yaml');
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error));
      const compiled = compileModel(parsed.data);
      expect(compiled.outcomeNames).toEqual(model.describe().outcomeNames);
      expect(compiled.run(1).outcomes.length).toBe(model.outcomes.length);
      for (const o of model.outcomes) {
        expect(o.label.es.length * o.label.en.length).toBeGreaterThan(0);
        expect(o.unit.length).toBeGreaterThan(0);
      }
      const described = model.describe();
      for (const name of [...described.defaultOutcomes, ...described.summary]) expect(described.outcomeNames).toContain(name);
    });
  }

  it('peru-mining: the outcome table names every outcome the kernel computes', () => {
    const run = simulate(tinyScenario({ months: 6 }), { seed: 1 });
    expect([...describeModel('peru-mining').outcomeNames].sort()).toEqual(Object.keys(run.outcomes).sort());
  });

  it('peru-mining: the parameter table is the PARAMETERS table by scenario path', () => {
    const table = MODELS[0].parameters;
    expect(Object.keys(table).length).toBe(Object.values(PARAMETERS).reduce((n, group) => n + Object.keys(group).length, 0));
    expect(table['parameters.trust.buildRate']).toBe(PARAMETERS.trust.buildRate);
  });

  it("epstein-civil-violence: the parameter table's defaults and ranges are the schema's", () => {
    const defaults = parseAnyScenario({ model: 'epstein-civil-violence', name: 'x' });
    if (!defaults.success) throw new Error(JSON.stringify(defaults.error));
    expect(Object.keys(CIVIL_VIOLENCE_PARAMETERS).length).toBeGreaterThan(10);
    for (const [path, spec] of Object.entries(CIVIL_VIOLENCE_PARAMETERS)) {
      expect(at(defaults.data, path), path).toBe(spec.default);
      // The schema's own range (only: the other fields stay at their defaults, small enough to fit).
      const schema = MODELS[1].schema as unknown as { safeParse(x: unknown): { success: boolean } };
      const base = { model: 'epstein-civil-violence', name: 'x' };
      expect(schema.safeParse(withValue(base, path, spec.min)).success, `${path} = min`).toBe(true);
      expect(schema.safeParse(withValue(base, path, spec.max)).success, `${path} = max`).toBe(true);
      expect(schema.safeParse(withValue(base, path, spec.min - 1)).success, `${path} < min`).toBe(false);
    }
  });

  it('defineModel refuses a table that names a default outcome it does not have, or one outcome twice', () => {
    const outcome = {
      name: 'a',
      better: 'lower',
      unit: 'u',
      format: 'integer',
      label: { es: 'a', en: 'a' },
      runLabel: { es: 'a', en: 'a' },
    } as const;
    const spec: ModelSpec<unknown> = {
      id: 't',
      schema: { shape: {} },
      parse: () => ({ success: true, data: {} }),
      compile: () => {
        throw new Error('unused');
      },
      parameters: {},
      outcomes: [outcome],
      defaultOutcomes: ['a'],
      summary: ['a'],
    };
    expect(defineModel(spec).describe().better).toEqual({ a: 'lower' });
    expect(() => defineModel({ ...spec, defaultOutcomes: ['b'] })).toThrow(/no outcome b/);
    expect(() => defineModel({ ...spec, outcomes: [outcome, outcome] })).toThrow(/twice/);
    const { runLabel: _shown, ...unshown } = outcome;
    expect(() => defineModel({ ...spec, outcomes: [unshown] })).toThrow(/runLabel/);
  });
});
