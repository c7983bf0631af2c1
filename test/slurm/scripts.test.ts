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

  const designPlan: SlurmPlan = { ...plan, design: '/d/ishigami sobol.yaml', name: 'ishigami' };

  it('the array script of a design submission runs the experiment shard of its task into shard-k-of-K', () => {
    const script = arrayScript(designPlan);
    expect(directivesRead(script)).toEqual(allDirectives(script));
    expect(script).toContain(
      `exec '/usr/bin/node' '/a/main.js' experiment '/d/ishigami sobol.yaml' --shard "$task/4" --out "$out" \\\n` +
        '  --workers "${SLURM_CPUS_PER_TASK:-1}" --quiet --no-report\n',
    );
    expect(script).toContain("out='/r/out'/shard-$task-of-4\n");
    expect(script).not.toMatch(/ batch |--runs|--seed/);
  });

  it("the merge script of a design submission merges the shards' batch folders and runs the experiment on them", () => {
    const lines = mergeScript(designPlan).split('\n');
    const shards = [1, 2, 3, 4].map((k) => `'/r/out/shard-${k}-of-4/batch'`).join(' ');
    const merge = lines.indexOf(`'/usr/bin/node' '/a/main.js' merge ${shards} --out '/r/out/merged.tmp/batch'`);
    const experiment = lines.indexOf(
      `'/usr/bin/node' '/a/main.js' experiment '/d/ishigami sobol.yaml' --out '/r/out/merged.tmp' --workers 0 --quiet`,
    );
    expect(merge).toBeGreaterThan(0);
    expect(experiment).toBe(merge + 1);
    expect(lines.slice(experiment + 1)).toEqual(["rm -rf '/r/out/merged'", "mv '/r/out/merged.tmp' '/r/out/merged'", '']);
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

describe('ayni slurm submit takes a scenario or a design, not both or neither', () => {
  const scenario = join(dir, 'tiny-args.yaml');
  writeFileSync(scenario, stringify(tinyScenarioInput(5)));
  const design = new URL('../../designs/ishigami-sobol.yaml', import.meta.url).pathname;
  for (const [what, args, message] of [
    ['both', [scenario, '--design', design], /^--design: give either a scenario file or --design <file> \(not both, not neither\)$/],
    ['neither', [], /^--design: give either a scenario file or --design <file>/],
    ['--runs with --design', ['--design', design, '--runs', '10'], /^--runs: is not allowed with --design: the design fixes the runs$/],
    ['--seed with --design', ['--design', design, '--seed', '3'], /^--seed: is not allowed with --design/],
    ['a scenario without --runs', [scenario], /^--runs: is required with a scenario$/],
  ] as const) {
    it(`${what}: exit 2, one line, nothing written`, () => {
      const out = join(dir, `args-${what.replace(/\W+/g, '-')}`);
      const r = spawnSync(process.execPath, [cli, 'slurm', 'submit', ...args, '--tasks', '2', '--out', out], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }
});
