// A kansli year in the browser, as a user clicks through it: create a survey round with the wrong
// period and correct it, delete a spare round, look at one insats over the years, download the
// report package (Word, Excel, ZIP) and open the files, add an account and let its owner change
// the one-time password. Every state on the way that kansli-a11y.e2e.test.ts does not visit is
// checked with axe-core (WCAG 2.1 A/AA): the rounds list with an error and after a deletion, a round
// without answers (the whole edit form), after saving and with an error, the delete confirmation,
// the accounts page with a one-time password and with an error, and the password page with an error
// and after a change. (The insats, report, accounts and password pages as they first open are there.)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { unzipSync, strFromU8 } from 'fflate';
import { testApp, surveys } from '../helpers.js';
import { launchBrowser, serve } from '../browser.js';
import { addUser } from '../../server/auth/users.js';
import { PASSWORD } from '../web/helpers.js';
import { seedDemo } from '../../server/ops/demo.js';
import { today } from '../../server/time.js';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The insats page shows the five whole years before this one (by the real clock), so the demo is
// seeded for today: it has answers and participants for this year and the two before.
const THIS_YEAR = Number(today().slice(0, 4));
const LAST_YEAR = THIS_YEAR - 1;

let browser: Browser;
let admin: BrowserContext;
let base: string;
let close: () => Promise<void>;

async function signIn(context: BrowserContext, name: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/kansli`);
  await page.getByLabel('Användarnamn').fill(name);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(/\/kansli\/omgangar$/);
  return page;
}

/** axe-core on the page as it is now; returns one line per violation. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
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
        `${location.pathname}${location.search}: ${v.id}: ${v.help} – ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  });
}

async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${state}:\n${violations.join('\n')}`).toEqual([]);
}

/** The element that has focus, described by its tag and class. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` : null;
  });

/** The text of the <dd> after the <dt> with this text on a round's page. */
const fact = (page: Page, term: string) =>
  page
    .locator('dl.facts div')
    .filter({ has: page.locator('dt', { hasText: term }) })
    .locator('dd');

async function downloadBytes(download: Download): Promise<Uint8Array> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The number of entries a ZIP's central directory declares (duplicates included, unlike unzipSync's object). */
function zipEntryCount(zip: Uint8Array): number {
  for (let i = zip.length - 22; i >= 0; i--)
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x05 && zip[i + 3] === 0x06) return zip[i + 10]! | (zip[i + 11]! << 8);
  throw new Error('no end of central directory');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (bytes: Uint8Array) => PNG_SIGNATURE.every((b, i) => bytes[i] === b);

beforeAll(async () => {
  browser = await launchBrowser();
  const t = await testApp();
  await seedDemo(t.db, surveys, today());
  await addUser(t.db, 'karin', 'admin', PASSWORD);
  ({ base, close } = await serve(t.app));
  // bypassCSP only so that axe can be injected.
  admin = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
  await (await signIn(admin, 'karin', PASSWORD)).close();
});

afterAll(async () => {
  await admin?.close();
  await browser?.close();
  await close?.();
});

describe('survey rounds', () => {
  it('moves focus to the error summary when the new round has errors', async () => {
    const page = await admin.newPage();
    await page.goto(`${base}/kansli`);
    await page.getByRole('link', { name: 'Enkätomgångar' }).click();
    await page.getByLabel('Insats', { exact: true }).selectOption({ label: 'Novum' });
    // No period: the form comes back with an error summary that has focus.
    await page.getByRole('button', { name: 'Skapa omgången' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await page.waitForLoadState('domcontentloaded');
    expect(await focused(page)).toBe('div.error-summary');
    await expect.poll(() => summary.innerText()).toContain('Skriv en period');
    // The summary links to the field, and what was chosen is kept.
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#r-period');
    expect(await page.getByLabel('Insats', { exact: true }).locator('option:checked').innerText()).toBe('Novum');
    await expectAccessible(page, 'rounds page with an error summary');

    // Closing before opening: the same again, with that error, and the period typed is kept.
    await page.getByLabel('Period', { exact: true }).fill(`Våren ${THIS_YEAR}`);
    await page.getByLabel(/^Öppnar/).fill(`${THIS_YEAR}-06-01`);
    await page.getByLabel(/^Stänger/).fill(`${THIS_YEAR}-05-01`);
    await page.getByRole('button', { name: 'Skapa omgången' }).click();
    await page.locator('.error-summary a[href="#r-closes"]').waitFor();
    await page.waitForLoadState('domcontentloaded');
    expect(await focused(page)).toBe('div.error-summary');
    expect(await page.locator('.error-summary').innerText()).toContain('Stängningsdatumet kan inte vara före öppningsdatumet.');
    expect(await page.getByLabel('Period', { exact: true }).inputValue()).toBe(`Våren ${THIS_YEAR}`);
    expect(
      await page
        .getByRole('row')
        .filter({ hasText: `Våren ${THIS_YEAR}` })
        .count(),
    ).toBe(0);
    await page.close();
  });

  it('creates a round with the wrong period, corrects it, and deletes a spare round', async () => {
    const page = await admin.newPage();
    await page.goto(`${base}/kansli/omgangar`);
    await page.getByLabel('Enkät', { exact: true }).selectOption('nns-deltagare-avslut');
    await page.getByLabel('Insats', { exact: true }).selectOption({ label: 'Novum' });
    const wrong = `Hösten ${LAST_YEAR}`;
    const right = `Hösten ${THIS_YEAR}`;
    await page.getByLabel('Period', { exact: true }).fill(wrong);
    await page.getByRole('button', { name: 'Skapa omgången' }).click();
    await page.waitForURL(/\/kansli\/omgangar\/\d+$/);
    const roundUrl = page.url();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Novum: Enkät till dig som avslutar en insats');
    expect(await fact(page, 'Period').innerText()).toBe(`${wrong} (räknas till ${LAST_YEAR})`);
    expect(await fact(page, 'Svar hittills').locator('.count').innerText()).toBe('0');
    // No answers yet: everything can be changed, and the round can be deleted.
    await expectAccessible(page, 'a new round without answers (the whole edit form)');

    // The user corrects the year in the period and in the År field the form has filled in.
    await page.getByLabel('Period', { exact: true }).fill(right);
    await page.getByLabel(/^År/).fill(String(THIS_YEAR));
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.waitForURL(/\?klart=andrad$/);
    expect(await page.getByRole('status').innerText()).toBe('Omgången är ändrad.');
    expect(await fact(page, 'Period').innerText()).toBe(`${right} (räknas till ${THIS_YEAR})`);
    expect(await page.getByLabel('Period', { exact: true }).inputValue()).toBe(right);
    await expectAccessible(page, 'a round after saving');

    // An edit that cannot be saved: the error summary has focus and nothing changes.
    await page.getByLabel('Period', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.locator('.error-summary').waitFor();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.locator('.error-summary').innerText()).toContain('Skriv en period');
    expect(await focused(page)).toBe('div.error-summary');
    expect(await fact(page, 'Period').innerText()).toBe(`${right} (räknas till ${THIS_YEAR})`);
    await expectAccessible(page, 'a round with an error');

    // The list shows the corrected period for Novum, and not the wrong one.
    await page.getByRole('link', { name: '← Alla enkätomgångar' }).click();
    await page.waitForURL(/\/kansli\/omgangar$/);
    const novumRows = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Novum' }) });
    expect(await novumRows.filter({ hasText: right }).count()).toBe(1);
    expect(await novumRows.filter({ hasText: wrong }).count()).toBe(0);

    // A spare round for another insats, deleted again through its confirmation page.
    const spare = `Extra ${THIS_YEAR}`;
    await page.getByLabel('Enkät', { exact: true }).selectOption('nns-personal');
    await page.getByLabel('Insats', { exact: true }).selectOption({ label: 'Aktivitetsplatsen' });
    await page.getByLabel('Period', { exact: true }).fill(spare);
    await page.getByRole('button', { name: 'Skapa omgången' }).click();
    await page.waitForURL(/\/kansli\/omgangar\/\d+$/);
    expect(page.url()).not.toBe(roundUrl);
    await page.getByRole('link', { name: 'Ta bort omgången' }).click();
    await page.waitForURL(/\/ta-bort$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Ta bort omgången?');
    expect(await page.locator('main').innerText()).toContain(`Aktivitetsplatsen – ${spare}`);
    await expectAccessible(page, 'the delete confirmation');
    // Cancelling goes back and keeps the round.
    await page.getByRole('link', { name: 'Avbryt och gå tillbaka' }).click();
    await page.waitForURL(/\/kansli\/omgangar\/\d+$/);
    expect(await fact(page, 'Period').innerText()).toContain(spare);
    await page.getByRole('link', { name: 'Ta bort omgången' }).click();
    await page.getByRole('button', { name: 'Ta bort omgången' }).click();
    await page.waitForURL(/\/kansli\/omgangar\?klart=borttagen$/);
    expect(await page.getByRole('status').innerText()).toBe('Omgången är borttagen.');
    expect(await page.getByRole('row').filter({ hasText: spare }).count()).toBe(0);
    // The corrected round is still there.
    expect(await page.getByRole('row').filter({ hasText: right }).count()).toBe(1);
    await expectAccessible(page, 'the rounds list after deleting');
    await page.close();
  });

  // Correcting only the period's year ("Våren 2025" to "Våren 2026") counts the round to the new year:
  // the År field is left empty for a period that names its year. A year that contradicts the period
  // is refused with a message, and the round is kept as it was.
  it('counts a corrected period to the year in it, and refuses a year that contradicts it', async () => {
    const page = await admin.newPage();
    try {
      await page.goto(`${base}/kansli/omgangar`);
      await page.getByLabel('Enkät', { exact: true }).selectOption('nns-personal');
      await page.getByLabel('Insats', { exact: true }).selectOption({ label: 'Novum' });
      await page.getByLabel('Period', { exact: true }).fill(`Våren ${LAST_YEAR}`);
      await page.getByRole('button', { name: 'Skapa omgången' }).click();
      await page.waitForURL(/\/kansli\/omgangar\/\d+$/);
      expect(await page.locator('#e-year').inputValue()).toBe('');
      await page.getByLabel('Period', { exact: true }).fill(`Våren ${THIS_YEAR}`);
      await page.getByRole('button', { name: 'Spara ändringarna' }).click();
      await page.waitForURL(/\?klart=andrad$/);
      const roundPage = page.url().replace(/\?.*$/, '');
      expect(await fact(page, 'Period').innerText()).toBe(`Våren ${THIS_YEAR} (räknas till ${THIS_YEAR})`);

      await page.locator('#e-year').fill(String(LAST_YEAR));
      await page.getByRole('button', { name: 'Spara ändringarna' }).click();
      await page.waitForSelector('.error-summary');
      expect(await page.locator('.error-summary').innerText()).toContain(`säger ${THIS_YEAR}, men året är ${LAST_YEAR}`);
      expect(await page.evaluate(() => document.activeElement?.closest('.error-summary') !== null)).toBe(true);
      await page.goto(roundPage);
      expect(await fact(page, 'Period').innerText()).toBe(`Våren ${THIS_YEAR} (räknas till ${THIS_YEAR})`);
    } finally {
      await page.close();
    }
  });

  it('offers no deletion for a round that has answers', async () => {
    const page = await admin.newPage();
    await page.goto(`${base}/kansli/omgangar`);
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'FINSAM-team' }) })
      .filter({ hasText: String(LAST_YEAR) })
      .first();
    // The row's link to the round itself (its insats's name may link to the insats).
    await row.locator('a[href^="/kansli/omgangar/"]').click();
    await page.waitForURL(/\/kansli\/omgangar\/\d+$/);
    expect(await page.getByText('Omgången har svar: bara datumen kan ändras').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Ta bort omgången' }).count()).toBe(0);
    expect(await page.getByLabel('Period', { exact: true }).count()).toBe(0);
    await page.close();
  });
});

describe('an insats over the years', () => {
  it('shows participants, survey results, rounds and targets year by year', async () => {
    const page = await admin.newPage();
    await page.goto(`${base}/kansli`);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Insatser' }).click();
    await page.waitForURL(/\/kansli\/insatser$/);
    await page.getByRole('link', { name: 'FINSAM-team', exact: true }).click();
    await page.waitForURL(/\/kansli\/insatser\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('FINSAM-team');
    const h2 = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(h2).toEqual(['Deltagare år för år', 'Enkätresultat år för år', 'Enkätomgångar', 'Mål']);

    // Participants: the five whole years before this one, one row each, oldest first.
    const years = [4, 3, 2, 1, 0].map((i) => String(LAST_YEAR - i));
    const outcomes = page.getByRole('table', { name: `Deltagare och avslut till arbete eller studier ${years[0]}–${LAST_YEAR}` });
    expect(await outcomes.locator('tbody th').allInnerTexts()).toEqual(years);
    const headers = await outcomes.locator('thead th').allInnerTexts();
    const participated = headers.indexOf('Totalt deltagit');
    expect(participated).toBeGreaterThan(0);
    const participantsIn = async (year: string) =>
      Number(
        await outcomes
          .locator('tbody tr')
          .filter({ has: page.locator('th', { hasText: year }) })
          .locator('th, td')
          .nth(participated)
          .innerText(),
      );
    // The demo's follow-up has participants in the last two years (and none five years back).
    expect(await participantsIn(String(LAST_YEAR))).toBeGreaterThan(0);
    expect(await participantsIn(String(LAST_YEAR - 1))).toBeGreaterThan(0);
    expect(await participantsIn(years[0]!)).toBe(0);
    // The current year is not a whole year yet: not shown.
    expect(await outcomes.innerText()).not.toContain(String(THIS_YEAR));

    // Survey results: one table per questionnaire, with each year's share positive.
    const h3 = await page.getByRole('heading', { level: 3 }).allInnerTexts();
    expect(h3).toEqual(['Enkät till dig som avslutar en insats', 'Enkät till personal i insatsen']);
    for (const title of h3) {
      const table = page.getByRole('table', { name: title });
      for (const year of [LAST_YEAR - 1, LAST_YEAR]) {
        const rows = table.locator('tbody tr').filter({ has: page.locator('td', { hasText: new RegExp(`^${year}$`) }) });
        expect(await rows.count(), `${title} ${year}`).toBeGreaterThan(0);
        // Each of the year's rows has a share positive ("74 %") or a hidden cell (–).
        for (const text of await rows.allInnerTexts()) expect(text).toMatch(/\d+ %|–/);
        expect(
          (await rows.allInnerTexts()).some((t) => /\b\d+ %/.test(t)),
          `${title} ${year}: some share shown`,
        ).toBe(true);
      }
    }

    // Rounds: every year of the demo (including this year's open ones), both questionnaires.
    const rounds = await page.locator('h2:has-text("Enkätomgångar") + ul li').allInnerTexts();
    expect(rounds).toHaveLength(6);
    for (const year of [THIS_YEAR - 2, LAST_YEAR, THIS_YEAR])
      for (const instrument of ['nns-deltagare-avslut', 'nns-personal'])
        expect(rounds.some((r) => r.startsWith(`${year} – ${instrument} (`))).toBe(true);

    // Targets: last year has them, and the link opens its targets page.
    const targetsLink = page.locator('h2:has-text("Mål") + p').getByRole('link', { name: String(LAST_YEAR) });
    expect(await targetsLink.count()).toBe(1);

    // The insats page and the report agree on last year's participants.
    const shown = await participantsIn(String(LAST_YEAR));
    await page.getByRole('link', { name: `Rapport ${LAST_YEAR}` }).click();
    await page.waitForURL(/\/kansli\/rapport\?/);
    expect(await page.locator('main').innerText()).toContain(`${shown} deltagare (`);
    await page.goBack();

    await targetsLink.click();
    await page.waitForURL(/\/kansli\/mal\?/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Mål – förväntat resultat');
    expect(await page.getByLabel('År', { exact: true }).locator('option:checked').innerText()).toBe(String(LAST_YEAR));
    expect(await page.getByLabel('Insats').locator('option:checked').innerText()).toBe('FINSAM-team');
    await page.close();
  });
});

describe('the report package', () => {
  it('downloads the Word, Excel and ZIP files of the report, and they hold what they should', async () => {
    const page = await admin.newPage();
    await page.goto(`${base}/kansli`);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rapport' }).click();
    await page.waitForURL(/\/kansli\/rapport/);
    await page.getByLabel('År', { exact: true }).selectOption(String(LAST_YEAR));
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(new RegExp(`ar=${LAST_YEAR}`));
    expect(await page.locator('.period-shown').innerText()).toContain(`Period: ${LAST_YEAR}`);

    const download = async (name: string) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      return { name: d.suggestedFilename(), bytes: await downloadBytes(d) };
    };
    const docx = await download('Word (docx)');
    const xlsx = await download('Excel (xlsx)');
    const zip = await download('alla diagram och tabeller (zip)');
    expect([docx.name, xlsx.name, zip.name]).toEqual([
      `rapport-${LAST_YEAR}.docx`,
      `rapport-${LAST_YEAR}.xlsx`,
      `rapport-${LAST_YEAR}.zip`,
    ]);

    // Word: numbered table and figure captions, and the figures as PNG images.
    const word = unzipSync(docx.bytes);
    const documentXml = strFromU8(word['word/document.xml']!);
    const text = documentXml.replace(/<[^>]+>/g, '');
    const tableNumbers = [...text.matchAll(/Tabell (\d+) /g)].map((m) => Number(m[1]));
    const figureNumbers = [...text.matchAll(/Figur (\d+) /g)].map((m) => Number(m[1]));
    expect(tableNumbers.length).toBeGreaterThan(5);
    expect(figureNumbers.length).toBeGreaterThan(3);
    expect(tableNumbers).toEqual(tableNumbers.map((_, i) => i + 1));
    expect(figureNumbers).toEqual(figureNumbers.map((_, i) => i + 1));
    expect(text).toContain(`Tabell 1 `);
    expect(text).toMatch(new RegExp(`Tabell \\d+ Deltagare ${LAST_YEAR} – Hela förbundet`));
    expect(text).toMatch(new RegExp(`Tabell \\d+ Deltagare ${LAST_YEAR} – FINSAM-team`));
    expect(documentXml).toContain('<w:tbl>');
    const media = Object.keys(word).filter((n) => n.startsWith('word/media/'));
    expect(media.length).toBe(figureNumbers.length);
    for (const m of media) {
      expect(m).toMatch(/\.png$/);
      expect(isPng(word[m]!), m).toBe(true);
    }

    // Excel: one sheet per table of the Word document; numbers stored as numbers, shares with a % format.
    const book = unzipSync(xlsx.bytes);
    const sheetNames = [...strFromU8(book['xl/workbook.xml']!).matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]!);
    expect(sheetNames).toHaveLength(tableNumbers.length);
    expect(new Set(sheetNames.map((n) => n.toLowerCase())).size).toBe(sheetNames.length);
    const sheets = Object.keys(book).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets).toHaveLength(sheetNames.length);
    const styles = strFromU8(book['xl/styles.xml']!);
    const percentFormats = new Set(
      [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].filter((m) => m[2]!.includes('%')).map((m) => m[1]!),
    );
    expect(percentFormats.size).toBeGreaterThan(0);
    const cellXfs = [.../<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)![1]!.matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((m) => m[1]!);
    const percentStyles = new Set(cellXfs.flatMap((id, i) => (percentFormats.has(id) ? [String(i)] : [])));
    let numbers = 0;
    let percents = 0;
    const numericText: string[] = [];
    for (const s of sheets) {
      const xml = strFromU8(book[s]!);
      // The header row (row 1) names the columns: a period ("2024", "Hösten 2024") is a label, not a number.
      const header = new Map([...xml.matchAll(/<c r="([A-Z]+)1"[^>]*><is><t>(.*?)<\/t><\/is><\/c>/g)].map((m) => [m[1]!, m[2]!] as const));
      for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/g)) {
        const [, ref, attrs, inner] = c as unknown as [string, string, string, string];
        const columnName = header.get(/^[A-Z]+/.exec(ref)![0]);
        const type = /t="([^"]+)"/.exec(attrs)?.[1] ?? 'n';
        if (type === 'n') {
          expect(inner, `${s} ${ref}`).toMatch(/^<v>-?\d+(\.\d+)?(E[+-]?\d+)?<\/v>$/);
          numbers++;
          if (percentStyles.has(/s="(\d+)"/.exec(attrs)?.[1] ?? '0')) percents++;
        } else {
          // Text cells never hold a number written as text ("12", "57 %", "3,5").
          const value = /<t[^>]*>(.*?)<\/t>/.exec(inner)?.[1] ?? '';
          if (/^-?\d+([.,]\d+)?( ?%)?$/.test(value) && columnName !== 'Period') numericText.push(`${s} ${ref} (${columnName}): ${value}`);
        }
      }
    }
    expect(numericText).toEqual([]);
    expect(numbers).toBeGreaterThan(50);
    expect(percents).toBeGreaterThan(5);

    // ZIP: a PNG and an SVG per chart and a CSV per table, every name unique and carrying the period.
    expect(zip.bytes[0]).toBe(0x50);
    const files = unzipSync(zip.bytes);
    const names = Object.keys(files);
    expect(zipEntryCount(zip.bytes)).toBe(names.length); // no name twice
    const pngs = names.filter((n) => n.endsWith('.png'));
    const svgs = names.filter((n) => n.endsWith('.svg'));
    const csvs = names.filter((n) => n.endsWith('.csv'));
    expect(pngs.length + svgs.length + csvs.length).toBe(names.length);
    expect(pngs).toHaveLength(figureNumbers.length);
    expect(svgs.map((n) => n.replace(/\.svg$/, '.png')).sort()).toEqual([...pngs].sort());
    expect(csvs).toHaveLength(tableNumbers.length);
    for (const n of names) expect(n.split('/').pop(), n).toMatch(new RegExp(`^${LAST_YEAR}-[a-z0-9-]+\\.(png|svg|csv)$`));
    for (const n of pngs) expect(isPng(files[n]!), n).toBe(true);
    for (const n of svgs) expect(strFromU8(files[n]!.subarray(0, 400)), n).toMatch(/<svg[\s>]/);
    // Each insats's files carry its name.
    for (const insats of ['finsam-team', 'aktivitetsplatsen', 'novum']) {
      expect(
        csvs.some((n) => n.includes(`/${LAST_YEAR}-${insats}-deltagare.csv`)),
        insats,
      ).toBe(true);
      expect(
        pngs.some((n) => n.includes(`/${LAST_YEAR}-${insats}-`)),
        insats,
      ).toBe(true);
    }
    // The tables come in the same order everywhere: the first CSV has as many rows as the first sheet.
    const csvRows = strFromU8(files[csvs[0]!]!).split(/\r?\n/).filter(Boolean).length;
    expect(csvRows).toBeGreaterThan(1);
    expect(csvRows).toBe((strFromU8(book['xl/worksheets/sheet1.xml']!).match(/<row /g) ?? []).length);

    await page.close();
  }, 240_000); // the whole förbund: each of the three files renders every chart (about 10 s each on a busy machine)

  it('names the files after the insats when the report is for one insats', async () => {
    const page = await admin.newPage();
    await page.goto(`${base}/kansli/rapport`);
    await page.getByLabel('År', { exact: true }).selectOption(String(LAST_YEAR));
    await page.getByLabel('Insats', { exact: true }).selectOption({ label: 'Novum' });
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/insats=/);
    const [d] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'alla diagram och tabeller (zip)' }).click(),
    ]);
    expect(d.suggestedFilename()).toBe(`rapport-${LAST_YEAR}-novum.zip`);
    const names = Object.keys(unzipSync(await downloadBytes(d)));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.split('/').pop(), n).toMatch(new RegExp(`^${LAST_YEAR}-novum-`));
    await page.close();
  });
});

describe('accounts', () => {
  it('adds an account whose owner signs in, changes the one-time password and signs in with the new one', async () => {
    const page = await admin.newPage();
    await page.goto(`${base}/kansli`);
    await page.getByRole('link', { name: 'Konton' }).click();
    await page.waitForURL(/\/kansli\/konton$/);
    await page.getByLabel('Användarnamn').fill('nils.kansli');
    await page.getByLabel('Roll', { exact: true }).selectOption('analytiker');
    await page.getByRole('button', { name: 'Skapa kontot' }).click();
    const created = page.getByRole('status');
    await created.waitFor();
    expect(await created.innerText()).toContain('Kontot nils.kansli är skapat');
    const oneTime = (await created.locator('code').innerText()).trim();
    expect(oneTime.length).toBeGreaterThanOrEqual(12);
    expect(await page.getByRole('rowheader', { name: 'nils.kansli' }).count()).toBe(1);
    await expectAccessible(page, 'accounts with the one-time password shown');
    // The password is shown once: not after a reload.
    await page.goto(`${base}/kansli/konton`);
    expect(await page.locator('main').innerText()).not.toContain(oneTime);

    // A name that is taken: an error summary with focus.
    await page.getByLabel('Användarnamn').fill('nils.kansli');
    await page.getByRole('button', { name: 'Skapa kontot' }).click();
    await page.locator('.error-summary').waitFor();
    await page.waitForLoadState('domcontentloaded');
    expect(await focused(page)).toBe('div.error-summary');
    await expectAccessible(page, 'accounts with an error');
    await page.close();

    // Nils, in a browser of his own.
    const nils = await browser.newContext({ bypassCSP: true });
    try {
      const own = await signIn(nils, 'nils.kansli', oneTime);
      expect(await own.locator('.who').innerText()).toContain('nils.kansli (analytiker)');
      // An analyst has no Konton page in the menu.
      expect(await own.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Konton' }).count()).toBe(0);
      await own.getByRole('link', { name: 'Byt lösenord' }).click();
      await own.waitForURL(/\/kansli\/losenord$/);
      const next = 'fyra ord i följd för nils';

      // The two new passwords differ: not changed, focus on the error.
      await own.getByLabel('Nuvarande lösenord').fill(oneTime);
      await own.getByLabel('Nytt lösenord', { exact: true }).fill(next);
      await own.getByLabel('Nytt lösenord igen').fill(`${next}!`);
      await own.getByRole('button', { name: 'Byt lösenord' }).click();
      await own.locator('.error-summary').waitFor();
      await own.waitForLoadState('domcontentloaded');
      expect(await own.locator('.error-summary').innerText()).toContain('inte lika');
      expect(await focused(own)).toBe('div.error-summary');
      await expectAccessible(own, 'password page with an error');

      await own.getByLabel('Nuvarande lösenord').fill(oneTime);
      await own.getByLabel('Nytt lösenord', { exact: true }).fill(next);
      await own.getByLabel('Nytt lösenord igen').fill(next);
      await own.getByRole('button', { name: 'Byt lösenord' }).click();
      await own.waitForURL(/\/kansli\/losenord\?klart=losenord$/);
      expect(await own.getByRole('status').innerText()).toContain('Ditt lösenord är bytt.');
      await expectAccessible(own, 'password page after the change');

      await own.getByRole('button', { name: 'Logga ut' }).click();
      await own.waitForURL(/\/kansli\/logga-in$/);
      // Signed out: the kansli asks for a sign-in again.
      await own.goto(`${base}/kansli/omgangar`);
      expect(new URL(own.url()).pathname).toBe('/kansli/logga-in');

      // The one-time password no longer works; the new one does.
      await own.getByLabel('Användarnamn').fill('nils.kansli');
      await own.getByLabel('Lösenord').fill(oneTime);
      await own.getByRole('button', { name: 'Logga in' }).click();
      await own.locator('.error-summary').waitFor();
      expect(await own.locator('.error-summary').innerText()).toContain('Inloggningen misslyckades');
      await own.close();
      const again = await signIn(nils, 'nils.kansli', next);
      expect(await again.locator('.who').innerText()).toContain('nils.kansli (analytiker)');
    } finally {
      await nils.close();
    }
  });
});
