/**
 * The published reports are current: every report reports/reports.yaml lists is there, in each
 * of its languages, and the digests of its inputs now (scenarios after extends and overlays,
 * hypothesis file, ayni's and the model's version, runs, seed, languages) equal those
 * recorded in its inputs.json. Nothing is simulated: a stale report fails with the command
 * that remakes it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadReportsManifest, reportFolder, staleness } from '../../src/publish/published-inputs.js';
import { scenarioJsonSchemaText } from '../../src/docs/json-schema.js';

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const MANIFEST = repo('reports/reports.yaml');
const manifest = loadReportsManifest(MANIFEST);

describe('the published reports (reports/)', () => {
  it('are listed in a valid manifest, with its JSON Schema current', () => {
    expect(manifest.success, JSON.stringify(manifest.success ? '' : manifest.error)).toBe(true);
    expect(readFileSync(repo('reports/reports.schema.json'), 'utf8')).toBe(scenarioJsonSchemaText('peru-mining', 'reports'));
  });

  const entries = manifest.success ? manifest.data.reports : [];
  it.each(entries.map((e) => [e.id, e] as const))('%s is present and current', (id, entry) => {
    const why = staleness(MANIFEST, entry);
    if (!why.success) throw new Error(`reports/${id}: ${why.error.map((i) => `${i.file}: ${i.path.join('.')}: ${i.message}`).join('; ')}`);
    expect(why.data, `reports/${id} is not current (${why.data}): run npm run reports -- --only ${id}`).toBeNull();
    // Each page loads the shared scripts by relative address: they must be where it looks.
    for (const lang of entry.langs) {
      const page = join(reportFolder(MANIFEST, id), lang, 'report.html');
      const sources = [...readFileSync(page, 'utf8').matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] as string);
      expect(sources.length, page).toBe(3);
      for (const src of sources) expect(existsSync(resolve(dirname(page), src)), `${page} loads ${src}`).toBe(true);
    }
  });
});
