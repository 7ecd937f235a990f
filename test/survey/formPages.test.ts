// The empty form is rendered once per round and questionnaire; a GET only adds its nonce, and a
// changed or closed round is never served from an old rendering.
import { describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { makeRound, nonceOf, testApp } from '../helpers.js';

async function setup() {
  // The public pages keep a round for up to a second (server/survey/roundLookup.ts); the test moves
  // this clock past that after each change instead of waiting.
  let now = Date.now();
  const t = await testApp({}, { clock: () => now });
  const later = () => (now += 1001);
  const round = await makeRound(t.db);
  const render = vi.spyOn(t.app, 'render');
  const formRenders = () => render.mock.calls.filter(([view]) => view === 'pages/survey').length;
  return { ...t, round, url: `/e/${round.token}`, formRenders, later };
}

describe('survey page rendering', () => {
  it('renders the form once for many GETs; each page differs only in its own, valid nonce', async () => {
    const t = await setup();
    const pages = [];
    for (let i = 0; i < 5; i++) pages.push(await request(t.app).get(t.url).expect(200));
    expect(t.formRenders()).toBe(1);
    const nonces = pages.map((p) => nonceOf(p.text));
    expect(new Set(nonces).size).toBe(5);
    const withoutNonce = pages.map((p, i) => p.text.replace(nonces[i]!, 'NONCE'));
    expect(new Set(withoutNonce).size).toBe(1);
    expect(withoutNonce[0]).not.toMatch(/nonce-placeholder/);
    // The headers of a rendered page are kept: no-store, no referrer, the policy, HTML.
    for (const p of pages) {
      expect(p.headers['cache-control']).toBe('no-store');
      expect(p.headers['referrer-policy']).toBe('no-referrer');
      expect(p.headers['content-security-policy']).toContain("default-src 'none'");
      expect(p.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(p.headers['set-cookie']).toBeUndefined();
    }
    // Every nonce is one the server accepts.
    for (const nonce of nonces) await request(t.app).post(t.url).type('form').send({ nonce, tid: '4' }).expect(303);
    expect((await t.db.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n).toBe(5);
  });

  it('renders again when the round changes, and serves a closed round from no cache after a second', async () => {
    const t = await setup();
    await request(t.app).get(t.url).expect(200);
    await t.db.run("UPDATE insatser SET name = 'Nytt namn på insatsen' WHERE id = ?", [t.round.insats_id]);
    t.later();
    const renamed = await request(t.app).get(t.url).expect(200);
    expect(renamed.text).toContain('Nytt namn på insatsen');
    expect(t.formRenders()).toBe(2);
    await t.db.run('UPDATE rounds SET closed = 1 WHERE id = ?', [t.round.id]);
    t.later();
    const closed = await request(t.app).get(t.url);
    expect(closed.status).toBe(410);
    await t.db.run('UPDATE rounds SET closed = 0, kiosk = 1 WHERE id = ?', [t.round.id]);
    t.later();
    await request(t.app).get(t.url).expect(200);
    expect(t.formRenders()).toBe(3);
  });

  it('keeps one rendering per round', async () => {
    const t = await setup();
    const other = await makeRound(t.db, { insats: 'Aktivitetsplatsen', instrumentId: 'nns-personal' });
    const a = await request(t.app).get(t.url).expect(200);
    const b = await request(t.app).get(`/e/${other.token}`).expect(200);
    await request(t.app).get(t.url).expect(200);
    await request(t.app).get(`/e/${other.token}`).expect(200);
    expect(t.formRenders()).toBe(2);
    expect(a.text).toContain('FINSAM-team');
    expect(b.text).toContain('Aktivitetsplatsen');
    expect(b.text).toContain(`action="/e/${other.token}"`);
  });
});
