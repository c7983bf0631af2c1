import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { checkFormula, compileFormula } from '../../src/scenario/formulas.js';
import { simulate } from '../../src/core/simulate.js';
import { tinyScenario, tinyScenarioInput } from '../helpers/tiny-world.js';

const BUILT_IN = {
  dialogueEffectiveness: 'base * (0.25 + 0.75 * convenerTrust) * (1 + inclusionEffect * inclusion) * (0.5 + 0.5 * capacity)',
  escalationHazard: '1 - exp(-rate * x)',
};

describe('scenario formulas', () => {
  it('accept arithmetic of the declared variables and evaluate it', () => {
    expect(checkFormula('escalationHazard', '1 - exp(-rate * x ^ 1.5)')).toBeUndefined();
    expect(checkFormula('dialogueEffectiveness', 'min(1, base * convenerTrust > 0.1 ? 0.9 : 0.1)')).toBeUndefined();
    expect(compileFormula('escalationHazard', '1 - exp(-rate * x)')({ rate: 0.5, x: 2, pressure: 0, triggers: 1 })).toBeCloseTo(1 - Math.exp(-1), 15);
  });

  it('written as the built-in curves, reproduce the built-in runs exactly', () => {
    const builtIn = simulate(tinyScenario({ months: 120, policies: { dialogue: { timing: 'early' } } }), { seed: 9 });
    const viaFormulas = simulate(tinyScenario({ months: 120, policies: { dialogue: { timing: 'early' } }, formulas: BUILT_IN }), { seed: 9 });
    expect(Array.from(viaFormulas.series)).toEqual(Array.from(builtIn.series));
  });

  it('a steeper escalation curve gives more conflict', () => {
    const mean = (formulas: Record<string, string>) => {
      let total = 0;
      for (let seed = 1; seed <= 20; seed++) total += simulate(tinyScenario({ months: 120, formulas }), { seed }).outcomes.crisisMonths;
      return total / 20;
    };
    expect(mean({ escalationHazard: 'min(1, 10 * (1 - exp(-rate * x)))' })).toBeGreaterThan(mean({}));
  });

  it('a result that is not a finite number counts as 0', () => {
    expect(compileFormula('escalationHazard', 'log(x - 10)')({ rate: 1, x: 1, pressure: 0, triggers: 1 })).toBe(0);
    expect(compileFormula('escalationHazard', 'rate / x')({ rate: 1, x: 0, pressure: 0, triggers: 1 })).toBe(0);
  });

  // Known ways out of mathjs expression sandboxes, and other things a formula may not do.
  const PAYLOADS = [
    'cos.constructor("return process")()',
    '[].map.constructor("return this")()',
    'x.constructor',
    'x["constructor"]',
    'import({matrix: 1}, {override: true})',
    'createUnit("fortnight", "14 days")',
    'evaluate("1 + 1")',
    'parse("x")',
    'compile("x").evaluate()',
    'simplify("x + x")',
    'derivative("x^2", "x")',
    'chain(3).add(4).done()',
    'f(a) = a + 1',
    'rate = 2',
    '{a: 1}',
    '[1, 2, 3]',
    '1:10',
    'x; rate',
    '"string"',
    'rate.toString',
    'sqrt.call(0, x)',
    'process.exit(1)',
    'unknownVariable + 1',
    'eval("1")',
    `${'(x + '.repeat(300)}1${')'.repeat(300)}`,
  ];
  for (const payload of PAYLOADS) {
    it(`refuses ${payload.slice(0, 50)}`, () => {
      expect(checkFormula('escalationHazard', payload)).toBeTypeOf('string');
    });
  }

  it('refused formulas are input errors: exit 2 naming the field, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ayni-formulas-'));
    const files = PAYLOADS.slice(0, 12).map((payload, i) => {
      const file = join(dir, `f${i}.yaml`);
      writeFileSync(file, stringify({ ...tinyScenarioInput(), formulas: { escalationHazard: payload } }));
      return file;
    });
    const r = spawnSync(process.execPath, [new URL('../../dist/src/cli/main.js', import.meta.url).pathname, 'validate', ...files], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    for (const file of files) expect(r.stderr).toMatch(new RegExp(`${file}: formulas\\.escalationHazard: `));
  }, 30_000);
});
