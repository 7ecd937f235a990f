// The participant's language (?lang=): lang/dir and texts on every public page, the Swedish fallback
// for a questionnaire without the language, one cached form per language, and answers stored as the
// same values whatever the language (docs/security.md).
import { describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { issueNonce, makeRound, nonceOf, surveys, testApp } from '../helpers.js';
import { today } from '../../server/time.js';
import { createApp } from '../../server/app.js';
import { silentLogger } from '../../server/logger.js';
import { PAGE_LANGUAGES, messagesFor } from '../../server/web/public/messages.js';
import type { Db } from '../../server/db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';

async function setup(roundOverrides = {}) {
  const t = await testApp();
  const round = await makeRound(t.db, roundOverrides);
  const render = vi.spyOn(t.app, 'render');
  const formRenders = () => render.mock.calls.filter(([view]) => view === 'pages/survey').length;
  return { ...t, round, url: `/e/${round.token}`, formRenders };
}

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0];

/** Each response's answers as "question=value", sorted, one string per response. */
async function storedAnswers(db: Db): Promise<string[]> {
  const rows = await db.all<{ response_id: number; question_id: string; value: string }>('SELECT * FROM answers');
  const byResponse = new Map<number, string[]>();
  for (const r of rows) byResponse.set(r.response_id, [...(byResponse.get(r.response_id) ?? []), `${r.question_id}=${r.value}`]);
  return [...byResponse.values()].map((a) => a.sort().join('&')).sort();
}

describe('the form in the participant’s language', () => {
  it('renders English with lang="en", English questions, scale steps and page texts, and keeps ?lang=en in the action', async () => {
    const t = await setup();
    const res = await request(t.app).get(`${t.url}?lang=en`).expect(200);
    expect(htmlTag(res.text)).toBe('<html lang="en" dir="ltr">');
    expect(res.text).toContain('<h1>Questionnaire for you who are finishing a programme</h1>');
    expect(res.text).toContain('<span class="qtext">Have you been given enough time in the programme?</span>');
    expect(res.text).toContain('<span>Most of the time</span>');
    expect(res.text).toContain('<span>Woman</span>');
    expect(res.text).toContain('<span>Yes</span>');
    expect(res.text).toContain('Question 1 of 10');
    expect(res.text).toContain('Send answers');
    expect(res.text).toContain('Skip to content');
    expect(res.text).toContain(`action="/e/${t.round.token}?lang=en"`);
    expect(res.text).not.toContain('Har du fått tillräckligt med tid');
    expect(res.text).not.toContain('lang-notice');
    expect(res.text).not.toContain('lang="sv" dir="ltr">Har');
    // The language links are real links; the current one is marked.
    for (const l of PAGE_LANGUAGES) expect(res.text).toContain(`href="/e/${t.round.token}?lang=${l}"`);
    expect(res.text).toContain(`href="/e/${t.round.token}?lang=en" lang="en" dir="ltr" aria-current="page">English</a>`);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('renders Arabic right to left; questions it lacks are Swedish, marked lang="sv" dir="ltr", and the page says so', async () => {
    const t = await setup();
    const res = await request(t.app).get(`${t.url}?lang=ar`).expect(200);
    expect(htmlTag(res.text)).toBe('<html lang="ar" dir="rtl">');
    expect(res.text).toContain(`<p class="lang-notice">${messagesFor('ar').fallbackNotice}</p>`);
    expect(res.text).toContain('<h1 lang="sv" dir="ltr">Enkät till dig som avslutar en insats</h1>');
    expect(res.text).toContain('<span class="qtext" lang="sv" dir="ltr">Har du fått tillräckligt med tid i insatsen?</span>');
    expect(res.text).toContain('<span lang="sv" dir="ltr">Aldrig</span>');
    // The page's own words are Arabic, also the built-in yes/no answers.
    expect(res.text).toContain('<span>نعم</span>');
    expect(res.text).toContain('السؤال 1 من 10');
    expect(res.text).toContain('أرسل الإجابات');
    expect(res.text).toContain(`action="/e/${t.round.token}?lang=ar"`);
    // Every Swedish question text carries lang="sv".
    expect(res.text.match(/<span class="qtext" lang="sv" dir="ltr">/g)).toHaveLength(10);
  });

  it('renders easy-to-read Swedish as lang="sv" with its own page texts and a notice in lättläst', async () => {
    const t = await setup({ instrumentId: 'nns-personal' });
    const res = await request(t.app).get(`${t.url}?lang=sv-lattlast`).expect(200);
    expect(htmlTag(res.text)).toBe('<html lang="sv" dir="ltr">');
    expect(res.text).toContain('Frågorna finns inte på lättläst svenska än. De visas på vanlig svenska.');
    expect(res.text).toContain('Du behöver inte svara på alla frågor.');
    // Swedish inside a Swedish page needs no lang switch.
    expect(res.text).toContain('<span class="qtext">Upplever du att de du samverkar med');
  });

  it.each([
    ['an unknown language', '?lang=xx'],
    ['a wrongly cased one', '?lang=EN'],
    ['a repeated one', '?lang=en&lang=ar'],
    ['a bracketed one', '?lang[]=en'],
    ['a broken escape', '?lang=%FF'],
    ['an empty one', '?lang='],
  ])('falls back to Swedish for %s (%s), with a 200', async (_name, query) => {
    const t = await setup();
    const res = await request(t.app).get(`${t.url}${query}`).expect(200);
    expect(htmlTag(res.text)).toBe('<html lang="sv" dir="ltr">');
    expect(res.text).toContain('Skicka svaren');
    expect(res.text).toContain(`action="/e/${t.round.token}"`);
  });

  it('keeps one cached form per language, and never serves one language’s page for another', async () => {
    const t = await setup();
    const sv1 = await request(t.app).get(t.url).expect(200);
    const en1 = await request(t.app).get(`${t.url}?lang=en`).expect(200);
    const ar1 = await request(t.app).get(`${t.url}?lang=ar`).expect(200);
    const en2 = await request(t.app).get(`${t.url}?lang=en`).expect(200);
    const sv2 = await request(t.app).get(`${t.url}?lang=sv`).expect(200);
    const bogus = await request(t.app).get(`${t.url}?lang=xx`).expect(200);
    expect(t.formRenders()).toBe(3);
    for (const r of [sv1, sv2, bogus]) expect(htmlTag(r.text)).toBe('<html lang="sv" dir="ltr">');
    for (const r of [en1, en2]) expect(htmlTag(r.text)).toBe('<html lang="en" dir="ltr">');
    expect(htmlTag(ar1.text)).toBe('<html lang="ar" dir="rtl">');
    expect(en2.text.replace(nonceOf(en2.text), 'N')).toBe(en1.text.replace(nonceOf(en1.text), 'N'));
    expect(sv2.text.replace(nonceOf(sv2.text), 'N')).toBe(sv1.text.replace(nonceOf(sv1.text), 'N'));
  });
});

describe('answering in another language', () => {
  const answers = { kon: 'kvinna', tid: '4', nytta: '6', behov_kontakt: 'ja', stod_kontakt: '5', redo: '2' };

  it('stores the same values as in Swedish, without the language, and thanks in English', async () => {
    const t = await setup();
    const sv = await request(t.app).get(t.url);
    await request(t.app)
      .post(t.url)
      .type('form')
      .send({ nonce: nonceOf(sv.text), ...answers })
      .expect(303);
    const en = await request(t.app).get(`${t.url}?lang=en`);
    const post = await request(t.app)
      .post(`${t.url}?lang=en`)
      .type('form')
      .send({ nonce: nonceOf(en.text), ...answers })
      .expect(303);
    expect(post.headers.location).toBe(`${t.url}/tack?lang=en`);
    const [a, b] = await storedAnswers(t.db);
    expect(a).toBe(b);
    expect(a).toBe('behov_kontakt=ja&kon=kvinna&nytta=6&redo=2&stod_kontakt=5&tid=4');
    // Pooled: both count in the same round, gender bucket and question.
    const rows = await t.db.all<{ n: number }>(
      "SELECT COUNT(*) AS n FROM responses r JOIN answers a ON a.response_id = r.id WHERE r.round_id = ? AND r.gender = 'kvinna' AND a.question_id = 'tid' AND a.value = '4'",
      [t.round.id],
    );
    expect(rows[0]!.n).toBe(2);
    // Nothing in the responses records a language (docs/security.md).
    const columns = await t.db.all<{ name: string }>('PRAGMA table_info(responses)');
    expect(columns.map((c) => c.name).filter((c) => /lang|sprak|språk/i.test(c))).toEqual([]);

    const thanks = await request(t.app).get(post.headers.location!).expect(200);
    expect(htmlTag(thanks.text)).toBe('<html lang="en" dir="ltr">');
    expect(thanks.text).toContain('<h1>Thank you for your answers!</h1>');
    expect(thanks.text).toContain('You can close this page now.');
    expect(thanks.text).toContain('Accessibility statement (in Swedish)');
  });

  it('the kiosk thank-you page returns to a new form in the same language, with its countdown words', async () => {
    const t = await setup({ kiosk: true });
    const res = await request(t.app).get(`${t.url}/tack?lang=ar`).expect(200);
    expect(htmlTag(res.text)).toBe('<html lang="ar" dir="rtl">');
    expect(res.text).toContain(`data-kiosk-url="/e/${t.round.token}?lang=ar"`);
    expect(res.text).toContain(`href="/e/${t.round.token}?lang=ar">${messagesFor('ar').thanks.kioskNew}</a>`);
    expect(res.text).toContain(`data-kiosk-stop="${messagesFor('ar').thanks.kioskStop}"`);
    const sv = await request(t.app).get(`${t.url}/tack`).expect(200);
    expect(sv.text).toContain(`data-kiosk-url="/e/${t.round.token}"`);
    expect(sv.text).toContain('data-kiosk-stop="Stanna på den här sidan"');
  });

  it('says what to fix in the chosen language and keeps the language', async () => {
    const t = await setup();
    const en = await request(t.app).get(`${t.url}?lang=en`);
    const bad = await request(t.app)
      .post(`${t.url}?lang=en`)
      .type('form')
      .send({ nonce: nonceOf(en.text), tid: '9', kon: 'man' })
      .expect(400);
    expect(htmlTag(bad.text)).toBe('<html lang="en" dir="ltr">');
    expect(bad.text).toContain('Something needs to be corrected before the answers can be sent');
    expect(bad.text).toContain('Question 2: The answer is not one of the options. Choose one of the options.');
    expect(bad.text).toContain(`action="/e/${t.round.token}?lang=en"`);
    expect(bad.text).toMatch(/value="man" autocomplete="off" checked/);

    const ar = await request(t.app).get(`${t.url}?lang=ar`);
    const long = await request(t.app)
      .post(`${t.url}?lang=ar`)
      .type('form')
      .send({ nonce: nonceOf(ar.text), skillnad: 'x'.repeat(2001) })
      .expect(400);
    expect(htmlTag(long.text)).toBe('<html lang="ar" dir="rtl">');
    expect(long.text).toContain(messagesFor('ar').answers.tooLong(2001, 2000));
    expect(long.text).toContain(messagesFor('ar').errorSummaryHeading);
    expect((await t.db.first<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n).toBe(0);
  });

  it('says in English that a form left open too long must be sent again, keeping the answers', async () => {
    const t = await setup();
    const old = await issueNonce(t.db, t.round.id, today(new Date(Date.now() - 3 * 86_400_000)));
    const res = await request(t.app).post(`${t.url}?lang=en`).type('form').send({ nonce: old, tid: '4' }).expect(400);
    expect(res.text).toContain(messagesFor('en').answers.expired);
    expect(res.text).toMatch(/name="tid" value="4" autocomplete="off" checked/);
    expect(res.text).toContain(`action="/e/${t.round.token}?lang=en"`);
  });

  it('answers a bad nonce, an empty form and a too-large form in the chosen language, linking back with it', async () => {
    const t = await setup();
    const badNonce = await request(t.app)
      .post(`${t.url}?lang=en`)
      .type('form')
      .send({ nonce: 'a'.repeat(43), tid: '4' })
      .expect(400);
    expect(badNonce.text).toContain('<h1>The form could not be received</h1>');
    expect(badNonce.text).toContain(`href="/e/${t.round.token}?lang=en">Open a new, empty form</a>`);
    const ar = await request(t.app).get(`${t.url}?lang=ar`);
    const empty = await request(t.app)
      .post(`${t.url}?lang=ar`)
      .type('form')
      .send({ nonce: nonceOf(ar.text) })
      .expect(400);
    expect(htmlTag(empty.text)).toBe('<html lang="ar" dir="rtl">');
    expect(empty.text).toContain(messagesFor('ar').empty.heading);
    const big = await request(t.app)
      .post(`${t.url}?lang=sv-lattlast`)
      .type('form')
      .send({ nonce: nonceOf(ar.text), skillnad: 'x'.repeat(70_000) })
      .expect(400);
    expect(big.text).toContain(messagesFor('sv-lattlast').brokenBody);
  });
});

describe('the other public pages in the participant’s language', () => {
  it('closed, not yet open and missing questionnaires speak the chosen language', async () => {
    const t = await setup({ closesOn: '2001-01-01' });
    const closed = await request(t.app).get(`${t.url}?lang=en`).expect(410);
    expect(htmlTag(closed.text)).toBe('<html lang="en" dir="ltr">');
    expect(closed.text).toContain('<h1>The questionnaire is closed</h1>');
    const later = await makeRound(t.db, { opensOn: '2999-01-01' });
    const notYet = await request(t.app).get(`/e/${later.token}?lang=ar`).expect(403);
    expect(htmlTag(notYet.text)).toBe('<html lang="ar" dir="rtl">');
    expect(notYet.text).toContain(messagesFor('ar').notYetOpen('2999-01-01').text);
    const missing = await request(t.app).get('/e/finnsintefinnsintefinnsinte?lang=sv-lattlast').expect(404);
    expect(missing.text).toContain(messagesFor('sv-lattlast').notFound.text);
    const noThanks = await request(t.app).get('/e/finnsintefinnsintefinnsinte/tack?lang=en').expect(404);
    expect(noThanks.text).toContain('<h1>The page does not exist</h1>');
    // Pages outside the survey routes stay Swedish and well-formed.
    const other = await request(t.app).get('/ingenting-har?lang=ar').expect(404);
    expect(htmlTag(other.text)).toBe('<html lang="sv" dir="ltr">');
    expect(other.text).toContain('Hoppa till innehållet');
  });

  it('a failure on our side is explained in the chosen language; the Swedish statement stays Swedish', async () => {
    const t = await setup();
    const app = createApp({
      db: t.db,
      config: t.config,
      surveys,
      logger: silentLogger,
      submissions: { submit: () => Promise.reject(new Error('disk full (test)')), drain: async () => undefined },
    });
    const form = await request(app).get(`${t.url}?lang=ar`);
    const failed = await request(app)
      .post(`${t.url}?lang=ar`)
      .type('form')
      .send({ nonce: nonceOf(form.text), tid: '4' })
      .expect(500);
    expect(htmlTag(failed.text)).toBe('<html lang="ar" dir="rtl">');
    expect(failed.text).toContain(messagesFor('ar').failed.serverText);
    const sv = await request(app)
      .post(t.url)
      .type('form')
      .send({ nonce: nonceOf(form.text), tid: '4' })
      .expect(500);
    expect(sv.text).toContain('Något gick fel hos oss');
    const statement = await request(app).get('/tillganglighet?lang=ar').expect(200);
    expect(htmlTag(statement.text)).toBe('<html lang="sv" dir="ltr">');
  });

  it('marks only the untranslated texts of a partly translated questionnaire as Swedish, without the notice', async () => {
    const t = await setup();
    const q = surveys.get('nns-deltagare-avslut')!;
    const partial = { ...q, translations: { en: { title: 'Partly translated', questions: { tid: { text: 'Enough time?' } } } } };
    const registry: SurveyRegistry = { ...surveys, get: (id, v) => (id === q.id ? partial : surveys.get(id, v)) };
    const app = createApp({ db: t.db, config: t.config, surveys: registry, logger: silentLogger });
    const res = await request(app).get(`${t.url}?lang=en`).expect(200);
    expect(res.text).toContain('<h1>Partly translated</h1>');
    expect(res.text).toContain('<span class="qtext">Enough time?</span>');
    expect(res.text).toContain(
      '<span class="qtext" lang="sv" dir="ltr">Har du fått stöd på ett sätt som är till stor nytta för dig?</span>',
    );
    expect(res.text).toContain(`<p class="intro" lang="sv" dir="ltr">${q.intro}</p>`);
    expect(res.text).not.toContain('lang-notice');
  });
});

describe('message catalogues', () => {
  it('every language has every page text, and English and Arabic are not Swedish', () => {
    const sv = messagesFor('sv');
    const flat = (m: object): string[] =>
      Object.entries(m).flatMap(([k, v]) =>
        typeof v === 'function'
          ? flat({ [k]: (v as (a: number, b: number) => unknown)(3, 7) })
          : typeof v === 'object'
            ? flat(v as object)
            : k === 'fallbackNotice'
              ? []
              : [String(v)],
      );
    for (const lang of PAGE_LANGUAGES) {
      const texts = flat(messagesFor(lang));
      expect(texts.length, lang).toBe(flat(sv).length);
      expect(
        texts.filter((x) => x.trim() === ''),
        lang,
      ).toEqual([]);
    }
    const svTexts = new Set(flat(sv).filter((x) => x.length > 3));
    for (const lang of ['en', 'ar'] as const) {
      const same = flat(messagesFor(lang)).filter((x) => svTexts.has(x));
      expect(same, lang).toEqual([]);
    }
    // Every Arabic text is written in Arabic script (lang and dir codes are shorter than four letters).
    expect(flat(messagesFor('ar')).filter((x) => x.length > 3 && !/[\u0600-\u06FF]/.test(x))).toEqual([]);
  });
});
