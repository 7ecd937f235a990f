// Every free-text field the kansli can type, and an upload's file name, goes through the one
// personnummer guard (server/followup/identityGuard.ts): nothing that looks like a personnummer is stored,
// and the message never repeats the number.
import { describe, expect, it } from 'vitest';
import { makeRound, surveys, testApp } from '../helpers.js';
import { signIn } from '../web/helpers.js';
import { addInsats } from '../../server/survey/rounds.js';
import { saveTarget } from '../../server/targets/store.js';
import { addUser } from '../../server/auth/users.js';
import { importOutcomes, listImports } from '../../server/followup/importer.js';
import { UserError } from '../../server/errors.js';
import { HEADER, csv } from './helpers.js';

const PNR = '850709\u20139805'; // en dash, as Word and Excel write it

async function refused(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  const message = (err as UserError).message;
  expect(message).toMatch(/personnummer/);
  expect(message).not.toMatch(/9805/);
  return message;
}

describe('free-text fields refuse personnummer', () => {
  it('insats names, round periods, target texts and user names', async () => {
    const { db } = await testApp();
    await refused(addInsats(db, `Team ${PNR}`));
    await refused(makeRound(db, { period: `2024 (1985-07-09-9805)` }));
    const round = await makeRound(db);
    await refused(
      saveTarget(db, surveys, {
        insatsId: round.insats_id!,
        period: 2024,
        metric: 'participated',
        value: 70,
        direction: 'atLeast',
        label: `Mål för 85 07 09-9805`,
        params: {},
      }),
    );
    await refused(addUser(db, '850709_9805', 'admin', 'korrekt-häst-batteri-häftklammer'));
    const stored = JSON.stringify([
      await db.all('SELECT name FROM insatser'),
      await db.all('SELECT period FROM rounds'),
      await db.all('SELECT label FROM targets'),
      await db.all('SELECT name FROM users'),
    ]);
    expect(stored).not.toMatch(/9805/);
  });

  it('renaming an insats in the browser', async () => {
    const { app, db } = await testApp();
    const insats = await addInsats(db, 'Alfa');
    const { agent, csrf } = await signIn(app, db);
    const res = await agent.post(`/kansli/insatser/${insats.id}/namn`).type('form').send({ _csrf: csrf, name: `Alfa 850709\u00A09805` });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/personnummer/);
    expect(res.text).not.toMatch(/9805/);
    expect((await db.first<{ name: string }>('SELECT name FROM insatser WHERE id = ?', [insats.id]))!.name).toBe('Alfa');
  });

  it('keeps ordinary texts with dates and numbers', async () => {
    const { db } = await testApp();
    expect((await addInsats(db, 'IPS 2024-01-01 – 2024-06-30')).name).toBe('IPS 2024-01-01 – 2024-06-30');
  });
});

describe('upload file names', () => {
  it('never stores a personnummer from the file name', async () => {
    const { db, app } = await testApp();
    const file = csv(HEADER, 'Alfa;A1;Kvinna;1990;;;;;2024-01-10;;');
    const r = await importOutcomes(db, { buffer: file, fileName: `uppföljning ${PNR}.csv`, codebook: 'standard' });
    expect(r.ok).toBe(true);
    const { agent, csrf } = await signIn(app, db);
    const up = await agent
      .post('/kansli/import')
      .field('_csrf', csrf)
      .field('codebook', 'standard')
      .attach('file', csv(HEADER, 'Beta;B1;Man;1990;;;;;2024-01-10;;'), 'deltagare_19850709-9805.csv');
    expect(up.status).toBe(200);
    const names = (await listImports(db)).map((b) => b.fileName);
    expect(names).toEqual(['deltagare_[personnummer].csv', 'uppföljning [personnummer].csv']);
    expect(JSON.stringify(await db.all('SELECT * FROM import_batches'))).not.toMatch(/9805/);
    expect(up.text).not.toMatch(/9805/);
  });
});
