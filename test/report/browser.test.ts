/**
 * The report in a real browser: Debian's Chromium, driven by playwright-core, opens the file
 * from file:// and we check that every chart became interactive and drew marks, that nothing
 * was logged as an error and that no request left the page, in both languages. A screenshot
 * of each is taken, and kept in the folder AYNI_TEST_ARTIFACTS names if it is set (never in
 * the work tree by default). In CI (CI=true) a missing Chromium fails the test.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writeReport } from '../../src/publish/report-files.js';
import { comparisonFolder, packagesFolder, PACKAGES } from './helpers.js';
import { tempFolder } from '../helpers/temp.js';

// The few DOM members the page functions below use (the project does not load the DOM library).
interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}
interface PageElement {
  id: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & { length: number };
  getBoundingClientRect(): Box;
}
declare const document: {
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  documentElement: { lang: string; scrollWidth: number; clientWidth: number };
};

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const required = process.env['CI'] === 'true';
if (!available && !required) console.warn(`browser test skipped: ${CHROMIUM} is missing (install Debian's chromium; CI does)`);

const launch = (viewport: { width: number; height: number }) =>
  chromium.launchPersistentContext(tempFolder('chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
  });

describe.runIf(available || required)('the report in Chromium', () => {
  it('renders every chart, with no console error and no network request, in Spanish and English', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: .ci/run installs it with apt-get`).toBe(true);
    const dir = await comparisonFolder(80);
    const artifacts = process.env['AYNI_TEST_ARTIFACTS'] ?? tempFolder('screenshots');
    mkdirSync(artifacts, { recursive: true });
    const context = await chromium.launchPersistentContext(tempFolder('chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1200, height: 900 },
    });
    try {
      for (const lang of ['es', 'en'] as const) {
        const file = join(dir, `report.${lang}.html`);
        const written = await writeReport(dir, { lang, out: file });
        expect(written.success).toBe(true);
        const page = await context.newPage();
        const problems: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(m.text());
        });
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(`file://${file}`);
        await page.waitForFunction(
          () =>
            document.querySelectorAll('.chart').length > 0 &&
            document.querySelectorAll('.chart[data-interactive="true"]').length === document.querySelectorAll('.chart').length,
          null,
          { timeout: 30_000 },
        );
        const charts = await page.evaluate(() =>
          Array.from(document.querySelectorAll('.chart')).map((el) => ({
            label: el.getAttribute('aria-label') ?? '',
            marks: el.querySelectorAll('g[class^="mark-"] path, g[class^="mark-"] line, g[class^="mark-"] rect').length,
          })),
        );
        expect(charts).toHaveLength(7);
        for (const chart of charts) expect(chart.marks, chart.label).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        expect(problems).toEqual([]);
        expect(requests).toEqual([`file://${file}`]);
        await page.screenshot({ path: join(artifacts, `report-${lang}.png`), fullPage: true });
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows four packages, their names and every legend at 1280 and 1000 px without horizontal scrolling, in Spanish and English', async () => {
    const dir = await packagesFolder(30);
    const artifacts = process.env['AYNI_TEST_ARTIFACTS'] ?? tempFolder('screenshots');
    mkdirSync(artifacts, { recursive: true });
    const context = await launch({ width: 1280, height: 720 });
    try {
      for (const lang of ['es', 'en'] as const) {
        const file = join(dir, `report.${lang}.html`);
        expect((await writeReport(dir, { lang, out: file })).success).toBe(true);
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(m.text());
        });
        page.on('pageerror', (e) => problems.push(e.message));
        await page.goto(`file://${file}`);
        await page.waitForFunction(
          () =>
            document.querySelectorAll('.chart').length > 0 &&
            document.querySelectorAll('.chart[data-interactive="true"]').length === document.querySelectorAll('.chart').length,
          null,
          { timeout: 30_000 },
        );
        const labels = PACKAGES.map((p) => p.label[lang]);
        // A projector's 1280 px, and a laptop's 1000 px.
        for (const width of [1280, 1000]) {
          await page.setViewportSize({ width, height: 720 });
          const seen = await page.evaluate((names: string[]) => {
            const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');
            const inside = (a: Box, b: Box) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.width > 0 && a.height > 0;
            const figures = Array.from(document.querySelectorAll('figure')).map((figure) => {
              const card = figure.getBoundingClientRect();
              const drawing = figure.querySelector('.chart svg, .chart canvas');
              const texts = Array.from(figure.querySelectorAll('.chart svg text'));
              // Each name as one (possibly wrapped) label drawn inside the card.
              const shown = names.filter((name) =>
                texts.some((t) => squash(t.textContent) === squash(name) && inside(t.getBoundingClientRect(), card)),
              );
              const legends = Array.from(figure.querySelectorAll('.chart svg g.role-legend'));
              return {
                id: figure.id,
                // At its own size: the page's CSS would shrink a wider drawing, and its labels with it.
                fits:
                  drawing !== null &&
                  Number(drawing.getAttribute('width')) <= figure.clientWidth - 32 &&
                  inside(drawing.getBoundingClientRect(), card) &&
                  figure.scrollWidth <= figure.clientWidth,
                width: Number(drawing?.getAttribute('width')),
                shown,
                legends: legends.length,
                legendsInside: legends.every((g) => inside(g.getBoundingClientRect(), card)),
              };
            });
            const table = Array.from(document.querySelectorAll('table.overview th.package')).map((th) => th.textContent ?? '');
            const root = document.documentElement;
            return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, figures, table };
          }, labels);
          expect(seen.scrollWidth, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(seen.clientWidth);
          for (const f of seen.figures) {
            expect(f.fits, `${f.id} is wider than its card (${f.width} px) at ${width} px`).toBe(true);
            expect(f.legendsInside, `a legend of ${f.id} is outside its card at ${width} px`).toBe(true);
          }
          // The table has a column per package; every chart that tells the arms apart names each of them.
          expect(seen.table).toHaveLength(4);
          for (const label of labels) expect(seen.table.some((th) => th.endsWith(label))).toBe(true);
          for (const id of ['active-conflicts', 'phases', 'trust', 'distributions', 'differences', 'commitments', 'revenue'])
            expect(seen.figures.find((f) => f.id === id)?.shown, id).toEqual(labels);
          // Every chart that colours by a category has its legend (the phase and verdict legends too).
          for (const f of seen.figures) expect(f.legends, `${f.id} has no legend`).toBeGreaterThan(0);
          await page.screenshot({ path: join(artifacts, `report-packages-${lang}-${width}.png`), fullPage: true });
        }
        expect(problems).toEqual([]);
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 180_000);
});
