/**
 * The engine runs any registered model: the civil violence model through run, batch
 * (identical at any worker count and shard split), compare (paired, with its own outcomes) and report
 * (its own charts, in both languages), from the library and the command line.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch } from '../../src/batch/run-batch.js';
import { mergeShards } from '../../src/batch/merge.js';
import { compareScenarios } from '../../src/experiments/compare.js';
import { loadScenario } from '../../src/io/scenario-file.js';
import { readReportData, writeReport } from '../../src/publish/report-files.js';
import { reportDocument } from '../../src/report/document.js';
import { tempFolder } from '../helpers/temp.js';

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const folder = () => tempFolder('models');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const cli = repo('dist/src/cli/main.js');
const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });

const load = (name: string, set: Array<{ path: string; value: string }> = []) => {
  const loaded = loadScenario(repo(`scenarios/reference/${name}.yaml`), { set });
  if (!loaded.success) throw new Error(JSON.stringify(loaded.error));
  return loaded.data;
};
// Short runs keep the test quick; the schedules' changes stay inside them.
const short = [{ path: 'steps', value: '90' }];

describe('the civil violence model in the engine', () => {
  it('batches give byte-identical files in process, on 2 worker threads and as merged shards, with its own columns', async () => {
    const jump = load('epstein-legitimacy-jump', short);
    const a = folder();
    const b = folder();
    for (const [out, workers] of [
      [a, 0],
      [b, 2],
    ] as const) {
      const r = await runBatch(jump, { runs: 60, blockSize: 25, workers, out });
      expect(r.success && r.data.status).toBe('complete');
    }
    expect(read(b, 'runs.csv')).toBe(read(a, 'runs.csv'));
    expect(read(b, 'series.csv')).toBe(read(a, 'series.csv'));
    expect(read(a, 'runs.csv').split('\n')[0]).toBe(
      'run,seed,status,meanActive,peakActive,outbursts,outburstSteps,activationPerOutburst,firstOutburstStep,arrests,meanJailed,finalActive',
    );
    expect(read(a, 'series.csv').split('\n').slice(0, 2)).toEqual([
      'metric,step,runs,mean,p05,p25,p50,p75,p95',
      'quiet,1,60,1120,1120,1120,1120,1120,1120',
    ]);
    expect(JSON.parse(read(a, 'batch.json'))).toMatchObject({ model: 'epstein-civil-violence', firstMonth: null, steps: 90 });

    // Shards merged give the same files as the whole batch.
    const shards = [folder(), folder(), folder()];
    for (const [k, out] of shards.entries()) {
      const r = await runBatch(jump, { runs: 60, blockSize: 25, workers: 0, out, shard: { index: k + 1, count: 3 } });
      expect(r.success && r.data.status).toBe('complete');
    }
    const merged = join(folder(), 'merged');
    expect((await mergeShards(shards, merged)).success).toBe(true);
    expect(read(merged, 'runs.csv')).toBe(read(a, 'runs.csv'));
    expect(read(merged, 'series.csv')).toBe(read(a, 'series.csv'));
  }, 120_000);

  it('compares two legitimacy schedules with paired runs and reports them with its own charts', async () => {
    const out = folder();
    const result = await compareScenarios(load('epstein-legitimacy-gradual', short), [load('epstein-legitimacy-jump', short)], {
      runs: 40,
      workers: 0,
      out,
      resamples: 500,
    });
    if (!result.success) throw new Error(JSON.stringify(result.error));
    expect(result.data.outcomes[0]).toBe('meanActive');
    const peak = result.data.results.find((r) => r.outcome === 'peakActive');
    expect(peak?.better).toBe('lower');
    // By step 90 the jump (to 0.7 at step 77) has sparked an outburst; the gradual fall is still near 0.8.
    expect(peak?.difference.ci95.low).toBeGreaterThan(0);

    const { writeComparison } = await import('../../src/publish/comparison-files.js');
    writeComparison(out, result.data);
    const data = readReportData(out);
    if (!data.success) throw new Error(JSON.stringify(data.error));
    expect(data.data.model).toBe('epstein-civil-violence');
    for (const lang of ['es', 'en'] as const) {
      const doc = reportDocument(data.data, lang);
      expect(doc.charts.map((c) => c.id)).toEqual(['active-citizens', 'citizen-states', 'schedules', 'distributions', 'differences']);
      for (const chart of doc.charts) expect(chart.rows.length, chart.id).toBeGreaterThan(0);
      expect(doc.overview?.rows.map((r) => r.label).join(' ')).toMatch(
        lang === 'es' ? /máximo de ciudadanos activos/ : /peak active citizens/,
      );
    }
    const written = await writeReport(out, { lang: 'es' });
    expect(written.success).toBe(true);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual([
      'active-citizens.vl.json',
      'citizen-states.vl.json',
      'differences.vl.json',
      'distributions.vl.json',
      'schedules.vl.json',
    ]);
  }, 120_000);

  it('refuses to compare arms of different models', async () => {
    const peru = loadScenario(repo('scenarios/tutorial.yaml'));
    if (!peru.success) throw new Error('tutorial invalid');
    const result = await compareScenarios(peru.data, [load('epstein-defaults', short)], { runs: 2, workers: 0, out: folder() });
    expect(result.success ? '' : result.error[0]?.message).toMatch(/is a epstein-civil-violence scenario; the base is peru-mining/);
  });

  it('ayni run prints its outcomes, writes step-labelled files, and rejects Peru-only options with exit 2', () => {
    const out = folder();
    const r = ayni('run', repo('scenarios/reference/epstein-table2-run1.yaml'), '--seed', '4', '--steps', '50', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ayni run: epstein-table2-run1, seed 4, 50 steps, model epstein-civil-violence/);
    expect(read(out, 'timeseries.csv').split('\n')[0]).toBe('step,quiet,active,jailed,cops,legitimacy,arrests');
    expect(JSON.parse(read(out, 'summary.json'))).toMatchObject({ model: 'epstein-civil-violence', steps: 50, seed: 4 });
    expect(JSON.parse(read(out, 'manifest.json')).options).toEqual({ steps: 50, set: ['steps=50'] });
    expect(read(out, 'events.ndjson').split('\n')[0]).toMatch(/^\{"step":\d+,"type":"arrest"/);
    const again = folder();
    ayni('run', repo('scenarios/reference/epstein-table2-run1.yaml'), '--seed', '4', '--steps', '50', '--out', again);
    for (const file of ['summary.json', 'timeseries.csv', 'events.ndjson']) expect(read(again, file)).toBe(read(out, file));

    const bad = ayni('run', repo('scenarios/reference/epstein-table2-run1.yaml'), '--months', '12');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/epstein-table2-run1\.yaml: months: unknown key$/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
