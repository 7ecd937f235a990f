// Printing: every kansli page prints whole on A4 (nothing wider than the page), closed tables are
// opened for print, and the participant sheet fits one A4 page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { testApp, surveys } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';
import { addUser } from '../../server/auth/users.js';
import { PASSWORD } from '../web/helpers.js';
import { seedDemo } from '../../server/ops/demo.js';

let browser: Browser;
let context: BrowserContext;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  browser = await launchBrowser();
  const t = await testApp();
  await seedDemo(t.db, surveys, '2026-11-23');
  await addUser(t.db, 'karin', 'admin', PASSWORD);
  ({ base, close } = await serve(t.app));
  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/kansli/logga-in`);
  await page.fill('#name', 'karin');
  await page.fill('#password', PASSWORD);
  await page.click('button:has-text("Logga in")');
  await page.waitForURL(/\/kansli\/omgangar/);
  await page.close();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await close?.();
});

// A4 is 210 mm wide; with 12 mm margins 186 mm is left, about 703 CSS px.
const PRINT_WIDTH = 703;
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('printing', () => {
  for (const path of [
    '/kansli/rapport?ar=2025',
    '/kansli/utfall?ar=2025',
    '/kansli/resultat?ar=2025&enkat=nns-deltagare-avslut',
    '/kansli/mal?ar=2025&insats=1',
  ]) {
    it(`prints ${path} within the width of A4`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
      await page.goto(`${base}${path}`);
      await page.emulateMedia({ media: 'print' });
      const widest = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(widest).toBeLessThanOrEqual(PRINT_WIDTH + 1);
      // On paper nothing scrolls: no table may be wider than the box it sits in (it would be cut).
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll('.table-wrap')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.getAttribute('aria-labelledby')),
      );
      expect(clipped).toEqual([]);
      await page.close();
    });
  }

  it('opens closed tables when printing', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/kansli/utfall?ar=2025`);
    expect(await page.locator('details:not([open])').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.locator('details:not([open])').count()).toBe(0);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await page.locator('details:not([open])').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('prints the whole report to PDF: as many A4 pages as its printed length needs', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
    await page.goto(`${base}/kansli/rapport?ar=2025`);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    // A4 is 297 mm high; with 12 mm margins 273 mm (about 1032 CSS px) are printed per page. Fewer
    // pages than that would mean content was cut; page breaks kept out of tables may add some.
    const needed = Math.ceil(height / 1032);
    expect(needed).toBeGreaterThan(1);
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(needed);
    expect(pageCount(pdf)).toBeLessThanOrEqual(Math.ceil(needed * 1.5) + 1);
    await page.close();
  });

  it('fits the participant print sheet on one A4 page', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/kansli/omgangar/1/utskrift`);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pageCount(pdf)).toBe(1);
    await page.close();
  });
});
