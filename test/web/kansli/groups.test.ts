// /kansli/grupper (admins change, analytiker read), and a group or the förbund total on the
// outcome and report pages.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { makeRound, testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { importOutcomes } from '../../../server/followup/importer.js';
import { createSubmissionWriter } from '../../../server/survey/submissions.js';
import { createGroup, listGroups } from '../../../server/survey/insatsGroups.js';
import { findInsatsByName } from '../../../server/survey/rounds.js';
import type { Db } from '../../../server/db/database.js';

const CSV = [
  'Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak',
  ...Array.from(
    { length: 6 },
    (_, i) => `IPS psykos;P${i};${i % 2 ? 'Man' : 'Kvinna'};1990;;;;;2024-01-10;2024-0${i + 3}-01;${i < 3 ? 'Arbete' : 'Övrigt'}`,
  ),
  ...Array.from({ length: 4 }, (_, i) => `IPS beroende;B${i};Kvinna;1985;;;;;2024-02-01;${i < 2 ? '2024-10-10;Studier' : ';'}`),
  ...Array.from({ length: 5 }, (_, i) => `FINSAM-team;F${i};Man;1980;;;;;2024-03-01;;`),
].join('\n');

let app: Express;
let db: Db;
let psykos: number;
let beroende: number;
let team: number;

beforeEach(async () => {
  ({ app, db } = await testApp());
  expect((await importOutcomes(db, { buffer: Buffer.from(CSV), fileName: 'f.csv', codebook: 'standard' })).ok).toBe(true);
  psykos = (await findInsatsByName(db, 'IPS psykos'))!.id;
  beroende = (await findInsatsByName(db, 'IPS beroende'))!.id;
  team = (await findInsatsByName(db, 'FINSAM-team'))!.id;
});

const state = async () => ({
  groups: await db.all('SELECT * FROM insats_groups ORDER BY id'),
  members: await db.all('SELECT * FROM insats_group_members ORDER BY group_id, insats_id'),
  audit: await db.all("SELECT action FROM audit_log WHERE action LIKE 'group.%'"),
});

describe('/kansli/grupper', () => {
  it('lets an admin create, rename, change members and delete a group (after confirming), each with a message and an audit entry', async () => {
    const { agent, csrf } = await signIn(app, db, 'admin', 'karin');
    const empty = await agent.get('/kansli/grupper').expect(200);
    expect(empty.text).toContain('Det finns inga grupper ännu');
    expect(empty.text).toContain('aria-current="page">Grupper');

    const created = await agent
      .post('/kansli/grupper')
      .type('form')
      .send(`_csrf=${csrf}&name=IPS-insatserna&insats=${psykos}&insats=${beroende}`)
      .expect(303);
    expect(created.headers.location).toBe('/kansli/grupper?klart=skapad');
    const list = await agent.get(created.headers.location!).expect(200);
    expect(list.text).toContain('<p class="notice" role="status">Gruppen är skapad.</p>');
    expect(list.text).toContain(
      `Insatser (2): <a href="/kansli/insatser/${beroende}">IPS beroende</a>, <a href="/kansli/insatser/${psykos}">IPS psykos</a>.`,
    );
    const [group] = await listGroups(db);
    expect(group!.name).toBe('IPS-insatserna');

    await agent.post(`/kansli/grupper/${group!.id}/namn`).type('form').send({ _csrf: csrf, name: 'IPS' }).expect(303);
    await agent.post(`/kansli/grupper/${group!.id}/insatser`).type('form').send(`_csrf=${csrf}&insats=${team}`).expect(303);
    expect((await listGroups(db)).map((g) => [g.name, g.members.map((m) => m.id)])).toEqual([['IPS', [team]]]);

    const confirm = await agent.get(`/kansli/grupper/${group!.id}/ta-bort`).expect(200);
    expect(confirm.text).toContain('Ta bort gruppen IPS?');
    expect(await listGroups(db)).toHaveLength(1); // asking deletes nothing
    const deleted = await agent.post(`/kansli/grupper/${group!.id}/ta-bort`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await agent.get(deleted.headers.location!)).text).toContain('Gruppen är borttagen.');
    expect(await listGroups(db)).toEqual([]);

    const audit = await db.all<{ action: string; user_name: string; details: string }>(
      "SELECT action, user_name, details FROM audit_log WHERE action LIKE 'group.%' ORDER BY id",
    );
    expect(audit.map((a) => [a.action, a.user_name])).toEqual([
      ['group.create', 'karin'],
      ['group.rename', 'karin'],
      ['group.members', 'karin'],
      ['group.delete', 'karin'],
    ]);
    expect(JSON.parse(audit[0]!.details)).toEqual({ groupId: group!.id, insatsIds: [beroende, psykos] });
  });

  it('shows each mistake in Swedish, keeps what was typed and changes nothing', async () => {
    const { agent, csrf } = await signIn(app, db);
    const g = await createGroup(db, 'IPS-insatserna', [psykos, beroende]);
    const before = await state();
    const post = (path: string, body: string) => agent.post(path).type('form').send(`_csrf=${csrf}&${body}`);

    const noName = await post('/kansli/grupper', `name=&insats=${team}`).expect(400);
    expect(noName.text).toContain('Skriv ett namn på gruppen');
    expect(noName.text).toMatch(new RegExp(`value="${team}" checked`));
    const taken = await post('/kansli/grupper', `name=ips-INSATSERNA&insats=${team}`).expect(400);
    expect(taken.text).toContain('Det finns redan en grupp som heter &#34;IPS-insatserna&#34;');
    const none = await post('/kansli/grupper', 'name=Tom').expect(400);
    expect(none.text).toContain('En grupp måste ha minst en insats');
    expect(none.text).toContain('value="Tom"');
    expect((await post('/kansli/grupper', 'name=X&insats=999')).text).toContain('En av de valda insatserna finns inte');
    expect((await post(`/kansli/grupper/${g.id}/insatser`, '')).text).toContain('En grupp måste ha minst en insats');
    expect((await post(`/kansli/grupper/${g.id}/namn`, 'name=%20')).status).toBe(400);
    expect((await post('/kansli/grupper/999/namn', 'name=Y')).status).toBe(404);
    expect((await post('/kansli/grupper/abc/ta-bort', '')).status).toBe(404);
    expect((await agent.get('/kansli/grupper/999/ta-bort')).status).toBe(404);
    // Without the CSRF token: refused.
    const forged = await agent.post(`/kansli/grupper/${g.id}/ta-bort`).type('form').send({}).expect(403);
    expect(forged.text).toContain('Ingenting har ändrats');
    expect(await state()).toEqual(before);
  });

  it('lets an analytiker read the groups but change nothing', async () => {
    const g = await createGroup(db, 'IPS-insatserna', [psykos, beroende]);
    const { agent, csrf } = await signIn(app, db, 'analytiker');
    const page = await agent.get('/kansli/grupper').expect(200);
    expect(page.text).toContain('IPS-insatserna');
    expect(page.text).not.toContain('Skapa en grupp');
    expect(page.text).not.toContain(`action="/kansli/grupper/${g.id}/insatser"`);
    const before = await state();
    for (const [path, body] of [
      ['/kansli/grupper', `name=X&insats=${team}`],
      [`/kansli/grupper/${g.id}/namn`, 'name=Y'],
      [`/kansli/grupper/${g.id}/insatser`, `insats=${team}`],
      [`/kansli/grupper/${g.id}/ta-bort`, ''],
    ] as const) {
      const res = await agent.post(path).type('form').send(`_csrf=${csrf}&${body}`);
      expect(res.status, path).toBe(403);
      expect(res.text).toContain('Din roll (analytiker) får läsa');
    }
    expect((await agent.get(`/kansli/grupper/${g.id}/ta-bort`)).status).toBe(403);
    expect(await state()).toEqual(before);
  });
});

describe('a group on the results pages', () => {
  it('selects a group by grupp=<id> or the picker’s insats=g:<id>, and counts its insatser together', async () => {
    const g = await createGroup(db, 'IPS-insatserna', [psykos, beroende]);
    const { agent } = await signIn(app, db, 'analytiker');
    const json = async (q: string) => (await agent.get(`/kansli/utfall.json?ar=2024&${q}`).expect(200)).body;
    const group = await json(`grupp=${g.id}`);
    expect(group).toMatchObject({ insats: null, group: 'IPS-insatserna' });
    expect(await json(`insats=g:${g.id}`)).toEqual(group);
    const [a, b] = [await json(`insats=${psykos}`), await json(`insats=${beroende}`)];
    expect(group.flow.participated).toBe(a.flow.participated + b.flow.participated);
    expect(group.flow.ended).toBe(a.flow.ended + b.flow.ended);
    expect(group.endedTotal.total).toBe(8);

    const page = await agent.get(`/kansli/utfall?ar=2024&grupp=${g.id}`).expect(200);
    expect(page.text).toContain('<label for="f-insats">Insats eller grupp</label>');
    expect(page.text).toContain(`<option value="g:${g.id}" selected>IPS-insatserna (grupp)</option>`);
    expect(page.text).toContain('Deltagare 2024 – IPS-insatserna (grupp)');
    // Links and downloads keep the group.
    expect(page.text).toContain(`/kansli/export/flode.csv?period=2024&amp;grupp=${g.id}`);
    const csv = await agent.get(`/kansli/export/avslutsorsaker.csv?period=2024&grupp=${g.id}`).expect(200);
    expect(csv.headers['content-disposition']).toContain('2024-grupp-ips-insatserna-avslutsorsaker.csv');
    // The chart shown on the page is no export; its download link (ned=1) is.
    await agent.get(`/kansli/utfall/diagram/deltagare.png?period=2024&grupp=${g.id}`).expect(200);
    const chart = await agent.get(`/kansli/utfall/diagram/deltagare.png?period=2024&grupp=${g.id}&ned=1`).expect(200);
    expect(chart.headers['content-disposition']).toContain('attachment; filename="2024-grupp-ips-insatserna-utfall-deltagare.png"');
    const exported = await db.all<{ details: string }>("SELECT details FROM audit_log WHERE action LIKE 'export.%'");
    expect(exported.map((e) => JSON.parse(e.details).groupId)).toEqual([g.id, g.id]);
  });

  it('refuses an unknown group, a group together with an insats, and a group where indicators are asked for', async () => {
    const g = await createGroup(db, 'IPS-insatserna', [psykos]);
    const { agent } = await signIn(app, db, 'analytiker');
    const missing = await agent.get('/kansli/utfall?ar=2024&grupp=999');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Gruppen i adressen finns inte');
    expect((await agent.get(`/kansli/utfall?ar=2024&grupp=${g.id}&insats=${team}`)).text).toContain('antingen en insats eller en grupp');
    expect((await agent.get(`/kansli/utfall.json?ar=2024&grupp=x`)).status).toBe(404);
    const indicators = await agent.get(`/kansli/resultat?ar=2024&grupp=${g.id}`);
    expect(indicators.status).toBe(400);
    expect(indicators.text).toContain('Enkätresultat kan ännu inte visas för en grupp');
    // The indicator page's picker offers no groups.
    expect((await agent.get('/kansli/resultat?ar=2024')).text).not.toContain('g:');
  });
});

describe('the förbund total in the report', () => {
  async function answers(roundId: number, n: number) {
    const w = createSubmissionWriter(db);
    for (let i = 0; i < n; i++)
      await w.submit({
        roundId,
        instrumentVersion: 1,
        date: '2024-10-01',
        nonce: `total-${roundId}-${String(i).padStart(12, '0')}`,
        gender: i % 2 ? 'man' : 'kvinna',
        answers: [
          { questionId: 'kon', value: i % 2 ? 'man' : 'kvinna' },
          { questionId: 'nytta', value: i < 4 ? '6' : '2' },
        ],
        texts: [],
      });
  }

  it('shows Hela förbundet first, with all insatser’s outcomes and indicators together, and the same in JSON', async () => {
    await answers((await makeRound(db, { insats: 'IPS psykos', period: '2024' })).id, 6);
    await answers((await makeRound(db, { insats: 'FINSAM-team', period: '2024' })).id, 7);
    const { agent } = await signIn(app, db, 'analytiker');
    const page = await agent.get('/kansli/rapport?ar=2024').expect(200);
    const first = page.text.indexOf('<h2 id="h-total">Hela förbundet 2024</h2>');
    expect(first).toBeGreaterThan(-1);
    expect(first).toBeLessThan(page.text.indexOf('<h2 id="h-'.concat(String(team))));
    const totalSection = page.text.slice(first, page.text.indexOf('</section>', first));
    expect(totalSection).toContain('Deltagare 2024, alla insatser');
    // 15 participants, 8 ended; 13 respondents over both rounds.
    expect(totalSection).toMatch(/Totalt deltagit<\/th>.*?<strong>15<\/strong>/s);
    expect(totalSection).toContain('13 svarande');

    const json = (await agent.get('/kansli/rapport.json?ar=2024').expect(200)).body;
    expect(json).toMatchObject({ insats: null, group: null, total: { label: 'Hela förbundet', group: null } });
    expect(json.total.outcomes.flow.participated).toBe(15);
    expect(
      json.total.surveys.map((s: { selection: { insats: string | null }; respondents: number }) => [s.selection.insats, s.respondents]),
    ).toEqual([[null, 13]]);
    expect(json.insatser.map((i: { insats: string }) => i.insats)).toEqual(['FINSAM-team', 'IPS beroende', 'IPS psykos']);
    // One insats: its own section only, as before.
    expect((await agent.get(`/kansli/rapport.json?ar=2024&insats=${team}`)).body.insats).toBe('FINSAM-team');
    expect((await agent.get(`/kansli/rapport?ar=2024&insats=${team}`)).text).not.toContain('Hela förbundet');
  });

  it('shows a group counted together, then its members', async () => {
    const g = await createGroup(db, 'IPS-insatserna', [psykos, beroende]);
    const { agent } = await signIn(app, db, 'analytiker');
    const page = await agent.get(`/kansli/rapport?ar=2024&grupp=${g.id}`).expect(200);
    expect(page.text).toContain('<h2 id="h-total">IPS-insatserna (grupp) 2024</h2>');
    expect(page.text).toContain(`<h2 id="h-${psykos}">`);
    expect(page.text).not.toContain(`<h2 id="h-${team}">`);
    const json = (await agent.get(`/kansli/rapport.json?ar=2024&grupp=${g.id}`).expect(200)).body;
    expect(json).toMatchObject({ insats: null, group: 'IPS-insatserna', total: { label: 'IPS-insatserna' } });
    expect(json.total.outcomes.flow.participated).toBe(10);
  });
});
