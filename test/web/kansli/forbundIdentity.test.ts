// The förbund's identity set once, in the web (/kansli/forbund) and with `finsam forbund`: shown on
// the survey form, the thank-you page, the print sheet and the accessibility statement, with a logo.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { cli, issueNonce, makeRound, testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A clock the test moves, so the identity (read at most once a second) is read again. */
function movingClock() {
  let now = Date.parse('2024-05-01T10:00:00Z');
  return { clock: () => now, tick: () => (now += 1500) };
}

describe('the förbund’s identity in the web', () => {
  it('is saved by an admin and shown at once on the form, the thank-you page, the print sheet and the statement', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    // The form is rendered once and reused: it must not keep the old name after a save.
    expect((await request(app).get(`/e/${round.token}`)).text).not.toContain('Norra Dalen');
    const { agent, csrf } = await signIn(app, db);
    const saved = await agent.post('/kansli/forbund').type('form').send({
      _csrf: csrf,
      name: 'Samordningsförbundet Norra Dalen',
      email: 'kansli@nd.example',
      phone: '08-555 123 45',
      web: 'https://nd.example',
    });
    expect(saved.status).toBe(303);
    expect((await agent.get(saved.headers.location!)).text).toContain('Förbundets uppgifter är sparade');

    const form = await request(app).get(`/e/${round.token}`);
    expect(form.text).toContain('<bdi>Samordningsförbundet Norra Dalen</bdi>, <a href="mailto:kansli@nd.example">');
    expect(form.text).toContain('<a href="https://nd.example">nd.example</a>');
    const sent = await request(app)
      .post(`/e/${round.token}`)
      .type('form')
      .send({ nonce: await issueNonce(db, round.id), tid: '4' });
    expect(sent.status).toBe(303);
    const thanks = await request(app).get(sent.headers.location!);
    expect(thanks.status).toBe(200);
    expect(thanks.text).toContain('Samordningsförbundet Norra Dalen');
    const statement = await request(app).get('/tillganglighet');
    expect(statement.text).toContain('Samordningsförbundet Norra Dalen står bakom');
    expect(statement.text).toContain('href="https://nd.example"');
    expect(statement.text).toContain('href="/tillganglighet/synpunkter"');
    expect((await agent.get(`/kansli/omgangar/${round.id}/utskrift`)).text).toContain(
      'Samordningsförbundet Norra Dalen · kansli@nd.example · 08-555 123 45',
    );
    expect(await db.first("SELECT user_name, action FROM audit_log WHERE action = 'forbund.save'")).toEqual({
      user_name: 'admin-anna',
      action: 'forbund.save',
    });
  });

  it('shows every field’s error, keeps what was typed and saves nothing on a bad value', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const bad = await agent
      .post('/kansli/forbund')
      .type('form')
      .send({ _csrf: csrf, name: '', email: 'kansli(at)nd', phone: 'ring oss', web: 'nd.example' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<div class="error-summary" role="alert" tabindex="-1" id="fel">');
    for (const text of ['Skriv förbundets namn', 'Skriv en e-postadress', 'Skriv ett telefonnummer', 'Skriv webbadressen med https://'])
      expect(bad.text).toContain(text);
    expect(bad.text).toContain('value="kansli(at)nd"');
    expect(bad.text).toContain('href="#f-email"');
    expect(await db.first('SELECT * FROM forbund_identity')).toBeUndefined();
    const pnr = await agent.post('/kansli/forbund').type('form').send({ _csrf: csrf, name: 'Förbundet 19811218-9876' });
    expect(pnr.status).toBe(400);
    expect(pnr.text).toContain('ser ut som ett personnummer');
    expect(pnr.text).not.toContain('9876');
    expect(await db.first('SELECT * FROM forbund_identity')).toBeUndefined();
  });

  it('lets the analytiker read but not change the details, without dead controls', async () => {
    const { app, db } = await testApp({ forbund: { name: 'Förbundet Öst', email: null, phone: null, web: null } });
    const { agent, csrf } = await signIn(app, db, 'analytiker');
    const page = await agent.get('/kansli/forbund');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Förbundet Öst');
    expect(page.text).toContain('Du har rollen analytiker och kan läsa uppgifterna men inte ändra dem.');
    expect(page.text).not.toContain('Spara uppgifterna');
    expect(page.text).not.toContain('type="file"');
    expect((await agent.post('/kansli/forbund').type('form').send({ _csrf: csrf, name: 'Annat' })).status).toBe(403);
    expect((await agent.post('/kansli/forbund/logotyp').field('_csrf', csrf).attach('logo', PNG, 'l.png')).status).toBe(403);
  });

  it('takes a PNG or JPEG logo, serves it with a content key and shows it everywhere, and removes it after a confirmation', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const { agent, csrf } = await signIn(app, db);
    const svg = await agent
      .post('/kansli/forbund/logotyp')
      .field('_csrf', csrf)
      .attach('logo', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'l.svg');
    expect(svg.status).toBe(400);
    expect(svg.text).toContain('PNG- eller JPEG-bild');
    const big = await agent
      .post('/kansli/forbund/logotyp')
      .field('_csrf', csrf)
      .attach('logo', Buffer.concat([PNG, Buffer.alloc(210 * 1024)]), 'big.png');
    expect(big.status).toBe(400);
    expect(big.text).toContain('för stor');
    expect(await db.first('SELECT * FROM forbund_identity')).toBeUndefined();
    const noToken = await agent.post('/kansli/forbund/logotyp').attach('logo', PNG, 'l.png');
    expect(noToken.status).toBe(403);

    expect((await agent.post('/kansli/forbund/logotyp').field('_csrf', csrf).attach('logo', PNG, 'l.png')).status).toBe(303);
    const form = await request(app).get(`/e/${round.token}`);
    const src = /<p class="forbund-logo"><img src="(\/logotyp\/[0-9a-f]{16}\.png)" alt="Samordningsförbundet">/.exec(form.text)?.[1];
    expect(src).toBeDefined();
    const logo = await request(app).get(src!);
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['cache-control']).toContain('immutable');
    expect(logo.headers['set-cookie']).toBeUndefined();
    expect(Buffer.compare(logo.body as Buffer, PNG)).toBe(0);
    expect((await request(app).get('/logotyp/0000000000000000.png')).status).toBe(404);
    expect((await request(app).get('/tillganglighet')).text).toContain(`src="${src}"`);
    expect((await agent.get(`/kansli/omgangar/${round.id}/utskrift`)).text).toContain(`<img class="logo" src="${src}"`);
    // An English page marks the Swedish name in the logo's text alternative.
    expect((await request(app).get(`/e/${round.token}?lang=en`)).text).toContain('alt="Samordningsförbundet" lang="sv"');

    const confirm = await agent.get('/kansli/forbund/logotyp/ta-bort');
    expect(confirm.text).toContain('Logotypen tas bort från enkätsidorna');
    expect((await agent.post('/kansli/forbund/logotyp/ta-bort').type('form').send({ _csrf: csrf })).status).toBe(303);
    expect((await request(app).get(`/e/${round.token}`)).text).not.toContain('forbund-logo');
    expect((await request(app).get(src!)).status).toBe(404);
    const actions = (await db.all<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'forbund.%' ORDER BY id")).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['forbund.logo', 'forbund.logo.remove']);
  });
});

describe('the accessibility feedback route', () => {
  it('stores a message without a personnummer, and an admin reads and removes it', async () => {
    const { app, db } = await testApp();
    const form = await request(app).get('/tillganglighet/synpunkter');
    expect(form.status).toBe(200);
    expect(form.headers['set-cookie']).toBeUndefined();
    expect(form.headers['cache-control']).toBe('no-store');
    const empty = await request(app).post('/tillganglighet/synpunkter').type('form').send({ message: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Skriv ditt meddelande');
    expect(await db.first('SELECT * FROM accessibility_feedback')).toBeUndefined();

    const sent = await request(app)
      .post('/tillganglighet/synpunkter')
      .type('form')
      .send({ message: 'Knapparna är för små. Mitt pnr är 19811218-9876.', replyTo: 'lisa@example.se' });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Tack! Ditt meddelande är skickat');
    expect(sent.text).toContain('Något som såg ut som ett personnummer togs bort');
    const stored = await db.first<{ message: string; reply_to: string }>('SELECT message, reply_to FROM accessibility_feedback');
    expect(stored!.message).toBe('Knapparna är för små. Mitt pnr är [personnummer borttaget].');
    expect(stored!.reply_to).toBe('lisa@example.se');

    const reader = await signIn(app, db, 'analytiker');
    expect((await reader.agent.get('/kansli/forbund')).text).not.toContain('Knapparna är för små');
    const { agent, csrf } = await signIn(app, db);
    const page = await agent.get('/kansli/forbund');
    expect(page.text).toContain('Knapparna är för små. Mitt pnr är [personnummer borttaget].');
    const id = (await db.first<{ id: number }>('SELECT id FROM accessibility_feedback'))!.id;
    expect((await agent.get(`/kansli/forbund/meddelanden/${id}/ta-bort`)).text).toContain('tas bort för gott');
    expect((await agent.post(`/kansli/forbund/meddelanden/${id}/ta-bort`).type('form').send({ _csrf: csrf })).status).toBe(303);
    expect(await db.first('SELECT * FROM accessibility_feedback')).toBeUndefined();
    expect((await agent.post(`/kansli/forbund/meddelanden/${id}/ta-bort`).type('form').send({ _csrf: csrf })).status).toBe(404);
  });

  it('limits how often one address may send', async () => {
    const { app, db } = await testApp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await request(app)
            .post('/tillganglighet/synpunkter')
            .type('form')
            .send({ message: `Meddelande ${i}` })
        ).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await db.all('SELECT id FROM accessibility_feedback')).length).toBe(5);
  });
});

describe('finsam forbund', () => {
  it('sets, shows and clears the details and the logo; the running server shows them within a second', async () => {
    const { clock, tick } = movingClock();
    const { app, db } = await testApp({}, { clock });
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    expect((await request(app).get(`/e/${round.token}`)).text).not.toContain('Förbundet Väst');
    const env = { FINSAM_DB: db.path };
    const set = await cli(['forbund', 'set', '--name', 'Förbundet Väst', '--email', 'kansli@vast.example'], env);
    expect(set.code).toBe(0);
    const bad = await cli(['forbund', 'set', '--web', 'vast.example'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Skriv webbadressen med https://');
    const shown = JSON.parse((await cli(['forbund', 'show', '--json'], env)).stdout);
    expect(shown).toEqual({
      name: 'Förbundet Väst',
      email: 'kansli@vast.example',
      phone: null,
      web: null,
      logo: false,
      fromStartValues: false,
    });
    // Clearing one field keeps the others; a website alone is still a way to reach the förbund.
    await cli(['forbund', 'set', '--email', '', '--web', 'https://vast.example'], env);
    const file = path.join(os.tmpdir(), `logo-${process.pid}.png`);
    await writeFile(file, PNG);
    expect((await cli(['forbund', 'logo', file], env)).code).toBe(0);
    tick();
    const form = await request(app).get(`/e/${round.token}`);
    expect(form.text).toContain('alt="Förbundet Väst"');
    expect(form.text).not.toContain('kansli@vast.example');
    expect(form.text).toContain('<bdi>Förbundet Väst</bdi>, <a href="https://vast.example">vast.example</a>');
    expect(JSON.parse((await cli(['forbund', 'show', '--json'], env)).stdout).logo).toBe(true);
    const notImage = path.join(os.tmpdir(), `logo-${process.pid}.txt`);
    await writeFile(notImage, 'inte en bild');
    const refused = await cli(['forbund', 'logo', notImage], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PNG- eller JPEG-bild');
    expect((await cli(['forbund', 'logo', '--remove'], env)).code).toBe(0);
    const users = (await db.all<{ user_name: string }>("SELECT DISTINCT user_name FROM audit_log WHERE action LIKE 'forbund.%'")).map(
      (u) => u.user_name,
    );
    expect(users).toEqual(['kommandoraden']);
  });
});
