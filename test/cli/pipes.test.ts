/**
 * Output into real pipes (bash pipelines, not Node's socket pairs) whose reader goes away:
 * `ayni … | head -1` ends quietly, and a batch whose stderr reader is gone finishes its
 * work and releases its lock.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Writable } from 'node:stream';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { ignoreVanishedReaders } from '../../src/cli/streams.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const work = tempFolder('pipes');
const scenarioFile = join(work, 'tiny.yaml');
writeFileSync(scenarioFile, stringify({ ...tinyScenarioInput(4), months: 60 }));

/**
 * Runs `node cli ARGS… <redirections> | READER` in bash; returns ayni's exit code, what
 * the reader printed and ayni's stderr (kept in a file unless the pipeline takes it).
 */
function pipeline(args: readonly string[], redirections: string, reader: string): { code: number; read: string; stderr: string } {
  const errFile = join(work, 'stderr.txt');
  const codeFile = join(work, 'code.txt');
  rmSync(errFile, { force: true });
  const script = `"$0" "$@" ${redirections} | ${reader}; echo "\${PIPESTATUS[0]}" > ${JSON.stringify(codeFile)}`;
  const r = spawnSync('bash', ['-c', script.replaceAll('$ERR', JSON.stringify(errFile)), process.execPath, cli, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: Number(readFileSync(codeFile, 'utf8')), read: r.stdout, stderr: existsSync(errFile) ? readFileSync(errFile, 'utf8') : '' };
}

describe('output into a pipe whose reader has gone', () => {
  it('`ayni schema | head -1` prints the first line and ends quietly, exit 0', () => {
    // The schema is larger than a pipe's buffer, so head exits while ayni is still writing.
    const r = pipeline(['schema'], '2>$ERR', 'head -1');
    expect(r.read).toBe('{\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('`ayni run` into a pipe closed before it writes ends quietly, exit 0', () => {
    const r = pipeline(['run', scenarioFile], '2>$ERR', 'true');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a batch whose stderr reader is gone completes, writes its tables and releases its lock', () => {
    const out = join(work, 'batch');
    // stderr into the pipe, stdout away: the reader exits at once, before the first progress line.
    const r = pipeline(['batch', scenarioFile, '--runs', '300', '--workers', '1', '--out', out, '--no-report'], '2>&1 >/dev/null', 'true');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(301);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).status).toBe('complete');
    expect(existsSync(join(out, '.lock'))).toBe(false);
  }, 120_000);
});

describe('a terminal that vanishes', () => {
  it('EIO on an output stream is ignored and later writes are dropped', async () => {
    // What a write to a closed terminal gives; without a listener this 'error' would crash.
    let writes = 0;
    const terminal = new Writable({
      write: (_chunk, _encoding, done) => {
        writes++;
        done(Object.assign(new Error('write EIO'), { code: 'EIO' }));
      },
    });
    ignoreVanishedReaders([terminal]);
    terminal.write('progress 10%\n');
    await new Promise((resolve) => setImmediate(resolve));
    terminal.write('progress 20%\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(terminal.destroyed).toBe(true);
    expect(writes).toBe(1);
  });
});
