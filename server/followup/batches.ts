// The list of imports, undo, and the rollback of an import that could not be completed.
// Undo and rollback end by making the removed rows unreadable in the file (ops/erase.ts).
import type { Db, Tx } from '../db/database.js';
import { eraseFreedData } from '../ops/erase.js';
import { withImportLock } from './mergeGate.js';
import { STAGE_COLUMNS } from './staging.js';
import { revertVariables } from './variableStore.js';

export interface ImportBatch {
  id: number;
  /** ISO date-time (UTC). */
  importedAt: string;
  fileName: string;
  codebook: string;
  actor: string | null;
  rows: number;
  inserted: number;
  updated: number;
  insatserCreated: number;
  /** Still being written (or left behind by a process that stopped; rolled back by the next import). */
  pending: boolean;
  undone: boolean;
  undoneAt: string | null;
  /** False when pending, already undone or when a later import changed the same rows. */
  canUndo: boolean;
}

export type UndoResult =
  | { ok: true; batchId: number; deleted: number; restored: number; insatserRemoved: string[] }
  | { ok: false; message: string; blockedBy?: number[] };

/** A batch in progress whose heartbeat is older than this was left behind by a stopped process. */
const STALE_MS = 2 * 60 * 1000;

/** SQL: ids of later, not undone batches that touched a row batch ? inserted or updated. */
const BLOCKING_BATCHES = `
  SELECT DISTINCT h.batch_id AS id
  FROM episode_history h JOIN import_batches b ON b.id = h.batch_id
  WHERE h.batch_id > ?1 AND b.undone_at IS NULL
    AND h.episode_id IN (SELECT id FROM episodes WHERE created_batch_id = ?1
                         UNION SELECT episode_id FROM episode_history WHERE batch_id = ?1)
  ORDER BY h.batch_id`;

interface BatchRow {
  id: number;
  imported_at: string;
  file_name: string;
  codebook: string;
  actor: string | null;
  rows_in_file: number;
  inserted: number;
  updated: number;
  insatser_created: number;
  undone_at: string | null;
  completed_at: string | null;
  heartbeat: string | null;
}

/** All imports, newest first. */
export async function listImports(db: Db): Promise<ImportBatch[]> {
  const rows = await db.all<BatchRow & { blocked: number }>(
    `SELECT b.*,
       EXISTS (SELECT 1 FROM episode_history h JOIN import_batches l ON l.id = h.batch_id
               WHERE h.batch_id > b.id AND l.undone_at IS NULL
                 AND h.episode_id IN (SELECT id FROM episodes WHERE created_batch_id = b.id
                                      UNION SELECT episode_id FROM episode_history WHERE batch_id = b.id)) AS blocked
     FROM import_batches b ORDER BY b.id DESC`,
  );
  return rows.map((r) => ({
    id: r.id,
    importedAt: r.imported_at,
    fileName: r.file_name,
    codebook: r.codebook,
    actor: r.actor,
    rows: r.rows_in_file,
    inserted: r.inserted,
    updated: r.updated,
    insatserCreated: r.insatser_created,
    pending: r.completed_at === null && r.undone_at === null,
    undone: r.undone_at !== null,
    undoneAt: r.undone_at,
    canUndo: r.undone_at === null && r.completed_at !== null && !r.blocked,
  }));
}

/** Gives the rows a batch updated their previous values, deletes the rows it added and its insatser. */
async function revert(tx: Tx, id: number): Promise<{ deleted: number; restored: number; insatserRemoved: string[] }> {
  await revertVariables(tx, id); // needs the batch's episode_history, so first
  const restored = await tx.run(
    `UPDATE episodes SET ${STAGE_COLUMNS.map((c) => `${c} = h.${c}`).join(', ')}, updated_batch_id = h.updated_batch_id
     FROM episode_history h
     WHERE h.batch_id = ? AND h.episode_id = episodes.id`,
    [id],
  );
  await tx.run('DELETE FROM episode_history WHERE batch_id = ?', [id]);
  const deleted = await tx.run('DELETE FROM episodes WHERE created_batch_id = ?', [id]);

  const insatserRemoved: string[] = [];
  const created = await tx.all<{ id: number; name: string }>(
    `SELECT i.id, i.name FROM import_created_insatser c JOIN insatser i ON i.id = c.insats_id
     WHERE c.batch_id = ? ORDER BY i.id`,
    [id],
  );
  for (const ins of created) {
    const inUse = await tx.first('SELECT 1 FROM episodes WHERE insats_id = ? UNION ALL SELECT 1 FROM rounds WHERE insats_id = ? LIMIT 1', [
      ins.id,
      ins.id,
    ]);
    if (inUse) continue;
    try {
      // A foreign key from another table fails only this statement; the insats is then kept.
      await tx.run('DELETE FROM insatser WHERE id = ?', [ins.id]);
      insatserRemoved.push(ins.name);
    } catch {
      /* still referred to (e.g. by targets): keep it */
    }
  }
  return { deleted: deleted.changes, restored: restored.changes, insatserRemoved };
}

/**
 * Removes every trace of a batch that was not completed, as if it had never been imported. Call
 * only while holding the import lock.
 */
export async function rollBackBatch(db: Db, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    await revert(tx, id);
    await tx.run('DELETE FROM import_created_insatser WHERE batch_id = ?', [id]);
    await tx.run('DELETE FROM import_batch_variables WHERE batch_id = ?', [id]);
    await tx.run('DELETE FROM import_batches WHERE id = ?', [id]);
  });
  await eraseFreedData(db);
}

/**
 * Rolls back batches left in progress by a process that stopped. Returns a message when another
 * process is writing an import right now (then nothing may start). Call while holding the lock.
 */
export async function takeOverStaleImports(db: Db, now = Date.now()): Promise<string | null> {
  const pending = await db.all<{ id: number; heartbeat: string | null }>(
    'SELECT id, heartbeat FROM import_batches WHERE completed_at IS NULL AND undone_at IS NULL ORDER BY id',
  );
  for (const b of pending) {
    const last = b.heartbeat ? Date.parse(b.heartbeat) : 0;
    if (now - last < STALE_MS) return `En annan import (nr ${b.id}) skrivs just nu. Vänta tills den är klar och försök sedan igen.`;
    await rollBackBatch(db, b.id);
  }
  return null;
}

/**
 * Undoes an import: deletes the rows it inserted, gives the rows it updated their previous values
 * and removes the insatser it created (when nothing else refers to them). Refused when a later
 * import that has not been undone changed any of the same rows.
 */
export async function undoImport(db: Db, id: number): Promise<UndoResult> {
  if (!Number.isInteger(id) || id <= 0) {
    return { ok: false, message: `"${String(id)}" är inget importnummer. Ange numret från listan över importer.` };
  }
  return withImportLock(db, async () => {
    const result = await db.transaction(async (tx): Promise<UndoResult> => {
      const batch = await tx.first<BatchRow>('SELECT * FROM import_batches WHERE id = ?', [id]);
      if (!batch) {
        return { ok: false, message: `Det finns ingen import med nummer ${id}. Kontrollera numret i listan över importer.` };
      }
      if (batch.undone_at !== null) {
        return {
          ok: false,
          message: `Import ${id} (${batch.file_name}) är redan ångrad (${batch.undone_at.slice(0, 16).replace('T', ' ')}). Det finns inget mer att ångra.`,
        };
      }
      if (batch.completed_at === null) {
        return { ok: false, message: `Import ${id} skrivs fortfarande. Vänta tills den är klar och försök sedan igen.` };
      }
      const blocking = (await tx.all<{ id: number }>(BLOCKING_BATCHES, [id])).map((r) => r.id);
      if (blocking.length) {
        const list = blocking.join(', ');
        return {
          ok: false,
          blockedBy: blocking,
          message:
            blocking.length === 1
              ? `Import ${id} kan inte ångras, eftersom en senare import (nr ${list}) har ändrat samma deltagarrader. Ångra import ${list} först och försök sedan igen.`
              : `Import ${id} kan inte ångras, eftersom senare importer (nr ${list}) har ändrat samma deltagarrader. Ångra dem först, den senaste först, och försök sedan igen.`,
        };
      }
      const done = await revert(tx, id);
      await tx.run('UPDATE import_batches SET undone_at = ? WHERE id = ?', [new Date().toISOString(), id]);
      return { ok: true, batchId: id, ...done };
    });
    // The undone rows must not stay readable in the WAL or in free pages (ops/erase.ts).
    if (result.ok) await eraseFreedData(db);
    return result;
  });
}
