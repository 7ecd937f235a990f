// The streaming import: bounded error lists, all or nothing with a late error after many good rows,
// chunked merging, encodings decided from a later chunk, and a batch left behind by a stopped
// process rolled back.
import { describe, expect, it } from 'vitest';
import { importOutcomes, listImports, MAX_ERRORS, MERGE_CHUNK } from '../../server/followup/importer.js';
import { CHUNK_BYTES } from '../../server/followup/csvStream.js';
import { HEADER, csv, memoryDb, snapshot, tempDb } from './helpers.js';

const row = (i: number, extra = '') => `Alfa;P${i};${i % 2 ? 'Kvinna' : 'Man'};1990;;;;Norr${extra};2024-01-10;;`;
const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => row(from + i));

describe('streaming import', () => {
  it('reports the first 100 problems in file order and counts the rest', async () => {
    const db = await memoryDb();
    const bad = Array.from({ length: 250 }, (_, i) => `Alfa;B${i};Xyz;1990;;;;;2024-01-10;;`);
    const r = await importOutcomes(db, { buffer: csv(HEADER, ...rows(10), ...bad), fileName: 'fel.csv', codebook: 'standard' });
    if (r.ok) throw new Error('expected rejection');
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.errorCount).toBe(250);
    expect(r.errors.map((e) => e.row)).toEqual(Array.from({ length: MAX_ERRORS }, (_, i) => 12 + i));
    await db.close();
  });

  it('counts duplicates beyond the first 100 and still names the earlier line for the first ones', async () => {
    const db = await memoryDb();
    const r = await importOutcomes(db, { buffer: csv(HEADER, ...rows(300), ...rows(300)), fileName: 'dubbel.csv', codebook: 'standard' });
    if (r.ok) throw new Error('expected rejection');
    expect(r.errorCount).toBe(300);
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.errors[0]).toMatchObject({ row: 302, column: 'Deltagar-ID' });
    expect(r.errors[0]!.message).toContain('på rad 2');
    await db.close();
  });

  it('stores nothing when one bad row comes after many good ones (several merge chunks long)', async () => {
    const { db, cleanup } = await tempDb();
    const first = await importOutcomes(db, { buffer: csv(HEADER, ...rows(5)), fileName: 'bas.csv', codebook: 'standard' });
    expect(first.ok).toBe(true);
    const before = await snapshot(db);
    const many = rows(3 * MERGE_CHUNK + 17);
    const late = csv(HEADER, ...many, 'Alfa;SEN;Kvinna;1990;;;;;2024-02-30;;', ...rows(10, 100000));
    const r = await importOutcomes(db, { buffer: late, fileName: 'sen.csv', codebook: 'standard' });
    expect(r).toMatchObject({ ok: false, errorCount: 1, errors: [{ row: many.length + 2, column: 'Startdatum' }] });
    expect(await snapshot(db)).toEqual(before);
    // Without the bad row the same file goes in whole: the 5 existing rows are updated.
    const good = await importOutcomes(db, { buffer: csv(HEADER, ...many), fileName: 'bra.csv', codebook: 'standard' });
    expect(good).toMatchObject({ ok: true, inserted: many.length - 5, updated: 5 });
    expect((await snapshot(db)).episodes).toBe(many.length);
    expect((await listImports(db))[0]).toMatchObject({ pending: false, canUndo: true, rows: many.length });
    await cleanup();
  });

  it('decides the encoding where the first non-ASCII byte appears, even chunks into the file', async () => {
    const db = await memoryDb();
    const ascii = rows(Math.ceil((2 * CHUNK_BYTES) / 40));
    const latin = Buffer.from(
      [HEADER.replace('Kön', 'Kon'), ...ascii, 'Alfa;Ö1;Kvinna;1990;Grundskola;;Försäkringskassan;Söder;2024-01-10;;'].join('\r\n'),
      'latin1',
    );
    const r = await importOutcomes(db, { buffer: latin, fileName: 'ansi.csv', codebook: 'standard' });
    expect(r).toMatchObject({ ok: true, encoding: 'windows-1252', inserted: ascii.length + 1 });
    expect(await db.first('SELECT district, referrer FROM episodes WHERE participant_ref = ?', ['Ö1'])).toEqual({
      district: 'Söder',
      referrer: 'Försäkringskassan',
    });
    await db.close();
  });

  it('rejects a file that mixes UTF-8 and Windows-1252', async () => {
    const db = await memoryDb();
    // UTF-8 from the header on; a Windows-1252 "ö" a few chunks later.
    const utf8 = csv(HEADER, ...rows(Math.ceil((2 * CHUNK_BYTES) / 40)));
    const mixed = Buffer.concat([utf8, Buffer.from(`${row(999999, 'ö')}\r\n`, 'latin1')]);
    const r = await importOutcomes(db, { buffer: mixed, fileName: 'blandad.csv', codebook: 'standard' });
    if (r.ok) throw new Error('expected rejection');
    expect(r.errors[0]!.message).toMatch(/teckenkodningar/);
    expect((await snapshot(db)).episodes).toBe(0);
    await db.close();
  });

  it('rolls back a batch left half-written by a process that stopped, before the next import', async () => {
    const db = await memoryDb();
    const r = await importOutcomes(db, { buffer: csv(HEADER, ...rows(3)), fileName: 'a.csv', codebook: 'standard' });
    if (!r.ok) throw new Error('import failed');
    const clean = await snapshot(db);
    // What a crash in the middle of writing leaves: a batch without completed_at, rows of its own.
    const stale = await db.run(
      "INSERT INTO import_batches (imported_at, file_name, codebook, rows_in_file, heartbeat) VALUES ('2024-01-01T00:00:00Z', 'x.csv', 'standard', 9, '2024-01-01T00:00:00Z')",
    );
    await db.run(
      "INSERT INTO episodes (insats_id, participant_ref, start_date, gender, created_batch_id, updated_batch_id) SELECT insats_id, 'HALV', start_date, gender, ?1, ?1 FROM episodes LIMIT 1",
      [stale.lastID],
    );
    expect((await listImports(db))[0]).toMatchObject({ id: stale.lastID, pending: true, canUndo: false });
    const next = await importOutcomes(db, { buffer: csv(HEADER, row(99)), fileName: 'b.csv', codebook: 'standard' });
    expect(next).toMatchObject({ ok: true, inserted: 1 });
    expect(await db.first("SELECT COUNT(*) AS n FROM episodes WHERE participant_ref = 'HALV'")).toEqual({ n: 0 });
    expect((await listImports(db)).map((b) => b.fileName)).toEqual(['b.csv', 'a.csv']);
    expect((await snapshot(db)).episodes).toBe(clean.episodes! + 1);
    await db.close();
  });

  it('refuses to start while another process is writing an import', async () => {
    const db = await memoryDb();
    await db.run(
      "INSERT INTO import_batches (imported_at, file_name, codebook, rows_in_file, heartbeat) VALUES (?, 'x.csv', 'standard', 9, ?)",
      [new Date().toISOString(), new Date().toISOString()],
    );
    const r = await importOutcomes(db, { buffer: csv(HEADER, row(1)), fileName: 'b.csv', codebook: 'standard' });
    expect(r).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/skrivs just nu/) }] });
    await db.close();
  });
});
