// Changing and deleting rounds: everything before the first answer, only the dates after; deletion
// only without answers, after a confirmation; success messages.
import { describe, expect, it } from 'vitest';
import { makeRound, testApp } from '../../helpers.js';
import { csrfOf, signIn } from '../helpers.js';
import { addResponses } from '../../disclosure/helpers.js';

describe('changing and deleting a round', () => {
  it('changes everything while there are no answers, and deletes after confirming', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: 'HT 2025' });
    await db.run("INSERT INTO insatser (name) VALUES ('Beta')");
    const beta = (await db.first<{ id: number }>("SELECT id FROM insatser WHERE name = 'Beta'"))!;
    const { agent, csrf } = await signIn(app, db);
    const saved = await agent
      .post(`/kansli/omgangar/${round.id}/andra`)
      .type('form')
      .send({
        _csrf: csrf,
        instrument: 'nns-personal',
        insats: String(beta.id),
        period: 'HT 25',
        year: '2025',
        opens: '2025-09-01',
        closes: '2025-12-15',
        kiosk: '1',
      });
    expect(saved.headers.location).toBe(`/kansli/omgangar/${round.id}?klart=andrad`);
    expect(
      await db.first('SELECT instrument_id, insats_id, period, year, opens_on, closes_on, kiosk FROM rounds WHERE id = ?', [round.id]),
    ).toEqual({
      instrument_id: 'nns-personal',
      insats_id: beta.id,
      period: 'HT 25',
      year: 2025,
      opens_on: '2025-09-01',
      closes_on: '2025-12-15',
      kiosk: 1,
    });
    expect((await agent.get(`/kansli/omgangar/${round.id}?klart=andrad`)).text).toContain('Omgången är ändrad.');
    const confirm = await agent.get(`/kansli/omgangar/${round.id}/ta-bort`);
    expect(confirm.text).toContain('Det går inte att ångra');
    const gone = await agent
      .post(`/kansli/omgangar/${round.id}/ta-bort`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) });
    expect(gone.headers.location).toBe('/kansli/omgangar?klart=borttagen');
    expect(await db.all('SELECT id FROM rounds')).toEqual([]);
    expect((await agent.get('/kansli/omgangar?klart=borttagen')).text).toContain('Omgången är borttagen.');
  });

  it('keeps questionnaire, insats and year once answered, lets the dates change, and refuses deletion', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    await addResponses(db, round.id, [{ gender: 'kvinna', answers: { nytta: '5' } }]);
    const { agent, csrf } = await signIn(app, db);
    const page = await agent.get(`/kansli/omgangar/${round.id}`);
    expect(page.text).toContain('Omgången har svar: bara datumen kan ändras');
    expect(page.text).not.toContain('Ta bort omgången');
    await agent
      .post(`/kansli/omgangar/${round.id}/andra`)
      .type('form')
      .send({ _csrf: csrf, opens: '2024-10-01', closes: '2024-12-31' })
      .expect(303);
    expect(await db.first('SELECT opens_on, closes_on, period, year FROM rounds WHERE id = ?', [round.id])).toEqual({
      opens_on: '2024-10-01',
      closes_on: '2024-12-31',
      period: '2024',
      year: 2024,
    });
    const bad = await agent
      .post(`/kansli/omgangar/${round.id}/andra`)
      .type('form')
      .send({ _csrf: csrf, opens: '2024-12-31', closes: '2024-10-01' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Stängningsdatumet kan inte vara före öppningsdatumet');
    const del = await agent.post(`/kansli/omgangar/${round.id}/ta-bort`).type('form').send({ _csrf: csrf });
    expect(del.status).toBe(400);
    expect(del.text).toContain('Omgången har svar och kan inte tas bort');
    expect(await db.all('SELECT id FROM rounds')).toHaveLength(1);
  });
});
