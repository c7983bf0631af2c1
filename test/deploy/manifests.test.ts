/**
 * The deploy/ examples beyond Slurm, without a cluster: the Kubernetes manifests parse, the
 * shards Job is Indexed with completions = parallelism = the n of `--shard auto/n`, its pod
 * failure policy fails the Job on exit 2 and retries 130 without counting it, and the merge Job
 * reads exactly the folders the shards write. The pods' shell lines are run by sh (with a
 * stand-in `node` that prints its arguments) to check the folder each index gets. The same for
 * the HTCondor submit file and the AWS Batch note.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { tempFolder } from '../helpers/temp.js';

const text = (path: string) => readFileSync(new URL(`../../deploy/${path}`, import.meta.url), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field below
type Manifest = any;
const manifest = (path: string): Manifest => {
  const docs = parseAllDocuments(text(path));
  expect(docs).toHaveLength(1);
  expect(docs[0]?.errors).toEqual([]);
  return docs[0]?.toJS();
};

interface Rule {
  action: string;
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] };
}
/** The action Kubernetes takes for a container's exit code: the first rule that matches (else Count). */
function actionFor(rules: Rule[], container: string, code: number): string {
  const rule = rules.find(
    (r) =>
      r.onExitCodes !== undefined &&
      (r.onExitCodes.containerName === undefined || r.onExitCodes.containerName === container) &&
      r.onExitCodes.values.includes(code) === (r.onExitCodes.operator === 'In'),
  );
  return rule?.action ?? 'Count';
}

/** Runs a pod's `sh -c` line with a `node` that prints its arguments, one a line. */
function argumentsOf(script: string, env: Record<string, string>): string[] {
  const bin = tempFolder('deploy-bin');
  writeFileSync(join(bin, 'node'), '#!/bin/sh\nfor a in "$@"; do printf \'%s\\n\' "$a"; done\n');
  chmodSync(join(bin, 'node'), 0o755);
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.trimEnd().split('\n');
}
const optionValue = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('deploy/kubernetes', () => {
  const shards = manifest('kubernetes/shards-job.yaml');
  const merge = manifest('kubernetes/merge-job.yaml');
  const volume = manifest('kubernetes/volume.yaml');
  const container = shards.spec.template.spec.containers[0];
  const n = shards.spec.completions as number;

  it('is an Indexed Job of n pods, each running --shard auto/n', () => {
    expect(shards).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job' });
    expect(shards.spec).toMatchObject({ completionMode: 'Indexed', parallelism: n, podReplacementPolicy: 'Failed' });
    expect(n).toBeGreaterThan(1);
    expect(shards.spec.backoffLimitPerIndex).toBeGreaterThanOrEqual(1);
    // podFailurePolicy and backoffLimitPerIndex need pods that are not restarted in place.
    expect(shards.spec.template.spec.restartPolicy).toBe('Never');
    expect(container.command).toEqual(['sh', '-c']);
    expect(container.args).toHaveLength(1);
    expect(container.args[0]).toMatch(new RegExp(`^exec node .* --shard auto/${n} .*--resume`));
  });

  it('fails the Job on exit 2, retries 130 without counting it, and fails only the index on 1', () => {
    const rules: Rule[] = shards.spec.podFailurePolicy.rules;
    expect(actionFor(rules, container.name, 2)).toBe('FailJob');
    expect(actionFor(rules, container.name, 130)).toBe('Ignore');
    expect(actionFor(rules, container.name, 1)).toBe('FailIndex');
    expect(actionFor(rules, container.name, 137)).toBe('Count');
    expect(rules).toContainEqual({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] });
    const mergeRules: Rule[] = merge.spec.podFailurePolicy.rules;
    const mergeContainer = merge.spec.template.spec.containers[0];
    expect(actionFor(mergeRules, mergeContainer.name, 2)).toBe('FailJob');
    expect(actionFor(mergeRules, mergeContainer.name, 130)).toBe('Ignore');
    expect(merge.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('gives pod i its own folder shard-(i+1)-of-n, and the merge Job reads exactly those', () => {
    const folders = Array.from({ length: n }, (_, i) => {
      const args = argumentsOf(container.args[0], { JOB_COMPLETION_INDEX: String(i), CPUS: '2' });
      expect(args.slice(0, 2)).toEqual(['/app/dist/src/cli/main.js', 'batch']);
      expect(optionValue(args, '--shard')).toBe(`auto/${n}`);
      expect(optionValue(args, '--workers')).toBe('2');
      return optionValue(args, '--out') as string;
    });
    expect(folders).toEqual(Array.from({ length: n }, (_, i) => `/data/corridor/shard-${i + 1}-of-${n}`));
    const script: string = merge.spec.template.spec.containers[0].args[0];
    const root = /\br=(\S+);/.exec(script)?.[1];
    const merged = /main\.js merge (.*) --out /.exec(script)?.[1]?.split(' ');
    expect(merged?.map((f) => f.replace(/^"\$r\//, `${root}/`).replace(/"$/, ''))).toEqual(folders);
  });

  it('mounts one ReadWriteMany volume in both Jobs', () => {
    expect(volume).toMatchObject({ kind: 'PersistentVolumeClaim', spec: { accessModes: ['ReadWriteMany'] } });
    for (const job of [shards, merge]) {
      expect(job.spec.template.spec.volumes).toEqual([{ name: 'results', persistentVolumeClaim: { claimName: volume.metadata.name } }]);
      expect(job.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'results', mountPath: '/data' }]);
    }
  });
});

describe('deploy/htcondor and deploy/aws-batch', () => {
  it('passes $(Process) as AYNI_SHARD_INDEX and names the folder by $(Process) + 1; no retry on exit 2', () => {
    const submit = Object.fromEntries(
      text('htcondor/ayni.sub')
        .split('\n')
        .filter((line) => /^\w+\s*=/.test(line))
        .map((line) => line.split(/\s*=\s*(.*)/, 2).map((s) => s.trim()) as [string, string]),
    );
    expect(submit['environment']).toMatch(/^"AYNI_SHARD_INDEX=\$\(Process\)[ "]/);
    expect(submit['k']).toBe('$(Process) + 1');
    expect(submit['arguments']).toMatch(/ --shard auto\/\$\(shards\) .*--out results\/corridor\/shard-\$INT\(k\)-of-\$\(shards\)"$/);
    expect(submit['retry_until']).toBe('ExitCode == 2');
    expect(text('htcondor/ayni.sub')).toMatch(/^queue \$\(shards\)$/m);
  });

  it('AWS Batch: child i runs shard i + 1 into its own folder; exit 2 ends, 130 retries', () => {
    const note = text('aws-batch/README.md');
    const blocks = [...note.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    const command: string[] = parse(blocks[0] as string);
    expect(command.slice(0, 2)).toEqual(['sh', '-c']);
    const args = argumentsOf(command[2] as string, { AWS_BATCH_JOB_ARRAY_INDEX: '0' });
    expect([optionValue(args, '--shard'), optionValue(args, '--out')]).toEqual(['auto/8', '/data/corridor/shard-1-of-8']);
    const retry = parse(`{${blocks[1]}}`).retryStrategy;
    expect(retry.evaluateOnExit).toEqual([
      { onExitCode: '2', action: 'EXIT' },
      { onExitCode: '130', action: 'RETRY' },
    ]);
  });
});
