// Property-based tests of the survey endpoint with random and hostile input: never a 500, never a
// partial write, never script injection. Fixed seed and bounded runs; FUZZ_RUNS raises the count.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import request from 'supertest';
import { makeRound, surveys, testApp } from '../helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = 20261123;
const q = surveys.get('nns-deltagare-avslut')!;
const ids = q.questions.map((x) => x.id);

const HOSTILE = [
  "' OR 1=1; DROP TABLE responses; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  'prototype',
  '%C3%28',
  '%FF%FE',
  '\u0000',
  '\uD800',
  '=cmd|" /C calc"!A0',
  'vet-ej',
  'ja',
  '7',
  '-1',
  '1e9',
  ' 4 ',
];

const key = fc.oneof(fc.constantFrom(...ids, 'nonce', '__proto__', 'constructor', 'a[b]', 'tid[]', 'hasOwnProperty'), fc.string({ maxLength: 12 }));
const value = fc.oneof(
  fc.constantFrom(...HOSTILE, '1', '2', '3', '4', '5', '6', 'kvinna', 'man', 'annat', 'nej'),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 1900, maxLength: 2300 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
/** Percent-encodes anything, lone surrogates included (encodeURIComponent refuses those). */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
};
// Raw urlencoded bodies, including invalid percent-escapes and repeated keys.
const body = fc
  .array(fc.tuple(key, value, fc.boolean()), { maxLength: 25 })
  .map((pairs) => pairs.map(([k, v, raw]) => `${enc(k)}=${raw ? v.replace(/[&=]/g, '') : enc(v)}`).join('&'));

describe('survey endpoint under hostile input', () => {
  it('answers 303 or 400 (never 500), writes all or nothing, and never echoes markup raw', async () => {
    const t = await testApp({ submitLimitPerMinute: 1_000_000 });
    const round = await makeRound(t.db);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (raw, withNonce) => {
        n += 1;
        const payload = withNonce ? `nonce=fuzz${String(n).padStart(20, '0')}&${raw}` : raw;
        const before = (await t.db.first<{ r: number; a: number; x: number; nn: number }>(
          'SELECT (SELECT COUNT(*) FROM responses) r, (SELECT COUNT(*) FROM answers) a, (SELECT COUNT(*) FROM text_answers) x, (SELECT COUNT(*) FROM submission_nonces) nn',
        ))!;
        const res = await request(t.app).post(`/e/${round.token}`).type('form').send(payload);
        expect([303, 400]).toContain(res.status);
        const after = (await t.db.first<typeof before>(
          'SELECT (SELECT COUNT(*) FROM responses) r, (SELECT COUNT(*) FROM answers) a, (SELECT COUNT(*) FROM text_answers) x, (SELECT COUNT(*) FROM submission_nonces) nn',
        ))!;
        if (res.status === 400) {
          expect(after).toEqual(before);
          expect(res.text).not.toMatch(/<script>alert|<img src=x/);
        } else {
          expect(after.r).toBe(before.r + 1);
          expect(after.nn).toBe(before.nn + 1);
          // Every stored closed answer is a value the questionnaire allows.
          const bad = await t.db.all(
            `SELECT question_id, value FROM answers WHERE response_id = (SELECT MAX(id) FROM responses)
               AND value NOT IN ('1','2','3','4','5','6','ja','nej','kvinna','man','annat')`,
          );
          expect(bad).toEqual([]);
        }
        expect(res.headers['set-cookie']).toBeUndefined();
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('never stores an answer for a follow-up that was not shown', async () => {
    const t = await testApp({ submitLimitPerMinute: 1_000_000 });
    const round = await makeRound(t.db);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('ja', 'nej', '', 'vet-ej', 'JA'), fc.constantFrom('1', '4', '6'), async (need, support) => {
        n += 1;
        const res = await request(t.app)
          .post(`/e/${round.token}`)
          .type('form')
          .send({ nonce: `followup${String(n).padStart(20, '0')}`, behov_kontakt: need, stod_kontakt: support });
        if (need === 'ja' || need === '') expect(res.status).toBe(303);
        const stored = await t.db.first<{ n: number }>(
          "SELECT COUNT(*) AS n FROM answers WHERE question_id = 'stod_kontakt' AND response_id = (SELECT MAX(id) FROM responses)",
        );
        if (res.status === 303) expect(stored!.n).toBe(need === 'ja' ? 1 : 0);
      }),
      { numRuns: 40, seed: SEED },
    );
  });
});
