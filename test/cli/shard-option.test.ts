/**
 * The --shard option: k/n as before, auto/n resolved from the environment it is given (never
 * process.env here), with the choice written as one line and a refusal as an InputError (exit 2).
 */
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import { InputError } from '../../src/cli/exit.js';
import { parseShard, resolveShard } from '../../src/cli/shard.js';

function log() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('--shard', () => {
  it('parses k/n and auto/n, and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('auto/8')).toEqual({ index: 'auto', count: 8 });
    for (const bad of ['0/4', '5/4', 'auto/0', 'auto', 'AUTO/3', 'auto/-1', 'k/3', '1/0'])
      expect(() => parseShard(bad), bad).toThrow(InvalidArgumentError);
  });

  it('passes k/n through untouched, whatever the environment says', () => {
    const out = log();
    expect(resolveShard({ index: 2, count: 4 }, { JOB_COMPLETION_INDEX: '0' }, out.stream)).toEqual({ index: 2, count: 4 });
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '0' }, out.stream)).toBeUndefined();
    expect(out.text()).toBe('');
  });

  it('resolves auto/n from the environment given, says so in one line, and refuses with an InputError', async () => {
    const out = log();
    expect(resolveShard({ index: 'auto', count: 3 }, { AWS_BATCH_JOB_ARRAY_INDEX: '2' }, out.stream)).toEqual({ index: 3, count: 3 });
    await new Promise((done) => setImmediate(done));
    expect(out.text()).toBe('shard 3/3 from AWS_BATCH_JOB_ARRAY_INDEX=2\n');
    let thrown: unknown;
    try {
      resolveShard({ index: 'auto', count: 3 }, {}, out.stream);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).issues.map((i) => i.path)).toEqual([['shard']]);
  });
});
