// The förbund's identity in a browser: an admin saves the details and uploads a logo on /kansli/forbund;
// the survey form shows the logo (loaded, not broken), the print sheet still fits one A4 page, and a
// participant reports an accessibility problem through the statement's form. axe: 0 violations on
// every new page state.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createCanvas } from '@napi-rs/canvas';
import { makeRound, testApp } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';
import { addUser } from '../../server/auth/users.js';
import { PASSWORD } from '../web/helpers.js';
import type { Db } from '../../server/db/database.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let context: BrowserContext;
let base: string;
let close: () => Promise<void>;
let db: Db;
let roundId: number;
let token: string;
let logoFile: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const t = await testApp();
  db = t.db;
  await addUser(db, 'karin', 'admin', PASSWORD);
  // A long insats name, as real ones are, so the one-page print sheet is tried at its fullest.
  const round = await makeRound(db, {
    insats: 'Arbetsinriktad rehabilitering för unga vuxna med stöd från flera myndigheter',
    period: 'Hösten 2025',
  });
  roundId = round.id;
  token = round.token;
  // A wide logo, as förbund logos usually are.
  const canvas = createCanvas(600, 180);
  const g = canvas.getContext('2d');
  g.fillStyle = '#0b5394';
  g.fillRect(0, 0, 600, 180);
  g.fillStyle = '#ffffff';
  g.font = '64px sans-serif';
  g.fillText('Norra Dalen', 40, 110);
  logoFile = path.join(os.tmpdir(), `finsam-logo-${process.pid}.png`);
  fs.writeFileSync(logoFile, canvas.toBuffer('image/png'));
  ({ base, close } = await serve(t.app));
  context = await browser.newContext({ bypassCSP: true }); // only so that axe can be injected
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

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (c: Document, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('the förbund’s identity in the browser', () => {
  it('is set on the Förbundet page, with errors in a focused summary, and a logo that loads everywhere', async () => {
    const page = await context.newPage();
    const failures: string[] = [];
    await page.goto(`${base}/kansli/omgangar`);
    await page.click('nav >> text=Förbundet');
    await page.waitForURL(/\/kansli\/forbund$/);
    failures.push(...(await violations(page)).map((v) => `forbund: ${v}`));

    await page.fill('#f-name', 'Samordningsförbundet Norra Dalen');
    await page.fill('#f-email', 'kansli(at)nd');
    await page.click('button:has-text("Spara uppgifterna")');
    await page.waitForSelector('#fel');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fel');
    failures.push(...(await violations(page)).map((v) => `forbund, fel: ${v}`));
    await page.fill('#f-email', 'kansli@nd.example');
    await page.fill('#f-phone', '08-555 123 45');
    await page.fill('#f-web', 'https://www.samordningsforbundet-norra-dalen.example');
    await page.click('button:has-text("Spara uppgifterna")');
    await page.waitForSelector('text=Förbundets uppgifter är sparade');

    await page.setInputFiles('#f-logo', logoFile);
    await page.click('button:has-text("Spara logotypen")');
    await page.waitForSelector('text=Logotypen är sparad.');
    failures.push(...(await violations(page)).map((v) => `forbund, logotyp: ${v}`));

    await page.click('text=Ta bort logotypen');
    await page.waitForURL(/logotyp\/ta-bort$/);
    failures.push(...(await violations(page)).map((v) => `ta bort logotypen: ${v}`));
    await page.click('text=Avbryt och gå tillbaka');
    await page.waitForURL(/\/kansli\/forbund$/);

    // The participant's form, on a phone: the logo has loaded and fits the screen.
    const phone = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const form = await phone.newPage();
    await form.goto(`${base}/e/${token}`);
    const logo = await form.evaluate(() => {
      const img = document.querySelector('.forbund-logo img') as HTMLImageElement | null;
      return img && { loaded: img.complete && img.naturalWidth === 600, width: img.getBoundingClientRect().width, alt: img.alt };
    });
    expect(logo).toMatchObject({ loaded: true, alt: 'Samordningsförbundet Norra Dalen' });
    expect(logo!.width).toBeLessThanOrEqual(320);
    expect(await form.textContent('footer')).toContain('kansli@nd.example');
    await phone.close();

    // The print sheet with the logo stays on one A4 page.
    await page.goto(`${base}/kansli/omgangar/${roundId}/utskrift`);
    expect(await page.evaluate(() => (document.querySelector('img.logo') as HTMLImageElement).naturalWidth)).toBe(600);
    expect(pageCount(await page.pdf({ format: 'A4', preferCSSPageSize: true }))).toBe(1);
    await page.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('takes an accessibility report from the statement, and the kansli reads it', async () => {
    const visitor = await browser.newContext({ bypassCSP: true });
    const page = await visitor.newPage();
    const failures: string[] = [];
    await page.goto(`${base}/tillganglighet`);
    await page.click('text=skicka ett meddelande om brister här');
    await page.waitForURL(/\/tillganglighet\/synpunkter$/);
    failures.push(...(await violations(page)).map((v) => `synpunkter: ${v}`));
    // An empty message: the browser's own check is bypassed to reach the server's.
    await page.evaluate(() => document.querySelector('textarea')!.removeAttribute('required'));
    await page.click('button:has-text("Skicka meddelandet")');
    await page.waitForSelector('#fel');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fel');
    failures.push(...(await violations(page)).map((v) => `synpunkter, fel: ${v}`));
    await page.fill('#f-message', 'Texten blir för liten när jag förstorar.');
    await page.click('button:has-text("Skicka meddelandet")');
    await page.waitForSelector('text=Tack! Ditt meddelande är skickat');
    failures.push(...(await violations(page)).map((v) => `synpunkter, skickat: ${v}`));
    expect((await visitor.cookies()).length).toBe(0);
    await visitor.close();

    const kansli = await context.newPage();
    await kansli.goto(`${base}/kansli/forbund`);
    expect(await kansli.textContent('#cap-feedback')).toContain('Meddelanden');
    expect(await kansli.textContent('table')).toContain('Texten blir för liten när jag förstorar.');
    await kansli.click('text=Ta bort meddelandet från');
    failures.push(...(await violations(kansli)).map((v) => `ta bort meddelandet: ${v}`));
    await kansli.click('button:has-text("Ta bort meddelandet")');
    await kansli.waitForSelector('text=Meddelandet är borttaget.');
    await kansli.close();
    expect(await db.first('SELECT id FROM accessibility_feedback')).toBeUndefined();
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
