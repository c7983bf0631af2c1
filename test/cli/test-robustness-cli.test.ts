/** `ayni test` on a hypothesis file with `robustness:`, as a user meets it (tiny world, tiny design). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { tempFolder } from '../helpers/temp.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
const dir = tempFolder('robust-cli');
writeFileSync(join(dir, 'base.yaml'), stringify({ ...tinyScenarioInput(3), months: 60 }));
writeFileSync(join(dir, 'early.yaml'), 'name: early\npolicies:\n  dialogue:\n    timing: early\n');

let written = 0;
const hypothesis = (robustness: unknown) => {
  const file = join(dir, `h-${written++}.yaml`);
  writeFileSync(
    file,
    stringify({
      statement: 'Early dialogue lowers conflict.',
      base: 'base.yaml',
      variant: 'early.yaml',
      primary: 'activeConflictMonths',
      expect: 'lower',
      smallestEffect: 1,
      runs: 20,
      robustness,
    }),
  );
  return file;
};
// The file's sizes are a researcher's; the command line shrinks them for a quick look.
const quick = ['--robustness-points', '4', '--robustness-replications', '3', '--workers', '0', '--no-report'];

describe('ayni test with robustness:', () => {
  const file = hypothesis({ design: { kind: 'lhs', points: 64 }, replications: 100 });

  it('prints the robust verdict and writes it into verdict.json and the --json output', () => {
    const out = join(dir, 'r1');
    const r = ayni('test', file, '--out', out, ...quick);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /\n {2}(Supported|Contradicted|Inconclusive) at the default assumptions; over the plausible assumption space, supported in \d+%, contradicted in \d+%, inconclusive in \d+% \(4 design points × 3 paired runs\)\./,
    );
    const record = JSON.parse(readFileSync(join(out, 'h-0', 'verdict.json'), 'utf8'));
    expect(record.robustness).toMatchObject({ design: { kind: 'lhs', points: 4 }, points: 4, replications: 3, assumptions: 148 });
    expect(record.robustness.runs).toEqual({ total: 24, failed: 0 });
    const { share } = record.robustness;
    expect(share.supported + share.contradicted + share.inconclusive).toBeCloseTo(1, 12);
    expect(record.robustness.defaultVerdict).toBe(record.verdict);
    expect(record.robustness.sentence.es).toMatch(/con los supuestos por defecto; en el espacio plausible de supuestos, respaldada en el/);
    expect(existsSync(join(out, 'h-0', 'robustness', 'base', 'batch', 'batch.json'))).toBe(true);
    expect(existsSync(join(out, 'h-0', 'robustness', 'variant', 'batch', 'batch.json'))).toBe(true);
    const json = ayni('test', file, '--out', out, ...quick, '--json', '--quiet');
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)[0].robustness.share).toEqual(share);
    // Another size in the same folder would mix two designs: refused in one sentence.
    const other = ayni('test', file, '--out', out, ...quick, '--robustness-points', '5', '--quiet');
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/robustness: .*holds another robustness design \(4 points × 3 runs, seed 1; this test asks for 5 × 3/);
  }, 60_000);

  it('--no-robustness skips it', () => {
    const out = join(dir, 'r2');
    const r = ayni('test', file, '--out', out, ...quick, '--no-robustness', '--json', '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)[0].robustness).toBeUndefined();
    expect(existsSync(join(out, 'h-0', 'robustness'))).toBe(false);
  }, 60_000);

  it.each([
    [{ replications: 1 }, /robustness\.replications: /],
    [{ design: { kind: 'morris', trajectories: 4 } }, /robustness\.design\.kind: /],
    [{ design: { kind: 'sobol', baseSamples: 12 } }, /robustness\.design\.baseSamples: .*power of 2/],
    [
      { assumptions: ['parameters.nothing.here'] },
      /robustness\.assumptions\.0: parameters\.nothing\.here is not in model peru-mining's parameter table/,
    ],
    [{ assumptions: ['policies.dialogue.timing'] }, /robustness\.assumptions\.0: policies\.dialogue\.timing is not in model/],
  ])('a bad robustness: field (%j) is exit 2, one line naming the file and the field, before any run', (robustness, message) => {
    const bad = hypothesis(robustness);
    const out = join(dir, `bad-${written}`);
    const r = ayni('test', bad, '--out', out, ...quick);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`h-\\d+\\.yaml: ${message.source}`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(out, bad.replace(/^.*\/|\.yaml$/g, ''), 'arms'))).toBe(false);
    // ayni validate plans it the same way.
    const validate = ayni('validate', bad);
    expect(validate.status).toBe(2);
    expect(validate.stderr).toMatch(new RegExp(`h-\\d+\\.yaml: ${message.source}`));
  });

  it('ayni validate names the robustness it would run', () => {
    const r = ayni('validate', file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/; robustness: lhs 64 points × 100 runs over 148 assumptions\)\n$/);
  });
});
