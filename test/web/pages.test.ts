import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeRound, testApp } from '../helpers.js';
import { signIn } from './helpers.js';
import { createSubmissionWriter } from '../../server/survey/submissions.js';
import { indicatorsFor } from '../../server/indicators/service.js';
import { importOutcomes } from '../../server/followup/importer.js';
import type { Db } from '../../server/db/database.js';

const FIXTURE = new URL('../fixtures/insatsuppfoljning-2024.csv', import.meta.url);

async function fill(db: Db, roundId: number, n: number, text?: (i: number) => string) {
  const w = createSubmissionWriter(db);
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      w.submit({
        roundId,
        instrumentVersion: 1,
        date: '2024-10-01',
        nonce: `pages-${roundId}-${String(i).padStart(12, '0')}`,
        gender: i % 3 === 0 ? 'man' : 'kvinna',
        answers: [
          { questionId: 'kon', value: i % 3 === 0 ? 'man' : 'kvinna' },
          { questionId: 'nytta', value: String((i % 6) + 1) },
          { questionId: 'tid', value: i % 4 === 0 ? '2' : '5' },
        ],
        texts: text ? [{ questionId: 'skillnad', body: text(i) }] : [],
      }),
    ),
  );
}

const pngSize = (b: Buffer) => ({ sig: b.subarray(0, 8).toString('hex'), w: b.readUInt32BE(16), h: b.readUInt32BE(20) });

describe('rounds in the kansli web', () => {
  it('creates a round, shows its link, QR code (PNG, SVG), print sheet and response count', async () => {
    const { app, db } = await testApp({ baseUrl: 'https://enkat.example.se' });
    const { agent, csrf } = await signIn(app, db);
    await agent.post('/kansli/insatser').type('form').send({ _csrf: csrf, name: 'Novum' }).expect(303);
    const insats = (await db.first<{ id: number }>('SELECT id FROM insatser'))!;
    const bad = await agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ _csrf: csrf, instrument: 'nns-personal', insats: String(insats.id), period: '2024', opens: '2024-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('ÅÅÅÅ-MM-DD');
    expect(bad.text).toContain('value="2024"'); // what was typed is kept
    expect(await db.first('SELECT * FROM rounds')).toBeUndefined();
    const created = await agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ _csrf: csrf, instrument: 'nns-personal', insats: String(insats.id), period: 'Hösten 2024', invited: '23', kiosk: '1' });
    expect(created.status).toBe(303);
    const round = (await db.first<{ id: number; token: string; invited: number; kiosk: number; year: number }>('SELECT * FROM rounds'))!;
    expect(round).toMatchObject({ invited: 23, kiosk: 1, year: 2024 });
    await fill(db, round.id, 7);
    const page = await agent.get(created.headers.location!);
    expect(page.text).toContain(`https://enkat.example.se/e/${round.token}`);
    expect(page.text).toMatch(/<strong class="count">7<\/strong>/);
    const png = await agent.get(`/kansli/omgangar/${round.id}/qr.png`).buffer(true);
    expect(png.headers['content-type']).toBe('image/png');
    expect(pngSize(png.body as Buffer).sig).toBe('89504e470d0a1a0a');
    const svg = await agent.get(`/kansli/omgangar/${round.id}/qr.svg`);
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(String(svg.body ?? svg.text)).toMatch(/^<svg/);
    const sheet = await agent.get(`/kansli/omgangar/${round.id}/utskrift`);
    expect(sheet.text).toContain('anonym');
    expect(sheet.text).toMatch(/\/static\/print-sheet\.[0-9a-f]{10}\.css/);
    await agent.post(`/kansli/omgangar/${round.id}/status`).type('form').send({ _csrf: csrf, closed: '1' }).expect(303);
    expect((await db.first<{ closed: number }>('SELECT closed FROM rounds'))!.closed).toBe(1);
    await agent.post(`/kansli/omgangar/${round.id}/inbjudna`).type('form').send({ _csrf: csrf, invited: '30' }).expect(303);
    expect((await db.first<{ invited: number }>('SELECT invited FROM rounds'))!.invited).toBe(30);
  });
});

describe('results pages', () => {
  it('show the figures of the analysis module, and the JSON is that result', async () => {
    const { app, db, ctx } = await testApp();
    const round = await makeRound(db, { period: '2024', invited: 40 });
    await fill(db, round.id, 30, (i) => (i === 3 ? 'Min handläggare Kalle hjälpte mig' : `svar ${i}`));
    const expected = await indicatorsFor(db, ctx.surveys, { year: 2024, instrument: 'nns-deltagare-avslut' }, 5);
    const { agent } = await signIn(app, db, 'analytiker');
    const page = await agent.get('/kansli/resultat?ar=2024&enkat=nns-deltagare-avslut');
    expect(page.status).toBe(200);
    for (const q of expected.questions.filter((x) => x.type !== 'single' && x.n !== null && x.n > 0)) {
      const row = new RegExp(
        `${q.text.replace(/[?/()]/g, '.')}</th>\\s*<td class="num">${q.n}</td>\\s*<td class="num">${q.percent} %</td>`,
      );
      expect(page.text).toMatch(row);
    }
    expect(page.text).toContain('30</strong> svarande, svarsfrekvens <strong>75 %</strong>');
    const json = await agent.get('/kansli/resultat.json?ar=2024&enkat=nns-deltagare-avslut');
    expect(json.body.questions).toEqual(JSON.parse(JSON.stringify(expected.questions)));
    // Free text: listed with a warning, no hide button for an analytiker.
    expect(page.text).toContain('Min handläggare Kalle');
    expect(page.text).toMatch(/kan innehålla namn/);
    expect(page.text).not.toContain('Dölj svaret');
    const chart = await agent.get('/kansli/resultat/diagram/andel-positiva.png?ar=2024&enkat=nns-deltagare-avslut').buffer(true);
    expect(pngSize(chart.body as Buffer).sig).toBe('89504e470d0a1a0a');
    expect(page.text).toContain('/kansli/resultat/diagram/andel-positiva.svg?');
    const svg = await agent.get('/kansli/resultat/diagram/andel-positiva.svg?ar=2024&enkat=nns-deltagare-avslut').buffer(true);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['content-disposition']).toContain('2024-alla-insatser-nns-deltagare-avslut-andel-positiva.svg');
    expect(String(svg.body)).toMatch(/<svg[^>]*width="\d+"/);
    expect((await agent.get('/kansli/resultat/diagram/andel-positiva.gif?ar=2024&enkat=nns-deltagare-avslut')).status).toBe(404);
  });

  it('hide free text from small selections; an admin can hide one answer, which is audited', async () => {
    const { app, db } = await testApp();
    const small = await makeRound(db, { period: '2023' });
    await fill(db, small.id, 4, () => 'hemligt litet urval');
    const round = await makeRound(db, { period: '2024' });
    await fill(db, round.id, 8, (i) => (i === 0 ? 'Jag heter Stina' : 'bra stöd'));
    const { agent, csrf } = await signIn(app, db, 'admin');
    const smallPage = await agent.get(`/kansli/resultat?omgang=${small.id}`);
    expect(smallPage.text).not.toContain('hemligt litet urval');
    expect(smallPage.text).toContain('Fritextsvar visas bara från enkätomgångar där minst 5 har svarat');
    const page = await agent.get(`/kansli/resultat?omgang=${round.id}`);
    expect(page.text).toContain('Jag heter Stina');
    const target = (await db.first<{ handle: string }>("SELECT handle FROM text_answers WHERE body = 'Jag heter Stina'"))!;
    // The page names each free text by its random handle only, never by a response id.
    expect(page.text).toContain(`name="handle" value="${target.handle}"`);
    expect(page.text).not.toMatch(/name="response"/);
    await agent.post('/kansli/resultat/fritext/dolj').type('form').send({ _csrf: csrf, handle: target.handle }).expect(303);
    expect((await agent.get(`/kansli/resultat?omgang=${round.id}`)).text).not.toContain('Jag heter Stina');
    const raw = await agent.get(`/kansli/omgangar/${round.id}/svar.csv?fritext=1`);
    expect(raw.text).not.toContain('Stina');
    expect(raw.text).toContain('bra stöd');
    // The columns are named by the question texts (with the id), and say where each answer came from.
    const header = raw.text.replace(/^\uFEFF/, '').split('\r\n')[0]!;
    expect(header).toMatch(/^Datum;Källa;Kön \[kon\];.*Har du fått stöd på ett sätt som är till stor nytta för dig\? \[nytta\]/);
    expect(raw.text).toMatch(/\r\n\d{4}-\d{2}-\d{2};webb;/);
    const actions = (await db.all<{ action: string }>('SELECT action FROM audit_log')).map((a) => a.action);
    expect(actions).toContain('freetext.hide');
    expect(actions).toContain('export.raw');
  });

  it('outcomes page reproduces the published 2024 table from an import in the browser', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const up = await agent
      .post('/kansli/import')
      .field('_csrf', csrf)
      .field('codebook', 'standard')
      .attach('file', fs.readFileSync(FIXTURE), 'uppfoljning.csv');
    expect(up.status).toBe(200);
    expect(up.text).toContain('494 nya');
    const page = await agent.get('/kansli/utfall?ar=2024');
    for (const [reason, total, pct] of [
      ['Arbete', 36, 10],
      ['Jobbtorg/AMF-insats', 57, 16],
      ['FINSAM-insats', 3, 1],
      ['Utredning/vård/rehabilitering', 111, 32],
    ] as const)
      expect(page.text).toMatch(
        new RegExp(`${reason.replace('/', '\\/')}</th>.*?<td class="num">${total}</td><td class="num">${pct} %</td>`),
      );
    expect(page.text).toMatch(/Pågående vid periodens slut<\/th>.*?<strong>146<\/strong>/s);
    const csv = await agent.get('/kansli/export/avslutsorsaker.csv?ar=2024');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('\r\n');
    expect(csv.text.split('\r\n')[0]).toContain(';');
    // A file with a personal identity number is rejected whole, from the browser too.
    const bad = 'Insats;Deltagar-ID;Kön;Startdatum;Slutdatum;Avslutsorsak\r\nNovum;19121212-1212;Kvinna;2024-01-01;;\r\n';
    const rejected = await agent.post('/kansli/import').field('_csrf', csrf).attach('file', Buffer.from(bad), 'pnr.csv');
    expect(rejected.status).toBe(400);
    expect(rejected.text).toContain('ingenting har sparats');
    expect(rejected.text).not.toContain('19121212');
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM import_batches'))!.n).toBe(1);
    // Undo from the browser.
    await agent.post('/kansli/import/1/angra').type('form').send({ _csrf: csrf }).expect(200);
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM episodes'))!.n).toBe(0);
    const actions = (await db.all<{ action: string }>('SELECT action FROM audit_log')).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['import', 'import.undo', 'export.csv']));
  });

  it('an upload without the form token is refused and imports nothing', async () => {
    const { app, db } = await testApp();
    const { agent } = await signIn(app, db);
    const res = await agent.post('/kansli/import').attach('file', fs.readFileSync(FIXTURE), 'f.csv');
    expect(res.status).toBe(403);
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM episodes'))!.n).toBe(0);
  });

  it('targets: set from the page, shown with attainment in the report, exported as CSV with a formula guard', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { period: '2024', invited: 40, insats: '=HYPERLINK("x")' });
    await fill(db, round.id, 30);
    const { agent, csrf } = await signIn(app, db);
    const bad = await agent
      .post('/kansli/mal')
      .type('form')
      .send({
        _csrf: csrf,
        ar: '2024',
        insats: String(round.insats_id),
        metric: 'response-rate',
        instrument: 'nns-deltagare-avslut',
        value: 'sjuttio',
      });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Skriv målvärdet som ett tal');
    await agent
      .post('/kansli/mal')
      .type('form')
      .send({
        _csrf: csrf,
        ar: '2024',
        insats: String(round.insats_id),
        metric: 'response-rate',
        instrument: 'nns-deltagare-avslut',
        value: '80',
        direction: 'atLeast',
      })
      .expect(303);
    const report = await agent.get(`/kansli/rapport?ar=2024&insats=${round.insats_id}`);
    // 30 of 40 = 75 %, 5 points short of 80 → God.
    expect(report.text).toMatch(/Svarsfrekvens för en enkät.*?<td class="num">80 %<\/td>.*?75 %.*?−5 p\.e\..*?attainment-god">God</s);
    const csv = await agent.get(`/kansli/export/svarsfrekvens.csv?ar=2024&insats=${round.insats_id}&enkat=nns-deltagare-avslut`);
    expect(csv.text).toContain(`\r\n"'=HYPERLINK(""x"")";nns-deltagare-avslut;2024;2024;30;40;`);
  });
});
