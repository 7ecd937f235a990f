// The import page reads the upload as a stream: the CSRF token and the code book must come before
// the file, and a long list of problems is cut to the first 100 with a count of the rest.
import { describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { HEADER, csv } from '../../followup/helpers.js';

const good = csv(HEADER, 'Alfa;A1;Kvinna;1990;;;;;2024-01-10;2024-05-01;Jobbtorg/AMF-insats');

describe('import upload', () => {
  it('imports with the code book chosen before the file', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const res = await agent.post('/kansli/import').field('_csrf', csrf).field('codebook', 'standard').attach('file', good, 'f.csv');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/Import 1 klar/);
  });

  it('lists the extra columns kept and the free-text columns not stored', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const file = csv(`${HEADER};Språk;Kommentar`, 'Alfa;A1;Kvinna;1990;;;;;2024-01-10;;;Arabiska;ring');
    const res = await agent.post('/kansli/import').field('_csrf', csrf).field('codebook', 'standard').attach('file', file, 'f.csv');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/Extra kolumner som sparades: Språk\. Fritextkolumner som inte sparades: Kommentar\./);
  });

  it('refuses a code book sent after the file, and stores nothing', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const res = await agent.post('/kansli/import').field('_csrf', csrf).attach('file', good, 'f.csv').field('codebook', 'sus');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Kodboken måste väljas före filen/);
    expect(await db.first('SELECT COUNT(*) AS n FROM episodes')).toEqual({ n: 0 });
  });

  it('refuses a form whose token comes after the file, without importing', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const res = await agent.post('/kansli/import').attach('file', good, 'f.csv').field('_csrf', csrf);
    expect(res.status).toBe(403);
    expect(await db.first('SELECT COUNT(*) AS n FROM import_batches')).toEqual({ n: 0 });
  });

  it('shows the first 100 problems and how many more there are', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const bad = csv(HEADER, ...Array.from({ length: 130 }, (_, i) => `Alfa;B${i};Xyz;1990;;;;;2024-01-10;;`));
    const res = await agent.post('/kansli/import').field('_csrf', csrf).field('codebook', 'standard').attach('file', bad, 'f.csv');
    expect(res.status).toBe(400);
    expect(res.text.match(/Okänt kön/g)).toHaveLength(100);
    expect(res.text).toMatch(/… och 30 fel till/);
  });
});
