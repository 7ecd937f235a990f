// End to end in headless Chromium: sign in, create a round, answer it through its public link, and
// see that the round's page takes the response into account (its count hidden while below k).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { testApp } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';
import { addUser } from '../../server/auth/users.js';
import { PASSWORD } from '../web/helpers.js';
import { addInsats } from '../../server/survey/rounds.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('kansli and participant in the browser', () => {
  it('creates a round, answers it, and sees the count', async () => {
    const t = await testApp();
    await addUser(t.db, 'karin', 'admin', PASSWORD);
    await addInsats(t.db, 'FINSAM-team');
    const { base, close } = await serve(t.app);
    t.ctx.config.baseUrl = base;
    try {
      const kansli = await browser.newPage();
      await kansli.goto(`${base}/kansli`);
      await kansli.fill('#name', 'karin');
      await kansli.fill('#password', PASSWORD);
      await kansli.click('button:has-text("Logga in")');
      await kansli.waitForURL(/\/kansli\/omgangar$/);
      await kansli.selectOption('#r-instrument', 'nns-deltagare-avslut');
      await kansli.selectOption('#r-insats', { label: 'FINSAM-team' });
      await kansli.fill('#r-period', '2026');
      await kansli.fill('#r-invited', '12');
      await kansli.click('button:has-text("Skapa omgången")');
      await kansli.waitForURL(/\/kansli\/omgangar\/\d+$/);
      expect(await kansli.textContent('.count')).toBe('0');
      const link = (await kansli.textContent('.link-box a'))!.trim();
      expect(link).toMatch(new RegExp(`^${base}/e/[A-Za-z0-9_-]{32}$`));

      // The participant: a phone-sized page without any cookie from the kansli.
      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const phone = await context.newPage();
      await phone.goto(link);
      await phone.check('input[name="kon"][value="kvinna"]');
      await phone.check('input[name="nytta"][value="5"]');
      expect(await phone.isVisible('#q-stod_kontakt')).toBe(false); // follow-up hidden until "Ja"
      await phone.check('input[name="behov_kontakt"][value="ja"]');
      expect(await phone.isVisible('#q-stod_kontakt')).toBe(true);
      await phone.check('input[name="stod_kontakt"][value="6"]');
      await phone.fill('textarea[name="skillnad"]', 'Jag fick hjälp i tid.');
      await phone.click('button:has-text("Skicka svaren")');
      await phone.waitForURL(/\/tack$/);
      expect(await phone.textContent('h1')).toContain('Tack');
      expect(await context.cookies()).toEqual([]);
      await context.close();

      await kansli.reload();
      // One response is below k: the round's page no longer shows the count (docs/disclosure.md),
      // it says why; the answers themselves are stored.
      expect(await kansli.isVisible('.count')).toBe(false);
      expect(await kansli.textContent('.facts')).toContain('visas inte');
      const answers = await t.db.all<{ question_id: string; value: string }>('SELECT question_id, value FROM answers ORDER BY question_id');
      expect(answers).toEqual([
        { question_id: 'behov_kontakt', value: 'ja' },
        { question_id: 'kon', value: 'kvinna' },
        { question_id: 'nytta', value: '5' },
        { question_id: 'stod_kontakt', value: '6' },
      ]);
    } finally {
      await close();
    }
  });
});
