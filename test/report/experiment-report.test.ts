/**
 * The experiment report (publish/experiment-report.ts, report/experiment-document.ts): written by
 * `ayni experiment` beside its tables (not with --no-report), in Spanish and English, offline and
 * well formed like the other reports, with the coverage, Sobol or Morris charts and tables.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type TopLevelSpec } from 'vega-lite';
import { stringify } from 'yaml';
import { runExperiment } from '../../src/experiments/experiment.js';
import { readExperimentReportData } from '../../src/publish/experiment-report.js';
import { writeReport } from '../../src/publish/report-files.js';
import { experimentDocument } from '../../src/report/experiment-document.js';
import { LANGS, t } from '../../src/report/messages.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

/** An experiment folder of the Ishigami function plus noise (σ = 1), with the seed as a factor. */
async function experimentFolder(name: string, design: Record<string, unknown>, replications: number): Promise<string> {
  const dir = tempFolder(name);
  writeFileSync(join(dir, 'ishigami.yaml'), stringify({ extends: repo('scenarios/test-functions/ishigami.yaml'), noise: 1 }));
  const file = join(dir, 'design.yaml');
  writeFileSync(
    file,
    stringify({
      scenario: 'ishigami.yaml',
      design,
      factors: [{ path: 'x1' }, { path: 'x2' }, { path: 'x3' }, { path: 'seed' }],
      replications,
    }),
  );
  const out = join(dir, 'out');
  const result = await runExperiment(file, { out, workers: 0 });
  if (!result.success) throw new Error(JSON.stringify(result.error));
  return out;
}

/** The well-formedness the other report tests check: one page, offline, every figure with its title. */
function expectOfflinePage(html: string, lang: string): void {
  expect(html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
  expect(html).not.toMatch(/<(script|img|link|iframe)[^>]+(src|href)="https?:/i);
  expect(html.trimEnd().endsWith('</html>')).toBe(true);
  // Every table, section and figure opened is closed.
  for (const tag of ['table', 'section', 'figure', 'tr'])
    expect(html.match(new RegExp(`<${tag}[ >]`, 'g'))?.length, tag).toBe(html.match(new RegExp(`</${tag}>`, 'g'))?.length);
}

describe('the experiment report', () => {
  it('shows a Morris screening: coverage, the μ*–σ plane with the noise floor, the top factors (es and en)', async () => {
    const out = await experimentFolder('report-morris', { kind: 'morris', trajectories: 20, levels: 4 }, 2);
    const data = readExperimentReportData(out);
    expect(data.success).toBe(true);
    if (!data.success) return;
    for (const lang of LANGS) {
      const doc = experimentDocument(data.data, lang);
      expect(doc.charts.map((c) => c.id)).toEqual(['design-coverage', 'morris-y']);
      for (const chart of doc.charts) expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
      // One coverage panel per numeric factor but the seed, 20 bins each; the Morris chart draws the floor.
      expect(new Set(doc.charts[0]?.rows.map((r) => r['factor']))).toEqual(new Set(['x1', 'x2', 'x3']));
      expect(doc.charts[0]?.rows).toHaveLength(3 * 20);
      expect(doc.charts[1]?.rows[0]).toHaveProperty('muStarNoise');
      expect(doc.tables?.map((table) => table.title)).toEqual([t(lang, 'factorsTable'), t(lang, 'topFactorsTable', { output: 'y' })]);
      expect(doc.tables?.[1]?.columns).toContain(t(lang, 'noiseFloor'));
      const written = await writeReport(out, { lang });
      expect(written.success).toBe(true);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expectOfflinePage(html, lang);
      for (const title of [t(lang, 'coverageTitle'), t(lang, 'morrisTitle', { output: 'y' }), t(lang, 'designKind_morris')])
        expect(html).toContain(title);
    }
    expect(existsSync(join(out, 'charts', 'morris-y.vl.json'))).toBe(true);
  }, 60_000);

  it('shows a Sobol analysis with its bars, and `ayni experiment` writes the report unless --no-report', () => {
    const dir = tempFolder('report-sobol');
    const file = join(dir, 'design.yaml');
    writeFileSync(
      file,
      stringify({
        scenario: repo('scenarios/test-functions/ishigami.yaml'),
        design: { kind: 'sobol', baseSamples: 64 },
        factors: [{ path: 'x1' }, { path: 'x2' }, { path: 'x3' }],
      }),
    );
    const ayni = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
    const en = ayni('experiment', file, '--out', join(dir, 'en'), '--workers', '0', '--lang', 'en', '--quiet');
    expect(en.stderr).toBe('');
    expect(en.status).toBe(0);
    const html = readFileSync(join(dir, 'en', 'report.html'), 'utf8');
    expectOfflinePage(html, 'en');
    for (const title of [t('en', 'coverageTitle'), t('en', 'sobolTitle', { output: 'y' }), t('en', 'topFactorsTable', { output: 'y' })])
      expect(html).toContain(title);
    const es = ayni('experiment', file, '--out', join(dir, 'es'), '--workers', '0', '--lang', 'es', '--quiet');
    expect(es.status).toBe(0);
    expect(readFileSync(join(dir, 'es', 'report.html'), 'utf8')).toContain(t('es', 'sobolTitle', { output: 'y' }));
    expect(ayni('experiment', file, '--out', join(dir, 'none'), '--workers', '0', '--no-report', '--quiet').status).toBe(0);
    expect(existsSync(join(dir, 'none', 'sensitivity.csv'))).toBe(true);
    expect(existsSync(join(dir, 'none', 'report.html'))).toBe(false);
  }, 120_000);
});
