// Events of the structural work: validation, the yearly summary, the page and the command line.
import { describe, expect, it } from 'vitest';
import { addEvent, listEvents } from '../../server/events/store.js';
import { summariseEvents } from '../../analysis/eventSummary.js';
import { cli, freshDb, tempDbPath, testApp } from '../helpers.js';
import { csrfOf, signIn } from '../web/helpers.js';

describe('events', () => {
  it('keeps gender counts or a total, refuses counts that do not add up, and changes nothing then', async () => {
    const db = await freshDb();
    const a = await addEvent(db, { name: 'Utbildning i MI', heldOn: '2024-03-12', kind: 'kurs', women: 20, men: 5, total: 25 });
    expect(a).toMatchObject({ women: 20, men: 5, other: 0, total: 25 });
    const b = await addEvent(db, { name: 'Konferens om samverkan', heldOn: '2024-10-02', kind: 'Konferens', total: 140 });
    expect(b).toMatchObject({ kind: 'konferens', women: null, men: null, total: 140 });
    await expect(addEvent(db, { name: 'X', heldOn: '2024-05-01', kind: 'kurs', women: 3, men: 3, total: 7 })).rejects.toThrow(
      /stämmer inte med kvinnor \+ män/,
    );
    await expect(addEvent(db, { name: 'X', heldOn: '2024-02-30', kind: 'kurs' })).rejects.toThrow(/ÅÅÅÅ-MM-DD/);
    await expect(addEvent(db, { name: 'X', heldOn: '2024-05-01', kind: 'fest' })).rejects.toThrow(/Välj vilken sorts händelse/);
    await expect(addEvent(db, { name: 'Kurs för 19850709-9805', heldOn: '2024-05-01', kind: 'kurs' })).rejects.toThrow(/personnummer/);
    expect(await listEvents(db)).toHaveLength(2);
    await db.close();
  });

  it('sums each year by kind and gender, and says how many events lack a gender split', () => {
    const years = summariseEvents([
      { heldOn: '2024-03-12', kind: 'kurs', women: 20, men: 5, other: 0, total: 25 },
      { heldOn: '2024-10-02', kind: 'konferens', women: null, men: null, other: null, total: 140 },
      { heldOn: '2024-11-20', kind: 'kurs', women: 8, men: 4, other: 1, total: 13 },
      { heldOn: '2023-05-01', kind: 'seminarium', women: null, men: null, other: null, total: null },
    ]);
    expect(years.map((y) => y.year)).toEqual([2024, 2023]);
    expect(years[0]).toMatchObject({ events: 3, participants: 178, women: 28, men: 9, other: 1, withoutGender: 1 });
    expect(years[0]!.byKind).toEqual([
      { kind: 'kurs', events: 2, participants: 38 },
      { kind: 'konferens', events: 1, participants: 140 },
    ]);
    expect(years[1]).toMatchObject({ events: 1, participants: 0, withoutGender: 0 });
  });

  it('is added and removed on the page by an admin, with success messages and audit entries', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const bad = await agent
      .post('/kansli/handelser')
      .type('form')
      .send({ _csrf: csrf, name: 'Kurs', date: '2024-03-12', kind: 'kurs', women: 'tjugo' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Antalet kvinnor ska vara ett heltal');
    expect(bad.text).toContain('value="Kurs"');
    const ok = await agent
      .post('/kansli/handelser')
      .type('form')
      .send({ _csrf: csrf, name: 'Kurs', date: '2024-03-12', kind: 'kurs', women: '20', men: '5' });
    expect(ok.headers.location).toBe('/kansli/handelser?klart=tillagd');
    const page = await agent.get('/kansli/handelser?klart=tillagd');
    expect(page.text).toContain('Händelsen är sparad.');
    expect(page.text).toMatch(/<th scope="row">2024<\/th><td class="num">1<\/td><td class="num">25<\/td>/);
    const id = (await listEvents(db))[0]!.id;
    const confirm = await agent.get(`/kansli/handelser/${id}/ta-bort`);
    expect(confirm.text).toContain('Det går inte att ångra');
    await agent
      .post(`/kansli/handelser/${id}/ta-bort`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) })
      .expect(303);
    expect(await listEvents(db)).toEqual([]);
    expect(
      (await db.all<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'event.%' ORDER BY id")).map((r) => r.action),
    ).toEqual(['event.add', 'event.remove']);
    const reader = await signIn(app, db, 'analytiker');
    expect((await reader.agent.get('/kansli/handelser')).text).toContain('kan läsa händelserna men inte ändra');
    expect(
      (await reader.agent.post('/kansli/handelser').type('form').send({ _csrf: reader.csrf, name: 'X', date: '2024-01-01', kind: 'kurs' }))
        .status,
    ).toBe(403);
  });

  it('is kept from the command line', async () => {
    const env = { FINSAM_DB: tempDbPath() };
    const add = await cli(
      ['event', 'add', '--name', 'Nätverksträff', '--date', '2024-09-01', '--kind', 'nätverksträff', '--total', '30'],
      env,
    );
    expect(add.stderr).toBe('');
    expect(JSON.parse(add.stdout)).toMatchObject({ name: 'Nätverksträff', total: 30 });
    const summary = JSON.parse((await cli(['event', 'summary', '--json'], env)).stdout);
    expect(summary).toMatchObject([{ year: 2024, events: 1, participants: 30, withoutGender: 1 }]);
    const bad = await cli(['event', 'add', '--name', 'X', '--date', '2024-13-01', '--kind', 'kurs'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/ÅÅÅÅ-MM-DD/);
  });
});

describe('event evaluations', () => {
  it('ties a förbund round to an event and lists it under the event', async () => {
    const { app, db } = await testApp();
    const event = await addEvent(db, { name: 'Utbildning i MI', heldOn: '2024-03-12', kind: 'kurs', total: 25 });
    const { agent, csrf } = await signIn(app, db);
    const bad = await agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ _csrf: csrf, instrument: 'kursutvardering', insats: '', period: 'MI 2024', event: String(event.id) });
    expect(bad.status).toBe(400);
    const ok = await agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ _csrf: csrf, instrument: 'kursutvardering', insats: 'forbund', period: 'MI mars 2024', event: String(event.id) });
    expect(ok.status).toBe(303);
    const round = await db.first<{ id: number; event_id: number; insats_id: number | null }>('SELECT id, event_id, insats_id FROM rounds');
    expect(round).toMatchObject({ event_id: event.id, insats_id: null });
    const page = await agent.get('/kansli/handelser');
    expect(page.text).toContain(`/kansli/resultat?omgang=${round!.id}`);
    expect(page.text).toContain('Utvärdering MI mars 2024 (0 svar)');
    expect(page.text).toContain('/kansli/resultat?period=2024&amp;insats=forbund&amp;enkat=kursutvardering');
    const env = { FINSAM_DB: db.path };
    const cliRound = await cli(
      ['round', 'create', '--instrument', 'kursutvardering', '--period', 'MI 2024', '--event', String(event.id)],
      env,
    );
    expect(cliRound.stderr).toBe('');
    const withInsats = await cli(
      ['round', 'create', '--instrument', 'kursutvardering', '--insats', 'X', '--period', '2024', '--event', String(event.id)],
      env,
    );
    expect(withInsats.code).not.toBe(0);
  });
});
