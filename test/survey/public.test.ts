import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { issueNonce, makeRound, nonceOf, surveys, testApp } from '../helpers.js';

async function setup(roundOverrides = {}) {
  const t = await testApp();
  const round = await makeRound(t.db, roundOverrides);
  /** A nonce as the server issues it with the form. */
  const nonce = () => issueNonce(t.db, round.id);
  return { ...t, round, url: `/e/${round.token}`, nonce };
}

async function counts(t: { db: import('../../server/db/database.js').Db }) {
  const r = await t.db.first<{ responses: number; answers: number; texts: number; nonces: number }>(
    `SELECT (SELECT COUNT(*) FROM responses) AS responses, (SELECT COUNT(*) FROM answers) AS answers,
            (SELECT COUNT(*) FROM text_answers) AS texts, (SELECT COUNT(*) FROM submission_nonces) AS nonces`,
  );
  return r!;
}

describe('public survey form', () => {
  it.each(['nns-deltagare-avslut', 'nns-personal'])('renders every question of %s as a fieldset with a legend', async (id) => {
    const t = await setup({ instrumentId: id });
    const res = await request(t.app).get(t.url);
    expect(res.status).toBe(200);
    const q = surveys.get(id)!;
    for (const question of q.questions) {
      expect(res.text).toContain(`id="q-${question.id}"`);
      expect(res.text).toContain(question.text.replace(/\//g, '/'));
      expect(res.text).toContain(`name="${question.id}"`);
    }
    expect(res.text.match(/<fieldset/g)?.length).toBe(q.questions.length);
    expect(res.text.match(/<legend>/g)?.length).toBe(q.questions.length);
    expect(res.text).toContain(`Fråga 1 av ${q.questions.length}`);
    expect(res.text).toMatch(/anonym/);
    expect(res.text).toMatch(/frivilligt/i);
    expect(res.text).toContain('href="/tillganglighet"');
    if (id === 'nns-personal') expect(res.text).toContain('value="vet-ej"');
    else expect(res.text).not.toContain('value="vet-ej"');
  });

  it('sets privacy headers and no cookie on every public route', async () => {
    const t = await setup();
    const get = await request(t.app).get(t.url);
    const nonce = nonceOf(get.text);
    const post = await request(t.app).post(t.url).type('form').send({ nonce, tid: '4' });
    const thanks = await request(t.app).get(`${t.url}/tack`);
    const statement = await request(t.app).get('/tillganglighet');
    const missing = await request(t.app).get('/e/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    for (const res of [get, post, thanks, statement, missing]) {
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    }
    // Nothing is loaded from another origin.
    expect(get.text).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('storing a response', () => {
  it('stores exactly the answers given, with the date only', async () => {
    const t = await setup();
    const nonce = nonceOf((await request(t.app).get(t.url)).text);
    const res = await request(t.app).post(t.url).type('form').send({
      nonce,
      kon: 'kvinna',
      tid: '5',
      nytta: '2',
      behov_kontakt: 'ja',
      stod_kontakt: '6',
      skillnad: '  Bättre struktur\r\ni vardagen ',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${t.url}/tack`);
    const responses = await t.db.all<{ submitted_on: string; gender: string; round_id: number }>('SELECT * FROM responses');
    expect(responses).toHaveLength(1);
    expect(responses[0]!.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(responses[0]!.gender).toBe('kvinna');
    const answers = await t.db.all<{ question_id: string; value: string; gender: string }>(
      'SELECT question_id, value, gender FROM answers ORDER BY question_id',
    );
    expect(answers.map((a) => [a.question_id, a.value])).toEqual([
      ['behov_kontakt', 'ja'],
      ['kon', 'kvinna'],
      ['nytta', '2'],
      ['stod_kontakt', '6'],
      ['tid', '5'],
    ]);
    expect(answers.every((a) => a.gender === 'kvinna')).toBe(true);
    const texts = await t.db.all<{ question_id: string; body: string }>('SELECT question_id, body FROM text_answers');
    expect(texts).toEqual([{ question_id: 'skillnad', body: 'Bättre struktur\ni vardagen' }]);
    const thanks = await request(t.app).get(res.headers.location!);
    expect(thanks.status).toBe(200);
    expect(thanks.text).toContain('Tack för dina svar');
  });

  it('discards the follow-up when its condition is not met, and keeps it when it is', async () => {
    const t = await setup();
    await request(t.app)
      .post(t.url)
      .type('form')
      .send({ nonce: await t.nonce(), tid: '4', behov_kontakt: 'nej', stod_kontakt: '5' })
      .expect(303);
    await request(t.app)
      .post(t.url)
      .type('form')
      .send({ nonce: await t.nonce(), tid: '4', stod_kontakt: '5' })
      .expect(303);
    await request(t.app)
      .post(t.url)
      .type('form')
      .send({ nonce: await t.nonce(), behov_kontakt: 'ja', stod_kontakt: '5' })
      .expect(303);
    const rows = await t.db.all<{ n: number }>("SELECT COUNT(*) AS n FROM answers WHERE question_id = 'stod_kontakt'");
    expect(rows[0]!.n).toBe(1);
  });

  it('stores one response when the same form is posted twice, and shows the same thank-you', async () => {
    const t = await setup();
    const nonce = await t.nonce();
    const first = await request(t.app).post(t.url).type('form').send({ nonce, tid: '4' });
    const second = await request(t.app).post(t.url).type('form').send({ nonce, tid: '4' });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect((await counts(t)).responses).toBe(1);
  });

  it('stores one response when the same form is posted many times at once', async () => {
    const t = await setup();
    const nonce = await t.nonce();
    const results = await Promise.all(Array.from({ length: 20 }, () => request(t.app).post(t.url).type('form').send({ nonce, tid: '6' })));
    expect(results.every((r) => r.status === 303)).toBe(true);
    expect(await counts(t)).toMatchObject({ responses: 1, answers: 1, nonces: 1 });
  });

  it('stores every distinct concurrent submission exactly once (group commit)', async () => {
    const t = await setup();
    const nonces = await Promise.all(Array.from({ length: 60 }, () => t.nonce()));
    const results = await Promise.all(
      nonces.map((nonce, i) =>
        request(t.app)
          .post(t.url)
          .type('form')
          .send({ nonce, tid: String((i % 6) + 1) }),
      ),
    );
    expect(results.every((r) => r.status === 303)).toBe(true);
    expect(await counts(t)).toMatchObject({ responses: 60, answers: 60, nonces: 60 });
  });
});

describe('invalid input answers 400 and stores nothing', () => {
  // NONCE stands for a valid nonce of the round, filled in per test.
  const NONCE = '{nonce}';
  const cases: [string, Record<string, unknown> | string, RegExp][] = [
    ['unknown field', { nonce: NONCE, tid: '4', hacker: '1' }, /fält som inte hör till enkäten/],
    ['value outside the scale', { nonce: NONCE, tid: '7' }, /finns inte bland alternativen/],
    ['vet-ej where not offered', { nonce: NONCE, tid: 'vet-ej' }, /finns inte bland alternativen/],
    ['unknown option', { nonce: NONCE, kon: 'robot' }, /finns inte bland alternativen/],
    ['text too long', { nonce: NONCE, skillnad: 'å'.repeat(2001) }, /för långt: 2001 tecken/],
    ['array where a value is expected', `nonce=${NONCE}&tid=4&tid=5`, /bara ett svar/],
    ['missing nonce', { tid: '4' }, /kontrollkod/],
    ['prototype keys', `nonce=${NONCE}&__proto__=x&constructor=y`, /fält som inte hör till enkäten/],
  ];
  it.each(cases)('%s', async (_name, body, message) => {
    const t = await setup();
    const nonce = await t.nonce();
    const filled =
      typeof body === 'string'
        ? body.replace(NONCE, nonce)
        : Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === NONCE ? nonce : v]));
    const res = await request(t.app)
      .post(t.url)
      .type('form')
      .send(filled as never);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
    expect(res.text).toContain('Inget har sparats');
    expect(await counts(t)).toEqual({ responses: 0, answers: 0, texts: 0, nonces: 0 });
  });

  it('keeps the answers already given and explains the problem next to its question', async () => {
    const t = await setup();
    const nonce = await t.nonce();
    const res = await request(t.app)
      .post(t.url)
      .type('form')
      .send({ nonce, kon: 'man', tid: '9', nytta: '5', skillnad: '<script>alert(1)</script>' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="err-tid"/);
    expect(res.text).toMatch(/name="nytta" value="5"[^>]* checked/);
    expect(res.text).toMatch(/name="kon" value="man"[^>]* checked/);
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain(`value="${nonce}"`);
  });

  it('a body over the size limit', async () => {
    const t = await setup();
    const res = await request(t.app)
      .post(t.url)
      .type('form')
      .send(`nonce=${await t.nonce()}&skillnad=${'a'.repeat(70_000)}`);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/för stort/);
    expect((await counts(t)).responses).toBe(0);
  });

  it('a required question left blank (a förbund may mark questions required)', async () => {
    const t = await setup();
    const q = structuredClone(surveys.get('nns-deltagare-avslut')!);
    q.questions.find((x) => x.id === 'tid')!.required = true;
    const { validateSubmission } = await import('../../server/survey/answerRules.js');
    const result = validateSubmission(q, surveys.scales, { nonce: await t.nonce() });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.byQuestion.tid).toMatch(/måste besvaras/);
    expect((await counts(t)).responses).toBe(0);
  });
});

describe('round states', () => {
  it('unknown token: 404', async () => {
    const t = await setup();
    const res = await request(t.app).get('/e/doesnotexistdoesnotexist');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Enkäten finns inte');
  });

  it('closed round: 410 on GET and POST, nothing stored', async () => {
    const t = await setup({ closesOn: '2000-01-31' });
    expect((await request(t.app).get(t.url)).status).toBe(410);
    const post = await request(t.app)
      .post(t.url)
      .type('form')
      .send({ nonce: await t.nonce(), tid: '4' });
    expect(post.status).toBe(410);
    expect(post.text).toContain('stängd');
    expect((await counts(t)).responses).toBe(0);
  });

  it('manually closed round: 410', async () => {
    const t = await setup();
    await t.db.run('UPDATE rounds SET closed = 1 WHERE id = ?', [t.round.id]);
    expect((await request(t.app).get(t.url)).status).toBe(410);
  });

  it('round not yet open: a clear page, nothing stored', async () => {
    const t = await setup({ opensOn: '2999-01-01' });
    const res = await request(t.app).get(t.url);
    expect(res.status).toBe(403);
    expect(res.text).toContain('2999-01-01');
    expect(
      (
        await request(t.app)
          .post(t.url)
          .type('form')
          .send({ nonce: await t.nonce(), tid: '4' })
      ).status,
    ).toBe(403);
    expect((await counts(t)).responses).toBe(0);
  });

  it('kiosk round: the thank-you page offers and counts down to a fresh form', async () => {
    const t = await setup({ kiosk: true });
    const res = await request(t.app).get(`${t.url}/tack`);
    expect(res.text).toContain(`data-kiosk-url="${t.url}"`);
    expect(res.text).toMatch(/\/static\/kiosk\.[0-9a-f]{10}\.js/);
  });
});

describe('privacy at rest', () => {
  it('the database file holds no client IP address or user agent after submissions', async () => {
    const t = await setup();
    const ua = 'Mozilla/5.0 (FinsamTestAgent/9.9)';
    for (let i = 0; i < 5; i++) {
      await request(t.app)
        .post(t.url)
        .set('User-Agent', ua)
        .set('X-Forwarded-For', '203.0.113.77')
        .type('form')
        .send({ nonce: await t.nonce(), tid: '4', skillnad: 'hej' })
        .expect(303);
    }
    await t.db.close();
    const bytes = Buffer.concat([
      fs.readFileSync(t.db.path),
      fs.existsSync(`${t.db.path}-wal`) ? fs.readFileSync(`${t.db.path}-wal`) : Buffer.alloc(0),
    ]).toString('latin1');
    expect(bytes).toContain('hej');
    for (const needle of ['127.0.0.1', '::ffff:127', '203.0.113.77', 'FinsamTestAgent']) expect(bytes).not.toContain(needle);
  });
});
