/**
 * A damaged slurm/submission.json (the record of earlier submissions) is one clear issue
 * naming the file, for `slurm submit` and `slurm status`: never a stack trace. Needs no
 * cluster: the record is read before anything is submitted.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
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
