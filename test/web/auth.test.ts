import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { testApp, cli, tempDbPath } from '../helpers.js';
import { csrfOf, PASSWORD, signIn } from './helpers.js';
import { addUser as addUserAt } from '../../server/auth/users.js';
import { loadConfig, testConfig } from '../../server/config.js';
import { createApp } from '../../server/app.js';
import { silentLogger } from '../../server/logger.js';
import { addressKey } from '../../server/auth/throttle.js';
import type { Db } from '../../server/db/database.js';

const COST = testConfig().scryptCost;
const addUser = (db: Db, name: string, role: string, password: string) => addUserAt(db, name, role, password, COST);

/** One sign-in attempt; `from` sets X-Forwarded-For (believed only from a trusted proxy). */
async function attempt(app: Parameters<typeof request>[0], name: string, password: string, from?: string) {
  const form = await request(app).get('/kansli/logga-in');
  // Sent back by hand: behind a proxy the form cookie is Secure, which the test client keeps to itself.
  const pre = ([] as string[])
    .concat(form.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const post = request(app).post('/kansli/logga-in').set('Cookie', pre);
  if (from) post.set('X-Forwarded-For', from);
  return post.type('form').send({ _csrf: csrfOf(form.text), name, password });
}

const errorText = (html: string) => /<div class="error-summary" role="alert"><p>(.*?)<\/p>/.exec(html)?.[1] ?? '';

describe('sign-in', () => {
  it('signs in, sets a strict session cookie, audits, and signs out', async () => {
    const { app, db } = await testApp();
    await addUser(db, 'karin', 'admin', PASSWORD);
    const res = await attempt(app, 'karin', PASSWORD);
    expect(res.status).toBe(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('finsam_sid='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/kansli/);
    expect(cookie).not.toMatch(/Secure/);
    const stored = await db.first<{ id_hash: string }>('SELECT id_hash FROM sessions');
    expect(cookie).not.toContain(stored!.id_hash); // only a hash of the id is stored
    const actions = (await db.all<{ action: string }>('SELECT action FROM audit_log')).map((a) => a.action);
    expect(actions).toContain('signin');
    const { agent, csrf } = await signIn(app, db, 'admin', 'karin');
    expect((await agent.post('/kansli/logga-ut').type('form').send({ _csrf: csrf })).status).toBe(303);
    expect((await agent.get('/kansli/omgangar')).status).toBe(303);
  });

  it('marks the cookie Secure behind a TLS proxy', async () => {
    const { app, db } = await testApp({ trustProxy: true });
    await addUser(db, 'karin', 'admin', PASSWORD);
    const form = await request(app).get('/kansli/logga-in').set('X-Forwarded-Proto', 'https');
    const pre = (form.headers['set-cookie'] as unknown as string[])[0]!;
    expect(pre).toMatch(/Secure/);
    // A plain-HTTP test client does not send Secure cookies back by itself.
    const res = await request(app)
      .post('/kansli/logga-in')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', pre.split(';')[0]!)
      .type('form')
      .send({ _csrf: csrfOf(form.text), name: 'karin', password: PASSWORD });
    expect(res.status).toBe(303);
    expect((res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('finsam_sid='))).toMatch(/Secure/);
  });

  it('gives the same answer for a wrong password and an unknown user, and audits the failure', async () => {
    const { app, db } = await testApp();
    await addUser(db, 'karin', 'admin', PASSWORD);
    const wrong = await attempt(app, 'karin', 'fel-lösenord-123');
    const unknown = await attempt(app, 'okänd', 'fel-lösenord-123');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(errorText(wrong.text)).toBe(errorText(unknown.text));
    expect(errorText(wrong.text)).toMatch(/Kontrollera användarnamn och lösenord/);
    expect(wrong.headers['set-cookie']?.toString() ?? '').not.toMatch(/finsam_sid=[^;]/);
    const failed = await db.all<{ details: string }>("SELECT details FROM audit_log WHERE action = 'signin.failed'");
    expect(failed).toHaveLength(2);
    expect(failed.map((f) => f.details).join()).not.toMatch(/127\.0\.0\.1|::/);
  });

  it('lets the real user in from an address without failures while an attacker is held back', async () => {
    let now = Date.UTC(2026, 0, 1, 9);
    // Behind a proxy on this machine, so that the test can speak for several client addresses.
    const { app, db } = await testApp({ trustProxy: true });
    app.locals.ctx.clock = () => now;
    await addUser(db, 'karin', 'admin', PASSWORD);
    const attacker = '203.0.113.7';
    for (let i = 0; i < 5; i++) expect((await attempt(app, 'karin', `fel-${i}-xxxxxxxxx`, attacker)).status).toBe(401);
    // Further attempts from the attacker's address wait, even with the right password (never checked).
    const held = await attempt(app, 'karin', PASSWORD, attacker);
    expect(held.status).toBe(429);
    expect(held.headers['retry-after']).toBe('30');
    expect(errorText(held.text)).toBe('För många misslyckade inloggningsförsök. Vänta 30 sekunder och försök sedan igen.');
    expect(held.headers['set-cookie']?.toString() ?? '').not.toMatch(/finsam_sid=[^;]/);
    // Karin, at her own desk, signs in at once.
    expect((await attempt(app, 'karin', PASSWORD, '198.51.100.20')).status).toBe(303);
  });

  it('doubles the delay with each further failure, up to 15 minutes, and counts from the last failure', async () => {
    let now = Date.UTC(2026, 0, 1, 9);
    const { app, db } = await testApp({ trustProxy: true });
    app.locals.ctx.clock = () => now;
    await addUser(db, 'karin', 'admin', PASSWORD);
    const from = '203.0.113.8';
    for (let i = 0; i < 5; i++) await attempt(app, 'karin', 'fel-lösenord-123', from);
    const waits: string[] = [];
    for (const seconds of [30, 60, 120, 240, 480, 900, 900]) {
      const held = await attempt(app, 'karin', 'fel-lösenord-123', from);
      expect(held.status).toBe(429);
      waits.push(held.headers['retry-after'] as string);
      now += (seconds - 1) * 1000;
      expect((await attempt(app, 'karin', 'fel-lösenord-123', from)).status, `still waiting after ${seconds - 1} s`).toBe(429);
      now += 1000;
      expect((await attempt(app, 'karin', 'fel-lösenord-123', from)).status, `free after ${seconds} s`).toBe(401);
    }
    expect(waits).toEqual(['30', '60', '120', '240', '480', '900', '900']);
    const held = await attempt(app, 'karin', PASSWORD, from);
    expect(errorText(held.text)).toMatch(/Vänta 15 minuter/);
    // Refused attempts do not lengthen the wait: 15 minutes after the last failure the right password works.
    now += 15 * 60 * 1000;
    expect((await attempt(app, 'karin', PASSWORD, from)).status).toBe(303);
  });

  it('counts attempts sent all at once before their passwords are checked', async () => {
    const { app, db } = await testApp({ trustProxy: true });
    await addUser(db, 'karin', 'admin', PASSWORD);
    // Forms first, then twelve guesses in flight together from one address.
    const forms = await Promise.all(Array.from({ length: 12 }, () => request(app).get('/kansli/logga-in')));
    const statuses = await Promise.all(
      forms.map((form, i) =>
        request(app)
          .post('/kansli/logga-in')
          .set(
            'Cookie',
            ([] as string[])
              .concat(form.headers['set-cookie'] ?? [])
              .map((c) => c.split(';')[0]!)
              .join('; '),
          )
          .set('X-Forwarded-For', '203.0.113.9')
          .type('form')
          .send({ _csrf: csrfOf(form.text), name: 'karin', password: `fel-${i}-xxxxxxxxxx` })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('counts an IPv6 client by its /64 network, so fresh addresses from it do not reset the count', async () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    const { app, db } = await testApp({ trustProxy: true });
    await addUser(db, 'karin', 'admin', PASSWORD);
    for (let i = 0; i < 5; i++) expect((await attempt(app, 'karin', 'fel-lösenord-123', `2001:db8:1:2::${i + 1}`)).status).toBe(401);
    expect((await attempt(app, 'karin', 'fel-lösenord-123', '2001:db8:1:2:ffff::99')).status).toBe(429);
    expect((await attempt(app, 'karin', PASSWORD, '2001:db8:1:3::1')).status).toBe(303); // another network
  });

  it('holds back guessing one account from many addresses, but not a clean address', async () => {
    let now = Date.UTC(2026, 0, 1, 9);
    const { app, db } = await testApp({ trustProxy: true });
    app.locals.ctx.clock = () => now;
    await addUser(db, 'karin', 'admin', PASSWORD);
    for (let i = 0; i < 25; i++) {
      expect((await attempt(app, 'karin', 'fel-lösenord-123', `203.0.113.${i + 1}`)).status).toBe(401);
      now += 1000;
    }
    // Each of those addresses has failed once on the account: the account-wide delay holds them back.
    const again = await attempt(app, 'karin', 'fel-lösenord-123', '203.0.113.1');
    expect(again.status).toBe(429);
    expect(errorText(again.text)).toMatch(/^För många misslyckade inloggningsförsök\. Vänta \d+ minuter/);
    // An address that never failed is not held back.
    expect((await attempt(app, 'karin', PASSWORD, '198.51.100.20')).status).toBe(303);
  });

  it('holds back one address guessing many accounts, and treats unknown names like known ones', async () => {
    let now = Date.UTC(2026, 0, 1, 9);
    const { app, db } = await testApp();
    app.locals.ctx.clock = () => now;
    await addUser(db, 'karin', 'admin', PASSWORD);
    for (let i = 0; i < 20; i++) expect((await attempt(app, `person${i}`, 'fel-lösenord-123')).status).toBe(401);
    const res = await attempt(app, 'karin', PASSWORD);
    expect(res.status).toBe(429);
    expect(errorText(res.text)).toMatch(/Vänta 30 sekunder/);
    now += 30 * 1000;
    expect((await attempt(app, 'karin', PASSWORD)).status).toBe(303);

    // Five failures on a name that does not exist are answered exactly as for one that does.
    const second = await testApp();
    await addUser(second.db, 'karin', 'admin', PASSWORD);
    const texts: Record<string, string[]> = {};
    for (const name of ['karin', 'finns-inte']) {
      texts[name] = [];
      for (let i = 0; i < 6; i++) {
        const r = await attempt(second.app, name, 'fel-lösenord-123');
        texts[name]!.push(`${r.status} ${errorText(r.text)}`);
      }
    }
    expect(texts['finns-inte']).toEqual(texts['karin']);
    expect(texts['karin']![5]).toMatch(/^429 /);
  });

  it('logs no typed name for an unknown user, and the user id for a known one', async () => {
    const { app, db } = await testApp();
    const user = await addUser(db, 'karin', 'admin', PASSWORD);
    // Someone typed their password into the name field.
    await attempt(app, 'Sommar-2026!Hemligt', 'fel-lösenord-123');
    await attempt(app, 'karin', 'fel-lösenord-123');
    const rows = await db.all<{ user_name: string | null; details: string }>(
      "SELECT user_name, details FROM audit_log WHERE action = 'signin.failed' ORDER BY id",
    );
    expect(rows.map((r) => [r.user_name, JSON.parse(r.details)])).toEqual([
      [null, {}],
      [null, { userId: user.id }],
    ]);
    const everything = JSON.stringify(await db.all('SELECT * FROM audit_log'));
    expect(everything).not.toMatch(/Sommar|Hemligt|fel-lösenord/);
  });

  it('rejects a sign-in without the form token', async () => {
    const { app, db } = await testApp();
    await addUser(db, 'karin', 'admin', PASSWORD);
    const res = await request(app).post('/kansli/logga-in').type('form').send({ name: 'karin', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(await db.first('SELECT * FROM sessions')).toBeUndefined();
  });

  it('expires sessions when idle and absolutely', async () => {
    let now = Date.UTC(2026, 0, 1, 9);
    const { app, db } = await testApp();
    app.locals.ctx.clock = () => now;
    const { agent } = await signIn(app, db);
    now += 29 * 60 * 1000;
    expect((await agent.get('/kansli/omgangar')).status).toBe(200);
    now += 31 * 60 * 1000;
    expect((await agent.get('/kansli/omgangar')).status).toBe(303);
    // Absolute: active every 20 minutes, but 12 hours after sign-in the session ends.
    const second = await signIn(app, db);
    for (let i = 0; i < 36; i++) {
      now += 20 * 60 * 1000;
      expect((await second.agent.get('/kansli/omgangar')).status).toBe(200);
    }
    now += 20 * 60 * 1000;
    expect((await second.agent.get('/kansli/omgangar')).status).toBe(303);
  });

  it('redirects visitors without a session to the sign-in page', async () => {
    const { app } = await testApp();
    const res = await request(app).get('/kansli/resultat');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/kansli/logga-in?tillbaka=%2Fkansli%2Fresultat');
  });
});

describe('client address behind a proxy', () => {
  it('ignores X-Forwarded-For from a client that is not the configured proxy', async () => {
    // The proxy is elsewhere (10.0.0.1); this test client connects directly, as an attacker who can
    // reach the port would, and forges a new address on every attempt.
    const { app, db } = await testApp({ trustProxy: true, trustedProxies: ['10.0.0.1'] });
    await addUser(db, 'karin', 'admin', PASSWORD);
    for (let i = 0; i < 20; i++) expect((await attempt(app, `person${i}`, 'fel-lösenord-123', `198.51.100.${i + 1}`)).status).toBe(401);
    expect((await attempt(app, 'karin', PASSWORD, '198.51.100.99')).status).toBe(429);
  });

  it('with FINSAM_TRUST_PROXY=1 believes only a proxy on this machine, and only its own hop', async () => {
    const { trustProxy, trustedProxies } = loadConfig({ FINSAM_TRUST_PROXY: '1' });
    const { db } = await testApp();
    const app = createApp({ db, config: testConfig({ dbPath: db.path, trustProxy, trustedProxies }), logger: silentLogger });
    const trust = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('::1', 0)).toBe(true);
    expect(trust('203.0.113.9', 0)).toBe(false); // a client reaching the port directly
    expect(trust('192.0.2.2', 0)).toBe(false);
    // Through the local proxy, a forged entry the client put first does not count: the proxy's own
    // (right-most) entry is the address the throttle sees.
    await addUser(db, 'karin', 'admin', PASSWORD);
    for (let i = 0; i < 20; i++) await attempt(app, `person${i}`, 'fel-lösenord-123', `10.9.9.${i}, 198.51.100.5`);
    expect((await attempt(app, 'karin', PASSWORD, '10.9.9.99, 198.51.100.5')).status).toBe(429);
    expect((await attempt(app, 'karin', PASSWORD, '198.51.100.6')).status).toBe(303);
  });

  it('reads FINSAM_TRUST_PROXY and FINSAM_HOST, refusing values it cannot use', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ FINSAM_TRUST_PROXY: '1' })).toMatchObject({ trustProxy: true, trustedProxies: ['loopback'] });
    expect(loadConfig({ FINSAM_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' })).toMatchObject({
      trustProxy: true,
      trustedProxies: ['10.0.0.5', '10.1.0.0/16'],
    });
    expect(() => loadConfig({ FINSAM_TRUST_PROXY: '2' })).toThrow(/FINSAM_TRUST_PROXY ska vara 0, 1/);
    expect(() => loadConfig({ FINSAM_TRUST_PROXY: '10.0.0.0/99' })).toThrow(/FINSAM_TRUST_PROXY/);
    expect(loadConfig({}).host).toBeNull();
    expect(loadConfig({ FINSAM_HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(() => loadConfig({ FINSAM_HOST: 'min server' })).toThrow(/FINSAM_HOST/);
  });
});

describe('password hashing cost', () => {
  it('comes from FINSAM_SCRYPT_COST: 2^15 by default, weak values only in a test run', () => {
    expect(loadConfig({}).scryptCost).toBe(32768);
    expect(loadConfig({ FINSAM_SCRYPT_COST: '65536' }).scryptCost).toBe(65536);
    expect(() => loadConfig({ FINSAM_SCRYPT_COST: '1024' })).toThrow(/FINSAM_SCRYPT_COST måste vara en tvåpotens från 16384/);
    expect(() => loadConfig({ FINSAM_SCRYPT_COST: '1024', NODE_ENV: 'production' })).toThrow(/FINSAM_SCRYPT_COST/);
    expect(loadConfig({ FINSAM_SCRYPT_COST: '1024', VITEST: 'true' }).scryptCost).toBe(1024);
    expect(loadConfig({ FINSAM_SCRYPT_COST: '1024', NODE_ENV: 'test' }).scryptCost).toBe(1024);
    expect(() => loadConfig({ FINSAM_SCRYPT_COST: '512', VITEST: 'true' })).toThrow(/FINSAM_SCRYPT_COST/);
    expect(() => loadConfig({ FINSAM_SCRYPT_COST: '20000' })).toThrow(/tvåpotens/);
    expect(() => loadConfig({ FINSAM_SCRYPT_COST: String(1 << 18) })).toThrow(/FINSAM_SCRYPT_COST/);
    // This test run's configuration (vitest.config.ts) is the cheap one.
    expect(testConfig().scryptCost).toBe(1024);
  });

  it('signs in with a hash of any cost, since each hash stores its own parameters', async () => {
    const { app, db } = await testApp();
    await addUserAt(db, 'karin', 'admin', PASSWORD, 16384);
    await addUserAt(db, 'olle', 'admin', PASSWORD, 1024);
    const hashes = (await db.all<{ password_hash: string }>('SELECT password_hash FROM users ORDER BY name')).map((r) =>
      r.password_hash.split('$').slice(0, 4).join('$'),
    );
    expect(hashes).toEqual(['scrypt$16384$8$1', 'scrypt$1024$8$1']);
    expect((await attempt(app, 'karin', PASSWORD)).status).toBe(303);
    expect((await attempt(app, 'olle', PASSWORD)).status).toBe(303);
    expect((await attempt(app, 'olle', PASSWORD + 'x')).status).toBe(401);
  });

  it('refuses a weak FINSAM_SCRYPT_COST on the command line outside a test run', async () => {
    const res = await cli(['user', 'list'], { FINSAM_DB: tempDbPath(), FINSAM_SCRYPT_COST: '1024' });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/FINSAM_SCRYPT_COST måste vara en tvåpotens/);
  });
});

describe('CSRF and roles', () => {
  it('rejects a state change without or with a wrong CSRF token, changing nothing', async () => {
    const { app, db } = await testApp();
    const { agent } = await signIn(app, db);
    expect((await agent.post('/kansli/insatser').type('form').send({ name: 'Ny' })).status).toBe(403);
    expect(
      (
        await agent
          .post('/kansli/insatser')
          .type('form')
          .send({ name: 'Ny', _csrf: 'x'.repeat(43) })
      ).status,
    ).toBe(403);
    expect(await db.first('SELECT * FROM insatser')).toBeUndefined();
  });

  it('lets an analytiker read and export but change nothing', async () => {
    const { app, db } = await testApp();
    const admin = await signIn(app, db, 'admin');
    await admin.agent.post('/kansli/insatser').type('form').send({ name: 'Novum', _csrf: admin.csrf }).expect(303);
    const insats = (await db.first<{ id: number }>('SELECT id FROM insatser'))!;
    await admin.agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ _csrf: admin.csrf, instrument: 'nns-personal', insats: String(insats.id), period: '2024' })
      .expect(303);
    const round = (await db.first<{ id: number }>('SELECT id FROM rounds'))!;
    const before = JSON.stringify(await db.all('SELECT * FROM insatser UNION ALL SELECT id, token, 0, 0 FROM rounds'));
    const { agent, csrf } = await signIn(app, db, 'analytiker');
    const posts: [string, Record<string, string>][] = [
      ['/kansli/insatser', { name: 'X' }],
      [`/kansli/insatser/${insats.id}/namn`, { name: 'Y' }],
      [`/kansli/insatser/${insats.id}/arkiv`, { archived: '1' }],
      ['/kansli/omgangar', { instrument: 'nns-personal', insats: String(insats.id), period: '2025' }],
      [`/kansli/omgangar/${round.id}/status`, { closed: '1' }],
      [`/kansli/omgangar/${round.id}/inbjudna`, { invited: '5' }],
      ['/kansli/mal', { ar: '2024', insats: String(insats.id), metric: 'started', value: '5' }],
      ['/kansli/resultat/fritext/dolj', { response: '1', question: 'kommentar' }],
    ];
    for (const [url, body] of posts) {
      const res = await agent
        .post(url)
        .type('form')
        .send({ ...body, _csrf: csrf });
      expect(res.status, url).toBe(403);
      expect(res.text).toMatch(/analytiker/);
    }
    expect((await agent.get(`/kansli/omgangar/${round.id}/svar.csv`)).status).toBe(403);
    expect(JSON.stringify(await db.all('SELECT * FROM insatser UNION ALL SELECT id, token, 0, 0 FROM rounds'))).toBe(before);
    expect(await db.first('SELECT * FROM targets')).toBeUndefined();
    // Reading and exporting work.
    expect((await agent.get('/kansli/resultat?ar=2024&enkat=nns-personal')).status).toBe(200);
    const staff = await agent.get('/kansli/export/indikatorer.csv?ar=2024&enkat=nns-personal');
    expect(staff.status).toBe(200);
    // The questionnaire is in the file name: the staff's and the participants' tables do not collide.
    expect(staff.headers['content-disposition']).toContain('2024-alla-nns-personal-indikatorer.csv');
  });

  it('only admins read the audit log', async () => {
    const { app, db } = await testApp();
    const analyst = await signIn(app, db, 'analytiker');
    expect((await analyst.agent.get('/kansli/logg')).status).toBe(403);
    const admin = await signIn(app, db, 'admin');
    const log = await admin.agent.get('/kansli/logg');
    expect(log.status).toBe(200);
    expect(log.text).toContain('Loggade in');
    // Swedish local time, not UTC.
    expect(log.text).toContain('Tid (svensk tid)');
  });
});

describe('audit log page', () => {
  it('answers a malformed page number or unknown query value with a Swedish 400, and shows the last page past the end', async () => {
    const { app, db } = await testApp();
    const { agent } = await signIn(app, db, 'admin');
    for (let i = 0; i < 60; i++)
      await db.run("INSERT INTO audit_log (at, user_name, action, details) VALUES ('2026-01-01T00:00:00Z', 'x', 'test.entry', '{}')");
    for (const query of [
      'sida=99999999999999999999',
      'sida=1e999',
      'sida=0',
      'sida=-1',
      'sida=abc',
      'sida=1&sida=2',
      'sida[x]=1',
      'sida=%00',
      'sortera=1',
    ]) {
      const res = await agent.get(`/kansli/logg?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toMatch(/sortera|\[x\]/.test(query) ? /känner igen/ : /Sidnumret i adressen ska vara ett heltal från 1/);
    }
    const last = await agent.get('/kansli/logg?sida=999999999');
    expect(last.status).toBe(200);
    expect(last.text).toMatch(/sida 2 av 2/);
    expect(last.text).toContain('?sida=1">← Nyare');
    expect(last.text).not.toContain('Äldre');
    const first = await agent.get('/kansli/logg');
    expect(first.text).toMatch(/sida 1 av 2/);
    expect((first.text.match(/<tr><td>/g) ?? []).length).toBe(50);
  });
});

describe('finsam user', () => {
  it('adds users with a password from stdin, refuses a short one, and audits', async () => {
    const env = { FINSAM_DB: tempDbPath(), FINSAM_SCRYPT_COST: '16384' };
    const short = await cli(['user', 'add', 'eva', '--role', 'admin'], env, 'kort\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/minst 12 tecken/);
    const ok = await cli(['user', 'add', 'eva', '--role', 'analytiker'], env, `${PASSWORD}\n`);
    expect(ok.code).toBe(0);
    const badRole = await cli(['user', 'add', 'olle', '--role', 'chef'], env, `${PASSWORD}\n`);
    expect(badRole.stderr).toMatch(/admin eller analytiker/);
    expect((await cli(['user', 'list'], env)).stdout).toMatch(/eva\tanalytiker/);
    expect((await cli(['user', 'role', 'eva', 'admin'], env)).code).toBe(0);
    expect((await cli(['user', 'disable', 'eva'], env)).code).toBe(0);
    expect((await cli(['user', 'list'], env)).stdout).toMatch(/eva\tadmin\t\(inaktiverad\)/);
    const { openDatabase } = await import('../../server/db/database.js');
    const db = await openDatabase(env.FINSAM_DB);
    const actions = (await db.all<{ action: string }>('SELECT action FROM audit_log ORDER BY id')).map((a) => a.action);
    expect(actions).toEqual(['user.add', 'user.role', 'user.disable']);
    const hash = (await db.first<{ password_hash: string }>('SELECT password_hash FROM users'))!.password_hash;
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/); // FINSAM_SCRYPT_COST, stored with the hash
    await db.close();
  });
});
