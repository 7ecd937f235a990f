// The import page maps end reasons the code book does not know once; every later import with the
// code book (web and CLI) reads the mapping (docs/import.md "Kodböcker").
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { HEADER, csv } from '../../followup/helpers.js';

const messy = csv(
  HEADER,
  'Alfa;A1;Kvinna;1990;;;;;2023-01-10;2023-05-01;Sjukdm',
  'Alfa;A2;Man;1990;;;;;2023-01-10;2023-05-01;Flyttat',
  'Alfa;A3;Man;1990;;;;;2023-01-10;2023-05-01;sjukdm.',
  'Alfa;A4;Kvinna;1990;;;;;2023-01-10;2023-05-01;Fortsatt rehab.',
);

const count = async (db: { first: (sql: string) => Promise<unknown> }, table: string) =>
  ((await db.first(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number }).n;

describe('mapping unknown end reasons on the import page', () => {
  it('offers each distinct unknown spelling with the suggestion pre-selected, and asks for the file again', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const res = await agent.post('/kansli/import').field('_csrf', csrf).field('codebook', 'sus').attach('file', messy, 'f.csv');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Menade du &#34;Sjukdom\/vård\/behandling&#34;\?/);
    expect(res.text).toMatch(/Koppla okända avslutsorsaker/);
    // Sjukdm and sjukdm. are one spelling; Flyttat has no suggestion.
    expect(res.text.match(/name="stavning\.\d+"/g)).toHaveLength(2);
    expect(res.text).toMatch(/name="stavning\.0" value="Sjukdm"/);
    expect(res.text).toMatch(/name="stavning\.1" value="Flyttat"/);
    const select0 = /<select id="orsak-0"[\s\S]*?<\/select>/.exec(res.text)![0];
    expect(select0).toMatch(/<option value="Sjukdom\/vård\/behandling" selected>/);
    const select1 = /<select id="orsak-1"[\s\S]*?<\/select>/.exec(res.text)![0];
    expect(select1).not.toMatch(/selected/);
    expect(res.text).toMatch(/Välj filen igen/);
    expect(res.text).toMatch(/Spara kopplingarna och importera igen/);
    expect(await count(db, 'episodes')).toBe(0);
  });

  it('saves the mappings, imports the file chosen again, and logs who did it', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const res = await agent
      .post('/kansli/import')
      .field('_csrf', csrf)
      .field('codebook', 'sus')
      .field('stavning.0', 'Sjukdm')
      .field('orsak.0', 'Sjukdom/vård/behandling')
      .field('stavning.1', 'Flyttat')
      .field('orsak.1', 'Övrigt')
      .attach('file', messy, 'f.csv');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/2 kopplingar av avslutsorsaker sparades/);
    expect(res.text).toMatch(/Import 1 klar: 4 nya/);
    expect(await db.all('SELECT participant_ref AS ref, end_reason AS reason FROM episodes ORDER BY participant_ref')).toEqual([
      { ref: 'A1', reason: 'Sjukdom/vård/behandling' },
      { ref: 'A2', reason: 'Övrigt' },
      { ref: 'A3', reason: 'Sjukdom/vård/behandling' },
      { ref: 'A4', reason: 'Fortsatt rehabilitering' },
    ]);
    expect(await db.all('SELECT codebook, match_key, spelling, reason, created_by FROM codebook_mappings ORDER BY id')).toEqual([
      { codebook: 'sus', match_key: 'sjukdm', spelling: 'Sjukdm', reason: 'Sjukdom/vård/behandling', created_by: 'admin-anna' },
      { codebook: 'sus', match_key: 'flyttat', spelling: 'Flyttat', reason: 'Övrigt', created_by: 'admin-anna' },
    ]);
    const entry = await db.first<{ user_name: string; details: string }>(
      "SELECT user_name, details FROM audit_log WHERE action = 'import.mappings.save'",
    );
    expect(entry?.user_name).toBe('admin-anna');
    expect(JSON.parse(entry!.details)).toEqual({
      codebook: 'sus',
      mappings: [
        { spelling: 'Sjukdm', reason: 'Sjukdom/vård/behandling' },
        { spelling: 'Flyttat', reason: 'Övrigt' },
      ],
    });

    // The page lists them; a later upload with the same code book needs no mapping.
    const page = await agent.get('/kansli/import');
    expect(page.text).toMatch(/Sparade kopplingar av avslutsorsaker/);
    expect(page.text).toMatch(/<td>Flyttat<\/td><td>Övrigt<\/td>/);
    const later = csv(HEADER, 'Beta;B1;Kvinna;1990;;;;;2023-02-10;2023-06-01;SJUKDM');
    const again = await agent.post('/kansli/import').field('_csrf', csrf).field('codebook', 'sus').attach('file', later, 'g.csv');
    expect(again.status).toBe(200);
    expect(await db.first("SELECT end_reason FROM episodes WHERE participant_ref = 'B1'")).toEqual({
      end_reason: 'Sjukdom/vård/behandling',
    });
    // Another code book does not read them.
    const std = await agent.post('/kansli/import').field('_csrf', csrf).field('codebook', 'standard').attach('file', later, 'h.csv');
    expect(std.status).toBe(400);
  });

  it('saves the mappings even without a file, and says to choose the file again', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const res = await agent
      .post('/kansli/import')
      .field('_csrf', csrf)
      .field('codebook', 'sus')
      .field('stavning.0', 'Flyttat')
      .field('orsak.0', 'Övrigt')
      .attach('file', Buffer.alloc(0), '');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/1 koppling av avslutsorsaker sparades[^<]*Välj filen igen och importera/);
    expect(await count(db, 'codebook_mappings')).toBe(1);
  });

  it('refuses a reason that is not in the code book and saves and imports nothing', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const res = await agent
      .post('/kansli/import')
      .field('_csrf', csrf)
      .field('codebook', 'sus')
      .field('stavning.0', 'Sjukdm')
      .field('orsak.0', 'Sjukdom/vård/behandling')
      .field('stavning.1', 'Flyttat')
      .field('orsak.1', 'Utvandrat')
      .attach('file', messy, 'f.csv');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Orsaken &#34;Utvandrat&#34; finns inte i kodboken &#34;SUS&#34;/);
    expect(await count(db, 'codebook_mappings')).toBe(0);
    expect(await count(db, 'episodes')).toBe(0);
  });

  it('requires the form token before the mappings and an admin', async () => {
    const { app, db } = await testApp();
    const { agent } = await signIn(app, db);
    const forged = await agent
      .post('/kansli/import')
      .field('_csrf', 'fel')
      .field('codebook', 'sus')
      .field('stavning.0', 'Flyttat')
      .field('orsak.0', 'Övrigt')
      .attach('file', messy, 'f.csv');
    expect(forged.status).toBe(403);
    const reader = await signIn(app, db, 'analytiker');
    const denied = await reader.agent
      .post('/kansli/import')
      .field('_csrf', reader.csrf)
      .field('codebook', 'sus')
      .field('stavning.0', 'Flyttat')
      .field('orsak.0', 'Övrigt')
      .attach('file', messy, 'f.csv');
    expect(denied.status).toBe(403);
    expect(await count(db, 'codebook_mappings')).toBe(0);
  });

  it('offers no mapping when the file has other problems too, nor for a personnummer-like value', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const mixed = csv(HEADER, 'Alfa;A1;Xyz;1990;;;;;2023-01-10;2023-05-01;Sjukdm');
    const res = await agent.post('/kansli/import').field('_csrf', csrf).field('codebook', 'sus').attach('file', mixed, 'f.csv');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Menade du/);
    expect(res.text).not.toMatch(/Koppla okända avslutsorsaker/);
    const idLike = csv(HEADER, 'Alfa;A1;Kvinna;1990;;;;;2023-01-10;2023-05-01;Flytt 850101-1235');
    const res2 = await agent.post('/kansli/import').field('_csrf', csrf).field('codebook', 'sus').attach('file', idLike, 'f.csv');
    expect(res2.status).toBe(400);
    expect(res2.text).not.toMatch(/850101/);
    expect(res2.text).not.toMatch(/name="stavning/);
  });

  it('lists and removes stored mappings; removed ones no longer apply', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    await agent
      .post('/kansli/import')
      .field('_csrf', csrf)
      .field('codebook', 'sus')
      .field('stavning.0', 'Flyttat')
      .field('orsak.0', 'Övrigt')
      .attach('file', Buffer.alloc(0), '');
    const { id } = (await db.first<{ id: number }>('SELECT id FROM codebook_mappings'))!;
    const reader = await signIn(app, db, 'analytiker');
    const readerPage = await reader.agent.get('/kansli/import');
    expect(readerPage.text).toMatch(/<td>Flyttat<\/td>/);
    expect(readerPage.text).not.toMatch(/kopplingar\/\d+\/ta-bort/);
    expect((await reader.agent.post(`/kansli/import/kopplingar/${id}/ta-bort`).type('form').send({ _csrf: reader.csrf })).status).toBe(403);
    expect((await agent.post(`/kansli/import/kopplingar/${id}/ta-bort`).type('form').send({ _csrf: 'fel' })).status).toBe(403);
    expect(await count(db, 'codebook_mappings')).toBe(1);

    const removed = await agent.post(`/kansli/import/kopplingar/${id}/ta-bort`).type('form').send({ _csrf: csrf });
    expect(removed.status).toBe(200);
    expect(removed.text).toMatch(/Kopplingen &#34;Flyttat&#34; → Övrigt är borttagen/);
    expect(await count(db, 'codebook_mappings')).toBe(0);
    expect(await db.first("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'import.mappings.remove'")).toEqual({ n: 1 });
    const gone = await agent.post(`/kansli/import/kopplingar/${id}/ta-bort`).type('form').send({ _csrf: csrf });
    expect(gone.status).toBe(404);
    expect((await agent.post('/kansli/import/kopplingar/abc/ta-bort').type('form').send({ _csrf: csrf })).status).toBe(404);

    const file = csv(HEADER, 'Alfa;A1;Kvinna;1990;;;;;2023-01-10;2023-05-01;Flyttat');
    const res = await agent.post('/kansli/import').field('_csrf', csrf).field('codebook', 'sus').attach('file', file, 'f.csv');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Avslutsorsaken &#34;Flyttat&#34; finns inte/);
  });

  it('is applied by finsam import-outcomes too', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    await agent
      .post('/kansli/import')
      .field('_csrf', csrf)
      .field('codebook', 'sus')
      .field('stavning.0', 'Sjukdm')
      .field('orsak.0', 'Sjukdom/vård/behandling')
      .attach('file', Buffer.alloc(0), '');
    const file = path.join(path.dirname(db.path), 'later.csv');
    fs.writeFileSync(file, csv(HEADER, 'Alfa;C1;Man;1990;;;;;2023-01-10;2023-05-01;Sjukdm'));
    const env = { FINSAM_DB: db.path };
    const listed = await cli(['codebook', 'mappings', '--codebook', 'sus'], env);
    expect(listed.stdout).toMatch(/sus\t"Sjukdm" → Sjukdom\/vård\/behandling\tadmin-anna/);
    const r = await cli(['import-outcomes', file, '--codebook', 'sus'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await db.first("SELECT end_reason FROM episodes WHERE participant_ref = 'C1'")).toEqual({
      end_reason: 'Sjukdom/vård/behandling',
    });
    const unmapped = await cli(
      ['codebook', 'unmap', String((await db.first<{ id: number }>('SELECT id FROM codebook_mappings'))!.id)],
      env,
    );
    expect(unmapped.code).toBe(0);
    const r2 = await cli(['import-outcomes', file, '--codebook', 'sus'], env);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/Avslutsorsaken "Sjukdm" finns inte i kodboken "SUS". Menade du "Sjukdom\/vård\/behandling"\?/);
  });
});
