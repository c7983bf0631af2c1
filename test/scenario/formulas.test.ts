import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import '../../src/io/mathjs.js';
import { checkFormula, compileFormula } from '../../src/models/peru-mining/formulas.js';
import { RunFailure } from '../../src/engine/run-failure.js';
import { simulate } from '../../src/models/peru-mining/simulate.js';
import { tinyScenario, tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const BUILT_IN = {
  dialogueEffectiveness: 'base * (0.25 + 0.75 * convenerTrust) * (1 + inclusionEffect * inclusion) * (0.5 + 0.5 * capacity)',
  escalationHazard: '1 - exp(-rate * x)',
};

describe('scenario formulas', () => {
  it('accept arithmetic of the declared variables and evaluate it', () => {
    expect(checkFormula('escalationHazard', '1 - exp(-rate * x ^ 1.5)')).toBeUndefined();
    expect(checkFormula('dialogueEffectiveness', 'min(1, base * convenerTrust > 0.1 ? 0.9 : 0.1)')).toBeUndefined();
    expect(compileFormula('escalationHazard', '1 - exp(-rate * x)')({ rate: 0.5, x: 2, pressure: 0, triggers: 1 })).toBeCloseTo(
      1 - Math.exp(-1),
      15,
    );
  }, 30_000); // the first test loads mathjs

  it('written as the built-in curves, reproduce the built-in runs exactly', () => {
    const builtIn = simulate(tinyScenario({ months: 120, policies: { dialogue: { timing: 'early' } } }), { seed: 9 });
    const viaFormulas = simulate(tinyScenario({ months: 120, policies: { dialogue: { timing: 'early' } }, formulas: BUILT_IN }), {
      seed: 9,
    });
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

  it('accept round(x, n) with whole decimals, min and max of many terms, and comparisons joined by and/or/not in conditions', () => {
    for (const ok of [
      'round(x, 2)',
      'min(1, x, rate, pressure)',
      'max(0)',
      'x > 1 and not (rate < 0.5) or triggers >= 2 ? 1 : 0',
      '-x + +rate',
      '2x',
      'log(x + 1, 2)',
    ]) {
      expect(checkFormula('escalationHazard', ok), ok).toBeUndefined();
    }
  });

  it("refuse, at validation, a formula that gives no finite number somewhere on its variables' ranges", () => {
    expect(checkFormula('escalationHazard', 'log(x - 10)')).toMatch(
      /^gives .*i, not a real number at rate = 0, x = 0, pressure = 0, triggers = 1 \(a formula must give a finite number/,
    );
    expect(checkFormula('escalationHazard', 'rate / x')).toMatch(/^gives NaN at rate = 0, x = 0,/);
    expect(checkFormula('escalationHazard', 'x ^ 1000')).toMatch(/^gives Infinity at /);
    expect(checkFormula('escalationHazard', 'exp(1000 * pressure)')).toMatch(/^gives Infinity at .*pressure = 0.75/);
    expect(checkFormula('dialogueEffectiveness', '(base + 1) / (capacity - 0.5)')).toMatch(/^gives Infinity at .*capacity = 0.5/);
    expect(checkFormula('dialogueEffectiveness', 'sqrt(convenerTrust - 0.3)')).toMatch(/not a real number at .*convenerTrust = 0/);
  });

  it('a value that is not a finite number mid-run fails the run, naming the formula and its inputs', () => {
    // triggers = 2.25 is not on the validation grid, but a run reaches it (see the CLI test below).
    const formula = compileFormula('escalationHazard', '1 / (triggers - 2.25)');
    expect(formula({ rate: 0.5, x: 1, pressure: 0.5, triggers: 2 })).toBe(-4);
    let thrown: unknown;
    try {
      formula({ rate: 0.5, x: 1.125, pressure: 0.5, triggers: 2.25 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RunFailure);
    expect((thrown as Error).message).toBe(
      'formulas.escalationHazard ("1 / (triggers - 2.25)") gives Infinity at rate = 0.5, x = 1.125, pressure = 0.5, triggers = 2.25',
    );
  });

  // Formulas that the sandbox check used to accept and that threw at run time (issue #14, item 19).
  const THROWED_AT_RUN_TIME: Array<[string, RegExp]> = [
    ['min()', /^min\(\) takes at least 1 argument, not 0$/],
    ['max()', /^max\(\) takes at least 1 argument, not 0$/],
    ['pow(x)', /^pow\(\) takes 2 arguments, not 1$/],
    ['pow(x, 2, 3)', /^pow\(\) takes 2 arguments, not 3$/],
    ['abs()', /^abs\(\) takes 1 argument, not 0$/],
    ['sin(x, x)', /^sin\(\) takes 1 argument, not 2$/],
    ['log(x, 2, 3)', /^log\(\) takes 1 or 2 arguments, not 3$/],
    ['floor(x, 1)', /^floor\(\) takes 1 argument, not 2$/],
    ['ceil(x, 0.5)', /^ceil\(\) takes 1 argument, not 2$/],
    ['x & 1', /^operator "&" is not allowed/],
    ['x | 1', /^operator "\|" is not allowed/],
    ['x << 2000', /^operator "<<" is not allowed/],
    ['x >> 1', /^operator ">>" is not allowed/],
    ['~x', /^operator "~" is not allowed/],
    ['(-1)!', /^operator "!" is not allowed/],
    ['x to x', /^operator "to" is not allowed/],
    ['x mod 2', /^operator "mod" is not allowed/],
    ["x'", /^operator "'" is not allowed/],
    ['x .* 2', /^operator "\.\*" is not allowed/],
    ['round(x, 0.5)', /^the decimals of round\(x, n\) must be a whole number from 0 to 15$/],
    ['round(x, 16)', /^the decimals of round\(x, n\) must be a whole number from 0 to 15$/],
    ['round(x, rate)', /^the decimals of round\(x, n\) must be a whole number from 0 to 15$/],
    ['x > 1', /^the formula must give a number, not a comparison/],
    ['x and rate', /^each side of "and" must be a comparison, not a number$/],
    ['x ? 1 : 0', /^the condition of "\? :" must be a comparison, not a number$/],
    ['(x > 1) + 1', /^each side of "\+" must be a number, not a comparison$/],
    ['exp(x > 1)', /^argument 1 of exp\(\) must be a number, not a comparison$/],
    ['x > 1 ? x < 2 : 0', /^each branch of "\? :" must be a number, not a comparison$/],
  ];
  for (const [formula, message] of THROWED_AT_RUN_TIME) {
    it(`refuses ${formula} at validation: ${message.source.slice(1, 40)}`, () => {
      expect(checkFormula('escalationHazard', formula)).toMatch(message);
    });
  }

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
    const dir = tempFolder('formulas');
    const files = PAYLOADS.slice(0, 12).map((payload, i) => {
      const file = join(dir, `f${i}.yaml`);
      writeFileSync(file, stringify({ ...tinyScenarioInput(), formulas: { escalationHazard: payload } }));
      return file;
    });
    const r = spawnSync(process.execPath, [new URL('../../dist/src/cli/main.js', import.meta.url).pathname, 'validate', ...files], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    for (const file of files) expect(r.stderr).toMatch(new RegExp(`${file}: formulas\\.escalationHazard: `));
  }, 30_000);

  it('a formula that fails mid-run is a failed run with one clear line naming it (exit 1, no stack trace)', () => {
    const dir = tempFolder('formulas');
    try {
      const file = join(dir, 'midrun.yaml');
      // In protest-wave months triggers = 1 + triggerProtestWave = 2.25, a value the validation grid does not visit.
      const input = tinyScenarioInput();
      writeFileSync(
        file,
        stringify({
          ...input,
          exogenous: { ...input.exogenous, protestWaves: [{ from: '2020-01', to: '2021-12' }] },
          parameters: { conflict: { triggerProtestWave: 1.25 } },
          formulas: { escalationHazard: '1 / (triggers - 2.25)' },
        }),
      );
      const main = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
      expect(spawnSync(process.execPath, [main, 'validate', file], { encoding: 'utf8' }).status).toBe(0);
      const r = spawnSync(process.execPath, [main, 'run', file], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /^ayni: run failed: formulas\.escalationHazard \("1 \/ \(triggers - 2\.25\)"\) gives -?Infinity at rate = [\d.]+, x = [\d.]+, pressure = [\d.]+, triggers = 2\.25\n$/,
      );
      const batch = spawnSync(process.execPath, [main, 'batch', file, '--runs', '3', '--workers', '0', '--out', join(dir, 'batch')], {
        encoding: 'utf8',
      });
      expect(batch.stderr).not.toMatch(/\n\s+at /);
      const failures = readFileSync(join(dir, 'batch', 'failures.ndjson'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { error: string });
      expect(failures).toHaveLength(3);
      for (const f of failures) expect(f.error).toMatch(/^formulas\.escalationHazard .* gives -?Infinity at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
