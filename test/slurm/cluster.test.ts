/**
 * A real one-node Slurm cluster: munged and the two Slurm daemons started as root with
 * everything in a temporary folder (own key, private munge socket, a minimal slurm.conf on
 * free ports) with a node of 2 CPUs, then `ayni slurm submit --wait` of a 4-task array at
 * 2 CPUs per task, whose shards must each run 2 workers and whose merged runs.csv and
 * series.csv must be byte-identical to a local `ayni batch`. A second submission has a
 * task cancelled, is submitted again, and must give the same files. A design submission
 * (`--design`, a Sobol design of the Ishigami function in 2 tasks) must write design.csv,
 * runs.csv and sensitivity.csv byte-identical to a local `ayni experiment`. Results are read from
 * files and exit codes. Every job is cancelled and every daemon stopped by PID at the end.
 *
 * .ci/run installs Debian's slurmctld, slurmd, slurm-client and munge. Outside CI the test
 * is skipped, with a message, when not root or when Slurm is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, totalmem } from 'node:os';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const binaries = ['munged', 'mungekey', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scancel', 'sinfo'];
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const isRoot = process.getuid?.() === 0;
const slurmPresent = binaries.every(has);
const inCi = process.env['CI'] === 'true';
const reason = !isRoot
  ? 'not running as root'
  : !slurmPresent
    ? `Slurm is absent (${binaries.filter((b) => !has(b)).join(', ')} missing)`
    : '';
if (reason && !inCi) console.warn(`Slurm cluster test skipped: ${reason}; .ci/run installs Debian's slurmctld slurmd slurm-client munge`);

// Made only when the cluster test runs: a file whose tests are all skipped runs no afterAll, so
// a file-scoped folder would be left behind.
const runs = !reason || inCi;
const dir = runs ? tempFolder('slurm') : tmpdir();
const env = { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') };
const run = (command: string, args: readonly string[]) => spawnSync(command, args, { encoding: 'utf8', env, timeout: 240_000 });
const ayni = (...args: string[]) => run(process.execPath, [cli, ...args]);
/** The CLI without blocking the test's event loop (so vitest's own timeout holds), ended by its PID after ms. */
function ayniAsync(ms: number, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), ms);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
const read = (path: string) => readFileSync(path, 'utf8');
const jobIds: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ports nobody listens on now, as the system hands them out (held together, so distinct). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe.runIf(runs)('ayni on a one-node Slurm cluster', () => {
  const scenario = join(dir, 'tiny.yaml');
  const local = join(dir, 'local');

  beforeAll(async () => {
    expect(reason, `cannot run the Slurm test in CI: ${reason}`).toBe('');
    writeFileSync(scenario, stringify({ ...tinyScenarioInput(5), months: 120 }));
    for (const sub of ['state', 'spool', 'log']) mkdirSync(join(dir, sub));
    expect(run('mungekey', ['--create', `--keyfile=${join(dir, 'munge.key')}`]).status).toBe(0);
    const munged = run('munged', [
      '-f',
      `--socket=${join(dir, 'munge.sock')}`,
      `--key-file=${join(dir, 'munge.key')}`,
      `--log-file=${join(dir, 'log', 'munged.log')}`,
      `--pid-file=${join(dir, 'munged.pid')}`,
      `--seed-file=${join(dir, 'munged.seed')}`,
    ]);
    expect(munged.status, munged.stderr).toBe(0);
    const host = hostname().split('.')[0] as string;
    const [port, nodePort] = await freePorts(2);
    writeFileSync(
      env.SLURM_CONF,
      [
        'ClusterName=ayni',
        `SlurmctldHost=${host}`,
        'AuthType=auth/munge',
        `AuthInfo=socket=${join(dir, 'munge.sock')}`,
        'CryptoType=crypto/munge',
        'SlurmUser=root',
        'SlurmdUser=root',
        `SlurmctldPort=${port}`,
        `SlurmdPort=${nodePort}`,
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_CPU',
        'MpiDefault=none',
        'ReturnToService=2',
        'MinJobAge=5',
        'SchedulerParameters=batch_sched_delay=0',
        // 2 CPUs whatever the machine has, so that tasks of 2 CPUs run one at a time anywhere.
        'SlurmdParameters=config_overrides',
        `NodeName=${host} CPUs=2 RealMemory=${Math.floor(totalmem() / 2 / 2 ** 20)} State=UNKNOWN`,
        'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
        '',
      ].join('\n'),
    );
    expect(run('slurmctld', ['-f', env.SLURM_CONF]).status).toBe(0);
    expect(run('slurmd', ['-f', env.SLURM_CONF]).status).toBe(0);
    await waitFor(() => run('sinfo', ['-h', '-o', '%T']).stdout.trim() === 'idle', 30_000, 'the node to be idle');
    expect(ayni('batch', scenario, '--runs', '400', '--seed', '5', '--workers', '2', '--out', local, '--quiet', '--no-report').status).toBe(
      0,
    );
  }, 240_000);

  afterAll(async () => {
    if (jobIds.length > 0) run('scancel', jobIds);
    for (const daemon of ['slurmd', 'slurmctld', 'munged']) {
      const pidFile = join(dir, `${daemon}.pid`);
      if (!existsSync(pidFile)) continue;
      const pid = Number(read(pidFile).trim());
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (!alive()) continue;
      process.kill(pid, 'SIGTERM');
      // The temporary folder is removed next: let the daemon stop writing into it first.
      await waitFor(() => !alive(), 15_000, `${daemon} to stop`).catch(() => alive() && process.kill(pid, 'SIGKILL'));
    }
  }, 60_000);

  const submit = (out: string, ...more: string[]) => {
    const r = ayni(
      'slurm',
      'submit',
      scenario,
      '--runs',
      '400',
      '--tasks',
      '4',
      '--seed',
      '5',
      '--cpus-per-task',
      '2',
      '--out',
      out,
      ...more,
    );
    const ids = /array job (\d+).*merge job (\d+)/.exec(r.stdout) ?? /merge job (\d+)/.exec(r.stdout);
    if (ids) jobIds.push(...ids.slice(1).filter(Boolean));
    return r;
  };

  it('a 4-task array at 2 CPUs per task runs 2 workers a shard and merges into files byte-identical to a local batch', () => {
    const out = join(dir, 'first');
    const r = submit(out, '--wait');
    expect(r.status, `${r.stdout}\n${r.stderr}\n${existsSync(join(out, 'slurm', 'logs')) ? '' : 'no logs'}`).toBe(0);
    expect(r.stdout).toMatch(/^array job \d+ \(tasks 1,2,3,4\), merge job \d+\nmerged results and report in /);
    expect(read(join(out, 'merged', 'runs.csv'))).toBe(read(join(local, 'runs.csv')));
    expect(read(join(out, 'merged', 'series.csv'))).toBe(read(join(local, 'series.csv')));
    expect(existsSync(join(out, 'merged', 'report.html'))).toBe(true);
    for (const task of [1, 2, 3, 4]) {
      const manifest = JSON.parse(read(join(out, `shard-${task}-of-4`, 'manifest.json'))) as { workers: number };
      expect(manifest.workers, `shard ${task}'s workers`).toBe(2);
    }
    const status = ayni('slurm', 'status', out);
    expect(status.stdout).toMatch(/shard 4\/4: complete\nmerged: yes/);
  }, 240_000);

  it('a cancelled task is run again by a second submission, which ends with the same files', async () => {
    const out = join(dir, 'second');
    const r = submit(out);
    expect(r.status, r.stderr).toBe(0);
    const arrayJob = /array job (\d+)/.exec(r.stdout)?.[1] as string;
    // Task 4 waits behind task 1 (2 of the node's 2 CPUs); cancel it before it starts.
    expect(run('scancel', [`${arrayJob}_4`]).status).toBe(0);
    await waitFor(() => run('squeue', ['-h', '-j', jobIds.join(',')]).stdout.trim() === '', 150_000, 'the jobs to leave the queue');
    const status = ayni('slurm', 'status', out).stdout;
    expect(status).toMatch(/shard 4\/4: not started/);
    expect(status).toMatch(/merged: no/);
    const again = submit(out, '--wait');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^array job \d+ \(tasks 4\), merge job \d+/);
    expect(read(join(out, 'merged', 'runs.csv'))).toBe(read(join(local, 'runs.csv')));
    expect(read(join(out, 'merged', 'series.csv'))).toBe(read(join(local, 'series.csv')));
  }, 240_000);

  it('a design in 2 tasks writes design.csv, runs.csv and sensitivity.csv byte-identical to a local ayni experiment', async () => {
    const design = join(dir, 'ishigami-design.yaml');
    // 64 base samples × (3 + 2) points × 2 replications: 640 runs of the Ishigami function, a few seconds.
    writeFileSync(
      design,
      stringify({
        scenario: new URL('../../scenarios/test-functions/ishigami.yaml', import.meta.url).pathname,
        design: { kind: 'sobol', baseSamples: 64 },
        factors: [{ path: 'x1' }, { path: 'x2' }, { path: 'x3' }],
        replications: 2,
      }),
    );
    const alone = join(dir, 'experiment-local');
    const localRun = await ayniAsync(55_000, 'experiment', design, '--out', alone, '--workers', '0', '--quiet', '--no-report');
    expect(localRun.status, localRun.stderr).toBe(0);
    const out = join(dir, 'experiment');
    const r = await ayniAsync(55_000, 'slurm', 'submit', '--design', design, '--tasks', '2', '--out', out, '--wait');
    jobIds.push(...(/array job (\d+).*merge job (\d+)/.exec(r.stdout)?.slice(1) ?? []));
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/^array job \d+ \(tasks 1,2\), merge job \d+\nmerged results and report in /);
    for (const name of ['design.csv', 'runs.csv', 'sensitivity.csv'])
      expect(readFileSync(join(out, 'merged', name)).equals(readFileSync(join(alone, name))), name).toBe(true);
    expect(existsSync(join(out, 'merged', 'report.html'))).toBe(true);
    for (const task of [1, 2]) expect(existsSync(join(out, `shard-${task}-of-2`, 'batch', 'manifest.json')), `shard ${task}`).toBe(true);
    const status = await ayniAsync(30_000, 'slurm', 'status', out);
    expect(
      status.stdout.startsWith(`experiment of ${design}\nshard 1/2: complete\nshard 2/2: complete\nmerged: yes\n`),
      status.stdout,
    ).toBe(true);
  }, 120_000);
});
