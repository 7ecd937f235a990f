// Accessibility of every public (participant and staff) page in headless Chromium:
// - axe-core, WCAG 2.0/2.1 A and AA, zero violations on every page and state;
// - a keyboard-only run through the whole participant questionnaire, checked against the database;
// - no horizontal scrolling at 320 CSS px (= 1280 px at 400 % zoom) and at 1280 px.
// Nothing is skipped: without Chromium the suite fails with a message saying how to install it.
// Screenshots for a human to look at go to /tmp/shots/ (A11Y_SHOTS_DIR moves them).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freshDb, makeRound, surveys } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';
import { createApp } from '../../server/app.js';
import { testConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { createSubmissionWriter } from '../../server/survey/submissions.js';
import type { Db } from '../../server/db/database.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env.A11Y_SHOTS_DIR ?? '/tmp/shots';

interface Spec {
  path: string;
  status: number;
  /** Posts the page's own form after `prepare` has changed it, instead of a plain GET. */
  post?: (form: HTMLFormElement) => void;
  /** A state to reach after loading (runs in the page). */
  after?: (page: Page) => Promise<void>;
}

let browser: Browser;
let db: Db;
let base: string;
let limitedBase: string;
const closers: (() => Promise<void>)[] = [];
const pages: Record<string, Spec> = {};
let participantPath = '';

beforeAll(async () => {
  browser = await launchBrowser();

  db = await freshDb();
  const participant = await makeRound(db);
  const staff = await makeRound(db, { instrumentId: 'nns-personal' });
  const kiosk = await makeRound(db, { kiosk: true });
  const closed = await makeRound(db, { closesOn: '2001-01-01' });
  const notYet = await makeRound(db, { opensOn: '2999-01-01' });
  const failing = await makeRound(db, { insats: 'Aktivitetsplatsen' });
  const missing = await makeRound(db, { insats: 'Novum' });
  // The questionnaires of the other respondent groups; board, managers, referrers and courses as the förbund's own rounds.
  const groupRounds = {
    'deltagarenkät under insatsen': await makeRound(db, { instrumentId: 'nns-deltagare-pagaende' }),
    styrelseenkät: await makeRound(db, { instrumentId: 'nns-styrelse', insatsId: null }),
    chefsenkät: await makeRound(db, { instrumentId: 'nns-chefer', insatsId: null }),
    remittentenkät: await makeRound(db, { instrumentId: 'nns-remittenter', insatsId: null }),
    kursutvärdering: await makeRound(db, { instrumentId: 'kursutvardering', insatsId: null }),
  };
  // A round whose questionnaire version is not installed: the 503 page.
  await db.run('UPDATE rounds SET instrument_version = 999 WHERE id = ?', [missing.id]);

  // Submissions to `failing` make the writer throw: the generic 500 error page.
  const writer = createSubmissionWriter(db);
  const app = createApp({
    db,
    config: testConfig({ dbPath: db.path }),
    surveys,
    logger: silentLogger,
    submissions: {
      submit: (s) => (s.roundId === failing.id ? Promise.reject(new Error('disk full (test)')) : writer.submit(s)),
      drain: () => writer.drain(),
    },
  });
  const s1 = await serve(app);
  base = s1.base;
  closers.push(s1.close);
  // A second app on the same database with a submit limit of 0: the 429 page.
  const limited = createApp({ db, config: testConfig({ dbPath: db.path, submitLimitPerMinute: 0 }), surveys, logger: silentLogger });
  const s2 = await serve(limited);
  limitedBase = s2.base;
  closers.push(s2.close);

  participantPath = `/e/${participant.token}`;
  const oneAnswer = (form: HTMLFormElement) => {
    (form.querySelector('input[name="tid"][value="4"]') as HTMLInputElement).checked = true;
  };
  const badAnswer = (form: HTMLFormElement) => {
    const bad = document.createElement('input');
    bad.type = 'hidden';
    bad.name = 'tid';
    bad.value = '9';
    form.appendChild(bad);
  };
  Object.assign(pages, {
    deltagarenkät: { path: participantPath, status: 200 },
    'deltagarenkät, följdfrågan visas': {
      path: participantPath,
      status: 200,
      after: async (page: Page) => {
        await page.check('input[name="behov_kontakt"][value="ja"]');
        await page.waitForSelector('#q-stod_kontakt:not([hidden])');
      },
    },
    personalenkät: { path: `/e/${staff.token}`, status: 200 },
    ...Object.fromEntries(Object.entries(groupRounds).map(([name, r]) => [name, { path: `/e/${r.token}`, status: 200 }])),
    'felsida (400, fel vid frågor)': { path: participantPath, status: 400, post: badAnswer },
    'felsida (400, okänt fält och ingen kontrollkod)': {
      path: participantPath,
      status: 400,
      post: (form: HTMLFormElement) => {
        form.querySelector('input[name="nonce"]')!.remove();
        const extra = document.createElement('input');
        extra.type = 'hidden';
        extra.name = 'okand';
        extra.value = 'x';
        form.appendChild(extra);
      },
    },
    'felsida (400, för stort formulär)': {
      path: participantPath,
      status: 400,
      post: (form: HTMLFormElement) => {
        (form.querySelector('textarea') as HTMLTextAreaElement).removeAttribute('maxlength');
        (form.querySelector('textarea') as HTMLTextAreaElement).value = 'x'.repeat(70_000);
      },
    },
    tack: { path: `${participantPath}/tack`, status: 200 },
    'tack i kioskläge': { path: `/e/${kiosk.token}/tack`, status: 200 },
    'tack i kioskläge, nedräkningen stoppad': {
      path: `/e/${kiosk.token}/tack`,
      status: 200,
      after: async (page: Page) => {
        await page.click('text=Stanna på den här sidan');
        await page.waitForSelector('text=Nedräkningen är stoppad.');
      },
    },
    'stängd (410)': { path: `/e/${closed.token}`, status: 410 },
    'inte öppnad (403)': { path: `/e/${notYet.token}`, status: 403 },
    'enkäten finns inte (404)': { path: '/e/finnsintefinnsintefinnsinte', status: 404 },
    'tack-sida som inte finns (404)': { path: '/e/finnsintefinnsintefinnsinte/tack', status: 404 },
    'okänd sida (404)': { path: '/ingenting-har', status: 404 },
    'enkäten kan inte visas (503)': { path: `/e/${missing.token}`, status: 503 },
    'felsida (400, formulärets kontrollkod är fel)': {
      path: participantPath,
      status: 400,
      post: (form: HTMLFormElement) => {
        (form.querySelector('input[name="nonce"]') as HTMLInputElement).value = 'a'.repeat(43);
        (form.querySelector('input[name="tid"][value="4"]') as HTMLInputElement).checked = true;
      },
    },
    'inget besvarat (400)': { path: participantPath, status: 400, post: () => undefined },
    'allmänt fel (500)': { path: `/e/${failing.token}`, status: 500, post: oneAnswer },
    'för många svar (429)': { path: `${limitedBase}/e/${participant.token}`, status: 429, post: oneAnswer },
    tillgänglighetsredogörelse: { path: '/tillganglighet', status: 200 },
  } satisfies Record<string, Spec>);
}, 60_000);

afterAll(async () => {
  for (const c of closers) await c();
  await browser?.close();
  await db?.close();
});

const url = (p: string) => (p.startsWith('http') ? p : base + p);

/** Opens a page (or posts its form), checks the status and reaches the wanted state. */
async function open(page: Page, name: string, spec: Spec): Promise<void> {
  if (spec.post) {
    await page.goto(url(spec.path));
    await page.evaluate(`(${spec.post.toString()})(document.querySelector('form.survey-form'))`);
    const [res] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.evaluate(() => (document.querySelector('form.survey-form') as HTMLFormElement).submit()),
    ]);
    expect(res?.status(), name).toBe(spec.status);
  } else {
    const res = await page.goto(url(spec.path));
    expect(res?.status(), name).toBe(spec.status);
  }
  if (spec.after) await spec.after(page);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

async function axe(page: Page): Promise<{ passes: number; violations: AxeViolation[] }> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (c: Document, o: unknown) => Promise<{ passes: unknown[]; violations: AxeViolation[] }> };
    };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) })),
      })),
    };
  });
}

function describeViolations(page: string, violations: AxeViolation[]): string[] {
  return violations.map(
    (v) =>
      `${page}: ${v.id} [${v.impact ?? '?'}] ${v.help} (${v.helpUrl})\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}  ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n'),
  );
}

async function noHorizontalScroll(page: Page): Promise<{ scroll: number; client: number; widest: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    let widest = '';
    let max = root.clientWidth;
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.right > max + 0.5) {
        max = r.right;
        widest = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).replace(/ /g, '.') : ''} (${Math.round(r.right)} px)`;
      }
    }
    return { scroll: root.scrollWidth, client: root.clientWidth, widest };
  });
}

describe('public pages are accessible', () => {
  it('has zero axe-core WCAG 2.1 A/AA violations on every public page and state', async () => {
    // bypassCSP only lets the test inject axe-core; the pages keep their policy otherwise.
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 320, height: 640 },
    ]) {
      const context = await browser.newContext({ bypassCSP: true, viewport });
      const page = await context.newPage();
      const failures: string[] = [];
      for (const [name, spec] of Object.entries(pages)) {
        await open(page, name, spec);
        const { passes, violations } = await axe(page);
        expect(passes, `axe ran hardly any checks on ${name}`).toBeGreaterThan(5);
        failures.push(...describeViolations(`${name} @${viewport.width}px`, violations));
      }
      await context.close();
      expect(failures, `axe-core found violations:\n${failures.join('\n')}`).toEqual([]);
    }
  }, 120_000); // two viewports × every page state, on a shared machine

  it('has zero violations without the page scripts too (the follow-up question is then always shown)', async () => {
    // The page's own scripts are blocked; axe-core is still injected by the test.
    const context = await browser.newContext({ bypassCSP: true });
    await context.route('**/static/*.js', (route) => route.abort());
    const page = await context.newPage();
    const failures: string[] = [];
    for (const name of ['deltagarenkät', 'personalenkät', 'felsida (400, fel vid frågor)', 'tack i kioskläge']) {
      await open(page, name, pages[name]!);
      if (name === 'deltagarenkät') expect(await page.isVisible('#q-stod_kontakt')).toBe(true);
      failures.push(...describeViolations(`${name} (utan sidans skript)`, (await axe(page)).violations));
    }
    await context.close();
    expect(failures, `axe-core found violations:\n${failures.join('\n')}`).toEqual([]);
  });

  it('never scrolls sideways at 320 px (1280 px at 400 % zoom) or at 1280 px', async () => {
    const wide: string[] = [];
    for (const viewport of [
      { width: 320, height: 640 },
      { width: 1280, height: 800 },
    ]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      for (const [name, spec] of Object.entries(pages)) {
        await open(page, name, spec);
        const r = await noHorizontalScroll(page);
        if (r.scroll > r.client)
          wide.push(`${name} @${viewport.width}px: scrollWidth ${r.scroll} > clientWidth ${r.client}; widest: ${r.widest}`);
      }
      await context.close();
    }
    expect(wide, wide.join('\n')).toEqual([]);
  });

  it('can be answered from start to finish with the keyboard only, and stores what was chosen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(base + participantPath);
    const count = async () => (await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n;
    const before = await count();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return el ? `${el.tagName}:${el.getAttribute('name') ?? ''}:${el.value ?? ''}` : '';
      });
    const focusIsVisible = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        return el.matches(':focus-visible') && (s.outlineStyle !== 'none' || s.boxShadow !== 'none');
      });

    // The follow-up is hidden until "Ja" is chosen.
    expect(await page.isHidden('#q-stod_kontakt')).toBe(true);

    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^A:/); // the skip link comes first
    expect(await focusIsVisible()).toBe(true);
    let guard = 0;
    while (!(await focused()).startsWith('INPUT:kon:') && guard++ < 10) await page.keyboard.press('Tab');
    expect(await focused()).toBe('INPUT:kon:kvinna');
    expect(await focusIsVisible()).toBe(true);
    await page.keyboard.press('ArrowDown'); // moves and checks: Man
    await page.keyboard.press('ArrowDown'); // Annat / vill inte uppge
    await page.keyboard.press('ArrowUp'); // back to Man

    const chosen: Record<string, string> = { kon: 'man' };
    // For each scale question: Tab into the group (lands on the first step), Space checks it, then
    // arrow keys move the choice.
    const plan: [string, number][] = [
      ['tid', 3], // ArrowDown ×3 → 4 Ofta
      ['bestamma', 0], // Space → 1 Aldrig
      ['nytta', 5], // 6 Alltid
      ['erfarenheter', 1], // 2
      ['redo', 4], // 5 Till mycket stor del
      ['livssituation', 2], // 3
    ];
    for (const [id, downs] of plan) {
      await page.keyboard.press('Tab');
      expect(await focused()).toBe(`INPUT:${id}:1`);
      await page.keyboard.press('Space');
      for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
      chosen[id] = String(1 + downs);
      expect(await page.inputValue(`input[name="${id}"]:checked`)).toBe(chosen[id]);
    }

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('INPUT:behov_kontakt:ja');
    expect(await page.isHidden('#q-stod_kontakt')).toBe(true);
    await page.keyboard.press('Space'); // Ja: the follow-up appears
    expect(await page.isVisible('#q-stod_kontakt')).toBe(true);
    chosen.behov_kontakt = 'ja';
    // Choosing Nej hides it again, Ja shows it again.
    await page.keyboard.press('ArrowDown');
    expect(await page.isHidden('#q-stod_kontakt')).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await page.isVisible('#q-stod_kontakt')).toBe(true);

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('INPUT:stod_kontakt:1');
    await page.keyboard.press('ArrowUp'); // wraps from the first to the last step: 6 Alltid
    chosen.stod_kontakt = '6';

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('TEXTAREA:skillnad:');
    const text = 'Jag fick hjälp med Försäkringskassan – tack! <b>inte fet</b>';
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^BUTTON:/);
    expect(await focusIsVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tack$/);
    expect(await page.textContent('h1')).toContain('Tack');

    expect(await count()).toBe(before + 1);
    // Response ids are random (no submission order), so the new response is found by its text.
    const id = (await db.first<{ response_id: number }>('SELECT response_id FROM text_answers WHERE body = ?', [text]))!.response_id;
    const rows = await db.all<{ question_id: string; value: string }>('SELECT question_id, value FROM answers WHERE response_id = ?', [id]);
    expect(Object.fromEntries(rows.map((r) => [r.question_id, r.value]))).toEqual(chosen);
    const texts = await db.all<{ question_id: string; body: string }>('SELECT question_id, body FROM text_answers WHERE response_id = ?', [
      id,
    ]);
    expect(texts).toEqual([{ question_id: 'skillnad', body: text }]);
    const gender = await db.first<{ gender: string }>('SELECT gender FROM responses WHERE id = ?', [id]);
    expect(gender?.gender).toBe('man');
    await context.close();
  });

  it('moves focus to the error summary, whose links lead to the question', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await open(page, 'felsida', pages['felsida (400, fel vid frågor)']!);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fel');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'))).toBe('#q-tid');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#q-tid');
    // Keyboard users continue from the question with the error.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('tid');
    await context.close();
  });

  it('shows every page state without sideways scrolling, and writes screenshots for review', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const shots: [string, number, string][] = [
      ['form-360', 360, 'deltagarenkät, följdfrågan visas'],
      ['form-1280', 1280, 'deltagarenkät'],
      ['error-360', 360, 'felsida (400, fel vid frågor)'],
      ['error-1280', 1280, 'felsida (400, fel vid frågor)'],
      ['thanks-360', 360, 'tack'],
      ['thanks-kiosk-360', 360, 'tack i kioskläge'],
      ['closed-360', 360, 'stängd (410)'],
      ['staff-360', 360, 'personalenkät'],
    ];
    for (const [file, width, name] of shots) {
      const context: BrowserContext = await browser.newContext({ viewport: { width, height: width < 400 ? 740 : 900 } });
      const page = await context.newPage();
      await open(page, name, pages[name]!);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);
      // Tall pages in parts, so that each image can be read at full size.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeGreaterThan(200);
      const part = width < 400 ? 1100 : 1400;
      for (let y = 0, i = 0; y < height; y += part, i++)
        await page.screenshot({
          path: `${SHOTS}/${file}-${i}.png`,
          fullPage: true,
          clip: { x: 0, y, width, height: Math.min(part, height - y) },
        });
      await context.close();
    }
  });
});
