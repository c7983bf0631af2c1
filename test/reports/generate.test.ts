/**
 * `npm run reports` on a small manifest in a temporary folder: it writes each report in its
 * languages with inputs.json last, leaves a current report alone, tells a changed input, and
 * refuses an id the manifest does not list (exit 2 from the command line).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generateReports } from '../../src/publish/published-reports.js';
import { loadReportsManifest, recordedInputs, staleness } from '../../src/publish/published-inputs.js';
import { tinyScenarioInput } from '../helpers/tiny-world.js';
import { tempFolder } from '../helpers/temp.js';

const cli = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;

function project(): { dir: string; manifest: string } {
  const dir = tempFolder('reports');
  writeFileSync(join(dir, 'base.yaml'), stringify({ ...tinyScenarioInput(2), months: 24 }));
  writeFileSync(
    join(dir, 'early.yaml'),
    stringify({ name: 'early', label: { es: 'Diálogo temprano', en: 'Early dialogue' }, policies: { dialogue: { timing: 'early' } } }),
  );
  const manifest = join(dir, 'reports', 'reports.yaml');
  const reports = {
    reports: [
      {
        id: 'tiny-reforms',
        kind: 'compare',
        base: '../base.yaml',
        variants: ['../early.yaml'],
        runs: 4,
        seed: 3,
        note: { es: 'Pocas corridas.', en: 'Few runs.' },
      },
    ],
  };
  mkdirSync(join(dir, 'reports'));
  writeFileSync(manifest, stringify(reports));
  return { dir, manifest };
}

describe('npm run reports', () => {
  it('writes each language and inputs.json, then leaves a current report alone and tells a changed input', async () => {
    const { dir, manifest } = project();
    const first = await generateReports(manifest, { workers: 0 });
    expect(first.success, JSON.stringify(first)).toBe(true);
    if (!first.success) return;
    expect(first.data).toEqual([
      { id: 'tiny-reforms', state: 'written', files: ['es', 'en'].map((l) => join(dir, 'reports', 'tiny-reforms', l, 'report.html')) },
    ]);
    const folder = join(dir, 'reports', 'tiny-reforms');
    for (const name of ['comparison.json', 'comparison.csv', 'inputs.json']) expect(existsSync(join(folder, name)), name).toBe(true);
    const html = readFileSync(join(folder, 'es', 'report.html'), 'utf8');
    expect(html).toContain('<p class="notice">Pocas corridas.</p>');
    expect(html).toContain('<script src="../../scripts/vega.min.js"></script>');
    expect(existsSync(join(dir, 'reports', 'scripts', 'vega-embed.min.js'))).toBe(true);
    const inputs = recordedInputs(folder);
    expect(inputs).toMatchObject({
      id: 'tiny-reforms',
      kind: 'compare',
      runs: 4,
      seed: 3,
      langs: ['es', 'en'],
      base: { file: '../base.yaml' },
    });
    expect(inputs?.variants[0]?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const entry = loadReportsManifest(manifest);
    if (!entry.success) throw new Error('manifest');
    const listed = entry.data.reports[0]!;
    expect(staleness(manifest, listed)).toEqual({ success: true, data: null });

    const again = await generateReports(manifest, { workers: 0 });
    expect(again.success && again.data[0]?.state).toBe('current');

    // A comment changes nothing; a value does.
    writeFileSync(join(dir, 'early.yaml'), `# a comment\n${readFileSync(join(dir, 'early.yaml'), 'utf8')}`);
    expect(staleness(manifest, listed)).toEqual({ success: true, data: null });
    writeFileSync(join(dir, 'early.yaml'), stringify({ name: 'early', policies: { dialogue: { timing: 'none' } } }));
    expect(staleness(manifest, listed)).toEqual({ success: true, data: 'changed: variants' });
  }, 120_000);

  it('tests a hypothesis at the runs the manifest sets instead of the file’s runs and precision', async () => {
    const { dir, manifest } = project();
    writeFileSync(
      join(dir, 'h.yaml'),
      stringify({
        statement: { es: 'El diálogo temprano reduce el conflicto.', en: 'Early dialogue lowers conflict.' },
        base: 'base.yaml',
        variant: 'early.yaml',
        primary: 'activeConflictMonths',
        expect: 'lower',
        smallestEffect: 1,
        runs: 20,
        precision: { halfWidth: 0.001, maxRuns: 400 },
      }),
    );
    writeFileSync(manifest, stringify({ reports: [{ id: 'tiny-test', kind: 'test', hypothesis: '../h.yaml', runs: 6, langs: ['es'] }] }));
    const r = await generateReports(manifest, { workers: 0 });
    expect(r.success, JSON.stringify(r)).toBe(true);
    const folder = join(dir, 'reports', 'tiny-test');
    const verdict = JSON.parse(readFileSync(join(folder, 'verdict.json'), 'utf8'));
    expect(verdict.runs).toBe(6);
    expect(JSON.parse(readFileSync(join(folder, 'comparison.json'), 'utf8')).precision.target).toBeNull();
    expect(recordedInputs(folder)).toMatchObject({ kind: 'test', runs: 6, seed: 1, robustness: 'file', hypothesis: { file: '../h.yaml' } });
    expect(existsSync(join(folder, 'es', 'report.html'))).toBe(true);
    expect(existsSync(join(folder, 'en'))).toBe(false);
  }, 120_000);

  it('refuses an id the manifest does not list, naming the ones it does; exit 2 from the command line', async () => {
    const { manifest } = project();
    const r = await generateReports(manifest, { only: ['nope'], workers: 0 });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error[0]?.message).toBe('no report nope; listed: tiny-reforms');
    const cliRun = spawnSync(process.execPath, [cli, 'reports', '--manifest', manifest, '--only', 'nope'], { encoding: 'utf8' });
    expect(cliRun.status).toBe(2);
    expect(cliRun.stderr.trim().split('\n')).toHaveLength(1);
    expect(cliRun.stderr).toContain('no report nope');
  }, 60_000);
});
