import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { testApp, cli, tempDbPath } from '../helpers.js';
import { csrfOf, PASSWORD, signIn } from './helpers.js';
import { addUser } from '../../server/kansli/users.js';

async function attempt(app: Parameters<typeof request>[0], name: string, password: string) {
  const agent = request.agent(app);
  const form = await agent.get('/kansli/logga-in');
  return agent.post('/kansli/logga-in').type('form').send({ _csrf: csrfOf(form.text), name, password });
}

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
    const msg = (t: string) => /<div class="error-summary" role="alert"><p>(.*?)<\/p>/.exec(t)![1];
    expect(msg(wrong.text)).toBe(msg(unknown.text));
    expect(wrong.headers['set-cookie']?.toString() ?? '').not.toMatch(/finsam_sid=[^;]/);
    const failed = await db.all<{ details: string }>("SELECT details FROM audit_log WHERE action = 'signin.failed'");
    expect(failed).toHaveLength(2);
    expect(failed.map((f) => f.details).join()).not.toMatch(/127\.0\.0\.1|::/);
  });

  it('locks the account after five failures, even for the right password, and unlocks later', async () => {
    let now = Date.UTC(2026, 0, 1, 9);
    const { app, db } = await testApp();
    app.locals.ctx.clock = () => now;
    await addUser(db, 'karin', 'admin', PASSWORD);
    for (let i = 0; i < 5; i++) expect((await attempt(app, 'karin', `fel-${i}-xxxxxxxxx`)).status).toBe(401);
    expect((await attempt(app, 'karin', PASSWORD)).status).toBe(401);
    now += 16 * 60 * 1000;
    expect((await attempt(app, 'karin', PASSWORD)).status).toBe(303);
  });

  it('locks the address after twenty failures', async () => {
    const { app, db } = await testApp();
    await addUser(db, 'karin', 'admin', PASSWORD);
    for (let i = 0; i < 20; i++) await attempt(app, `person${i}`, 'fel-lösenord-123');
    const res = await attempt(app, 'karin', PASSWORD);
    expect(res.status).toBe(429);
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

describe('CSRF and roles', () => {
  it('rejects a state change without or with a wrong CSRF token, changing nothing', async () => {
    const { app, db } = await testApp();
    const { agent } = await signIn(app, db);
    expect((await agent.post('/kansli/insatser').type('form').send({ name: 'Ny' })).status).toBe(403);
    expect((await agent.post('/kansli/insatser').type('form').send({ name: 'Ny', _csrf: 'x'.repeat(43) })).status).toBe(403);
    expect(await db.first('SELECT * FROM insatser')).toBeUndefined();
  });

  it('lets an analytiker read and export but change nothing', async () => {
    const { app, db } = await testApp();
    const admin = await signIn(app, db, 'admin');
    await admin.agent.post('/kansli/insatser').type('form').send({ name: 'Novum', _csrf: admin.csrf }).expect(303);
    const insats = (await db.first<{ id: number }>('SELECT id FROM insatser'))!;
    await admin.agent.post('/kansli/omgangar').type('form').send({ _csrf: admin.csrf, instrument: 'nns-personal', insats: String(insats.id), period: '2024' }).expect(303);
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
      const res = await agent.post(url).type('form').send({ ...body, _csrf: csrf });
      expect(res.status, url).toBe(403);
      expect(res.text).toMatch(/analytiker/);
    }
    expect((await agent.get(`/kansli/omgangar/${round.id}/svar.csv`)).status).toBe(403);
    expect(JSON.stringify(await db.all('SELECT * FROM insatser UNION ALL SELECT id, token, 0, 0 FROM rounds'))).toBe(before);
    expect(await db.first('SELECT * FROM targets')).toBeUndefined();
    // Reading and exporting work.
    expect((await agent.get('/kansli/resultat?ar=2024&enkat=nns-personal')).status).toBe(200);
    expect((await agent.get('/kansli/export/indikatorer.csv?ar=2024&enkat=nns-personal')).status).toBe(200);
  });

  it('only admins read the audit log', async () => {
    const { app, db } = await testApp();
    const analyst = await signIn(app, db, 'analytiker');
    expect((await analyst.agent.get('/kansli/logg')).status).toBe(403);
    const admin = await signIn(app, db, 'admin');
    const log = await admin.agent.get('/kansli/logg');
    expect(log.status).toBe(200);
    expect(log.text).toContain('signin');
  });
});

describe('finsam user', () => {
  it('adds users with a password from stdin, refuses a short one, and audits', async () => {
    const env = { FINSAM_DB: tempDbPath() };
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
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    await db.close();
  });
});
