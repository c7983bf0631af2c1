import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyOverrides, mergeOverlay } from '../../src/scenario/load.js';
import { loadScenarioFrom, resolveExtends } from '../../src/models/scenario-loader.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { virtualHost } from '../helpers/virtual-host.js';
import { isPeruMining } from '../../src/models/registry.js';
import { parseScenario } from '../../src/models/peru-mining/validate.js';
import { formatIssue } from '../../src/engine/result.js';

const base = stringify(tinyScenarioInput());

describe('extends overlays', () => {
  it('objects merge, arrays replace, null deletes', () => {
    expect(mergeOverlay({ a: { b: 1, c: 2 }, l: [1, 2, 3] }, { a: { c: 3 }, l: [9] })).toEqual({ a: { b: 1, c: 3 }, l: [9] });
    expect(mergeOverlay({ a: { b: 1, c: 2 } }, { a: { b: null } })).toEqual({ a: { c: 2 } });
  });

  it('a reform file patches its base', () => {
    const host = virtualHost({
      '/s/base.yaml': base,
      '/s/reforms/early.yaml': 'extends: ../base.yaml\nname: early\npolicies:\n  dialogue:\n    timing: early\n',
    });
    const loaded = loadScenarioFrom('/s/reforms/early.yaml', host);
    expect(loaded.success).toBe(true);
    if (!loaded.success) return;
    if (!isPeruMining(loaded.data)) throw new Error('expected a peru-mining scenario');
    expect(loaded.data.name).toBe('early');
    expect(loaded.data.policies.dialogue.timing).toBe('early');
    expect(loaded.data.communities).toHaveLength(6);
  });

  it('a cycle is an error naming the chain', () => {
    const host = virtualHost({ '/a.yaml': 'extends: b.yaml\n', '/b.yaml': 'extends: a.yaml\n' });
    const result = resolveExtends('/a.yaml', host);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error[0]?.path).toEqual(['extends']);
    expect(result.error[0]?.message).toMatch(/extends cycle: \/a.yaml -> \/b.yaml -> \/a.yaml/);
  });

  it('a missing base is an error in the file that names it', () => {
    const host = virtualHost({ '/a.yaml': 'extends: nowhere.yaml\n' });
    const result = resolveExtends('/a.yaml', host);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error[0]).toEqual({ file: '/a.yaml', path: ['extends'], message: 'base scenario not found: /nowhere.yaml' });
  });
});

describe('--set overrides', () => {
  it('sets nested fields, reading values as YAML scalars', () => {
    const result = applyOverrides({ policies: { dialogue: { timing: 'reactive' } }, months: 10 }, [
      { path: 'policies.dialogue.timing', value: 'early' },
      { path: 'months', value: '24' },
      { path: 'policies.inclusion.womenAndYouth', value: '0.5' },
    ]);
    expect(result).toEqual({
      success: true,
      data: { policies: { dialogue: { timing: 'early' }, inclusion: { womenAndYouth: 0.5 } }, months: 24 },
    });
  });

  it('indexes arrays and refuses to descend into a number', () => {
    const doc = { communities: [{ id: 'a', mobilisation: 0.1 }], months: 3 };
    expect(applyOverrides(doc, [{ path: 'communities.0.mobilisation', value: '0.9' }])).toEqual({
      success: true,
      data: { communities: [{ id: 'a', mobilisation: 0.9 }], months: 3 },
    });
    const bad = applyOverrides(doc, [{ path: 'months.x', value: '1' }]);
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error[0]?.path).toEqual(['months']);
  });

  it('an unknown path is caught by validation with its path', () => {
    const host = virtualHost({ '/s.yaml': base });
    const result = loadScenarioFrom('/s.yaml', host, [{ path: 'policies.dialog.timing', value: 'early' }]);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error[0]).toMatchObject({ path: ['policies', 'dialog'], message: 'unknown key (did you mean dialogue?)' });
  });
});

describe('--set paths into lists', () => {
  const doc = { communities: [{ id: 'a' }, { id: 'b' }], months: 3 };
  const issue = (path: string, value = 'x') => {
    const r = applyOverrides(doc, [{ path, value }]);
    return r.success ? undefined : r.error.map(formatIssue);
  };

  it('an index past the end is an error at once, not a huge sparse list', () => {
    expect(issue('communities.10000000.id')).toEqual([
      '--set: communities.10000000: no element 10000000: the list has 2 (use 0 to 1, or 2 to append)',
    ]);
    expect(issue('communities.10000000')).toEqual([
      '--set: communities.10000000: no element 10000000: the list has 2 (use 0 to 1, or 2 to append)',
    ]);
    expect(issue('communities.3.id')).toEqual(['--set: communities.3: no element 3: the list has 2 (use 0 to 1, or 2 to append)']);
  });

  it('a segment that is not an index into a list is an error, not silently ignored', () => {
    for (const segment of ['foo', 'length', '-1', '01', '1e3', '0x1']) {
      expect(issue(`communities.${segment}`, '0')).toEqual([
        `--set: communities.${segment}: expected an index into a list: the list has 2 (use 0 to 1, or 2 to append)`,
      ]);
    }
    const empty = applyOverrides({ l: [] }, [{ path: 'l.x', value: '1' }]);
    expect(empty.success ? [] : empty.error.map(formatIssue)).toEqual([
      '--set: l.x: expected an index into a list: the list is empty (use 0 to append)',
    ]);
  });

  it('an existing index replaces or patches; exactly the length appends', () => {
    expect(applyOverrides(doc, [{ path: 'communities.1.id', value: 'z' }])).toEqual({
      success: true,
      data: { communities: [{ id: 'a' }, { id: 'z' }], months: 3 },
    });
    expect(
      applyOverrides(doc, [
        { path: 'communities.2.id', value: 'c' },
        { path: 'communities.2.population', value: '9' },
      ]),
    ).toEqual({ success: true, data: { communities: [{ id: 'a' }, { id: 'b' }, { id: 'c', population: 9 }], months: 3 } });
    expect(applyOverrides(doc, [{ path: 'communities.2', value: '{id: d}' }])).toEqual({
      success: true,
      data: { communities: [{ id: 'a' }, { id: 'b' }, { id: 'd' }], months: 3 },
    });
    expect(doc.communities).toHaveLength(2);
  });
});

describe('keys that reach the object prototype', () => {
  const polluted = () =>
    Object.keys(Object.prototype).length > 0 ||
    ({} as Record<string, unknown>)['polluted'] !== undefined ||
    typeof ({} as { toString: unknown }).toString !== 'function';

  it.each([
    '__proto__.polluted',
    '__proto__.toString',
    'constructor.prototype.polluted',
    'policies.__proto__.polluted',
    'policies.prototype',
    'communities.0.constructor',
  ])('--set %s is refused, and Object.prototype stays clean', (path) => {
    const result = applyOverrides({ policies: {}, communities: [{ id: 'a' }] }, [{ path, value: '1' }]);
    expect(polluted()).toBe(false);
    expect(result.success).toBe(false);
    if (result.success) return;
    const keys = path.split('.');
    const at = keys.findIndex((k) => ['__proto__', 'constructor', 'prototype'].includes(k));
    expect(result.error).toEqual([
      {
        file: '--set',
        path: keys.slice(0, at + 1),
        message: `"${keys[at]}" is not allowed as a key (it is reserved by JavaScript objects)`,
      },
    ]);
  });

  it('a --set value holding a forbidden key is refused with its full path', () => {
    const result = applyOverrides({ policies: {} }, [{ path: 'policies', value: '{__proto__: {polluted: 1}}' }]);
    expect(polluted()).toBe(false);
    expect(result.success ? [] : result.error.map(formatIssue)).toEqual([
      '--set: policies.__proto__: "__proto__" is not allowed as a key (it is reserved by JavaScript objects)',
    ]);
  });

  it.each([
    ['YAML', '__proto__:\n  polluted: 1\nname: x\n', '__proto__'],
    ['nested YAML', 'name: x\npolicies:\n  dialogue:\n    constructor: 1\n', 'policies.dialogue.constructor'],
    ['JSON', '{"name": "x", "exogenous": {"prices": {"prototype": {"kind": "gbm", "initial": 1}}}}', 'exogenous.prices.prototype'],
    ['a list item', 'name: x\ncommunities:\n  - {id: a, __proto__: {}}\n', 'communities.0.__proto__'],
  ])('a forbidden key in %s is refused with its path, not dropped', (_, text, where) => {
    const result = resolveExtends('/s.yaml', virtualHost({ '/s.yaml': text }));
    expect(polluted()).toBe(false);
    const key = where.split('.').pop() as string;
    expect(result.success ? [] : result.error.map(formatIssue)).toEqual([
      `/s.yaml: ${where}: "${key}" is not allowed as a key (it is reserved by JavaScript objects)`,
    ]);
  });

  it('in an extends base too, named in the base file', () => {
    const host = virtualHost({ '/s.yaml': 'extends: b.yaml\nname: x\n', '/b.yaml': 'policies:\n  __proto__: {polluted: 1}\n' });
    const result = loadScenarioFrom('/s.yaml', host);
    expect(polluted()).toBe(false);
    expect(result.success ? [] : result.error.map(formatIssue)).toEqual([
      '/b.yaml: policies.__proto__: "__proto__" is not allowed as a key (it is reserved by JavaScript objects)',
    ]);
  });

  it('merging and validating documents built in code (JSON.parse keeps __proto__ as an own key) never pollutes', () => {
    const overlay = JSON.parse('{"__proto__": {"polluted": 1}, "policies": {"__proto__": {"toString": 1}}}') as Record<string, unknown>;
    const merged = mergeOverlay({ policies: {} }, overlay) as Record<string, unknown>;
    expect(polluted()).toBe(false);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(merged['policies'])).toBe(Object.prototype);
    const parsed = parseScenario(mergeOverlay(tinyScenarioInput(), overlay), 'x.yaml');
    expect(parsed.success ? [] : parsed.error.map(formatIssue)).toEqual([
      'x.yaml: __proto__: "__proto__" is not allowed as a key (it is reserved by JavaScript objects)',
      'x.yaml: policies.__proto__: "__proto__" is not allowed as a key (it is reserved by JavaScript objects)',
    ]);
  });
});

describe('files that are not scenarios, and paths without .yaml', () => {
  it('a file none of whose keys is a scenario field is refused without quoting its keys', () => {
    const status = 'Name: node\nUmask: "0022"\nState: R (running)\nTgid: 1\nPid: 1\nPPid: 0\nUid: 1000\n';
    const result = loadScenarioFrom('/s.yaml', virtualHost({ '/s.yaml': 'extends: status\nname: x\n', '/status': status }));
    expect(result.success ? [] : result.error.map(formatIssue)).toEqual([
      '/status: (root): is not a scenario: none of its top-level keys is a scenario field (such as name, model, territory, extends)',
    ]);
  });

  it('an overlay with a typo is still a scenario, and gets "did you mean"', () => {
    const typo = loadScenarioFrom('/o.yaml', virtualHost({ '/o.yaml': 'polices: {}\n' }));
    expect(typo.success ? [] : typo.error.map(formatIssue)).toContain('/o.yaml: polices: unknown key (did you mean policies?)');
  });

  it('a scenario or base named without .yaml suggests the file that exists', () => {
    const host = virtualHost({ '/s/corridor.yaml': base, '/s/reform.yaml': 'extends: corridor\nname: r\n' });
    const top = loadScenarioFrom('/s/corridor', host);
    expect(top.success ? [] : top.error.map(formatIssue)).toEqual(['/s/corridor: (root): file not found (did you mean /s/corridor.yaml?)']);
    const parent = loadScenarioFrom('/s/reform.yaml', host);
    expect(parent.success ? [] : parent.error.map(formatIssue)).toEqual([
      '/s/reform.yaml: extends: base scenario not found: /s/corridor (did you mean /s/corridor.yaml?)',
    ]);
    const none = loadScenarioFrom('/s/other', host);
    expect(none.success ? [] : none.error.map(formatIssue)).toEqual(['/s/other: (root): file not found']);
  });
});
