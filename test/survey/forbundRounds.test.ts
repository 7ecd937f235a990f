// Rounds of the förbund itself, not tied to an insats (docs/domain.md "Omgångar utan insats"): created
// from the command line and the web, answered like any round, shown as "Förbundet" in the lists and
// results, and a node of their own (pseudo-insats 0) in the disclosure tree.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { cli, freshDb, makeRound, nonceOf, surveys, tempDbPath, testApp } from '../helpers.js';
import { signIn } from '../web/helpers.js';
import { addResponses, many } from '../disclosure/helpers.js';
import { indicatorsFor } from '../../server/indicators/service.js';
import { disclosureFor } from '../../server/indicators/disclosure.js';
import { RESPONDENTS } from '../../analysis/disclosure.js';
import { yearPeriod } from '../../analysis/period.js';
import { findRound, setRoundInvited } from '../../server/survey/rounds.js';

const STYRELSE = 'nns-styrelse';

describe('rounds of the förbund (no insats)', () => {
  it('finsam round create without --insats makes a round whose form renders and takes an answer', async () => {
    const file = tempDbPath();
    const env = { FINSAM_DB: file, FINSAM_BASE_URL: 'https://enkat.example.se' };
    const created = await cli(['round', 'create', '--instrument', STYRELSE, '--period', '2024'], env);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const { id, token } = JSON.parse(created.stdout);
    const list = JSON.parse((await cli(['round', 'list', '--json'], env)).stdout);
    expect(list).toEqual([expect.objectContaining({ id, insats: 'Förbundet', insatsId: null, instrument: STYRELSE, year: 2024 })]);
    expect((await cli(['round', 'list'], env)).stdout).toContain(`${id}\tFörbundet\t${STYRELSE}`);
    const results = await cli(['indicators', '--period', '2024', '--forbund', '--instrument', STYRELSE, '--json'], env);
    expect(results.stderr).toBe('');
    expect(JSON.parse(results.stdout)).toMatchObject({
      selection: { insats: 'Förbundet (ingen insats)', instrument: STYRELSE },
      rounds: [{ roundId: id, insats: 'Förbundet', insatsId: null }],
    });
    const both = await cli(['indicators', '--period', '2024', '--forbund', '--insats', 'A', '--json'], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/antingen --insats eller --forbund/);

    const db = await freshDb(file);
    expect(await findRound(db, id)).toMatchObject({ insats_id: null, insats_name: 'Förbundet' });
    const t = await testApp({}, { db });
    const form = await request(t.app).get(`/e/${token}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(surveys.get(STYRELSE)!.title);
    expect(form.text).not.toContain('Insats:'); // no insats to name
    const post = await request(t.app)
      .post(`/e/${token}`)
      .type('form')
      .send({ nonce: nonceOf(form.text), kon: 'kvinna', kunskap: '5', strukturer: '4', jamstalldhet: 'vet-ej' });
    expect(post.status).toBe(303);
    expect(await db.all('SELECT question_id, value, gender FROM answers ORDER BY question_id')).toEqual([
      { question_id: 'jamstalldhet', value: 'vet-ej', gender: 'kvinna' },
      { question_id: 'kon', value: 'kvinna', gender: 'kvinna' },
      { question_id: 'kunskap', value: '5', gender: 'kvinna' },
      { question_id: 'strukturer', value: '4', gender: 'kvinna' },
    ]);
  });

  it('an unknown --insats is still an error, not a förbund round', async () => {
    const env = { FINSAM_DB: tempDbPath() };
    const res = await cli(['round', 'create', '--instrument', STYRELSE, '--insats', 'Okänd', '--period', '2024'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Insatsen "Okänd" finns inte/);
    expect(JSON.parse((await cli(['round', 'list', '--json'], env)).stdout)).toEqual([]);
  });

  it('the web form creates one as "Förbundet (ingen insats)"; lists, round page, print sheet and raw export show it', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const page = await agent.get('/kansli/omgangar');
    expect(page.text).toContain('<option value="forbund">Förbundet (ingen insats)</option>');
    const none = await agent.post('/kansli/omgangar').type('form').send({ _csrf: csrf, instrument: STYRELSE, insats: '', period: '2024' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Välj en insats, eller Förbundet (ingen insats).');
    expect(await db.first('SELECT id FROM rounds')).toBeUndefined();
    const created = await agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ _csrf: csrf, instrument: STYRELSE, insats: 'forbund', period: '2024', invited: '9' });
    expect(created.status).toBe(303);
    const round = (await db.first<{ id: number; insats_id: number | null; invited: number }>('SELECT id, insats_id, invited FROM rounds'))!;
    expect(round).toMatchObject({ insats_id: null, invited: 9 });
    await addResponses(db, round.id, [...many(3, 'kvinna', { kunskap: '5' }), ...many(3, 'man', { kunskap: '2' })]);

    const list = await agent.get('/kansli/omgangar');
    // The förbund is no insats: its name is text, and the period opens the round.
    expect(list.text).toContain('<th scope="row">Förbundet</th>');
    expect(list.text).toContain(
      `<a href="/kansli/omgangar/${round.id}">2024<span class="visually-hidden"> – Förbundet, ${STYRELSE}</span></a>`,
    );
    const roundPage = await agent.get(`/kansli/omgangar/${round.id}`);
    expect(roundPage.status).toBe(200);
    expect(roundPage.text).toContain('<h1>Förbundet: Enkät till styrelsens ledamöter och ersättare</h1>');
    expect(roundPage.text).toContain('insats=forbund');
    const sheet = await agent.get(`/kansli/omgangar/${round.id}/utskrift`);
    expect(sheet.status).toBe(200);
    expect(sheet.text).toContain('Förbundet');
    const raw = await agent.get(`/kansli/omgangar/${round.id}/svar.csv`);
    expect(raw.status).toBe(200);
    expect(raw.text.trim().split(/\r?\n/)).toHaveLength(7); // header + six responses
  });

  it('counts in "alla insatser", is selected alone with insats=forbund, and is a node of its own in the tree', async () => {
    const { app, db } = await testApp();
    const insatsRound = await makeRound(db, { instrumentId: STYRELSE, period: '2024', invited: 10 });
    const own = await makeRound(db, { instrumentId: STYRELSE, period: '2024', insatsId: null, invited: 8 });
    await addResponses(db, insatsRound.id, [...many(4, 'kvinna', { kunskap: '5' }), ...many(4, 'man', { kunskap: '1' })]);
    await addResponses(db, own.id, [...many(3, 'kvinna', { kunskap: '5' }), ...many(3, 'man', { kunskap: '5' })]);

    const all = await indicatorsFor(db, surveys, { year: 2024, instrument: STYRELSE }, 3);
    expect(all.respondents).toBe(14);
    expect(all.rounds.map((r) => [r.insats, r.insatsId, r.respondents])).toEqual([
      ['Förbundet', null, 6],
      ['FINSAM-team', insatsRound.insats_id, 8],
    ]);
    const decision = await disclosureFor(db, surveys, yearPeriod(2024), STYRELSE, 3);
    expect(decision.has('insats:0')).toBe(true);
    expect(decision.cell(RESPONDENTS, 'insats:0', 'total').n).toBe(6);
    expect(decision.cell(RESPONDENTS, 'all', 'total').n).toBe(14);

    const { agent } = await signIn(app, db, 'analytiker');
    const json = await agent.get(`/kansli/resultat.json?period=2024&insats=forbund&enkat=${STYRELSE}`);
    expect(json.status).toBe(200);
    expect(json.body.selection).toMatchObject({ insats: 'Förbundet (ingen insats)', instrument: STYRELSE });
    expect(json.body.respondents).toBe(6);
    expect(json.body.rounds).toEqual([
      expect.objectContaining({ roundId: own.id, insats: 'Förbundet', insatsId: null, invited: 8, percent: 75 }),
    ]);
    const byRound = await agent.get(`/kansli/resultat.json?omgang=${own.id}`);
    expect(byRound.body.selection).toMatchObject({ roundId: own.id, insats: 'Förbundet (ingen insats)' });
    const allPage = await agent.get(`/kansli/resultat?period=2024&enkat=${STYRELSE}`);
    expect(allPage.status).toBe(200);
    expect(allPage.text).toContain('Förbundet – 2024');
    const forbundPage = await agent.get(`/kansli/resultat?period=2024&insats=forbund&enkat=${STYRELSE}`);
    expect(forbundPage.status).toBe(200);
    expect(forbundPage.text).toContain('<option value="forbund" selected>Förbundet (ingen insats)</option>');
    expect(forbundPage.text).not.toContain('FINSAM-team – 2024');
    const csv = await agent.get(`/kansli/export/svarsfrekvens.csv?period=2024&insats=forbund&enkat=${STYRELSE}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Förbundet');
    // The participant register and the report know only insatser: a clear 400, not an empty page.
    for (const url of [
      '/kansli/utfall?period=2024&insats=forbund',
      '/kansli/rapport.json?period=2024&insats=forbund',
      '/kansli/export/avslutsorsaker.csv?period=2024&insats=forbund',
    ]) {
      const res = await agent.get(url);
      expect(res.status, url).toBe(400);
      expect(res.text, url).toContain('Förbundet (ingen insats) finns bara bland enkätresultaten');
    }
  });

  it('hides a small förbund node and a complement so that it cannot be had by subtraction', async () => {
    const db = await freshDb();
    const a = await makeRound(db, { instrumentId: STYRELSE, insats: 'Alfa' });
    const b = await makeRound(db, { instrumentId: STYRELSE, insats: 'Beta' });
    const own = await makeRound(db, { instrumentId: STYRELSE, insatsId: null });
    await addResponses(db, a.id, many(6, 'kvinna'));
    await addResponses(db, b.id, many(7, 'man'));
    await addResponses(db, own.id, many(2, 'kvinna'));
    const d = await disclosureFor(db, surveys, yearPeriod(2024), STYRELSE, 5);
    expect(d.cell(RESPONDENTS, 'insats:0', 'total').suppressed).toBe(true);
    // The förbund total is kept, so one of the insatser is hidden too: all − shown parts is never the 2.
    expect(d.cell(RESPONDENTS, 'all', 'total').n).toBe(15);
    const hiddenInsatser = [a, b].filter((r) => d.cell(RESPONDENTS, `insats:${r.insats_id}`, 'total').suppressed);
    expect(hiddenInsatser.length).toBeGreaterThanOrEqual(1);
  });

  it('has no register basis: an entered count, never "ended" or "enrolled"', async () => {
    const db = await freshDb();
    const own = await makeRound(db, { instrumentId: 'nns-deltagare-pagaende', insatsId: null });
    await addResponses(db, own.id, many(5, 'kvinna'));
    const rate = async () => (await indicatorsFor(db, surveys, { roundId: own.id }, 3)).rounds[0]!;
    expect(await rate()).toMatchObject({ invited: null, invitedBasis: null, percent: null });
    await expect(setRoundInvited(db, own.id, null, { basis: 'enrolled' })).rejects.toThrow(/ingen insatsuppföljning/);
    await setRoundInvited(db, own.id, 10);
    expect(await rate()).toMatchObject({ invited: 10, invitedBasis: 'entered', percent: 50 });
  });
});
