/**
 * A damaged slurm/submission.json (the record of earlier submissions) is one clear issue
 * naming the file, for `slurm submit` and `slurm status`: never a stack trace; and a record
 * that does not match the submission (a changed design file, a design over a scenario's
 * batch) refuses it. Needs no cluster: the record is read before anything is submitted.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { slurmStatus, submitSlurm } from '../../src/slurm/submit.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const dir = tempFolder('submission');
const scenario = join(dir, 'tiny.yaml');
writeFileSync(scenario, stringify(tinyScenarioInput(2)));

describe('slurm/submission.json', () => {
  for (const [what, text, message] of [
    ['not JSON', '{"scenarioHash": "sha', /^is not valid JSON: remove it to start a new submission/],
    ['not a record', '{"runs": "many"}', /^is not a submission record \(/],
  ] as const) {
    it(`${what}: submit and status give one issue naming the file`, () => {
      const out = join(dir, what.replace(/ /g, '-'));
      mkdirSync(join(out, 'slurm'), { recursive: true });
      const record = join(out, 'slurm', 'submission.json');
      writeFileSync(record, text);
      for (const result of [slurmStatus(out), submitSlurm({ scenario, runs: 10, tasks: 2, out })]) {
        expect(result.success).toBe(false);
        if (!result.success) expect(result.error[0]).toMatchObject({ file: record, message: expect.stringMatching(message) });
      }
    });
  }
});

describe('slurm/submission.json of a design submission', () => {
  const design = join(dir, 'design.yaml');
  const ishigami = new URL('../../scenarios/test-functions/ishigami.yaml', import.meta.url).pathname;
  const designText = (baseSamples: number) =>
    stringify({ scenario: ishigami, design: { kind: 'sobol', baseSamples }, factors: [{ path: 'x1' }, { path: 'x2' }, { path: 'x3' }] });
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  /** A record as the first submission of this design (8 base samples: 8 × 5 points, 1 replication) would leave it. */
  const recordOf = (out: string) => {
    mkdirSync(join(out, 'slurm'), { recursive: true });
    writeFileSync(design, designText(8));
    const record = {
      design: { file: design, hash: sha(design) },
      scenarioHash: 'recorded',
      runs: 40,
      seed: 1,
      tasks: 2,
      submissions: [{ arrayJob: '7', mergeJob: '8', tasks: [1, 2] }],
    };
    writeFileSync(join(out, 'slurm', 'submission.json'), JSON.stringify(record));
  };

  it('a changed design file is refused with one issue saying so, before any script is written', () => {
    const out = join(dir, 'changed-design');
    recordOf(out);
    writeFileSync(design, designText(16));
    const result = submitSlurm({ design, tasks: 2, out });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toHaveLength(1);
      expect(result.error[0]).toMatchObject({ path: ['designHash'], message: expect.stringMatching(/design file has changed since/) });
    }
    expect(existsSync(join(out, 'slurm', 'array.sbatch'))).toBe(false);
  });

  it("a design submitted into the folder of a scenario's batch is refused", () => {
    const out = join(dir, 'scenario-folder');
    mkdirSync(join(out, 'slurm'), { recursive: true });
    writeFileSync(design, designText(8));
    writeFileSync(
      join(out, 'slurm', 'submission.json'),
      JSON.stringify({ scenarioHash: 'x', runs: 40, seed: 1, tasks: 2, submissions: [] }),
    );
    const result = submitSlurm({ design, tasks: 2, out });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error[0]?.message).toMatch(/^this folder holds a batch of a scenario: submit to another --out$/);
  });

  it("status names the design of an experiment submission and reads its shards' batch folders", () => {
    const out = join(dir, 'status-design');
    recordOf(out);
    mkdirSync(join(out, 'shard-1-of-2', 'batch'), { recursive: true });
    writeFileSync(join(out, 'shard-1-of-2', 'batch', 'manifest.json'), JSON.stringify({ status: 'complete' }));
    const status = slurmStatus(out);
    expect(status.success).toBe(true);
    if (status.success) {
      expect(status.data.design).toBe(design);
      expect(status.data.shards.map((s) => s.state)).toEqual(['complete', 'not started']);
    }
  });
});
