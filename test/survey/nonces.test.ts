// Server-issued form nonces, the empty form, and what counts toward a round's per-minute limit
// (docs/security.md, "Formulärkoder").
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { issueNonce, makeRound, nonceOf, surveys, testApp } from '../helpers.js';
import { createApp } from '../../server/app.js';
import { silentLogger } from '../../server/logger.js';
import { checkWith, dayNumber, issueWith, NONCE_VALID_DAYS } from '../../server/survey/formNonces.js';
import { today } from '../../server/time.js';

async function setup(limit = 120) {
  const t = await testApp({ submitLimitPerMinute: limit });
  const round = await makeRound(t.db);
  return { ...t, round, url: `/e/${round.token}` };
}

async function counts(t: { db: import('../../server/db/database.js').Db }) {
  return (await t.db.first<{ responses: number; answers: number; nonces: number }>(
    `SELECT (SELECT COUNT(*) FROM responses) AS responses, (SELECT COUNT(*) FROM answers) AS answers,
            (SELECT COUNT(*) FROM submission_nonces) AS nonces`,
  ))!;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('nonces are issued and checked by the server', () => {
  const secret = Buffer.alloc(32, 7);

  it('accepts its own nonce for the round on the day it was issued and the next, not later', () => {
    const day = '2026-03-10';
    const nonce = issueWith(secret, 5, day);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issueWith(secret, 5, day)).not.toBe(nonce); // random bits: every form gets its own
    expect(NONCE_VALID_DAYS).toBe(2);
    expect(checkWith(secret, 5, nonce, day)).toBe('valid');
    expect(checkWith(secret, 5, nonce, addDays(day, 1))).toBe('valid'); // opened before midnight
    expect(checkWith(secret, 5, nonce, addDays(day, 2))).toBe('expired');
    expect(checkWith(secret, 5, nonce, addDays(day, -1))).toBe('invalid'); // from the future
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('refuses a nonce for another round, with another secret, altered in any position, or made up', () => {
    const day = '2026-03-10';
    const nonce = issueWith(secret, 5, day);
    expect(checkWith(secret, 6, nonce, day)).toBe('invalid');
    expect(checkWith(Buffer.alloc(32, 8), 5, nonce, day)).toBe('invalid');
    for (let i = 0; i < nonce.length; i++) {
      const flipped = nonce.slice(0, i) + (nonce[i] === 'A' ? 'B' : 'A') + nonce.slice(i + 1);
      expect(checkWith(secret, 5, flipped, day), `position ${i}`).toBe('invalid');
    }
    for (const junk of ['', 'abcdefghijklmnopqrstuv', 'x'.repeat(43), nonce + 'A', nonce.slice(1), null, 42, [nonce], { nonce }])
      expect(checkWith(secret, 5, junk, day)).toBe('invalid');
  });

  it('keeps the secret in the database: another app on the same file accepts the form', async () => {
    const t = await setup();
    const nonce = nonceOf((await request(t.app).get(t.url)).text);
    const row = await t.db.first<{ value: string }>("SELECT value FROM settings WHERE key = 'form_nonce_secret'");
    expect(row?.value).toMatch(/^[0-9a-f]{64}$/);
    const other = createApp({ db: t.db, config: t.config, surveys, logger: silentLogger });
    await request(other).post(t.url).type('form').send({ nonce, tid: '4' }).expect(303);
    expect((await counts(t)).responses).toBe(1);
  });

  it('a made-up nonce (the old client-chosen kind) stores nothing and offers a fresh form', async () => {
    const t = await setup();
    const res = await request(t.app).post(t.url).type('form').send({ nonce: 'abcdefghijklmnopqrstuvwxyz0123', tid: '4', skillnad: 'hej' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Formuläret kunde inte tas emot');
    expect(res.text).toContain('Inget har sparats');
    expect(res.text).toContain(`href="${t.url}"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await counts(t)).toEqual({ responses: 0, answers: 0, nonces: 0 });
  });

  it('a tampered nonce, or one issued for another round, stores nothing', async () => {
    const t = await setup();
    const other = await makeRound(t.db, { insats: 'Novum' });
    const good = await issueNonce(t.db, t.round.id);
    const tampered = good.slice(0, 10) + (good[10] === 'x' ? 'y' : 'x') + good.slice(11);
    for (const nonce of [tampered, await issueNonce(t.db, other.id)]) {
      const res = await request(t.app).post(t.url).type('form').send({ nonce, tid: '4' });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Formuläret kunde inte tas emot');
    }
    expect(await counts(t)).toEqual({ responses: 0, answers: 0, nonces: 0 });
  });

  it('a form fetched yesterday is accepted; one older than that comes back with its answers and a fresh nonce', async () => {
    const t = await setup();
    const yesterday = await issueNonce(t.db, t.round.id, addDays(today(), -1));
    await request(t.app).post(t.url).type('form').send({ nonce: yesterday, tid: '4' }).expect(303);
    const old = await issueNonce(t.db, t.round.id, addDays(today(), -2));
    const res = await request(t.app).post(t.url).type('form').send({ nonce: old, tid: '5', skillnad: 'mitt svar' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('öppet för länge');
    expect(res.text).toMatch(/name="tid" value="5"[^>]* checked/);
    expect(res.text).toContain('mitt svar');
    const fresh = nonceOf(res.text);
    expect(fresh).not.toBe(old);
    expect(await counts(t)).toMatchObject({ responses: 1, nonces: 1 });
    await request(t.app).post(t.url).type('form').send({ nonce: fresh, tid: '5', skillnad: 'mitt svar' }).expect(303);
    expect(await counts(t)).toMatchObject({ responses: 2, nonces: 2 });
  });

  it('the same form sent twice stores one response and both get the thank-you', async () => {
    const t = await setup();
    const nonce = nonceOf((await request(t.app).get(t.url)).text);
    const first = await request(t.app).post(t.url).type('form').send({ nonce, tid: '4' });
    const again = await request(t.app).post(t.url).type('form').send({ nonce, tid: '4' });
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe(`${t.url}/tack`);
    expect(await counts(t)).toEqual({ responses: 1, answers: 1, nonces: 1 });
  });
});

describe('an empty form', () => {
  it('is neither stored nor counted, and the page leads back to the form', async () => {
    const t = await setup();
    for (const body of [{}, { tid: '', skillnad: '   \r\n ', kon: ' ' }]) {
      const nonce = await issueNonce(t.db, t.round.id);
      const res = await request(t.app)
        .post(t.url)
        .type('form')
        .send({ nonce, ...body });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Du har inte svarat på någon fråga');
      expect(res.text).toContain('inget har sparats');
      expect(res.text).toMatch(new RegExp(`<a class="button" href="${t.url}">Tillbaka till enkäten</a>`));
    }
    expect(await counts(t)).toEqual({ responses: 0, answers: 0, nonces: 0 });
  });
});

describe('only valid submissions count toward the per-minute limit', () => {
  it('junk, empty and invalid posts do not use up the round’s budget', async () => {
    const t = await setup(2);
    for (let i = 0; i < 20; i++) {
      const nonce = await issueNonce(t.db, t.round.id);
      const bodies = [{ nonce: `made-up-nonce-${i}-xxxxxxxxxxxxxx`, tid: '4' }, { nonce }, { nonce, tid: '9' }];
      for (const body of bodies) expect((await request(t.app).post(t.url).type('form').send(body)).status).toBe(400);
    }
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (
          await request(t.app)
            .post(t.url)
            .type('form')
            .send({ nonce: await issueNonce(t.db, t.round.id), tid: '4' })
        ).status,
      );
    expect(codes).toEqual([303, 303, 429]);
    expect((await counts(t)).responses).toBe(2);
  });

  it('over the limit, the form comes back with its answers and nothing is stored', async () => {
    const t = await setup(0);
    const nonce = await issueNonce(t.db, t.round.id);
    const res = await request(t.app).post(t.url).type('form').send({ nonce, tid: '3', skillnad: 'vänta' });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.text).toContain('ovanligt många svar');
    expect(res.text).toMatch(/name="tid" value="3"[^>]* checked/);
    expect(nonceOf(res.text)).toBe(nonce);
    expect(await counts(t)).toEqual({ responses: 0, answers: 0, nonces: 0 });
  });
});
