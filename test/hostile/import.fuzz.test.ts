// Property-based tests of the follow-up import and the sign-in form with hostile data.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import request from 'supertest';
import { freshDb, testApp } from '../helpers.js';
import { importOutcomes } from '../../server/outcomes/importer.js';
import { csrfOf } from '../web/helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = 20261123;
const HEADER = 'Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak';

const cell = fc.oneof(
  fc.constantFrom('Novum', 'Kvinna', 'Man', '2024-01-10', '2024-02-30', '2023-12-31', 'Arbete', 'Övrigt', '', '"', '""', 'a;b', 'rad\nbryt', '=1+1', '@SUM(A1)', '19121212-1212', "'; DROP TABLE episodes;--", '<script>', '\uFEFF'),
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 500, maxLength: 3000 }),
);
// Cells are quoted properly or, to make malformed CSV, left raw with their quotes and newlines.
const row = fc.array(fc.tuple(cell, fc.boolean()), { minLength: 0, maxLength: 14 }).map((cells) =>
  cells.map(([c, quote]) => (quote ? `"${c.replace(/"/g, '""')}"` : c)).join(';'),
);
const csvText = fc.tuple(fc.boolean(), fc.array(row, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([header, rows, eol]) =>
  [header ? HEADER : '', ...rows].join(eol),
);
const file = fc.oneof(
  csvText.map((t) => Buffer.from(t, 'utf8')),
  csvText.map((t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t.replace(/;/g, ','), 'utf8')])),
  csvText.map((t) => Buffer.from(t, 'latin1')),
  fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
);

describe('follow-up import under hostile input', () => {
  it('never throws, and a rejected file changes nothing', async () => {
    const db = await freshDb();
    const counts = async () =>
      (await db.first<{ e: number; b: number; i: number }>(
        'SELECT (SELECT COUNT(*) FROM episodes) e, (SELECT COUNT(*) FROM import_batches) b, (SELECT COUNT(*) FROM insatser) i',
      ))!;
    await fc.assert(
      fc.asyncProperty(file, async (buffer) => {
        const before = await counts();
        const result = await importOutcomes(db, { buffer, fileName: 'fuzz.csv', codebook: 'standard' });
        const after = await counts();
        if (!result.ok) {
          expect(after).toEqual(before);
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(e.message).not.toMatch(/19121212-?1212/);
        } else {
          expect(after.b).toBe(before.b + 1);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('sign-in form under hostile input', () => {
  it('never answers 500 and never gives a session for bad input', async () => {
    const { app } = await testApp();
    const agent = request.agent(app);
    const token = csrfOf((await agent.get('/kansli/logga-in')).text);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('name', 'password', '_csrf', 'back', '__proto__', 'constructor', 'x'), fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom("' OR 1=1 --", '<script>', '//evil.example', '/kansli/../x'))),
        fc.boolean(),
        async (fields, keepToken) => {
          const res = await agent.post('/kansli/logga-in').type('form').send({ ...fields, ...(keepToken ? { _csrf: token } : {}) });
          expect([401, 403, 429]).toContain(res.status);
          expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/finsam_sid=[^;]/);
          expect(res.text).not.toContain('<script>');
        },
      ),
      { numRuns: Math.min(RUNS, 60), seed: SEED },
    );
  });
});
