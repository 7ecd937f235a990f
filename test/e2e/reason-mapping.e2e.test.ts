// In a real browser: a file stopped by unknown end reasons gets the mapping form; choosing the file
// again imports it with the mapping (the browser sends the hidden spellings before the file), and
// the form passes axe (WCAG 2.1 A/AA) and fits 320 px.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { testApp } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';
import { addUser } from '../../server/auth/users.js';
import { PASSWORD } from '../web/helpers.js';
import { HEADER, csv } from '../followup/helpers.js';
import type { Db } from '../../server/db/database.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const FILE = {
  name: 'uppfoljning.csv',
  mimeType: 'text/csv',
  buffer: csv(HEADER, 'Alfa;A1;Kvinna;1990;;;;;2023-01-10;2023-05-01;Sjukdm', 'Alfa;A2;Man;1990;;;;;2023-01-10;2023-05-01;Flyttat'),
};

let browser: Browser;
let base: string;
let close: () => Promise<void>;
let db: Db;

beforeAll(async () => {
  browser = await launchBrowser();
  const t = await testApp();
  db = t.db;
  await addUser(db, 'karin', 'admin', PASSWORD);
  ({ base, close } = await serve(t.app));
});

afterAll(async () => {
  await close?.();
  await browser?.close();
});

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (d: Document, o: unknown) => Promise<{ violations: { id: string }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => v.id);
  });
}

describe('mapping unknown end reasons in the browser', () => {
  it('maps once, imports the file chosen again, and lists the mapping', async () => {
    const context = await browser.newContext({ bypassCSP: true }); // only so that axe can be injected
    const page = await context.newPage();
    await page.goto(`${base}/kansli/logga-in`);
    await page.fill('#name', 'karin');
    await page.fill('#password', PASSWORD);
    await page.click('button:has-text("Logga in")');
    await page.waitForURL(/\/kansli\/omgangar/);

    await page.goto(`${base}/kansli/import`);
    await page.selectOption('#codebook', 'sus');
    await page.setInputFiles('#file', FILE);
    await page.click('button:has-text("Importera")');
    await expect.poll(() => page.textContent('h2#map-heading')).toBe('Koppla okända avslutsorsaker');
    expect(await page.inputValue('#orsak-0')).toBe('Sjukdom/vård/behandling');
    expect(await page.inputValue('#orsak-1')).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    await page.selectOption('#orsak-1', 'Övrigt');
    await page.setInputFiles('#file-again', FILE);
    await page.click('button:has-text("Spara kopplingarna och importera igen")');
    await expect.poll(() => page.textContent('.notice')).toMatch(/2 kopplingar av avslutsorsaker sparades.*Import 1 klar: 2 nya/);
    expect(await db.all('SELECT end_reason FROM episodes ORDER BY participant_ref')).toEqual([
      { end_reason: 'Sjukdom/vård/behandling' },
      { end_reason: 'Övrigt' },
    ]);
    expect(await page.locator('#cap-mappings').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
