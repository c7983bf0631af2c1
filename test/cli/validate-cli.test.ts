/**
 * `ayni validate` on every kind of file a user opens: scenarios, reform overlays (applied
 * onto a base) and hypothesis files (with their arms). Runs the built CLI.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const ayni = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const scratch = () => tempFolder('validate');
const write = (dir: string, name: string, doc: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, stringify(doc));
  return path;
};
const hypothesis = (extra: Record<string, unknown> = {}) => ({
  statement: 'Early dialogue lowers conflict.',
  base: 'base.yaml',
  variant: 'reform.yaml',
  primary: 'activeConflictMonths',
  expect: 'lower',
  smallestEffect: 1,
  ...extra,
});

describe('ayni validate', () => {
  it('accepts every shipped overlay (onto the default base) and hypothesis', () => {
    const reforms = readdirSync(repo('scenarios/reforms')).map((f) => repo(`scenarios/reforms/${f}`));
    const hypotheses = readdirSync(repo('hypotheses'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => repo(`hypotheses/${f}`));
    const r = ayni('validate', ...reforms, ...hypotheses);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/: ok \(overlay onto .*corridor\.yaml: 10 districts, 44 communities, 1 projects, 240 months\)\n/g)).toHaveLength(
      reforms.length,
    );
    expect(r.stdout.match(/: ok \(hypothesis: /g)).toHaveLength(hypotheses.length);
  }, 30_000);

  it('checks an overlay merged onto its base: ranges, unknown keys and shares that must sum to 1', () => {
    const dir = scratch();
    const shares = write(dir, 'shares.yaml', {
      name: 'r',
      policies: {
        revenue: { canon: { producingDistrict: 0.5, producingProvince: 0.25, producingDepartment: 0.4, regionalGovernment: 0.25 } },
      },
    });
    const typo = write(dir, 'typo.yaml', { name: 'r', policies: { dialogue: { timng: 'early' } } });
    const range = write(dir, 'range.yaml', { policies: { esgStandard: 3 } });
    const r = ayni('validate', shares, typo, range);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain(`${shares}: policies.revenue.canon: tier shares must sum to 1 (got 1.4)`);
    expect(r.stderr).toContain(`${typo}: policies.dialogue.timng: unknown key`);
    expect(r.stderr).toMatch(new RegExp(`${range}: policies\\.esgStandard: .*<=1`));
    expect(r.stderr).toContain(`${range}: (root): read as an overlay (no territory, extends or model) and checked merged onto `);
  }, 30_000);

  it('applies overlays onto --base', () => {
    const dir = scratch();
    const base = write(dir, 'base.yaml', tinyScenarioInput());
    const reform = write(dir, 'reform.yaml', { name: 'r', policies: { dialogue: { timing: 'early' } } });
    const r = ayni('validate', '--base', base, reform);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${reform}: ok (overlay onto ${base}: 2 districts, 6 communities, 1 projects, 24 months)\n`);
  }, 30_000);

  it("checks a hypothesis: its fields, its arms, and its outcomes against the arms' model", () => {
    const dir = scratch();
    write(dir, 'base.yaml', tinyScenarioInput());
    write(dir, 'reform.yaml', { name: 'r', policies: { dialogue: { timing: 'early' } } });
    const good = write(dir, 'good.yaml', hypothesis());
    const noArm = write(dir, 'no-arm.yaml', hypothesis({ variant: 'missing.yaml' }));
    const otherModel = write(dir, 'other-model.yaml', hypothesis({ primary: 'peakActive' }));
    const badField = write(dir, 'bad-field.yaml', hypothesis({ expect: 'sideways' }));
    expect(ayni('validate', good).stdout).toBe(`${good}: ok (hypothesis: reform.yaml against base.yaml, primary activeConflictMonths)\n`);
    const r = ayni('validate', noArm, otherModel, badField);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain('missing.yaml: (root): file not found');
    expect(r.stderr).toContain(`${otherModel}: primary: peakActive is not an outcome of model peru-mining`);
    expect(r.stderr).toMatch(new RegExp(`${badField}: expect: `));
  }, 30_000);

  it('a file with a territory is still a full scenario: its missing fields are reported, not patched from a base', () => {
    const dir = scratch();
    const { name: _name, ...rest } = tinyScenarioInput();
    const file = write(dir, 'full.yaml', rest);
    const r = ayni('validate', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: name: `);
  }, 30_000);
});
