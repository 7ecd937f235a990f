// Shared devices (docs/security.md): after one person has answered and sent the form, pressing Back
// must not show that person's answers to the next, on a phone (normal round) or on a kiosk tablet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeRound, testApp } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';

let browser: Browser;
let base: string;
let close: () => Promise<void>;
let normalPath: string;
let kioskPath: string;
let db: Awaited<ReturnType<typeof testApp>>['db'];

beforeAll(async () => {
  browser = await launchBrowser();
  const t = await testApp();
  db = t.db;
  normalPath = `/e/${(await makeRound(t.db)).token}`;
  kioskPath = `/e/${(await makeRound(t.db, { kiosk: true })).token}`;
  ({ base, close } = await serve(t.app));
});

afterAll(async () => {
  await close?.();
  await browser?.close();
  await db?.close();
});

const SECRET = 'Min granne heter Stina';

/** What the page shows as answered: checked radios and non-empty text areas. */
async function visibleAnswers(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...Array.from(document.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')).map((el) => `${el.name}=${el.value}`),
    ...Array.from(document.querySelectorAll<HTMLTextAreaElement>('textarea'))
      .filter((el) => el.value !== '')
      .map((el) => `${el.name}=${el.value}`),
  ]);
}

/** Answers a radio question and the free text, and sends the form. */
async function answerAndSend(page: Page, path: string) {
  await page.goto(base + path);
  await page.check('input[name="kon"][value="kvinna"]');
  await page.check('input[name="nytta"][value="5"]');
  await page.fill('textarea[name="skillnad"]', SECRET);
  expect(await visibleAnswers(page)).toEqual(['kon=kvinna', 'nytta=5', `skillnad=${SECRET}`]);
  await Promise.all([page.waitForURL(/\/tack$/), page.click('button:has-text("Skicka svaren")')]);
  expect(await page.textContent('h1')).toContain('Tack');
}

/** Presses Back and waits until the page (and any page it replaces itself with) has settled. */
async function back(page: Page) {
  await page.goBack({ waitUntil: 'load' });
  await page.waitForTimeout(500);
  await page.waitForLoadState('load');
}

describe('Back after sending does not show the previous answers', () => {
  it('on a personal device: Back from the thank-you page shows an empty form', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await answerAndSend(page, normalPath);
    await back(page);
    expect(page.url()).toBe(base + normalPath);
    expect(await page.isVisible('form.survey-form')).toBe(true);
    expect(await visibleAnswers(page)).toEqual([]);
    expect(await page.content()).not.toContain(SECRET);
    await context.close();
  });

  it('on a kiosk: after the return to a fresh form, Back shows no answers either', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install(); // the countdown runs on a fake clock, so the test need not wait 8 s
    await answerAndSend(page, kioskPath);
    // The thank-you page replaces itself with a fresh form after its countdown.
    await Promise.all([page.waitForURL((u) => u.pathname === kioskPath, { timeout: 15_000 }), page.clock.runFor(9_000)]);
    expect(await visibleAnswers(page)).toEqual([]);
    // The thank-you page is gone from the history: Back goes to the sent form's entry, which is empty.
    await back(page);
    expect(page.url()).toBe(base + kioskPath);
    expect(await visibleAnswers(page)).toEqual([]);
    expect(await page.content()).not.toContain(SECRET);
    await context.close();
  }, 40_000);

  it('on a kiosk: the "new form" button replaces the thank-you page too', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await answerAndSend(page, kioskPath);
    await Promise.all([page.waitForURL((u) => u.pathname === kioskPath), page.click('text=Starta en ny, tom enkät')]);
    await back(page);
    expect(page.url()).toBe(base + kioskPath);
    expect(await visibleAnswers(page)).toEqual([]);
    await context.close();
  });

  it('the form and its fields ask the browser not to fill in or keep answers', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + normalPath);
    expect(await page.getAttribute('form.survey-form', 'autocomplete')).toBe('off');
    const fields = await page.evaluate(() =>
      Array.from(document.querySelectorAll('form.survey-form input:not([type="hidden"]), form.survey-form textarea')).map((el) =>
        el.getAttribute('autocomplete'),
      ),
    );
    expect(fields.length).toBeGreaterThan(10);
    expect(new Set(fields)).toEqual(new Set(['off']));
    await context.close();
  });
});
