// Nothing stored keeps the order in which responses arrived (docs/security.md, "Ingen ordning"):
// not the response ids, not the rowids, not the keys of answers and free texts, and not what the
// kansli's pages use to name a free text. Migration 009 renumbers the responses stored before it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { issueNonce, makeRound, tempDbPath, testApp } from '../helpers.js';
import { openDatabase, type Db } from '../../server/db/database.js';
import { listMigrations, migrate } from '../../server/db/migrate.js';
import { createSubmissionWriter, randomIds } from '../../server/survey/submissions.js';

/** Spearman's rank correlation of two equally long lists of distinct numbers or strings. */
function rankCorrelation(a: (number | string)[], b: (number | string)[]): number {
  const ranks = (xs: (number | string)[]) => {
    const order = xs.map((x, i) => [x, i] as const).sort((p, q) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0));
    const r = new Array<number>(xs.length);
    order.forEach(([, i], rank) => (r[i] = rank));
    return r;
  };
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const d2 = ra.reduce((sum, r, i) => sum + (r - rb[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

const isMonotone = (xs: (number | string)[]) =>
  xs.every((x, i) => i === 0 || x > xs[i - 1]!) || xs.every((x, i) => i === 0 || x < xs[i - 1]!);

/**
 * For n items in submission order: not monotone (a random order is monotone with chance 2/n!) and
 * not strongly correlated (|ρ| ≥ 0.7 is about five standard deviations for n = 50: never in practice).
 */
function expectNoOrder(keys: (number | string)[], what: string) {
  expect(new Set(keys).size, `${what}: distinct`).toBe(keys.length);
  expect(isMonotone(keys), `${what} follows submission order`).toBe(false);
  expect(
    Math.abs(
      rankCorrelation(
        keys.map((_, i) => i),
        keys,
      ),
    ),
    `${what} correlates with submission order`,
  ).toBeLessThan(0.7);
}

describe('no submission order in storage', () => {
  it('50 responses sent one after another: rowid, id, answer keys and text handles do not follow their order', async () => {
    const t = await testApp();
    const round = await makeRound(t.db);
    const N = 50;
    for (let i = 0; i < N; i++) {
      const nonce = await issueNonce(t.db, round.id);
      await request(t.app)
        .post(`/e/${round.token}`)
        .type('form')
        .send({ nonce, tid: String((i % 6) + 1), skillnad: `svar nummer ${String(i).padStart(2, '0')}` })
        .expect(303);
    }
    // The submission order of each response, from its free text.
    const rows = await t.db.all<{ rowid: number; id: number; handle: string; body: string; answer_key: number }>(
      `SELECT r.rowid AS rowid, r.id AS id, t.handle AS handle, t.body AS body,
              (SELECT COUNT(*) FROM answers a WHERE a.response_id < r.id) AS answer_key
         FROM responses r JOIN text_answers t ON t.response_id = r.id`,
    );
    expect(rows).toHaveLength(N);
    rows.sort((a, b) => a.body.localeCompare(b.body));
    expectNoOrder(
      rows.map((r) => r.rowid),
      'rowid',
    );
    expectNoOrder(
      rows.map((r) => r.id),
      'response id',
    );
    expectNoOrder(
      rows.map((r) => r.answer_key),
      'position of the answers in their key order',
    );
    expectNoOrder(
      rows.map((r) => r.handle),
      'free-text handle',
    );
    // The free texts in the table's own order (its primary key) are not in submission order either.
    const stored = (await t.db.all<{ body: string }>('SELECT body FROM text_answers')).map((r) => r.body);
    expectNoOrder(
      stored.map((b) => Number(b.slice(-2))),
      'free texts in table order',
    );
    await t.db.close();
  });

  it('response ids are random, exact in JavaScript, and a clash with an existing id is given a new one', async () => {
    const ids = randomIds(1000);
    expect(ids.every((id) => Number.isSafeInteger(id) && id >= 1)).toBe(true);
    expect(new Set(ids).size).toBe(1000);
    expect(Math.max(...ids)).toBeGreaterThan(2 ** 40); // spread over the whole range, not small counters

    const t = await testApp();
    const round = await makeRound(t.db);
    // Occupy ids as a "clash": force the first draws of the generator onto taken ids.
    const writer = createSubmissionWriter(t.db);
    const crypto = await import('node:crypto');
    const real = crypto.default.randomBytes;
    const taken = Buffer.alloc(8);
    taken.writeBigUInt64BE(42n);
    await t.db.run(
      "INSERT INTO responses (id, round_id, submitted_on, instrument_version, gender) VALUES (42, ?, '2024-01-01', 1, 'man')",
      [round.id],
    );
    let calls = 0;
    (crypto.default as { randomBytes: unknown }).randomBytes = ((n: number) =>
      calls++ === 0 ? Buffer.concat(Array.from({ length: n / 8 }, () => taken)) : real(n)) as typeof real;
    try {
      const outcomes = await Promise.all(
        ['a', 'b'].map((x) =>
          writer.submit({
            roundId: round.id,
            instrumentVersion: 1,
            date: '2024-05-01',
            nonce: `clash-nonce-${x}-xxxxxxxxxxxx`,
            gender: 'kvinna',
            answers: [{ questionId: 'tid', value: '4' }],
            texts: [],
          }),
        ),
      );
      expect(outcomes).toEqual(['stored', 'stored']);
    } finally {
      (crypto.default as { randomBytes: unknown }).randomBytes = real;
    }
    expect(calls).toBeGreaterThan(1);
    const stored = await t.db.all<{ id: number; gender: string; answers: number }>(
      'SELECT id, gender, (SELECT COUNT(*) FROM answers a WHERE a.response_id = r.id) AS answers FROM responses r ORDER BY gender',
    );
    expect(stored.map((r) => [r.gender, r.answers])).toEqual([
      ['kvinna', 1],
      ['kvinna', 1],
      ['man', 0],
    ]);
    expect(stored.filter((r) => r.id === 42)).toHaveLength(1);
    await t.db.close();
  });
});

describe('migration 009 renumbers the responses already stored', () => {
  async function databaseBefore009(): Promise<Db> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-migrations-'));
    for (const m of listMigrations().filter((x) => x.version < 9)) fs.writeFileSync(path.join(dir, m.name), m.sql);
    const db = await openDatabase(tempDbPath());
    await migrate(db, dir);
    return db;
  }

  it('keeps every response, answer, text and total; ids, rowids and text handles no longer follow the old order', async () => {
    const db = await databaseBefore009();
    await db.run("INSERT INTO insatser (name) VALUES ('A')");
    await db.run(
      "INSERT INTO rounds (token, instrument_id, instrument_version, insats_id, period, year) VALUES ('tokentokentokentoken', 'nns-deltagare-avslut', 1, 1, '2024', 2024)",
    );
    const N = 60;
    for (let i = 1; i <= N; i++) {
      const g = ['kvinna', 'man', 'annat'][i % 3]!;
      await db.run("INSERT INTO responses (id, round_id, submitted_on, instrument_version, gender) VALUES (?, 1, '2024-03-01', 1, ?)", [
        i,
        g,
      ]);
      await db.run(
        "INSERT INTO answers (response_id, round_id, question_id, value, gender) VALUES (?, 1, 'tid', ?, ?), (?, 1, 'nr', ?, ?)",
        [i, String((i % 6) + 1), g, i, `nr-${i}`, g],
      );
      if (i % 2 === 0)
        await db.run("INSERT INTO text_answers (response_id, round_id, question_id, body, hidden) VALUES (?, 1, 'skillnad', ?, ?)", [
          i,
          `text ${String(i).padStart(2, '0')}`,
          i % 10 === 0 ? 1 : 0,
        ]);
    }
    // What each response was, by content (old id → its answers, text, gender).
    const snapshot = async (key: 'old' | 'new') => {
      const rows = await db.all<{ id: number; gender: string; tid: string; nr: string; body: string | null; hidden: number | null }>(
        `SELECT r.id, r.gender,
                (SELECT value FROM answers a WHERE a.response_id = r.id AND a.question_id = 'tid') AS tid,
                (SELECT value FROM answers a WHERE a.response_id = r.id AND a.question_id = 'nr') AS nr,
                t.body, t.hidden
           FROM responses r LEFT JOIN text_answers t ON t.response_id = r.id`,
      );
      return { key, rows, content: rows.map(({ id: _id, ...rest }) => JSON.stringify(rest)).sort() };
    };
    const before = await snapshot('old');
    const totalsBefore = await db.all('SELECT * FROM answer_totals ORDER BY 1, 2, 3, 4');
    const responseTotalsBefore = await db.all('SELECT * FROM response_totals ORDER BY 1, 2');

    expect(await migrate(db)).toContain(9);

    const after = await snapshot('new');
    expect(after.rows).toHaveLength(N);
    expect(after.content).toEqual(before.content); // every response whole, with its own answers and text
    expect(await db.all('SELECT * FROM answer_totals ORDER BY 1, 2, 3, 4')).toEqual(totalsBefore);
    expect(await db.all('SELECT * FROM response_totals ORDER BY 1, 2')).toEqual(responseTotalsBefore);
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM answers'))!.n).toBe(2 * N);

    // In the old order of submission (the old id, found again through the content), the new ids,
    // rowids and handles are shuffled.
    const oldIdByContent = new Map(before.rows.map((r) => [JSON.stringify({ ...r, id: undefined }), r.id]));
    const byOldId = after.rows
      .map((r) => ({ ...r, old: oldIdByContent.get(JSON.stringify({ ...r, id: undefined }))! }))
      .sort((a, b) => a.old - b.old);
    expect(byOldId.map((r) => r.old)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expectNoOrder(
      byOldId.map((r) => r.id),
      'renumbered ids',
    );
    const rowids = await db.all<{ rowid: number; id: number }>('SELECT rowid AS rowid, id FROM responses');
    expect(rowids.every((r) => r.rowid === r.id)).toBe(true);
    const handles = await db.all<{ handle: string; body: string }>('SELECT handle, body FROM text_answers');
    expect(handles.every((h) => /^[0-9a-f]{32}$/.test(h.handle))).toBe(true);
    expectNoOrder(
      handles.sort((a, b) => a.body.localeCompare(b.body)).map((h) => h.handle),
      'text handles',
    );

    // The rebuilt tables still keep the totals and cascade deletes.
    const victim = byOldId[0]!;
    await db.run('DELETE FROM responses WHERE id = ?', [victim.id]);
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM answers WHERE response_id = ?', [victim.id]))!.n).toBe(0);
    expect((await db.first<{ n: number }>('SELECT SUM(n) AS n FROM response_totals'))!.n).toBe(N - 1);
    expect((await db.first<{ n: number }>("SELECT SUM(n) AS n FROM answer_totals WHERE question_id = 'tid'"))!.n).toBe(N - 1);
    const fk = await db.all('PRAGMA foreign_key_check');
    expect(fk).toEqual([]);
    await db.close();
  });
});
