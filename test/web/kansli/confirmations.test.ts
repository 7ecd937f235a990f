// Destructive actions say what they will do and ask first.
import { describe, expect, it } from 'vitest';
import { makeRound, surveys, testApp } from '../../helpers.js';
import { csrfOf, signIn } from '../helpers.js';
import { importOutcomes } from '../../../server/followup/importer.js';
import { saveTarget } from '../../../server/targets/store.js';
import { HEADER } from '../../followup/helpers.js';

describe('confirmations', () => {
  it('asks before undoing an import, saying how many rows go', async () => {
    const { app, db } = await testApp();
    const r = await importOutcomes(db, {
      buffer: Buffer.from([HEADER, 'Alfa;A-1;Kvinna;1990;;;;;2024-01-01;;'].join('\n')),
      fileName: 'uppf.csv',
      codebook: 'standard',
      actor: 'anna',
    });
    expect(r).toMatchObject({ ok: true });
    const { agent } = await signIn(app, db);
    const list = await agent.get('/kansli/import');
    expect(list.text).toMatch(/<a href="\/kansli\/import\/\d+\/angra">Ångra/);
    const id = (await db.first<{ id: number }>('SELECT id FROM import_batches'))!.id;
    const confirm = await agent.get(`/kansli/import/${id}/angra`);
    expect(confirm.text).toContain('Importen av <strong>uppf.csv</strong>');
    expect(confirm.text).toContain('1 deltagarperioder som importen lade till tas bort.');
    await agent
      .post(`/kansli/import/${id}/angra`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) })
      .expect(200);
    expect(await db.all('SELECT id FROM episodes')).toEqual([]);
    expect((await agent.get(`/kansli/import/${id}/angra`)).status).toBe(409);
  });

  it('asks before removing a target', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const t = await saveTarget(db, surveys, {
      insatsId: round.insats_id!,
      period: 2024,
      metric: 'started',
      value: 5,
      label: 'Nya deltagare',
    });
    const { agent } = await signIn(app, db);
    const confirm = await agent.get(`/kansli/mal/${t.id}/ta-bort`);
    expect(confirm.text).toContain(
      `Målet <strong>Nya deltagare</strong> för <a href="/kansli/insatser/${round.insats_id}">Alfa</a> (period 2024) tas bort`,
    );
    await agent
      .post(`/kansli/mal/${t.id}/ta-bort`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) })
      .expect(303);
    expect(await db.all('SELECT id FROM targets')).toEqual([]);
  });
});
