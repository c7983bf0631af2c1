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
import { comparisonFolder } from './helpers.js';
import { tempFolder } from '../helpers/temp.js';

// The few DOM members the page functions below use (the project does not load the DOM library).
interface PageElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): { length: number };
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageElement>; documentElement: { lang: string } };

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const required = process.env['CI'] === 'true';
if (!available && !required) console.warn(`browser test skipped: ${CHROMIUM} is missing (install Debian's chromium; CI does)`);

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
});
