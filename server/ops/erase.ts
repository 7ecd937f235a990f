// Making deleted data unreadable in the database file (docs/security.md, docs/operations.md).
//
// Every connection runs with secure_delete=ON (db/database.ts), so deleted rows are overwritten
// with zeros — but in WAL mode the old page images stay in the -wal file until a checkpoint, and
// pages freed by a delete stay in the file. After a purge or an import undo we therefore copy the
// WAL back and truncate it, rebuild the file with VACUUM and truncate the WAL again. VACUUM cannot
// run inside a transaction, so this runs through the writer queue with exclusive use of the
// writer connection: survey submissions wait for it (seconds on a large database) but are never
// mixed into it. Backups made before stay as they were and must be purged separately.
import type { Db } from '../db/database.js';

export interface EraseResult {
  /** False when a reader kept the WAL from being truncated (it is truncated at a later checkpoint). */
  walTruncated: boolean;
}

export async function eraseFreedData(db: Db): Promise<EraseResult> {
  if (db.path === ':memory:') return { walTruncated: true };
  return db.exclusive(async (tx) => {
    await tx.first('PRAGMA wal_checkpoint(TRUNCATE)');
    await tx.exec('VACUUM');
    const r = await tx.first<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
    return { walTruncated: (r?.busy ?? 0) === 0 };
  });
}
