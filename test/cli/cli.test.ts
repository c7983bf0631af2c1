/**
 * The `ayni` command as a user meets it: exit codes, one-line errors with file and path,
 * no stack traces for user errors, byte-identical outputs for the same seed.
 * Runs the built CLI (npm test builds first).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ayni = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const scratch = () => tempFolder('cli');
const write = (dir: string, name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const tiny = stringify(tinyScenarioInput());

describe('ayni run', () => {
  it('runs the default scenario and prints a readable result', () => {
    const r = ayni('run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^ayni run: corridor, seed 1, 240 months \(2010-01 to 2029-12\)\n {2}2 departments, 3 provinces, 10 districts, 44 communities, 1 project\n/,
    );
    expect(r.stdout).toMatch(/commitments made\s+\d+/);
    expect(r.stderr).toBe('');
  });

  it('writes its files, byte-identical for the same seed (the manifest differs only in its timestamp and command line)', () => {
    const dir = scratch();
    const file = write(dir, 'tiny.yaml', tiny);
    expect(ayni('run', file, '--seed', '7', '--out', join(dir, 'a')).code).toBe(0);
    expect(ayni('run', file, '--seed', '7', '--out', join(dir, 'b')).code).toBe(0);
    for (const name of ['summary.json', 'timeseries.csv', 'events.ndjson', 'scenario.resolved.json']) {
      expect(readFileSync(join(dir, 'a', name), 'utf8')).toBe(readFileSync(join(dir, 'b', name), 'utf8'));
    }
    const manifest = (d: string) => ({ ...JSON.parse(readFileSync(join(dir, d, 'manifest.json'), 'utf8')), createdAt: null, argv: null });
    expect(manifest('a')).toEqual(manifest('b'));
    const summary = JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8'));
    for (const key of [
      'activeConflictMonths',
      'peakActiveConflicts',
      'crisisMonths',
      'blockadeMonths',
      'productionLostShare',
      'commitmentsMade',
      'commitmentsFulfilled',
      'commitmentsBroken',
      'commitmentsOrphaned',
      'trustCompany',
      'trustNational',
      'trustRegional',
      'trustLocal',
      'canonTransferred',
      'canonExecuted',
      'dialogueTablesEarly',
      'dialogueTablesReactive',
      'violentEvents',
    ]) {
      expect(typeof summary.outcomes[key]).toBe('number');
    }
    expect(manifest('a')).toMatchObject({ seed: 7, nodeVersion: process.version, scenario: { name: 'tiny' } });
    expect(readFileSync(join(dir, 'a', 'timeseries.csv'), 'utf8').split('\n')).toHaveLength(24 + 2);
  });

  it('a different seed gives a different run; --set and --months change the scenario', () => {
    const dir = scratch();
    const file = write(dir, 'tiny.yaml', tiny);
    const json = (...args: string[]) => JSON.parse(ayni('run', file, '--json', ...args).stdout);
    expect(json('--seed', '1')).not.toEqual(json('--seed', '2'));
    expect(json('--months', '12').months).toBe(12);
    expect(json('--set', 'policies.dialogue.timing=early').outcomes.dialogueTablesEarly).toBe(1);
  });
});

describe('bad input: exit 2, one line per problem naming file and path, no stack trace', () => {
  const expectInputError = (r: ReturnType<typeof ayni>, pattern: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  };

  it('malformed YAML', () => {
    const file = write(scratch(), 'bad.yaml', 'name: x\nmonths: [1,\n');
    expectInputError(ayni('run', file), /bad\.yaml: \(root\): malformed YAML at line \d+, column \d+: /);
  });

  it('unknown keys', () => {
    const file = write(scratch(), 'bad.yaml', `${tiny}colour: blue\n`);
    expectInputError(ayni('validate', file), /^.*bad\.yaml: colour: unknown key\n$/);
  });

  it('wrong types and out-of-range values, all reported', () => {
    const doc = tinyScenarioInput();
    const file = write(
      scratch(),
      'bad.yaml',
      stringify({
        ...doc,
        months: 'many',
        territory: { ...doc.territory, districts: doc.territory.districts.map((d) => ({ ...d, population: -1 })) },
      }),
    );
    const r = ayni('validate', file);
    expectInputError(r, /bad\.yaml: months: /);
    expect(r.stderr).toMatch(/bad\.yaml: territory\.districts\.0\.population: /);
    expect(r.stderr).toMatch(/bad\.yaml: territory\.districts\.1\.population: /);
  });

  it('shares not summing to 1', () => {
    const file = write(
      scratch(),
      'bad.yaml',
      `${tiny}policies:\n  revenue:\n    royalties: { producingDistrict: 0.5, producingProvince: 0.5, producingDepartment: 0.5, regionalGovernment: 0 }\n`,
    );
    expectInputError(ayni('validate', file), /bad\.yaml: policies\.revenue\.royalties: tier shares must sum to 1 \(got 1\.5\)/);
  });

  it('extends cycles', () => {
    const dir = scratch();
    write(dir, 'a.yaml', 'extends: b.yaml\n');
    write(dir, 'b.yaml', 'extends: a.yaml\n');
    expectInputError(ayni('run', join(dir, 'a.yaml')), /a\.yaml: extends: extends cycle: /);
  });

  it('a missing file', () => {
    expectInputError(ayni('run', '/nonexistent/scenario.yaml'), /^\/nonexistent\/scenario\.yaml: \(root\): file not found\n$/);
  });

  it('bad options', () => {
    expectInputError(ayni('run', '--seed', '-3'), /--seed/);
    expectInputError(ayni('run', '--months', '0'), /--months/);
    expectInputError(ayni('run', '--set', 'nonsense'), /--set: nonsense: expected --set path\.to\.field=value/);
    expectInputError(ayni('run', '--set', 'policies.dialogue.timing=sometimes'), /policies\.dialogue\.timing: /);
    expectInputError(ayni('frobnicate'), /unknown command/);
  });

  it('writes nothing when the input is bad, and leaves earlier results intact', () => {
    const dir = scratch();
    const good = write(dir, 'tiny.yaml', tiny);
    const out = join(dir, 'out');
    expect(ayni('run', good, '--out', out).code).toBe(0);
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const bad = write(dir, 'bad.yaml', `${tiny}colour: blue\n`);
    expect(ayni('run', bad, '--out', out).code).toBe(2);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expect(ayni('run', bad, '--out', join(dir, 'never')).code).toBe(2);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('an unwritable --out is a clear error, not a stack trace', () => {
    const dir = scratch();
    const file = write(dir, 'tiny.yaml', tiny);
    mkdirSync(join(dir, 'blocker'));
    writeFileSync(join(dir, 'blocker', 'out'), 'a file where a folder should be');
    expectInputError(ayni('run', file, '--out', join(dir, 'blocker', 'out')), /cannot write/);
  });
});

describe('scenario input from the command line', () => {
  const expectInputError = (r: ReturnType<typeof ayni>, stderr: string) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
  };

  it('refuses bad --set paths and a start before year 1000, at once and with the path', () => {
    const file = write(scratch(), 'tiny.yaml', tiny);
    expectInputError(
      ayni(
        'run',
        file,
        '--set',
        'communities.10000000=x',
        '--set',
        'communities.length=0',
        '--set',
        '__proto__.polluted=1',
        '--set',
        'start=0999-01',
      ),
      [
        '--set: communities.10000000: no element 10000000: the list has 6 (use 0 to 5, or 6 to append)',
        '--set: communities.length: expected an index into a list: the list has 6 (use 0 to 5, or 6 to append)',
        '--set: __proto__: "__proto__" is not allowed as a key (it is reserved by JavaScript objects)',
        '',
      ].join('\n'),
    );
    expectInputError(
      ayni('run', file, '--set', 'start=0999-01'),
      `${file}: start: expected a month written YYYY-MM with a year from 1000 to 9999, e.g. "2022-12"\n`,
    );
  });

  it('suggests the .yaml file for a path without it, and a close key for an unknown one', () => {
    const dir = scratch();
    write(dir, 'tiny.yaml', `${tiny}comunities: []\n`);
    expectInputError(
      ayni('validate', join(dir, 'tiny')),
      `${join(dir, 'tiny')}: (root): file not found (did you mean ${join(dir, 'tiny')}.yaml?)\n`,
    );
    expectInputError(
      ayni('validate', join(dir, 'tiny.yaml')),
      `${join(dir, 'tiny.yaml')}: comunities: unknown key (did you mean communities?)\n`,
    );
  });

  it('--scenario-root and AYNI_SCENARIO_ROOT confine scenario files to a folder', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'root'));
    const inside = write(join(dir, 'root'), 'tiny.yaml', tiny);
    const probe = write(join(dir, 'root'), 'probe.yaml', 'extends: /proc/self/status\nname: x\n');
    const refused = `${probe}: extends: cannot read base scenario /proc/self/status: it is outside the scenario folder ${join(dir, 'root')}; only files inside it may be read\n`;
    expectInputError(ayni('validate', '--scenario-root', join(dir, 'root'), probe), refused);
    expect(ayni('validate', inside, '--scenario-root', join(dir, 'root')).code).toBe(0);
    const r = spawnSync(process.execPath, [cli, 'validate', probe], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, AYNI_SCENARIO_ROOT: join(dir, 'root') },
    });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 2, stderr: refused });
  });
});

describe('ayni validate and ayni schema', () => {
  it('validate reports ok for good files', () => {
    const r = ayni('validate', new URL('../../scenarios/corridor.yaml', import.meta.url).pathname);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/corridor\.yaml: ok \(10 districts, 44 communities, 1 projects, 240 months\)/);
  });

  it('schema prints the generated JSON Schema', () => {
    const r = ayni('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.title).toBe('ayni scenario');
    expect(schema.else.additionalProperties).toBe(false);
    expect(schema.if.required).toEqual(['extends']);
  });

  it('--help lists the commands', () => {
    const r = ayni('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run \[options\] \[scenario\]/);
    expect(r.stdout).toMatch(/validate/);
    expect(r.stdout).toMatch(/schema/);
  });
});
