/**
 * The job scripts without a cluster: sbatch reads #SBATCH lines only until the first command,
 * so every directive must come before any command (in the generated scripts and in
 * deploy/slurm/); and a value that would inject a line into a script is refused with exit 2
 * before anything is written or submitted.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { arrayScript, mergeScript, type SlurmPlan } from '../../src/slurm/scripts.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const deploy = (name: string) => readFileSync(new URL(`../../deploy/slurm/${name}`, import.meta.url), 'utf8');
const dir = tempFolder('slurm-scripts');

const plan: SlurmPlan = {
  scenario: '/s/tiny.yaml',
  out: '/r/out',
  node: '/usr/bin/node',
  cli: '/a/main.js',
  runs: 400,
  seed: 5,
  tasks: 4,
  cpusPerTask: 2,
  partition: 'short',
  time: '1:00:00',
  name: 'tiny',
};

/** The #SBATCH options sbatch would read: those before the first line that is neither a comment nor blank. */
function directivesRead(script: string): string[] {
  const lines = script.split('\n').slice(1);
  const firstCommand = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return (firstCommand < 0 ? lines : lines.slice(0, firstCommand))
    .filter((line) => line.startsWith('#SBATCH '))
    .map((line) => line.slice('#SBATCH '.length));
}
const allDirectives = (script: string) =>
  script
    .split('\n')
    .filter((line) => line.startsWith('#SBATCH '))
    .map((line) => line.slice('#SBATCH '.length));

describe('Slurm job scripts', () => {
  it('the array script puts every directive, CPUs per task included, before its first command', () => {
    const script = arrayScript(plan);
    expect(script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(directivesRead(script)).toEqual([
      '--job-name=ayni-tiny',
      '--output=/r/out/slurm/logs/shard-%a.log',
      '--cpus-per-task=2',
      '--partition=short',
      '--time=1:00:00',
    ]);
  });

  it('the merge script puts every directive before its first command', () => {
    expect(directivesRead(mergeScript(plan))).toEqual([
      '--job-name=ayni-tiny-merge',
      '--output=/r/out/slurm/logs/merge.log',
      '--partition=short',
      '--time=1:00:00',
    ]);
  });

  it('the deploy/slurm scripts put every directive before their first command', () => {
    for (const name of ['batch.sbatch', 'merge.sbatch']) {
      const script = deploy(name);
      expect(allDirectives(script).length, name).toBeGreaterThan(0);
      expect(directivesRead(script), name).toEqual(allDirectives(script));
    }
  });
});

describe('ayni slurm submit refuses values that would inject lines into the scripts', () => {
  const scenario = join(dir, 'tiny.yaml');
  writeFileSync(scenario, stringify(tinyScenarioInput(5)));
  const submit = (...more: string[]) =>
    spawnSync(process.execPath, [cli, 'slurm', 'submit', scenario, '--runs', '8', '--tasks', '2', ...more], {
      encoding: 'utf8',
      timeout: 60_000,
    });

  for (const [option, value] of [
    ['--partition', 'debug\n#SBATCH --nodelist=other'],
    ['--time', '1:00:00\ntouch /tmp/injected'],
    ['--partition', 'debug\r'],
    ['--time', '1:00\u001b[2J'],
    ['--out', join(dir, 'a\nb')],
  ] as const) {
    it(`${option} ${JSON.stringify(value)}: exit 2 naming the option, nothing written`, () => {
      const out = option === '--out' ? value : join(dir, `out-${option.slice(2)}-${value.length}`);
      const r = submit(...(option === '--out' ? [] : ['--out', out]), option, value);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^${option}: .*control character`));
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(existsSync(out)).toBe(false);
    });
  }
});
