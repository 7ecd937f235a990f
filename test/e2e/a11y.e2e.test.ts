// Accessibility of every public page: axe-core (WCAG 2.1 A/AA) in headless Chromium, a keyboard-only
// run through the participant questionnaire, and no horizontal scrolling at 320 px.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeRound, testApp } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let base: string;
let close: () => Promise<void>;
let pages: Record<string, { path: string; method?: 'post'; status: number }>;
let db: Awaited<ReturnType<typeof testApp>>['db'];

beforeAll(async () => {
  browser = await launchBrowser();
  const t = await testApp();
  db = t.db;
  const participant = await makeRound(t.db);
  const staff = await makeRound(t.db, { instrumentId: 'nns-personal' });
  const kiosk = await makeRound(t.db, { kiosk: true });
  const closed = await makeRound(t.db, { closesOn: '2001-01-01' });
  const notYet = await makeRound(t.db, { opensOn: '2999-01-01' });
  pages = {
    'deltagarenkät': { path: `/e/${participant.token}`, status: 200 },
    personalenkät: { path: `/e/${staff.token}`, status: 200 },
    'felsida (400)': { path: `/e/${participant.token}`, method: 'post', status: 400 },
    tack: { path: `/e/${participant.token}/tack`, status: 200 },
    'tack i kioskläge': { path: `/e/${kiosk.token}/tack`, status: 200 },
    'stängd (410)': { path: `/e/${closed.token}`, status: 410 },
    'inte öppnad': { path: `/e/${notYet.token}`, status: 403 },
    'finns inte (404)': { path: '/e/finnsintefinnsintefinnsinte', status: 404 },
    'okänd sida (404)': { path: '/ingenting-har', status: 404 },
    tillgänglighetsredogörelse: { path: '/tillganglighet', status: 200 },
    inloggning: { path: '/kansli/logga-in', status: 200 },
  };
  ({ base, close } = await serve(t.app));
});

afterAll(async () => {
  await close?.();
  await browser?.close();
});

async function open(page: Page, spec: { path: string; method?: 'post'; status: number }) {
  if (spec.method === 'post') {
    // A form with an impossible answer, posted from the real page, gives the 400 page with errors.
    await page.goto(base + spec.path);
    await page.evaluate(() => {
      const f = document.querySelector('form.survey-form') as HTMLFormElement;
      const bad = document.createElement('input');
      bad.type = 'hidden';
      bad.name = 'tid';
      bad.value = '9';
      f.appendChild(bad);
      f.submit();
    });
    await page.waitForLoadState('load');
    expect(await page.textContent('.error-summary')).toContain('Fråga');
    return;
  }
  const res = await page.goto(base + spec.path);
  expect(res?.status()).toBe(spec.status);
}

describe('accessibility of public pages', () => {
  it('has no WCAG 2.1 A/AA violations on any public page (axe-core)', async () => {
    // bypassCSP only lets the test inject axe; the pages themselves keep their policy.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const failures: string[] = [];
    for (const [name, spec] of Object.entries(pages)) {
      await open(page, spec);
      await page.addScriptTag({ content: AXE });
      const { violations, passes } = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ passes: unknown[]; violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return {
          passes: r.passes.length,
          violations: r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
        };
      });
      expect(passes, `axe ran no checks on ${name}`).toBeGreaterThan(5);
      for (const v of violations) failures.push(`${name}: ${v}`);
    }
    await context.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('has no horizontal scrolling at 320 px (400 % zoom of 1280 px)', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    const wide: string[] = [];
    for (const [name, spec] of Object.entries(pages)) {
      await open(page, spec);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (scroll > client) wide.push(`${name}: ${scroll} > ${client}`);
    }
    await page.close();
    expect(wide, wide.join('\n')).toEqual([]);
  });

  it('can be answered from start to finish with the keyboard only', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base + pages['deltagarenkät']!.path);
    const before = (await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n;
    // Tab from the top: skip link, then the first radio group (kön).
    const focused = () => page.evaluate(() => { const el = document.activeElement as HTMLInputElement | null; return el ? `${el.tagName}:${el.name ?? ''}:${el.value ?? ''}` : ''; });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^A:/); // skip link first
    let guard = 0;
    while (!(await focused()).startsWith('INPUT:kon') && guard++ < 10) await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Kvinna
    // Next group (tid): Tab moves to the group, arrow keys choose within it.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('INPUT:tid:1');
    await page.keyboard.press('ArrowDown'); // 2
    await page.keyboard.press('ArrowDown'); // 3
    await page.keyboard.press('ArrowDown'); // 4 = Ofta
    for (const name of ['bestamma', 'nytta', 'erfarenheter', 'redo', 'livssituation']) {
      await page.keyboard.press('Tab');
      expect(await focused()).toBe(`INPUT:${name}:1`);
      await page.keyboard.press('Space');
    }
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('INPUT:behov_kontakt:ja');
    await page.keyboard.press('Space'); // Ja reveals the follow-up
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('INPUT:stod_kontakt:1');
    await page.keyboard.press('ArrowUp'); // wraps from the first to the last step: 6 = Alltid
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('TEXTAREA:skillnad:');
    await page.keyboard.type('Bra');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^BUTTON:/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tack$/);
    const rows = await db.all<{ question_id: string; value: string }>(
      'SELECT question_id, value FROM answers WHERE response_id = (SELECT MAX(id) FROM responses) ORDER BY question_id',
    );
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n).toBe(before + 1);
    expect(Object.fromEntries(rows.map((r) => [r.question_id, r.value]))).toEqual({
      kon: 'kvinna', tid: '4', bestamma: '1', nytta: '1', erfarenheter: '1', redo: '1', livssituation: '1', behov_kontakt: 'ja', stod_kontakt: '6',
    });
    await page.close();
  });
});
