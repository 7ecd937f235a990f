// Re-import updates instead of duplicating; undo restores the state before a batch; undo is refused
// while a later batch that has not been undone touched the same rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes, listImports, undoImport } from '../../server/followup/importer.js';
import { HEADER, csv, snapshot, tempDb } from './helpers.js';

const FILE_A = csv(
  HEADER,
  'Alfa;X1;Kvinna;1990;Gymnasium;1–2 år;Försäkringskassan;Norr;2024-01-10;2024-03-01;Arbete',
  'Alfa;X2;Man;1985;Gymnasium;2–5 år;Arbetsförmedlingen;Syd;2024-02-10;;',
  'Beta;X3;Kvinna;1970;;;;;2024-02-10;;',
);
// X2 ends, X4 is new, Gamma is a new insats.
const FILE_B = csv(
  HEADER,
  'alfa;X2;Man;1985;Eftergymnasial utbildning;2–5 år;Arbetsförmedlingen;Syd;2024-02-10;2024-10-01;Studier',
  'Alfa;X4;Kvinna;2000;;;;;2024-05-10;;',
  'Gamma;X5;Man;1999;;;;;2024-06-01;;',
);
// Touches only Beta's X3.
const FILE_C = csv(HEADER, 'Beta;X3;Kvinna;1970;Gymnasium;;;;2024-02-10;2024-12-01;Övrigt');

const ALL = `SELECT i.name AS insats, e.participant_ref, e.gender, e.birth_year, e.education, e.time_without_work,
                    e.referrer, e.district, e.start_date, e.end_date, e.end_reason, e.created_batch_id, e.updated_batch_id
             FROM episodes e JOIN insatser i ON i.id = e.insats_id ORDER BY i.name, e.participant_ref`;

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await tempDb());
});
afterEach(() => cleanup());

const imp = (buffer: Buffer, fileName: string) => importOutcomes(db, { buffer, fileName, codebook: 'standard', actor: 'anna' });

describe('re-import', () => {
  it('updates rows with the same Insats + Deltagar-ID + Startdatum instead of adding duplicates', async () => {
    expect(await imp(FILE_A, 'a.csv')).toMatchObject({ ok: true, batchId: 1, inserted: 3, updated: 0 });
    expect(await imp(FILE_A, 'a.csv')).toMatchObject({ ok: true, batchId: 2, inserted: 0, updated: 3, insatserCreated: [] });
    expect((await snapshot(db)).episodes).toBe(3);
    const b = await imp(FILE_B, 'b.csv');
    expect(b).toMatchObject({ ok: true, batchId: 3, inserted: 2, updated: 1, insatserCreated: ['Gamma'] });
    expect((await snapshot(db)).episodes).toBe(5);
    const x2 = await db.first('SELECT end_date, end_reason, education FROM episodes WHERE participant_ref = ?', ['X2']);
    expect(x2).toEqual({ end_date: '2024-10-01', end_reason: 'Studier', education: 'Eftergymnasial utbildning' });
  });
});

describe('undo', () => {
  it('restores the state before the batch, in reverse order, and refuses out of order', async () => {
    const empty = await db.all(ALL);
    await imp(FILE_A, 'a.csv');
    const afterA = await db.all(ALL);
    const insatserAfterA = await db.all('SELECT id, name FROM insatser ORDER BY id');
    await imp(FILE_B, 'b.csv');

    // A is blocked by B, which changed X2.
    const refused = await undoImport(db, 1);
    expect(refused).toMatchObject({ ok: false, blockedBy: [2] });
    if (!refused.ok) expect(refused.message).toMatch(/Import 1 kan inte ångras.*Ångra import 2 först/);
    expect(await db.all(ALL)).toHaveLength(5);

    const list = await listImports(db);
    expect(list.map((b) => [b.id, b.fileName, b.actor, b.inserted, b.updated, b.insatserCreated, b.canUndo])).toEqual([
      [2, 'b.csv', 'anna', 2, 1, 1, true],
      [1, 'a.csv', 'anna', 3, 0, 2, false],
    ]);
    expect(list[0]!.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(list[0]!.codebook).toBe('standard');

    // Undo B: X2 gets its old values back, X4 and X5 go, Gamma goes.
    expect(await undoImport(db, 2)).toEqual({ ok: true, batchId: 2, deleted: 2, restored: 1, insatserRemoved: ['Gamma'] });
    expect(await db.all(ALL)).toEqual(afterA);
    expect(await db.all('SELECT id, name FROM insatser ORDER BY id')).toEqual(insatserAfterA);
    expect((await listImports(db)).map((b) => [b.id, b.undone, b.canUndo])).toEqual([
      [2, true, false],
      [1, false, true],
    ]);

    // Now A can be undone.
    expect(await undoImport(db, 1)).toMatchObject({ ok: true, deleted: 3, restored: 0, insatserRemoved: ['Alfa', 'Beta'] });
    expect(await db.all(ALL)).toEqual(empty);
    expect(await snapshot(db)).toMatchObject({ episodes: 0, episode_history: 0, insatser: 0 });

    // Twice, or an unknown batch: plain Swedish refusals.
    const again = await undoImport(db, 1);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.message).toContain('redan ångrad');
    const unknown = await undoImport(db, 99);
    if (unknown.ok) throw new Error('expected refusal');
    expect(unknown.message).toContain('ingen import med nummer 99');
  });

  it('restores the previous values of a re-imported row, then lets the first batch be undone', async () => {
    await imp(FILE_A, 'a.csv');
    const afterA = await db.all(ALL);
    await imp(FILE_A, 'a-igen.csv');
    expect(await undoImport(db, 2)).toMatchObject({ ok: true, deleted: 0, restored: 3 });
    expect(await db.all(ALL)).toEqual(afterA);
    expect(await undoImport(db, 1)).toMatchObject({ ok: true, deleted: 3 });
  });

  it('does not block on a later batch that touched other rows', async () => {
    await imp(FILE_A, 'a.csv');
    await imp(FILE_B, 'b.csv');
    const beforeC = await db.all(ALL);
    await imp(FILE_C, 'c.csv'); // touches X3 from A only
    expect(await undoImport(db, 2)).toMatchObject({ ok: true });
    // A is now blocked by C (X3), not by B.
    expect(await undoImport(db, 1)).toMatchObject({ ok: false, blockedBy: [3] });
    expect(await undoImport(db, 3)).toMatchObject({ ok: true, restored: 1 });
    expect(await undoImport(db, 1)).toMatchObject({ ok: true });
    expect(beforeC).toHaveLength(5);
    expect(await db.all(ALL)).toEqual([]);
  });

  it('keeps an insats the batch created when something else now uses it', async () => {
    await imp(FILE_A, 'a.csv');
    const alfa = await db.first<{ id: number }>("SELECT id FROM insatser WHERE name = 'Alfa'");
    await db.run(
      "INSERT INTO rounds (token, instrument_id, instrument_version, insats_id, period, year) VALUES ('t', 'nns', 1, ?, '2024', 2024)",
      [alfa!.id],
    );
    expect(await undoImport(db, 1)).toMatchObject({ ok: true, deleted: 3, insatserRemoved: ['Beta'] });
    expect(await db.all('SELECT name FROM insatser')).toEqual([{ name: 'Alfa' }]);
  });

  it('a rejected file leaves the batch list untouched', async () => {
    await imp(FILE_A, 'a.csv');
    const r = await imp(csv(HEADER, 'Alfa;X9;Kvinna;1990;;;;;2024-01-01;2023-01-01;Arbete'), 'fel.csv');
    expect(r.ok).toBe(false);
    expect((await listImports(db)).map((b) => b.id)).toEqual([1]);
  });
});

describe('partial files', () => {
  it('a re-import without some columns leaves those stored values alone, and undo still restores', async () => {
    await imp(FILE_A, 'a.csv');
    const afterA = await db.all(ALL);
    const r = await imp(csv('Insats;Deltagar-ID;Kön;Startdatum', 'Alfa;X2;Man;2024-02-10'), 'smal.csv');
    expect(r).toMatchObject({ ok: true, inserted: 0, updated: 1 });
    const x2 = await db.first('SELECT education, referrer, end_date FROM episodes WHERE participant_ref = ?', ['X2']);
    expect(x2).toEqual({ education: 'Gymnasium', referrer: 'Arbetsförmedlingen', end_date: null });
    expect(await undoImport(db, 2)).toMatchObject({ ok: true, restored: 1 });
    expect(await db.all(ALL)).toEqual(afterA);
  });
});

describe('all or nothing', () => {
  it('a failure midway leaves nothing behind and does not swallow a concurrent write', async () => {
    await imp(FILE_A, 'a.csv');
    const before = await snapshot(db);
    await db.run("CREATE TRIGGER boom BEFORE INSERT ON episodes WHEN NEW.participant_ref = 'BOOM' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    const lines = [HEADER];
    for (let i = 0; i < 1200; i++) lines.push(`Ny insats;${i === 1100 ? 'BOOM' : `N${i}`};Kvinna;1990;;;;;2024-01-01;;`);
    const failing = imp(csv(...lines), 'trasig.csv');
    const concurrent = db.run("INSERT INTO insatser (name) VALUES ('Skapad under tiden')");
    await expect(failing).rejects.toThrow(/boom/);
    await concurrent;
    const after = await snapshot(db);
    expect(after).toEqual({ ...before, insatser: before.insatser! + 1 });
    expect(await db.first("SELECT name FROM insatser WHERE name = 'Ny insats'")).toBeUndefined();
    expect((await listImports(db)).map((b) => b.id)).toEqual([1]);
  });
});
