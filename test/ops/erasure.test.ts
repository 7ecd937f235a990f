// After a purge or an import undo, nothing of the deleted data can be read from the database file
// or its WAL (secure_delete, WAL checkpoint and VACUUM: server/ops/erase.ts).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freshDb, makeRound } from '../helpers.js';
import type { Db } from '../../server/db/database.js';
import { createSubmissionWriter } from '../../server/survey/submissions.js';
import { purgeOlderThan } from '../../server/ops/purge.js';
import { importOutcomes, undoImport } from '../../server/followup/importer.js';
import { HEADER, csv } from '../followup/helpers.js';

/** The raw bytes of the database file and its WAL, as one buffer each. */
function rawFiles(db: Db): Buffer[] {
  return [db.path, `${db.path}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
}

function traces(db: Db, marker: string): number {
  // UTF-8 as stored; also look for a shorter piece in case a page boundary cut the string.
  return rawFiles(db).filter((b) => b.includes(Buffer.from(marker)) || b.includes(Buffer.from(marker.slice(0, 12)))).length;
}

describe('erasure', () => {
  it('runs every connection with secure_delete on', async () => {
    const db = await freshDb();
    expect(await db.first('PRAGMA secure_delete')).toEqual({ secure_delete: 1 }); // the reader
    expect(await db.exclusive((tx) => tx.first('PRAGMA secure_delete'))).toEqual({ secure_delete: 1 }); // the writer
    await db.close();
  });

  it('a purged free-text answer leaves no trace in the .db or -wal file', async () => {
    const db = await freshDb();
    const round = await makeRound(db);
    const writer = createSubmissionWriter(db);
    const marker = 'QX7-purgeable-secret-Zebrafink';
    // Many old answers, so that the text spreads over pages that a plain DELETE would only free.
    for (let i = 0; i < 40; i++)
      await writer.submit({
        roundId: round.id,
        instrumentVersion: 1,
        date: '2018-03-01',
        nonce: `erase-nonce-${String(i).padStart(10, '0')}`,
        gender: 'kvinna',
        answers: [{ questionId: 'tid', value: '5' }],
        texts: [{ questionId: 'skillnad', body: `${marker} ${i} ${'x'.repeat(300)}` }],
      });
    await writer.submit({
      roundId: round.id,
      instrumentVersion: 1,
      date: '2024-03-01',
      nonce: 'erase-nonce-keep-000000',
      gender: 'man',
      answers: [{ questionId: 'tid', value: '4' }],
      texts: [{ questionId: 'skillnad', body: 'kvar' }],
    });
    expect(traces(db, marker)).toBeGreaterThan(0); // the check can see the text before the purge
    const r = await purgeOlderThan(db, 5, '2025-01-01');
    expect(r.responses).toBe(40);
    expect(traces(db, marker)).toBe(0);
    expect((await db.first<{ body: string }>('SELECT body FROM text_answers'))!.body).toBe('kvar');
    await db.close();
  });

  it('an undone import leaves no trace of its rows in the .db or -wal file', async () => {
    const db = await freshDb();
    const marker = 'Zq9Stadsdel-Ovanlig';
    const rows = Array.from({ length: 300 }, (_, i) => `Alfa;U${i};Kvinna;1990;;;;${marker}${i};2024-01-10;;`);
    const imported = await importOutcomes(db, { buffer: csv(HEADER, ...rows), fileName: 'radera.csv', codebook: 'standard' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(traces(db, marker)).toBeGreaterThan(0);
    expect(await undoImport(db, imported.batchId)).toMatchObject({ ok: true, deleted: 300 });
    expect(traces(db, marker)).toBe(0);
    await db.close();
  });
});
