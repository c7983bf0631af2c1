import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyOverrides, loadScenarioFrom, mergeOverlay, resolveExtends } from '../../src/scenario/load.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { virtualHost } from '../helpers/virtual-host.js';
import { isEpstein } from '../../src/models/registry.js';

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
    if (isEpstein(loaded.data)) throw new Error('expected a peru-mining scenario');
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
    expect(result).toEqual({ success: true, data: { policies: { dialogue: { timing: 'early' }, inclusion: { womenAndYouth: 0.5 } }, months: 24 } });
  });

  it('indexes arrays and refuses to descend into a number', () => {
    const doc = { communities: [{ id: 'a', mobilisation: 0.1 }], months: 3 };
    expect(applyOverrides(doc, [{ path: 'communities.0.mobilisation', value: '0.9' }])).toEqual({ success: true, data: { communities: [{ id: 'a', mobilisation: 0.9 }], months: 3 } });
    const bad = applyOverrides(doc, [{ path: 'months.x', value: '1' }]);
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error[0]?.path).toEqual(['months']);
  });

  it('an unknown path is caught by validation with its path', () => {
    const host = virtualHost({ '/s.yaml': base });
    const result = loadScenarioFrom('/s.yaml', host, [{ path: 'policies.dialog.timing', value: 'early' }]);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error[0]).toMatchObject({ path: ['policies', 'dialog'], message: 'unknown key' });
  });
});
