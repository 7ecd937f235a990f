// Accessibility of the kansli pages: axe-core (WCAG 2.1 A/AA) and no horizontal page scrolling at
// 320 px (wide tables scroll inside their own focusable region instead).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { testApp, surveys } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';
import { addUser } from '../../server/auth/users.js';
import { PASSWORD } from '../web/helpers.js';
import { seedDemo } from '../../server/ops/demo.js';
import { createGroup } from '../../server/survey/insatsGroups.js';
import { listInsatser } from '../../server/survey/rounds.js';
import { addEvent } from '../../server/events/store.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = [
  '/kansli/insatser',
  '/kansli/insatser/1',
  '/kansli/grupper',
  '/kansli/grupper/1/ta-bort',
  '/kansli/omgangar',
  '/kansli/omgangar/1',
  '/kansli/omgangar/1/papper',
  '/kansli/handelser',
  '/kansli/konton',
  '/kansli/losenord',
  '/kansli/resultat?ar=2025&enkat=nns-deltagare-avslut',
  '/kansli/utfall?ar=2025',
  '/kansli/rapport?ar=2025',
  '/kansli/rapport?ar=2025&grupp=1',
  '/kansli/mal?ar=2025&insats=1',
  '/kansli/mal?period=2025-H1&insats=1',
  '/kansli/utfall?ar=2025&del=H1',
  '/kansli/utfall?del=intervall&fran=2024-09-01&till=2025-06-30',
  '/kansli/resultat?period=2025-H1&enkat=nns-deltagare-avslut',
  '/kansli/indikatorer?indikator=samverkan-strukturer&ar=2025&perioder=2',
  '/kansli/import',
  '/kansli/logg',
  '/kansli/logg?handelse=signin',
  '/kansli/forbund',
  '/kansli/forbund/logotyp/ta-bort',
  '/kansli/handelser/1/ta-bort',
  '/kansli/import/1/angra',
  '/kansli/mal/1/andra',
  '/kansli/mal/1/ta-bort',
  '/kansli/resultat/dolda',
  '/kansli/omgangar/1/utskrift',
];

let browser: Browser;
let context: BrowserContext;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  browser = await launchBrowser();
  const t = await testApp();
  await seedDemo(t.db, surveys, '2026-11-23');
  await addUser(t.db, 'karin', 'admin', PASSWORD);
  // A group of the first two insatser: the group page with its forms, and a report for the group.
  const insatser = await listInsatser(t.db);
  await createGroup(t.db, 'Två insatser', [insatser[0]!.id, insatser[1]!.id]);
  // An event, for the events page's list and its removal confirmation.
  await addEvent(t.db, {
    name: 'Utbildning i MI',
    heldOn: '2025-03-12',
    kind: 'kurs',
    targetGroup: null,
    women: 20,
    men: 5,
    other: null,
    total: null,
  });
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
  await close?.();
  await browser?.close();
});

describe('accessibility of kansli pages', () => {
  it('has no WCAG 2.1 A/AA violations (axe-core)', async () => {
    const page = await context.newPage();
    const failures: string[] = [];
    for (const path of PAGES) {
      const res = await page.goto(base + path);
      expect(res?.status(), path).toBe(200);
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (ctx: Document, o: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.map(
          (v) =>
            `${v.id}: ${v.help} – ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
        );
      });
      for (const v of violations) failures.push(`${path}: ${v}`);
    }
    await page.close();
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('does not scroll sideways at 320 px', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    const wide: string[] = [];
    for (const path of PAGES) {
      await page.goto(base + path);
      const { scroll, client } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      if (scroll > client) wide.push(`${path}: ${scroll} > ${client}`);
    }
    await page.close();
    expect(wide, wide.join('\n')).toEqual([]);
  });
});
