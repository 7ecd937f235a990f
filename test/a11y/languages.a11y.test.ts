// The public pages in the participant's languages (?lang=en, ar, sv-lattlast) in headless Chromium:
// axe-core WCAG 2.1 A/AA with zero violations, no sideways scrolling at 320 px, a right-to-left layout
// for Arabic (radio buttons, error summary and bar, progress and button on the right), and an Arabic
// form answered from start to finish, stored with the same values as a Swedish one.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshDb, makeRound, surveys } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';
import { createApp } from '../../server/app.js';
import { testConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import type { Db } from '../../server/db/database.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let db: Db;
let base: string;
let close: () => Promise<void>;
let form = '';
let staff = '';
let kiosk = '';
let closed = '';

beforeAll(async () => {
  browser = await launchBrowser();
  db = await freshDb();
  form = `/e/${(await makeRound(db)).token}`;
  staff = `/e/${(await makeRound(db, { instrumentId: 'nns-personal' })).token}`;
  kiosk = `/e/${(await makeRound(db, { kiosk: true })).token}`;
  closed = `/e/${(await makeRound(db, { closesOn: '2001-01-01' })).token}`;
  const app = createApp({ db, config: testConfig({ dbPath: db.path }), surveys, logger: silentLogger });
  ({ base, close } = await serve(app));
}, 60_000);

afterAll(async () => {
  await close?.();
  await browser?.close();
  await db?.close();
});

/** Posts the page's form with a step value that does not exist: the error page in the page's language. */
async function postBadAnswer(page: Page): Promise<number | undefined> {
  await page.evaluate(() => {
    const f = document.querySelector('form.survey-form') as HTMLFormElement;
    const bad = document.createElement('input');
    bad.type = 'hidden';
    bad.name = 'tid';
    bad.value = '9';
    f.appendChild(bad);
  });
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.evaluate(() => (document.querySelector('form.survey-form') as HTMLFormElement).submit()),
  ]);
  return res?.status();
}

interface State {
  path: string;
  status: number;
  bad?: boolean;
}

const states = (): Record<string, State> => {
  const out: Record<string, State> = {};
  for (const lang of ['en', 'ar', 'sv-lattlast']) {
    out[`deltagarenkät ${lang}`] = { path: `${form}?lang=${lang}`, status: 200 };
    out[`personalenkät ${lang}`] = { path: `${staff}?lang=${lang}`, status: 200 };
    out[`felsida ${lang}`] = { path: `${form}?lang=${lang}`, status: 400, bad: true };
    out[`tack i kioskläge ${lang}`] = { path: `${kiosk}/tack?lang=${lang}`, status: 200 };
    out[`stängd ${lang}`] = { path: `${closed}?lang=${lang}`, status: 410 };
  }
  return out;
};

async function open(page: Page, name: string, s: State): Promise<void> {
  const res = await page.goto(base + s.path);
  if (s.bad) expect(await postBadAnswer(page), name).toBe(s.status);
  else expect(res?.status(), name).toBe(s.status);
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (
          c: Document,
          o: unknown,
        ) => Promise<{ passes: unknown[]; violations: { id: string; help: string; nodes: { html: string }[] }[] }>;
      };
    };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    if (r.passes.length < 5) return ['axe ran hardly any checks'];
    return r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
  });
}

describe('public pages in other languages', () => {
  it('have zero axe-core violations in English, Arabic and lättläst, at 1280 and 320 px', async () => {
    const failures: string[] = [];
    for (const width of [1280, 320]) {
      const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 800 } });
      const page = await context.newPage();
      for (const [name, s] of Object.entries(states())) {
        await open(page, name, s);
        failures.push(...(await axeViolations(page)).map((v) => `${name} @${width}px: ${v}`));
      }
      await context.close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 120_000);

  it('never scroll sideways at 320 px, the Arabic form included', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const wide: string[] = [];
    for (const [name, s] of Object.entries(states())) {
      await open(page, name, s);
      const r = await page.evaluate(() => {
        const root = document.documentElement;
        // In a right-to-left page overflow goes to the left: scrollWidth counts it, and so does this.
        const outside = Array.from(document.body.querySelectorAll('*')).filter((el) => {
          const b = el.getBoundingClientRect();
          return b.width > 0 && (b.right > root.clientWidth + 0.5 || b.left < -0.5) && !el.matches('.skip-link, .visually-hidden');
        });
        return { scroll: root.scrollWidth, client: root.clientWidth, outside: outside.map((el) => el.outerHTML.slice(0, 80)) };
      });
      if (r.scroll > r.client || r.outside.length > 0)
        wide.push(`${name}: scrollWidth ${r.scroll} > ${r.client}; outside: ${r.outside.slice(0, 3).join(' | ')}`);
    }
    await context.close();
    expect(wide, wide.join('\n')).toEqual([]);
  });

  it('lays out the Arabic form right to left: radios, progress, error bar and button on the right', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await open(page, 'felsida ar', states()['felsida ar']!);
    const layout = await page.evaluate(() => {
      const rect = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
      const main = rect('main');
      const input = rect('#q-kon .option input');
      const label = rect('#q-kon .option span');
      const errored = getComputedStyle(document.querySelector('.has-error')!);
      const summaryItem = document.querySelector('.error-summary li')!.getBoundingClientRect();
      const summary = rect('.error-summary');
      return {
        dir: document.documentElement.dir,
        radioRightOfLabel: input.left > label.left,
        progressRight: Math.abs(rect('#q-kon .progress').right - main.right),
        buttonRight: Math.abs(rect('form .button').right - (main.right - 16)),
        errorBarRight: errored.borderRightWidth,
        errorBarLeft: errored.borderLeftWidth,
        bulletIndentOnRight: summary.right - summaryItem.right > 10,
        focus: document.activeElement?.id,
      };
    });
    expect(layout).toMatchObject({
      dir: 'rtl',
      radioRightOfLabel: true,
      errorBarRight: '5px',
      errorBarLeft: '0px',
      bulletIndentOnRight: true,
    });
    expect(layout.focus).toBe('fel');
    expect(layout.progressRight).toBeLessThan(20);
    expect(layout.buttonRight).toBeLessThan(2);
    await context.close();
  });

  it('can be answered in Arabic from start to finish, and stores the same values as a Swedish answer', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${base}${form}?lang=ar`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    // The language links are plain links: choose English, then Arabic again.
    await page.click('nav.lang-nav a[lang="en"]');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('nav.lang-nav a[lang="ar"]');
    expect(new URL(page.url()).search).toBe('?lang=ar');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');

    const chosen: Record<string, string> = { kon: 'annat', tid: '5', bestamma: '3', redo: '6', behov_kontakt: 'ja', stod_kontakt: '4' };
    await page.check('input[name="kon"][value="annat"]');
    await page.check('input[name="tid"][value="5"]');
    await page.check('input[name="bestamma"][value="3"]');
    await page.check('input[name="redo"][value="6"]');
    expect(await page.isHidden('#q-stod_kontakt')).toBe(true);
    await page.click('#q-behov_kontakt .option:has-text("نعم")');
    expect(await page.isVisible('#q-stod_kontakt')).toBe(true);
    await page.check('input[name="stod_kontakt"][value="4"]');
    const text = 'ساعدني البرنامج كثيرًا';
    await page.fill('textarea[name="skillnad"]', text);
    await Promise.all([page.waitForURL(/\/tack\?lang=ar$/), page.click('button:has-text("أرسل الإجابات")')]);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.textContent('h1')).toBe('شكرًا على إجاباتك!');

    const id = (await db.first<{ response_id: number }>('SELECT response_id FROM text_answers WHERE body = ?', [text]))!.response_id;
    const rows = await db.all<{ question_id: string; value: string }>('SELECT question_id, value FROM answers WHERE response_id = ?', [id]);
    expect(Object.fromEntries(rows.map((r) => [r.question_id, r.value]))).toEqual(chosen);
    expect((await db.first<{ gender: string }>('SELECT gender FROM responses WHERE id = ?', [id]))!.gender).toBe('annat');
    // Nothing on the way stored a cookie or anything in the browser.
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await context.close();
  });

  it('the kiosk countdown speaks Arabic and returns to an Arabic form', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}${kiosk}/tack?lang=ar`);
    await page.waitForSelector('text=الثواني المتبقية');
    await page.click('button:has-text("ابقَ في هذه الصفحة")');
    await page.waitForSelector('text=توقف العد التنازلي.');
    await Promise.all([page.waitForURL(/\?lang=ar$/), page.click('a.button')]);
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    await context.close();
  });
});
