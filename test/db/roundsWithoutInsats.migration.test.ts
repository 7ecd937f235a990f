// Migration 020 rebuilds rounds so that insats_id may be NULL: every round, response, answer, free
// text, nonce and running total survives with the same ids, and deleting a round still cascades.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../server/db/migrate.js';
import { openDatabase, type Db } from '../../server/db/database.js';
import { tempDbPath } from '../helpers.js';

/** A folder with the migrations before `version`, to build a database as it was. */
function migrationsBefore(version: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-mig-'));
  for (const m of listMigrations()) if (m.version < version) fs.writeFileSync(path.join(dir, m.name), m.sql);
  return dir;
}

/** PRAGMA foreign_keys on the writer connection (reads use another connection). */
const writerForeignKeys = (db: Db) =>
  db.exclusive(async (tx) => (await tx.first<{ foreign_keys: number }>('PRAGMA foreign_keys'))!.foreign_keys);

const snapshot = async (db: Db) => ({
  rounds: await db.all('SELECT * FROM rounds ORDER BY id'),
  responses: await db.all('SELECT * FROM responses ORDER BY id'),
  answers: await db.all('SELECT * FROM answers ORDER BY response_id, question_id'),
  texts: await db.all('SELECT * FROM text_answers ORDER BY handle'),
  nonces: await db.all('SELECT * FROM submission_nonces ORDER BY nonce'),
  answerTotals: await db.all('SELECT * FROM answer_totals ORDER BY 1, 2, 3, 4'),
  responseTotals: await db.all('SELECT * FROM response_totals ORDER BY 1, 2'),
});

describe('migration 020: rounds without an insats', () => {
  it('keeps old rounds and answers, allows NULL insats, and keeps the cascades and the index', async () => {
    const db = await openDatabase(tempDbPath());
    await migrate(db, migrationsBefore(20));
    expect((await db.first<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations'))!.v).toBe(19);
    await db.run("INSERT INTO insatser (name) VALUES ('Alfa'), ('Beta')");
    await db.run(
      `INSERT INTO rounds (id, token, instrument_id, instrument_version, insats_id, period, year, invited, invited_basis, invited_note, closed)
       VALUES (3, 'tok-a', 'nns-personal', 1, 1, '2023', 2023, 12, 'subgroup', 'lotsade', 1),
              (7, 'tok-b', 'nns-deltagare-avslut', 1, 2, '2024', 2024, NULL, 'enrolled', NULL, 0)`,
    );
    // Old databases must not accept a round without insats (so the test really exercises the change).
    await expect(
      db.run(
        "INSERT INTO rounds (token, instrument_id, instrument_version, insats_id, period, year) VALUES ('x', 'i', 1, NULL, 'p', 2024)",
      ),
    ).rejects.toThrow(/NOT NULL/);
    let id = 1000;
    for (const [round, gender, value] of [
      [3, 'kvinna', '4'],
      [3, 'man', '2'],
      [7, 'annat', '6'],
      [7, 'kvinna', '5'],
    ] as const) {
      id += 17;
      await db.run("INSERT INTO responses (id, round_id, submitted_on, instrument_version, gender) VALUES (?, ?, '2024-05-01', 1, ?)", [
        id,
        round,
        gender,
      ]);
      await db.run('INSERT INTO answers (response_id, round_id, question_id, value, gender) VALUES (?, ?, ?, ?, ?)', [
        id,
        round,
        'nytta',
        value,
        gender,
      ]);
      await db.run('INSERT INTO text_answers (response_id, round_id, question_id, body, handle) VALUES (?, ?, ?, ?, ?)', [
        id,
        round,
        'kommentar',
        `text ${id}`,
        `h${id}`,
      ]);
    }
    await db.run("INSERT INTO submission_nonces (nonce, round_id, used_on) VALUES ('n1', 3, '2024-05-01'), ('n2', 7, '2024-05-02')");
    const before = await snapshot(db);

    expect(await migrate(db, migrationsBefore(21))).toEqual([20]);
    expect(await snapshot(db)).toEqual(before);
    expect(await writerForeignKeys(db)).toBe(1);
    expect(await db.all('PRAGMA foreign_key_check')).toEqual([]);
    expect(await db.first("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'rounds_by_insats_year'")).toBeTruthy();
    expect(await db.first("SELECT name FROM sqlite_schema WHERE name = 'rounds_new'")).toBeUndefined();

    // Now a round may belong to the förbund, but not to an insats that does not exist.
    await db.run(
      "INSERT INTO rounds (token, instrument_id, instrument_version, insats_id, period, year) VALUES ('f', 'nns-styrelse', 1, NULL, '2024', 2024)",
    );
    await expect(
      db.run("INSERT INTO rounds (token, instrument_id, instrument_version, insats_id, period, year) VALUES ('g', 'i', 1, 99, 'p', 2024)"),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      db.run(
        "INSERT INTO rounds (token, instrument_id, instrument_version, insats_id, period, year) VALUES ('tok-a', 'i', 1, 1, 'p', 2024)",
      ),
    ).rejects.toThrow(/UNIQUE/);
    // The children refer to the new table: deleting a round still takes its responses, answers and nonces.
    await db.run('DELETE FROM rounds WHERE id = 3');
    expect(await db.all('SELECT round_id FROM responses GROUP BY round_id')).toEqual([{ round_id: 7 }]);
    expect(await db.all('SELECT DISTINCT round_id FROM answers')).toEqual([{ round_id: 7 }]);
    expect(await db.all('SELECT round_id FROM submission_nonces')).toEqual([{ round_id: 7 }]);
    await db.close();
  });

  it('changes nothing when the rebuild fails, and leaves foreign keys on', async () => {
    const db = await openDatabase(tempDbPath());
    const dir = migrationsBefore(20);
    await migrate(db, dir);
    await db.run("INSERT INTO insatser (name) VALUES ('Alfa')");
    await db.run(
      "INSERT INTO rounds (id, token, instrument_id, instrument_version, insats_id, period, year) VALUES (1, 't', 'i', 1, 1, '2024', 2024)",
    );
    await db.run("INSERT INTO responses (id, round_id, submitted_on, instrument_version, gender) VALUES (5, 1, '2024-05-01', 1, 'man')");
    fs.writeFileSync(path.join(dir, '020_broken.sql'), '-- migrate: foreign_keys off\nDROP TABLE rounds;\n');
    await expect(migrate(db, dir)).rejects.toThrow(/ogiltig referens/);
    expect(await db.all('SELECT id FROM rounds')).toEqual([{ id: 1 }]);
    expect(await db.all('SELECT id FROM responses')).toEqual([{ id: 5 }]);
    expect((await db.first<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations'))!.v).toBe(19);
    expect(await writerForeignKeys(db)).toBe(1);
    await db.close();
  });
});
