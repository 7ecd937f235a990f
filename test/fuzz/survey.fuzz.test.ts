// Property-based fuzzing of the public survey endpoint (POST /e/:token) with random and hostile
// form bodies. Fixed seed and bounded runs, so it is fast and reproducible; for a long run:
//   FUZZ_RUNS=5000 npx vitest run test/fuzz/survey.fuzz.test.ts
//
// Properties:
// - never a 500: only 303 (stored or duplicate) or 400 (the form with its error summary, or a page
//   with a link to a fresh form for a nonce the server did not issue for the round, or an empty form);
// - the status agrees with an independent model of the rules (the parsed body is taken from the
//   same parser settings as the app's, so the model judges exactly what the validator saw);
// - never a partial write: after a 400 the response, answer, text and nonce counts are unchanged;
//   after a 303 exactly one response holds exactly the valid answers (or nothing, for a reused nonce);
// - never an unescaped injection: the page holds no <script> but its own, no event-handler
//   attribute and no tag outside the template's set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import qs from 'qs';
import request from 'supertest';
import { issueNonce, makeRound, surveys, testApp } from '../helpers.js';
import type { Db } from '../../server/db/database.js';
import { allowedValues, type Questionnaire } from '../../surveys/types.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20240917);
const BODY_LIMIT = 64 * 1024;
const PARAMETER_LIMIT = 200;

let app: Awaited<ReturnType<typeof testApp>>['app'];
let db: Db;
const rounds: { token: string; id: number; q: Questionnaire }[] = [];

beforeAll(async () => {
  // No rate limit here: the limiter has its own tests, and 429 would hide the answers' fate.
  const t = await testApp({ submitLimitPerMinute: 1_000_000_000 });
  app = t.app;
  db = t.db;
  for (const instrumentId of ['nns-deltagare-avslut', 'nns-personal']) {
    const r = await makeRound(db, { instrumentId });
    rounds.push({ token: r.token, id: r.id, q: surveys.get(instrumentId)! });
  }
});

afterAll(async () => {
  await db?.close();
});

async function counts() {
  return (await db.first<{ responses: number; answers: number; texts: number; nonces: number }>(
    `SELECT (SELECT COUNT(*) FROM responses) AS responses, (SELECT COUNT(*) FROM answers) AS answers,
            (SELECT COUNT(*) FROM text_answers) AS texts, (SELECT COUNT(*) FROM submission_nonces) AS nonces`,
  ))!;
}

// ---------------------------------------------------------------------------------------------
// Generators

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><script>alert(document.domain)</script>',
  "'><img src=x onerror=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '" onfocus="alert(1)" autofocus="',
  'javascript:alert(1)',
  "'; DROP TABLE responses; --",
  "1' OR '1'='1",
  '1); DELETE FROM answers; --',
  '${7*7}<%= 7*7 %>{{7*7}}',
  '=HYPERLINK("http://x")',
  '\u0000',
  '\u202Eevil',
  '\uFEFF4',
  ' 4 ',
  '4\r\n',
  '%C3%28',
  '\uD800',
  'ja ',
  'JA',
  'vet-ej',
  '7',
  '0',
  '-1',
  '1e0',
  '',
];
const BAD_ESCAPES = ['%C3%28', '%FF', '%', '%E2%82', '%ZZ', '%00', '%C0%AF', '%ED%A0%80', '%F4%90%80%80', '%2', '+%'];
const SPECIAL_KEYS = [
  'nonce',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__proto__[x]',
  'a[b]',
  'tid[]',
  'tid[0]',
  'kon[x]',
  'nonce[]',
  '',
  '[]',
  'tid]',
  'skillnad[]',
  'utf8',
];

function questionIds(): string[] {
  return [...new Set(['nns-deltagare-avslut', 'nns-personal'].flatMap((id) => surveys.get(id)!.questions.map((q) => q.id)))];
}
const VALID_VALUES = ['1', '2', '3', '4', '5', '6', 'ja', 'nej', 'vet-ej', 'kvinna', 'man', 'annat'];

const keyArb = fc.oneof(
  { arbitrary: fc.constantFrom(...questionIds()), weight: 6 },
  { arbitrary: fc.constantFrom(...SPECIAL_KEYS), weight: 2 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
);

const valueArb = fc.oneof(
  { arbitrary: fc.constantFrom(...VALID_VALUES), weight: 6 },
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  // Long values as "@<char>*<n>", expanded when the body is built, so that counterexamples stay readable.
  { arbitrary: fc.integer({ min: 1900, max: 2600 }).map((n) => `@å*${n}`), weight: 1 }, // near the 2000 limit
  { arbitrary: fc.integer({ min: 10_000, max: 40_000 }).map((n) => `@x*${n}`), weight: 1 }, // near the body limit
);
const expand = (s: string) => {
  const m = /^@(.)\*(\d+)$/u.exec(s);
  return m ? m[1]!.repeat(Number(m[2])) : s;
};

type Encoding = 'encoded' | 'raw' | 'bad-escape';
const pairArb = fc.record({
  key: keyArb,
  value: valueArb,
  encoding: fc.constantFrom<Encoding>('encoded', 'encoded', 'encoded', 'raw', 'bad-escape'),
  escape: fc.constantFrom(...BAD_ESCAPES),
});

/** One submission: a round, a nonce strategy and the fields (mostly valid answers, sometimes junk). */
const submissionArb = fc.record({
  round: fc.nat(1),
  nonce: fc.constantFrom('fresh', 'fresh', 'fresh', 'fresh', 'reuse', 'missing', 'twice', 'short', 'hostile'),
  noncePos: fc.nat(1000),
  valid: fc.array(fc.tuple(fc.nat(20), fc.nat(20)), { maxLength: 12 }),
  junk: fc.oneof(
    { arbitrary: fc.constant([]), weight: 6 },
    { arbitrary: fc.array(pairArb, { maxLength: 8 }), weight: 4 },
    { arbitrary: fc.array(pairArb, { minLength: 150, maxLength: 260 }), weight: 1 }, // huge numbers of fields
  ),
  crlf: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Encoding the body, and the model

/** Per round: the nonces the server issued (the only ones it accepts) and those already used. */
const issuedNonces = new Map<number, Set<string>>();
const usedNonces = new Map<number, string[]>();
async function freshNonce(roundId: number): Promise<string> {
  const nonce = await issueNonce(db, roundId);
  if (!issuedNonces.has(roundId)) issuedNonces.set(roundId, new Set());
  issuedNonces.get(roundId)!.add(nonce);
  return nonce;
}

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser sends it). */
function encodeBytes(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8'))
    out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

function encodePart(value: string, mode: Encoding, escape: string): string {
  const s = expand(value);
  if (mode === 'raw') return s.replace(/[&=%]/g, (c) => encodeBytes(c)); // raw, but no extra fields
  if (mode === 'bad-escape') return encodeBytes(s) + escape;
  return encodeBytes(s);
}

interface Model {
  status: 303 | 400;
  /** For 400: the form again with its errors, or a page of its own (bad nonce, empty form). */
  page: 'form' | 'message' | null;
  /** For 303: the closed answers and texts that must be stored (null for a reused nonce). */
  answers: Record<string, string> | null;
  texts: Record<string, string> | null;
}

/** Judges the body as the validator's rules say, independently of its code. */
function model(q: Questionnaire, roundId: number, body: string): Model {
  const bad: Model = { status: 400, page: 'form', answers: null, texts: null };
  const message: Model = { status: 400, page: 'message', answers: null, texts: null };
  if (Buffer.byteLength(body) > BODY_LIMIT) return bad;
  if (body.length > 0 && body.split('&').length > PARAMETER_LIMIT) return bad;
  let fields: Record<string, unknown>;
  try {
    fields =
      body.length === 0
        ? {}
        : (qs.parse(body, {
            allowPrototypes: true,
            arrayLimit: body.split('&').length,
            depth: 0,
            charset: 'utf-8',
            parameterLimit: PARAMETER_LIMIT,
            strictDepth: true,
          }) as Record<string, unknown>);
  } catch {
    return bad;
  }
  const nonce = Object.hasOwn(fields, 'nonce') ? fields.nonce : undefined;
  if (typeof nonce !== 'string' || !issuedNonces.get(roundId)?.has(nonce)) return message;
  const ids = new Set(q.questions.map((x) => x.id));
  const blank = (k: string) => k === 'nonce' || (ids.has(k) && typeof fields[k] === 'string' && (fields[k] as string).trim() === '');
  if (Object.keys(fields).every(blank)) return message; // nothing answered at all
  for (const k of Object.keys(fields)) if (k !== 'nonce' && !ids.has(k)) return bad;
  const given: Record<string, string> = {};
  for (const question of q.questions) {
    if (!Object.hasOwn(fields, question.id)) continue;
    const raw = fields[question.id];
    if (typeof raw !== 'string') return bad; // arrays (a=1&a=2) and objects are never an answer
    const v = question.type === 'text' ? raw.replace(/\r\n?/g, '\n').trim() : raw.trim();
    if (v !== '') given[question.id] = v;
  }
  const answers: Record<string, string> = {};
  const texts: Record<string, string> = {};
  for (const question of q.questions) {
    const shown = !question.showIf || given[question.showIf.question] === question.showIf.equals;
    const v = given[question.id];
    if (!shown) continue; // the answer to a follow-up that was not shown is dropped
    if (v === undefined) {
      if (question.required) return bad;
      continue;
    }
    if (question.type === 'text') {
      if ([...v].length > (question.maxLength ?? 2000)) return bad;
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/.test(v)) return bad;
      texts[question.id] = v;
    } else {
      if (!allowedValues(question, surveys.scales).includes(v)) return bad;
      answers[question.id] = v;
    }
  }
  if (usedNonces.get(roundId)?.includes(nonce)) return { status: 303, page: null, answers: null, texts: null };
  return { status: 303, page: null, answers, texts };
}

const ALLOWED_TAGS = new Set(
  'html head meta title link script body a nav main h1 h2 p div ul li form input fieldset legend span bdi label textarea button footer'.split(
    ' ',
  ),
);

function checkPage(html: string, posted: string, page: 'form' | 'message') {
  expect((html.match(/<script/gi) ?? []).length, 'only the page’s own script').toBe(page === 'form' ? 1 : 0);
  if (page === 'form') expect(html).toMatch(/<script src="\/static\/survey\.[0-9a-f]{10}\.js" defer><\/script>/);
  expect(html, 'no event-handler attribute').not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)) expect(ALLOWED_TAGS, `tag <${m[1]}>`).toContain(m[1]!.toLowerCase());
  if (posted.includes('<script')) expect(html).not.toContain('<script>alert');
}

// ---------------------------------------------------------------------------------------------

describe('fuzzing POST /e/:token', () => {
  it(
    'never answers 500, never writes part of a response, never reflects markup',
    async () => {
      const seen = { stored: 0, duplicate: 0, rejected: 0 };
      await fc.assert(
        fc.asyncProperty(submissionArb, async (s) => {
          const round = rounds[s.round]!;
          const closed = round.q.questions.filter((x) => x.type !== 'text');
          const parts: string[] = [];
          // Valid answers: (question index, option index) pairs.
          const answered = new Set<string>();
          for (const [qi, oi] of s.valid) {
            const question = round.q.questions[qi % round.q.questions.length]!;
            if (answered.has(question.id)) continue; // repeats are the junk's job
            answered.add(question.id);
            if (question.type === 'text') {
              parts.push(`${question.id}=${encodeURIComponent(s.crlf ? 'Bra stöd.\r\nTack!' : 'Bra stöd – tack!')}`);
              continue;
            }
            const values = allowedValues(question, surveys.scales);
            parts.push(`${question.id}=${encodeURIComponent(values[oi % values.length]!)}`);
          }
          for (const p of s.junk)
            parts.push(
              `${encodePart(p.key, p.encoding === 'bad-escape' ? 'encoded' : p.encoding, p.escape)}=${encodePart(p.value, p.encoding, p.escape)}`,
            );
          let nonce = await freshNonce(round.id);
          const used = usedNonces.get(round.id) ?? [];
          if (s.nonce === 'reuse' && used.length > 0) nonce = used[s.noncePos % used.length]!;
          const nonceParts =
            s.nonce === 'missing'
              ? []
              : s.nonce === 'twice'
                ? [`nonce=${nonce}`, `nonce=${await freshNonce(round.id)}`]
                : s.nonce === 'short'
                  ? ['nonce=abc']
                  : s.nonce === 'hostile'
                    ? [`nonce=${encodeURIComponent("x' OR 1=1 --aaaaaaaaaaaaaaaa")}`]
                    : [`nonce=${nonce}`];
          for (const np of nonceParts) parts.splice(s.noncePos % (parts.length + 1), 0, np);
          const body = parts.join('&');

          const expected = model(round.q, round.id, body);
          const before = await counts();
          const idsBefore = new Set((await db.all<{ id: number }>('SELECT id FROM responses')).map((r) => r.id));
          const res = await request(app).post(`/e/${round.token}`).type('form').send(body);
          const after = await counts();

          expect([303, 400], `status ${res.status} for body ${body.slice(0, 300)}`).toContain(res.status);
          expect(
            res.status,
            `model and app disagree on ${JSON.stringify(body.slice(0, 400))}:\n${res.text.match(/<ul>[\s\S]*?<\/ul>/)?.[0] ?? ''}`,
          ).toBe(expected.status);
          expect(res.headers['set-cookie']).toBeUndefined();

          if (res.status === 400) {
            expect(after, 'a 400 must change nothing').toEqual(before);
            if (expected.page === 'form') expect(res.text).toContain('class="error-summary"');
            else expect(res.text).toContain(`<a class="button" href="/e/${round.token}">`);
            checkPage(res.text, body, expected.page!);
            seen.rejected++;
            return;
          }
          expect(res.headers.location).toBe(`/e/${round.token}/tack`);
          if (expected.answers === null) {
            expect(after, 'a reused nonce stores nothing').toEqual(before);
            seen.duplicate++;
            return;
          }
          expect(after.responses).toBe(before.responses + 1);
          expect(after.nonces).toBe(before.nonces + 1);
          // The new response: ids are random, so it is the one id that was not there before.
          const fresh = (await db.all<{ id: number }>('SELECT id FROM responses')).filter((r) => !idsBefore.has(r.id));
          expect(fresh).toHaveLength(1);
          const last = await db.first<{ id: number; round_id: number; gender: string; submitted_on: string }>(
            'SELECT id, round_id, gender, submitted_on FROM responses WHERE id = ?',
            [fresh[0]!.id],
          );
          expect(last!.round_id).toBe(round.id);
          expect(last!.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          const stored = await db.all<{ question_id: string; value: string }>(
            'SELECT question_id, value FROM answers WHERE response_id = ?',
            [last!.id],
          );
          const storedTexts = await db.all<{ question_id: string; body: string }>(
            'SELECT question_id, body FROM text_answers WHERE response_id = ?',
            [last!.id],
          );
          expect(Object.fromEntries(stored.map((r) => [r.question_id, r.value]))).toEqual(expected.answers);
          expect(Object.fromEntries(storedTexts.map((r) => [r.question_id, r.body]))).toEqual(expected.texts);
          expect(after.answers - before.answers).toBe(stored.length);
          expect(after.texts - before.texts).toBe(storedTexts.length);
          const kon = expected.answers.kon;
          expect(last!.gender).toBe(round.q.genderQuestion && (kon === 'kvinna' || kon === 'man') ? kon : 'annat');
          expect(closed.length).toBeGreaterThan(0);
          usedNonces.set(round.id, [...used, /(?:^|&)nonce=([^&]*)/.exec(body)![1]!]);
          seen.stored++;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      // The generator must reach every outcome, or the properties above prove little.
      if (process.env.FUZZ_RUNS) console.log('survey fuzz outcomes', seen);
      expect(seen.stored).toBeGreaterThan(RUNS / 10);
      expect(seen.rejected).toBeGreaterThan(RUNS / 10);
      expect(seen.duplicate).toBeGreaterThan(0);
    },
    120_000 + RUNS * 50,
  );

  it(
    'never answers 500 to odd content types, charsets and oversized bodies',
    async () => {
      const round = rounds[0]!;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            'application/x-www-form-urlencoded',
            'application/x-www-form-urlencoded; charset=iso-8859-1',
            'application/x-www-form-urlencoded; charset=utf-16',
            'application/x-www-form-urlencoded; charset=klingon',
            'application/json',
            'text/plain',
            'multipart/form-data; boundary=x',
            'application/x-www-form-urlencoded; charset=utf-8; boundary=',
          ),
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 200 }),
            fc.constantFrom(
              '{"__proto__":{"x":1},"nonce":"aaaaaaaaaaaaaaaaaaaaaaaa"}',
              '--x\r\nContent-Disposition: form-data; name="tid"\r\n\r\n4\r\n--x--',
              'tid=4&nonce=' + 'a'.repeat(24),
            ),
            fc.integer({ min: 65_000, max: 70_000 }).map((n) => `nonce=${'b'.repeat(24)}&skillnad=${'y'.repeat(n)}`),
          ),
          fc.boolean(),
          async (contentType, body, gzip) => {
            const before = await counts();
            const req = request(app).post(`/e/${round.token}`).set('Content-Type', contentType);
            if (gzip) req.set('Content-Encoding', 'gzip'); // claims gzip, is not
            const res = await req.send(body);
            expect([303, 400], `${contentType} ${gzip ? 'gzip ' : ''}${JSON.stringify(body.slice(0, 120))}`).toContain(res.status);
            const after = await counts();
            if (res.status === 400) expect(after).toEqual(before);
            else expect(after.responses - before.responses).toBeLessThanOrEqual(1);
          },
        ),
        { seed: SEED, numRuns: Math.max(30, Math.round(RUNS / 3)) },
      );
    },
    120_000 + RUNS * 50,
  );

  it('never answers 500 to odd tokens in the address', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 70 }).map(encodeBytes),
          fc.constantFrom(...BAD_ESCAPES),
          fc.constantFrom('..', '%2e%2e', 'a/b', rounds[0]!.token + '%FF'),
        ),
        fc.constantFrom('', '/tack'),
        fc.constantFrom('GET', 'POST'),
        async (token, suffix, method) => {
          if (method === 'POST' && suffix) return;
          const path = `/e/${token}${suffix}`;
          const res = method === 'GET' ? await request(app).get(path) : await request(app).post(path).type('form').send('tid=4');
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
        },
      ),
      { seed: SEED, numRuns: Math.max(30, Math.round(RUNS / 3)) },
    );
  });
});
