// Property-based fuzzing of the kansli sign-in form (POST /kansli/logga-in). Fixed seed and bounded
// runs; for a long run: FUZZ_RUNS=5000 npx vitest run test/fuzz/signin.fuzz.test.ts
//
// Properties for any wrong or hostile input: never a 500, never a redirect into the kansli, and no
// cookie the response sets opens a kansli page. A positive control proves the check can succeed.
// The clock jumps 16 minutes per attempt, past the longest throttling delay (15 minutes, tested in
// test/web/auth.test.ts), so that every attempt reaches the password check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import request from 'supertest';
import { freshDb, surveys } from '../helpers.js';
import { createApp } from '../../server/app.js';
import { testConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { addUser } from '../../server/auth/users.js';
import type { Db } from '../../server/db/database.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20240917);
const NAME = 'anna-admin';
const PASSWORD = 'korrekt-häst-batteri-häftklammer';

let db: Db;
let app: ReturnType<typeof createApp>;
let now = Date.UTC(2025, 0, 1);

beforeAll(async () => {
  db = await freshDb();
  app = createApp({ db, config: testConfig({ dbPath: db.path }), surveys, logger: silentLogger, clock: () => now });
  await addUser(db, NAME, 'admin', PASSWORD, testConfig().scryptCost);
});
afterAll(async () => {
  await db?.close();
});

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookiesOf = (res: request.Response): string[] =>
  ([] as string[]).concat((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []);
const cookieHeader = (setCookies: string[]) =>
  setCookies
    .map((c) => c.split(';')[0]!)
    .filter((c) => !/=$/.test(c))
    .join('; ');

/** True when the cookies open a signed-in kansli page. */
async function opensKansli(cookie: string): Promise<boolean> {
  if (!cookie) return false;
  const res = await request(app).get('/kansli/omgangar').set('Cookie', cookie);
  return res.status === 200;
}

const HOSTILE = [
  "' OR '1'='1",
  "admin'--",
  '<script>alert(1)</script>',
  '%C3%28',
  '\u0000',
  ' '.repeat(3),
  'ANNA-ADMIN',
  NAME + ' ',
  ' ' + NAME,
  NAME,
  PASSWORD.toUpperCase(),
  PASSWORD + ' ',
  PASSWORD.slice(0, -1),
  '',
];
const BAD_ESCAPES = ['%C3%28', '%FF', '%', '%E2%82', '%00'];

const valueArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  // Long, but the whole body stays under the 64 kB limit (an oversized body is the test below).
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 9_000 }).map((n) => `@x*${n}`) },
);
const expand = (s: string) => {
  const m = /^@x\*(\d+)$/.exec(s);
  return m ? 'x'.repeat(Number(m[1])) : s;
};
const enc = (s: string) => {
  let out = '';
  for (const b of Buffer.from(s, 'utf8'))
    out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`;
  return out;
};

const attemptArb = fc.record({
  name: valueArb,
  password: valueArb,
  csrf: fc.constantFrom('right', 'right', 'right', 'wrong', 'missing', 'array', 'no-cookie'),
  nameShape: fc.constantFrom('plain', 'plain', 'plain', 'array', 'bracket', 'missing', 'proto', 'bad-escape'),
  escape: fc.constantFrom(...BAD_ESCAPES),
  back: fc.constantFrom('/kansli', '//evil.example', 'https://evil.example/', '/kansli/../../x', 'javascript:alert(1)', ''),
  extra: fc.array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })), { maxLength: 5 }),
});

describe('fuzzing the kansli sign-in form', () => {
  it('the right name and password do sign in (positive control)', async () => {
    const form = await request(app).get('/kansli/logga-in');
    expect(form.status).toBe(200);
    const res = await request(app)
      .post('/kansli/logga-in')
      .set('Cookie', cookieHeader(cookiesOf(form)))
      .type('form')
      .send({ _csrf: csrfOf(form.text), name: NAME, password: PASSWORD, back: '/kansli' });
    expect(res.status).toBe(303);
    expect(await opensKansli(cookieHeader([...cookiesOf(form), ...cookiesOf(res)]))).toBe(true);
  });

  it(
    'never answers 500 and never signs in on wrong or hostile input',
    async () => {
      await fc.assert(
        fc.asyncProperty(attemptArb, async (a) => {
          const name = expand(a.name);
          const password = expand(a.password);
          fc.pre(!(name === NAME && password === PASSWORD)); // that is the one right answer
          now += 16 * 60_000;
          const form = await request(app).get('/kansli/logga-in');
          expect(form.status).toBe(200);
          const token = csrfOf(form.text);
          const parts: string[] = [];
          if (a.csrf === 'right' || a.csrf === 'no-cookie') parts.push(`_csrf=${enc(token)}`);
          if (a.csrf === 'wrong') parts.push(`_csrf=${enc(token.slice(1) + 'A')}`);
          if (a.csrf === 'array') parts.push(`_csrf=${enc(token)}`, `_csrf=${enc(token)}`);
          if (a.nameShape === 'plain') parts.push(`name=${enc(name)}`);
          if (a.nameShape === 'array') parts.push(`name=${enc(name)}`, `name=${enc(NAME)}`);
          if (a.nameShape === 'bracket') parts.push(`name[x]=${enc(name)}`);
          if (a.nameShape === 'proto') parts.push(`__proto__=${enc(name)}`, `constructor=${enc(name)}`, `name=${enc(name)}`);
          if (a.nameShape === 'bad-escape') parts.push(`name=${enc(name)}${a.escape}`);
          parts.push(`password=${enc(password)}`, `back=${enc(a.back)}`);
          for (const [k, v] of a.extra) parts.push(`${enc(k)}=${enc(v)}`);
          const cookie = a.csrf === 'no-cookie' ? '' : cookieHeader(cookiesOf(form));
          const res = await request(app).post('/kansli/logga-in').set('Cookie', cookie).type('form').send(parts.join('&'));

          expect(res.status, `status for ${JSON.stringify(parts.join('&').slice(0, 200))}`).toBeLessThan(500);
          expect(res.status).not.toBe(303);
          expect(res.status).not.toBe(200);
          expect(res.headers.location).toBeUndefined();
          const set = cookiesOf(res);
          expect(
            set.filter((c) => /^finsam_sid=[^;]/.test(c)),
            'no session cookie',
          ).toEqual([]);
          expect(await opensKansli(cookieHeader([...cookiesOf(form), ...set]))).toBe(false);
          // Whatever was typed is shown escaped, if at all.
          if (name.includes('<script>')) expect(res.text).not.toContain('<script>alert');
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    120_000 + RUNS * 200,
  );

  // The kansli body parser's errors (413 for a body over 64 kB, 415 for a bad charset) keep their
  // client status in the app's error handler (they once became a 500 "Något gick fel hos oss").
  it('answers an oversized or undecodable sign-in form with a 4xx, not 500', async () => {
    const form = await request(app).get('/kansli/logga-in');
    const cookie = cookieHeader(cookiesOf(form));
    const big = await request(app)
      .post('/kansli/logga-in')
      .set('Cookie', cookie)
      .type('form')
      .send(`_csrf=${csrfOf(form.text)}&name=${'x'.repeat(70_000)}&password=x`);
    const charset = await request(app)
      .post('/kansli/logga-in')
      .set('Cookie', cookie)
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=klingon')
      .send('name=x&password=y');
    expect(big.status).toBe(413);
    expect(charset.status).toBe(415);
    expect(big.text).toContain('för stort');
  });
});
