import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../server/db/migrate.js';
import { openDatabase } from '../../server/db/database.js';
import { freshDb, tempDbPath } from '../helpers.js';

describe('database', () => {
  it('runs every migration on a fresh database, once', async () => {
    const db = await openDatabase(tempDbPath());
    const applied = await migrate(db);
    expect(applied).toEqual(listMigrations().map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    const tables = (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) => t.name);
    for (const t of ['insatser', 'rounds', 'responses', 'answers', 'text_answers', 'submission_nonces']) expect(tables).toContain(t);
    const pragmas = await db.exclusive(async (tx) => ({
      journal: (await tx.first<{ journal_mode: string }>('PRAGMA journal_mode'))!.journal_mode,
      fk: (await tx.first<{ foreign_keys: number }>('PRAGMA foreign_keys'))!.foreign_keys,
      busy: (await tx.first<{ timeout: number }>('PRAGMA busy_timeout'))!.timeout,
    }));
    expect(pragmas).toEqual({ journal: 'wal', fk: 1, busy: 5000 });
    await db.close();
  });

  it('a round’s answers are found through an index, not a scan (counts come from the running totals)', async () => {
    const db = await freshDb();
    const plan = await db.all<{ detail: string }>(
      'EXPLAIN QUERY PLAN SELECT response_id, question_id, value FROM answers WHERE round_id = 1',
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX answers_by_round/);
    await db.close();
  });

  it('keeps running totals equal to the answers through inserts, deletes and purges', async () => {
    const db = await freshDb();
    await db.run("INSERT INTO insatser (name) VALUES ('A')");
    await db.run(
      "INSERT INTO rounds (token, instrument_id, instrument_version, insats_id, period, year) VALUES ('t', 'x', 1, 1, '2024', 2024)",
    );
    for (let i = 1; i <= 30; i++) {
      const g = ['kvinna', 'man', 'annat'][i % 3]!;
      await db.run("INSERT INTO responses (id, round_id, submitted_on, instrument_version, gender) VALUES (?, 1, '2024-01-01', 1, ?)", [
        i,
        g,
      ]);
      await db.run(
        "INSERT INTO answers (response_id, round_id, question_id, value, gender) VALUES (?, 1, 'q', ?, ?), (?, 1, 'r', 'ja', ?)",
        [i, String(i % 4), g, i, g],
      );
    }
    await db.run('DELETE FROM responses WHERE id % 7 = 0'); // answers go by cascade
    const fromAnswers = await db.all('SELECT question_id, value, gender, COUNT(*) AS n FROM answers GROUP BY 1, 2, 3 ORDER BY 1, 2, 3');
    const fromTotals = await db.all('SELECT question_id, value, gender, n FROM answer_totals WHERE n > 0 ORDER BY 1, 2, 3');
    expect(fromTotals).toEqual(fromAnswers);
    const responses = await db.all('SELECT gender, COUNT(*) AS n FROM responses GROUP BY 1 ORDER BY 1');
    expect(await db.all('SELECT gender, n FROM response_totals ORDER BY 1')).toEqual(responses);
    await db.close();
  });

  it('a failing transaction does not roll back statements of concurrent requests', async () => {
    const db = await freshDb();
    const failing = db.transaction(async (tx) => {
      await tx.run("INSERT INTO insatser (name) VALUES ('A')");
      await new Promise((r) => setTimeout(r, 20));
      await tx.run("INSERT INTO insatser (name) VALUES ('B')");
      throw new Error('import failed');
    });
    // Arrives while the transaction above is open: must not be swallowed by its rollback.
    const concurrent = db.run("INSERT INTO insatser (name) VALUES ('C')");
    await expect(failing).rejects.toThrow('import failed');
    await concurrent;
    const names = (await db.all<{ name: string }>('SELECT name FROM insatser ORDER BY name')).map((r) => r.name);
    expect(names).toEqual(['C']);
    await db.close();
  });

  it('reads never see uncommitted data of a running transaction', async () => {
    const db = await freshDb();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = db.transaction(async (t) => {
      await t.run("INSERT INTO insatser (name) VALUES ('halvfärdig')");
      await gate;
      throw new Error('rollback');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect((await db.all('SELECT * FROM insatser')).length).toBe(0);
    release();
    await expect(tx).rejects.toThrow();
    await db.close();
  });
});
