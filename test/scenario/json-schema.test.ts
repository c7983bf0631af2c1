/**
 * The generated JSON Schemas as an editor uses them: every shipped file checked with a real
 * JSON Schema validator (ajv, draft 2020-12) against the schema its own `$schema` names.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { scenarioJsonSchemaText } from '../../src/docs/json-schema.js';

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const yamlIn = (dir: string) =>
  readdirSync(repo(dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => repo(join(dir, f)));

const GENERATED = [
  ['scenarios/scenario.schema.json', scenarioJsonSchemaText('peru-mining')],
  ['scenarios/epstein.schema.json', scenarioJsonSchemaText('epstein-civil-violence')],
  ['scenarios/overlay.schema.json', scenarioJsonSchemaText('peru-mining', 'overlay')],
  ['hypotheses/hypothesis.schema.json', scenarioJsonSchemaText('peru-mining', 'hypothesis')],
] as const;

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validators = new Map(GENERATED.map(([path]) => [repo(path), ajv.compile(JSON.parse(readFileSync(repo(path), 'utf8')))]));
const validatorFor = (path: string) => {
  const v = validators.get(isAbsolute(path) ? path : repo(path));
  if (!v) throw new Error(`no schema ${path}`);
  return v;
};
const errorsOf = (path: string, doc: unknown) => {
  const v = validatorFor(path);
  return v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};

describe('generated JSON Schemas', () => {
  for (const [path, text] of GENERATED) {
    it(`the committed ${path} is generated fresh from zod (npm run schema)`, () => {
      expect(readFileSync(repo(path), 'utf8')).toBe(text);
    });
  }

  const shipped = [
    ...yamlIn('scenarios'),
    ...yamlIn('scenarios/cases'),
    ...yamlIn('scenarios/reference'),
    ...yamlIn('scenarios/reforms'),
    ...yamlIn('hypotheses'),
  ];
  it('every shipped scenario, overlay and hypothesis names its schema and is valid against it', () => {
    expect(shipped.length).toBeGreaterThan(25);
    for (const file of shipped) {
      const text = readFileSync(file, 'utf8');
      const doc = parse(text) as { $schema?: string };
      expect(doc.$schema, file).toBeTypeOf('string');
      // The editor's modeline and the key agree.
      expect(text, file).toContain(`# yaml-language-server: $schema=${doc.$schema}`);
      const schema = resolve(dirname(file), doc.$schema as string);
      expect(errorsOf(schema, doc), file).toEqual([]);
    }
  });

  it('reform overlays point to the overlay schema, hypotheses to the hypothesis schema', () => {
    for (const file of yamlIn('scenarios/reforms'))
      expect((parse(readFileSync(file, 'utf8')) as { $schema: string }).$schema).toBe('../overlay.schema.json');
    for (const file of yamlIn('hypotheses'))
      expect((parse(readFileSync(file, 'utf8')) as { $schema: string }).$schema).toBe('./hypothesis.schema.json');
  });

  it('a file with extends is a patch: nested fields may be left out, null deletes a key', () => {
    expect(errorsOf('scenarios/scenario.schema.json', { extends: 'corridor.yaml', parameters: { trust: { erodeRate: 0.2 } } })).toEqual([]);
    expect(
      errorsOf('scenarios/scenario.schema.json', {
        extends: 'corridor.yaml',
        territory: { links: [] },
        policies: { revenue: { canon: { corridorDistricts: 0.1 } } },
      }),
    ).toEqual([]);
    expect(errorsOf('scenarios/scenario.schema.json', { extends: 'corridor.yaml', policies: { forceResponse: null } })).toEqual([]);
    expect(errorsOf('scenarios/epstein.schema.json', { extends: 'epstein-defaults.yaml', steps: 50 })).toEqual([]);
  });

  it('still catches mistakes: a full scenario needs a territory; unknown keys, bad values and incomplete array items are errors', () => {
    expect(errorsOf('scenarios/scenario.schema.json', { name: 'x' }).join()).toMatch(/must have required property 'territory'/);
    expect(errorsOf('scenarios/scenario.schema.json', { extends: 'corridor.yaml', monts: 12 }).join()).toMatch(
      /must NOT have additional properties/,
    );
    expect(errorsOf('scenarios/scenario.schema.json', { extends: 'corridor.yaml', months: 0 }).join()).toMatch(/months must be >= 1/);
    // Arrays replace the base's whole, so their items must be complete.
    expect(errorsOf('scenarios/scenario.schema.json', { extends: 'corridor.yaml', communities: [{ id: 'a' }] }).join()).toMatch(
      /must have required property 'district'/,
    );
    expect(errorsOf('scenarios/epstein.schema.json', { name: 'x' }).join()).toMatch(/must have required property 'model'/);
  });

  it('an overlay may not carry territory, extends or model (those make a full scenario)', () => {
    expect(errorsOf('scenarios/overlay.schema.json', { name: 'r', policies: { esgStandard: 0.5 } })).toEqual([]);
    for (const key of ['territory', 'extends', 'model']) {
      expect(errorsOf('scenarios/overlay.schema.json', { name: 'r', [key]: key === 'territory' ? {} : 'x' }).join(), key).toMatch(
        /must NOT have additional properties/,
      );
    }
    expect(errorsOf('scenarios/overlay.schema.json', { policies: { esgStandard: 2 } }).join()).toMatch(/esgStandard must be <= 1/);
  });

  it('a hypothesis needs its statement, arms, primary outcome, direction and smallest effect', () => {
    const errors = errorsOf('hypotheses/hypothesis.schema.json', { base: 'a.yaml' }).join();
    for (const field of ['statement', 'variant', 'primary', 'expect', 'smallestEffect']) expect(errors).toContain(`'${field}'`);
    expect(
      errorsOf('hypotheses/hypothesis.schema.json', {
        statement: 's',
        base: 'a',
        variant: 'b',
        primary: 'nope',
        expect: 'lower',
        smallestEffect: 1,
      }).join(),
    ).toMatch(/primary must be equal to one of the allowed values/);
  });
});
