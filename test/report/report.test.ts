import { describe, expect, it } from 'vitest';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type TopLevelSpec } from 'vega-lite';
import { catalogueKeys, LANGS, t } from '../../src/report/messages.js';
import { readReportData, writeReport } from '../../src/publish/report-files.js';
import { reportDocument } from '../../src/report/document.js';
import { renderSvg } from '../../src/report/render.js';
import { comparisonFolder } from './helpers.js';

describe('message catalogue', () => {
  it('has every string in Spanish and in English, none empty', () => {
    expect(catalogueKeys('es').sort()).toEqual(catalogueKeys('en').sort());
    for (const lang of LANGS) for (const key of catalogueKeys(lang)) expect(t(lang, key as never).length).toBeGreaterThan(0);
  });
});

describe('reports', () => {
  it('builds valid Vega-Lite charts with titles, alt text and CSV rows, in both languages', async () => {
    const dir = await comparisonFolder(60);
    const data = readReportData(dir);
    expect(data.success).toBe(true);
    if (!data.success) return;
    for (const lang of LANGS) {
      const doc = reportDocument(data.data, lang);
      expect(doc.charts.map((c) => c.id)).toEqual([
        'active-conflicts',
        'phases',
        'trust',
        'distributions',
        'differences',
        'commitments',
        'revenue',
      ]);
      // One sentence per package at most; the numbers are in the overview table, one row per outcome.
      expect(doc.summary).toHaveLength(data.data.comparison?.variants.length ?? 0);
      expect(doc.headline?.length).toBeGreaterThan(20);
      expect(doc.overview?.rows.map((r) => r.outcome)).toEqual(data.data.comparison?.outcomes);
      expect(doc.overview?.rows.every((r) => r.cells.length === 1)).toBe(true);
      for (const chart of doc.charts) {
        expect(chart.title.length).toBeGreaterThan(5);
        expect(chart.alt.length).toBeGreaterThan(30);
        expect(chart.rows.length).toBeGreaterThan(0);
        expect(() => compile(chart.spec as unknown as TopLevelSpec)).not.toThrow();
      }
      const svg = await renderSvg(doc.charts[0]!.spec);
      expect(svg).toMatch(/^<svg/);
      expect(svg).toMatch(/class="mark-line/);
    }
    expect(reportDocument(data.data, 'es').charts[0]!.title).toBe('Conflictos activos en el tiempo');
  }, 60_000);

  it('writes a self-contained file: no external script, style or image, and the specs beside it', async () => {
    const dir = await comparisonFolder(40);
    const written = await writeReport(dir, { lang: 'es' });
    expect(written.success).toBe(true);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]+(src|href)="https?:/i);
    expect(html).toMatch(/href="data:text\/csv;charset=utf-8;base64,/);
    // Downloads open in Excel: a UTF-8 byte-order mark, and the columns titled in Spanish.
    const csv = (name: string) => {
      const link = html.match(new RegExp(`download="${name}.csv" href="data:text/csv;charset=utf-8;base64,([^"]+)"`));
      return Buffer.from(link?.[1] ?? '', 'base64').toString('utf8');
    };
    expect(csv('active-conflicts').startsWith('\uFEFFescenario,mes,percentil 5,')).toBe(true);
    expect(csv('differences').split('\n')[0]).toBe(
      '\uFEFFpaquete,resultado,cambio (% de la base),rango desde (% de la base),rango hasta (% de la base),cambio,rango desde (95 %),rango hasta (95 %),frente a la base',
    );
    expect(csv('overview').startsWith('\uFEFFResultado,Base (media),early,')).toBe(true);
    expect(existsSync(join(dir, 'charts', 'active-conflicts.vl.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'charts', 'differences.vl.json'), 'utf8')).title).toBe(
      'Cuánto cambia cada resultado con cada paquete, frente a la base',
    );
  }, 60_000);

  it('a report of a 1,000-run comparison stays under 5 MB', async () => {
    const dir = await comparisonFolder(1000, 2);
    await writeReport(dir, { lang: 'en' });
    const size = statSync(join(dir, 'report.html')).size;
    expect(size).toBeLessThan(5 * 1024 * 1024);
  }, 120_000);

  it('refuses a folder that holds no results', () => {
    const r = readReportData('/tmp');
    expect(r.success).toBe(false);
  });
});
