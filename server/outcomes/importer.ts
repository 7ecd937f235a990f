// Import of participant follow-up ("Insatsuppföljning") CSV files, the list of imports and undo.
//
// An import is all or nothing: the file is read and every row checked first (all problems are
// reported together, nothing is stored), then everything is written in one db.transaction with
// multi-row INSERT … ON CONFLICT DO UPDATE statements in chunks. A row whose Insats + Deltagar-ID +
// Startdatum already exists is updated; its previous values are kept in episode_history so that
// the batch can be undone.
import type { Db, Param, Tx } from '../db/database.js';
import { CodebookError, loadCodebook, type Codebook } from './codebooks.js';
import { safeFileName } from '../identityGuard.js';
import { eraseFreedData } from '../ops/erase.js';
import { readCsv, type Field, type FileProblem } from './csvFile.js';
import { insatsKey, scanIdentityNumbers, validateRows, type EpisodeInput } from './validate.js';

export type { FileProblem } from './csvFile.js';

export interface ImportOptions {
  /** The file's bytes. */
  buffer: Uint8Array;
  /** The file's name, recorded with the batch. */
  fileName: string;
  /** The active code book: a Codebook, "standard", "sus" or the path of a JSON code book. */
  codebook: Codebook | string;
  /** Who imported (kansli user name), recorded with the batch. */
  actor?: string | null;
}

export type ImportResult =
  | {
      ok: true;
      batchId: number;
      /** Rows (episodes) added. */
      inserted: number;
      /** Existing rows (same Insats + Deltagar-ID + Startdatum) given the file's values. */
      updated: number;
      /** Names of insatser the import created because the file named them and they did not exist. */
      insatserCreated: string[];
      /** Header cells that were not recognised and therefore not stored. */
      ignoredColumns: string[];
      encoding: 'utf-8' | 'utf-16' | 'windows-1252';
    }
  | { ok: false; errors: FileProblem[] };

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
  undone: boolean;
  undoneAt: string | null;
  /** False when already undone or when a later import changed the same rows. */
  canUndo: boolean;
}

export type UndoResult =
  | { ok: true; batchId: number; deleted: number; restored: number; insatserRemoved: string[] }
  | { ok: false; message: string; blockedBy?: number[] };

/** Rows per multi-row statement: 13 parameters each, well below SQLite's 32 766 variables. */
const CHUNK = 500;

const EPISODE_COLUMNS = [
  'end_date',
  'end_reason',
  'gender',
  'birth_year',
  'education',
  'time_without_work',
  'referrer',
  'district',
] as const;

/** The file column each stored column comes from. */
const SOURCE_FIELD: Record<(typeof EPISODE_COLUMNS)[number], Field> = {
  end_date: 'endDate',
  end_reason: 'endReason',
  gender: 'gender',
  birth_year: 'birthYear',
  education: 'education',
  time_without_work: 'timeWithoutWork',
  referrer: 'referrer',
  district: 'district',
};

export async function importOutcomes(db: Db, options: ImportOptions): Promise<ImportResult> {
  let codebook: Codebook;
  try {
    codebook = loadCodebook(options.codebook);
  } catch (err) {
    const message = err instanceof CodebookError ? err.message : 'Kodboken kunde inte läsas.';
    return { ok: false, errors: [{ row: null, column: null, message }] };
  }

  const read = readCsv(options.buffer);
  if (!read.ok) {
    // Still look for identity numbers, so that every problem is reported at once.
    const header = read.records[0]?.cells ?? [];
    const pnr = scanIdentityNumbers(read.records, header);
    return { ok: false, errors: sortProblems([...read.errors, ...pnr.errors]) };
  }
  const { table } = read;
  const pnr = scanIdentityNumbers([{ line: table.headerLine, cells: table.header }, ...table.rows], table.header);
  const checked = validateRows(table, codebook, pnr.cells);
  const errors = [...pnr.errors, ...checked.errors];
  if (table.rows.length === 0) {
    errors.push({
      row: null,
      column: null,
      message: 'Filen har en rubrikrad men inga deltagarrader. Kontrollera att du har valt rätt fil.',
    });
  }
  if (errors.length) return { ok: false, errors: sortProblems(errors) };

  const episodes = checked.episodes;
  // A re-imported row takes the file's values, but a column the file does not have at all (say a
  // file without Utbildning) leaves what is stored alone instead of blanking it.
  const updatable = EPISODE_COLUMNS.filter((c) => table.columns[SOURCE_FIELD[c]] !== undefined);
  const fileName = safeFileName(options.fileName);
  const actor = options.actor ?? null;

  return db.transaction(async (tx) => {
    const importedAt = new Date().toISOString();
    const batch = await tx.run(
      'INSERT INTO import_batches (imported_at, file_name, codebook, actor, rows_in_file) VALUES (?, ?, ?, ?, ?)',
      [importedAt, fileName, codebook.id, actor, episodes.length],
    );
    const batchId = batch.lastID;

    const insatsIds = await resolveInsatser(tx, batchId, episodes);
    const insatserCreated = insatsIds.created;

    for (let from = 0; from < episodes.length; from += CHUNK) {
      const chunk = episodes.slice(from, from + CHUNK);
      const keys: Param[] = [];
      const values: Param[] = [];
      for (const e of chunk) {
        const insatsId = insatsIds.byKey.get(insatsKey(e.insatsName))!;
        keys.push(insatsId, e.participantRef, e.startDate);
        values.push(
          insatsId,
          e.participantRef,
          e.startDate,
          e.endDate,
          e.endReason,
          e.gender,
          e.birthYear,
          e.education,
          e.timeWithoutWork,
          e.referrer,
          e.district,
          batchId,
          batchId,
        );
      }
      // 1. Keep the current values of the rows this chunk will update.
      await tx.run(
        `WITH v(insats_id, participant_ref, start_date) AS (VALUES ${placeholders(chunk.length, 3)})
         INSERT INTO episode_history (batch_id, episode_id, ${EPISODE_COLUMNS.join(', ')}, updated_batch_id)
         SELECT ?, e.id, ${EPISODE_COLUMNS.map((c) => `e.${c}`).join(', ')}, e.updated_batch_id
         FROM v JOIN episodes e
           ON e.insats_id = v.insats_id AND e.participant_ref = v.participant_ref AND e.start_date = v.start_date`,
        [...keys, batchId],
      );
      // 2. Insert new rows, update existing ones.
      await tx.run(
        `INSERT INTO episodes (insats_id, participant_ref, start_date, ${EPISODE_COLUMNS.join(', ')},
                               created_batch_id, updated_batch_id)
         VALUES ${placeholders(chunk.length, 13)}
         ON CONFLICT (insats_id, participant_ref, start_date) DO UPDATE SET
           ${updatable.map((c) => `${c} = excluded.${c}, `).join('')}updated_batch_id = excluded.updated_batch_id`,
        values,
      );
    }

    const counted = await tx.first<{ n: number }>('SELECT COUNT(*) AS n FROM episode_history WHERE batch_id = ?', [
      batchId,
    ]);
    const updated = counted?.n ?? 0;
    const inserted = episodes.length - updated;
    await tx.run('UPDATE import_batches SET inserted = ?, updated = ?, insatser_created = ? WHERE id = ?', [
      inserted,
      updated,
      insatserCreated.length,
      batchId,
    ]);
    return {
      ok: true as const,
      batchId,
      inserted,
      updated,
      insatserCreated,
      ignoredColumns: table.ignoredColumns,
      encoding: table.encoding,
    };
  });
}

function placeholders(rows: number, columns: number): string {
  const one = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(rows).fill(one).join(', ');
}

function sortProblems(problems: FileProblem[]): FileProblem[] {
  // Whole-file problems first, then by line; stable within a line (column order of the rules).
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

/** Ids for every insats named in the file, creating (and recording) the ones that do not exist. */
async function resolveInsatser(
  tx: Tx,
  batchId: number,
  episodes: readonly EpisodeInput[],
): Promise<{ byKey: Map<string, number>; created: string[] }> {
  const byKey = new Map<string, number>();
  for (const r of await tx.all<{ id: number; name: string }>('SELECT id, name FROM insatser ORDER BY id')) {
    const key = insatsKey(r.name);
    if (!byKey.has(key)) byKey.set(key, r.id);
  }
  const created: string[] = [];
  for (const e of episodes) {
    const key = insatsKey(e.insatsName);
    if (byKey.has(key)) continue;
    const res = await tx.run('INSERT INTO insatser (name) VALUES (?)', [e.insatsName]);
    await tx.run('INSERT INTO import_created_insatser (batch_id, insats_id) VALUES (?, ?)', [batchId, res.lastID]);
    byKey.set(key, res.lastID);
    created.push(e.insatsName);
  }
  return { byKey, created };
}

// ---------------------------------------------------------------------------------------------
// List and undo

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
    undone: r.undone_at !== null,
    undoneAt: r.undone_at,
    canUndo: r.undone_at === null && !r.blocked,
  }));
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

    const restored = await tx.run(
      `UPDATE episodes SET ${EPISODE_COLUMNS.map((c) => `${c} = h.${c}`).join(', ')}, updated_batch_id = h.updated_batch_id
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
      const inUse = await tx.first(
        'SELECT 1 FROM episodes WHERE insats_id = ? UNION ALL SELECT 1 FROM rounds WHERE insats_id = ? LIMIT 1',
        [ins.id, ins.id],
      );
      if (inUse) continue;
      try {
        // A foreign key from another table fails only this statement; the insats is then kept.
        await tx.run('DELETE FROM insatser WHERE id = ?', [ins.id]);
        insatserRemoved.push(ins.name);
      } catch {
        /* still referred to (e.g. by targets): keep it */
      }
    }
    await tx.run('UPDATE import_batches SET undone_at = ? WHERE id = ?', [new Date().toISOString(), id]);
    return { ok: true, batchId: id, deleted: deleted.changes, restored: restored.changes, insatserRemoved };
  });
  // The undone rows must not stay readable in the WAL or in free pages (ops/erase.ts).
  if (result.ok) await eraseFreedData(db);
  return result;
}
