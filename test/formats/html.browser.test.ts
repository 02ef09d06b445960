/**
 * Opens the showback page in real headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core) the way a reader would: from a file, with no network. Fails, never skips, when
 * Chromium is missing: scripts/ensure-test-tools.sh installs it (npm test runs it first).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format } from '../../src/formats/html.js';
import { fullReport, HOSTILE_TENANT } from './html-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
/** The one browser API used in page.evaluate (the project compiles without the DOM lib). */
type BrowserWindow = { getComputedStyle(element: unknown): { backgroundColor: string; lineHeight: string }; innerWidth: number };
type Box = { width: number; height: number };
type BrowserElement = { getBoundingClientRect(): Box; textContent: string | null };
type BrowserDocument = {
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): ArrayLike<BrowserElement>;
  createRange(): { selectNodeContents(node: unknown): void; getClientRects(): ArrayLike<Box> };
};
// `npm run screenshot` refreshes the README's picture; ordinary runs leave the committed one alone.
const SCREENSHOT = fileURLToPath(
  new URL(process.env.ATTRIB_UPDATE_SCREENSHOT === '1' ? '../../docs/screenshot-showback.png' : '../.tmp/screenshot-showback.png', import.meta.url),
);

describe('html showback in headless Chromium', () => {
  let browser: Browser;
  const file = join(mkdtempSync(join(tmpdir(), 'attrib-showback-')), 'showback.html');

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/ensure-test-tools.sh`).toBe(true);
    writeFileSync(file, format(fullReport(), { color: false, cwd: '/' }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`renders charts, tables and hostile names as text (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('dialog', (d) => problems.push(`dialog: ${d.message()}`));
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: 'load' });

      expect(await page.locator('svg.chart').count()).toBe(6);
      expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThan(20);
      expect(await page.locator('svg.chart polyline.line').count()).toBe(5);
      expect(await page.locator('table').count()).toBeGreaterThanOrEqual(12);
      expect(await page.locator('section#tenants td.key', { hasText: HOSTILE_TENANT }).count()).toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('svg [onload], [onerror]').count()).toBe(0);
      // The stylesheet applied (its hash is the only style the CSP allows).
      expect(await page.locator('.badge.over').first().evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).backgroundColor)).toBe('rgb(198, 40, 40)');
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      if (javaScriptEnabled) {
        mkdirSync(dirname(SCREENSHOT), { recursive: true });
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
        expect(existsSync(SCREENSHOT)).toBe(true);
      }
      await context.close();
    });
  }

  for (const width of [390, 1280]) {
    it(`lays out at ${width} px: no sideways scrolling, no word split in two, chart labels readable`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const layout = await page.evaluate(() => {
        const g = globalThis as unknown as BrowserWindow & { document: BrowserDocument };
        const doc = g.document;
        const keys = Array.from(doc.querySelectorAll('td.key'));
        // A name without spaces must sit on one line (no mid-word split): its text has one line box.
        const lineBoxes = (el: BrowserElement) => {
          const range = doc.createRange();
          range.selectNodeContents(el);
          return new Set(Array.from(range.getClientRects()).map((r) => Math.round((r as Box & { top: number }).top))).size;
        };
        const split = keys.filter((el) => /^\S+$/.test(el.textContent ?? '') && lineBoxes(el) > 1).map((el) => el.textContent);
        const labels = Array.from(doc.querySelectorAll('svg.chart text.label')).map((el) => el.getBoundingClientRect().height);
        return { scrollWidth: doc.documentElement.scrollWidth, innerWidth: g.innerWidth, split, smallestLabel: Math.min(...labels) };
      });
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
      expect(layout.split).toEqual([]);
      expect(layout.smallestLabel).toBeGreaterThanOrEqual(10); // px on screen: 12px text drawn no smaller than 10px
      const shot = SCREENSHOT.replace(/\.png$/, `-${width}.png`).replace('docs/screenshot', 'test/.tmp/screenshot');
      mkdirSync(dirname(shot), { recursive: true });
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
      await context.close();
    });
  }
});
