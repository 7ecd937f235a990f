// Import of participant follow-up ("Insatsuppföljning") CSV files (docs/import.md).
//
// All or nothing, in bounded memory and without holding up survey answers:
// 1. The file is read as a stream (csvStream.ts); each row is checked and staged in a TEMP table
//    in chunks (staging.ts), yielding to the event loop between slices of work. Problems are
//    collected in file order, at most MAX_ERRORS of them plus a count.
// 2. Any problem: the stage is dropped and nothing in the database has changed.
// 3. Otherwise the stage is merged into episodes in short transactions of MERGE_CHUNK rows, each
//    through the writer queue, so a survey answer waits for one chunk at most. A row whose Insats
//    + Deltagar-ID + Startdatum exists is updated and its previous values kept in episode_history,
//    so that the batch can be undone. The batch counts as in progress until its last transaction
//    sets completed_at; until then outcome readers in this process wait at the gate
//    (mergeGate.ts), and a failure rolls the batch back completely (batches.ts).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/database.js';
import { CodebookError, loadCodebook, type Codebook } from './codebooks.js';
import { OFFICIAL_COLUMN, mapHeader, type Encoding, type Field, type FileProblem, type HeaderMap } from './csvFile.js';
import { FileFailure, chunksOf, csvRecords } from './csvStream.js';
import { insatsKey, rowChecker, scanIdentityNumbers, type CheckedRow } from './rowRules.js';
import { STAGE_COLUMNS, dropStage, openStage, stageRows, type Duplicate, type StagedRow } from './staging.js';
import { closeGate, withImportLock } from './mergeGate.js';
import { rollBackBatch, takeOverStaleImports } from './batches.js';
import { safeFileName } from './identityGuard.js';
import { keepVariables, recordBatchVariables, writeVariables } from './variableStore.js';
import { codebookWithMappings } from './reasonMappings.js';

export type { FileProblem } from './csvFile.js';
export { listImports, undoImport, type ImportBatch, type UndoResult } from './batches.js';

export interface ImportOptions {
  /** The file's bytes, or a stream of them (an upload, a file on disk). */
  buffer?: Uint8Array;
  stream?: AsyncIterable<Uint8Array>;
  /** The file's name, recorded with the batch (any personnummer in it is masked). */
  fileName: string;
  /** The active code book: a Codebook, "standard", "sus" or the path of a JSON code book. */
  codebook: Codebook | string;
  /** Who imported (kansli user name), recorded with the batch. */
  actor?: string | null;
  /**
   * Called after the whole file has been read and found valid, before anything is written. An
   * upload uses it to wait for the rest of the request; throwing here stores nothing.
   */
  beforeWrite?: () => Promise<void>;
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
      /** Extra columns kept as variables of the episodes, under their stored names (docs/import.md). */
      variables: string[];
      /** Free-text columns (Kommentar, Anteckning …) that were read but not stored. */
      ignoredColumns: string[];
      encoding: Encoding;
    }
  | {
      ok: false;
      /** The first MAX_ERRORS problems in file order (whole-file problems first). */
      errors: FileProblem[];
      /** How many problems there were in all. */
      errorCount: number;
    };

/** Problems reported in full; the rest are only counted. */
export const MAX_ERRORS = 100;
/** Rows per staging statement: 14 parameters each, well below SQLite's 32 766 variables. */
const STAGE_CHUNK = 500;
/** Rows per merge transaction: a few tens of milliseconds of the writer's time. */
export const MERGE_CHUNK = 500;
/** Longest stretch of reading and checking before other requests get their turn. */
const SLICE_MS = 5;

const SOURCE_FIELD: Record<(typeof STAGE_COLUMNS)[number], Field> = {
  end_date: 'endDate',
  end_reason: 'endReason',
  gender: 'gender',
  birth_year: 'birthYear',
  education: 'education',
  time_without_work: 'timeWithoutWork',
  referrer: 'referrer',
  district: 'district',
};

/** The first MAX_ERRORS problems in order, and the number of all. */
class Problems {
  list: FileProblem[] = [];
  count = 0;
  add(problems: readonly FileProblem[]): void {
    for (const p of problems) {
      this.count++;
      if (this.list.length < MAX_ERRORS) this.list.push(p);
    }
  }
  result(): { ok: false; errors: FileProblem[]; errorCount: number } {
    // Whole-file problems first, then by line; stable within a line (column order of the rules).
    const errors = this.list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
      .map(({ p }) => p)
      .slice(0, MAX_ERRORS);
    return { ok: false, errors, errorCount: this.count };
  }
}

function failure(message: string): ImportResult {
  return { ok: false, errors: [{ row: null, column: null, message }], errorCount: 1 };
}

export async function importOutcomes(db: Db, options: ImportOptions): Promise<ImportResult> {
  let codebook: Codebook;
  try {
    codebook = loadCodebook(options.codebook);
  } catch (err) {
    return failure(err instanceof CodebookError ? err.message : 'Kodboken kunde inte läsas.');
  }
  codebook = await codebookWithMappings(db, codebook); // spellings mapped on the import page
  const source = options.stream ?? chunksOf(options.buffer ?? new Uint8Array(0));
  return withImportLock(db, async () => {
    const stale = await takeOverStaleImports(db);
    if (stale) return failure(stale);
    await openStage(db);
    try {
      const read = await readAndStage(db, source, codebook);
      if (!read.ok) return read.result;
      await options.beforeWrite?.();
      return await merge(db, read, codebook, safeFileName(options.fileName), options.actor ?? null);
    } finally {
      await dropStage(db);
    }
  });
}

interface ReadOk {
  ok: true;
  head: HeaderMap;
  rows: number;
  encoding: Encoding;
}

/** Reads, checks and stages the whole file. */
async function readAndStage(
  db: Db,
  source: AsyncIterable<Uint8Array>,
  codebook: Codebook,
): Promise<ReadOk | { ok: false; result: ImportResult }> {
  const problems = new Problems();
  const info: { encoding: Encoding } = { encoding: 'utf-8' };
  let head: HeaderMap | null = null;
  let check: ((row: { line: number; cells: string[] }, skip?: ReadonlySet<number>) => CheckedRow) | null = null;
  let rows = 0;
  let pending: StagedRow[] = [];
  let slice = performance.now();

  const flush = async () => {
    const duplicates = await stageRows(db, pending, Math.max(0, MAX_ERRORS - problems.list.length));
    pending = [];
    problems.add(duplicates.map((d) => duplicateProblem(d, head!)));
  };

  try {
    for await (const record of csvRecords(source, info)) {
      if (performance.now() - slice > SLICE_MS) {
        await nextTurn();
        slice = performance.now();
      }
      const blank = record.cells.every((c) => c.trim() === '');
      if (!head) {
        if (blank) continue; // blank lines above the header
        head = mapHeader(record.cells, record.line);
        problems.add(scanIdentityNumbers(record, head.header).errors);
        problems.add(head.errors);
        if (head.errors.length === 0) check = rowChecker(head, codebook);
        continue;
      }
      if (blank) continue;
      rows++;
      const pnr = scanIdentityNumbers(record, head.header);
      problems.add(pnr.errors);
      if (!check) continue; // a bad header: only look for personnummer
      const checked = check(record, pnr.cells);
      problems.add(checked.errors);
      if (checked.key) pending.push(staged(record.line, checked));
      if (pending.length >= STAGE_CHUNK) await flush();
    }
    await flush();
  } catch (err) {
    if (!(err instanceof FileFailure)) throw err;
    // An unreadable file: that is the problem to fix first; earlier findings may be noise.
    const readable = err.problem.row !== null;
    const result = new Problems();
    result.add([err.problem]);
    if (readable) result.add(problems.list);
    return { ok: false, result: result.result() };
  }
  if (!head) return { ok: false, result: failure('Filen är tom. Välj den CSV-fil som innehåller insatsuppföljningen.') };
  if (rows === 0 && head.errors.length === 0)
    problems.add([
      { row: null, column: null, message: 'Filen har en rubrikrad men inga deltagarrader. Kontrollera att du har valt rätt fil.' },
    ]);
  if (problems.count) return { ok: false, result: problems.result() };
  return { ok: true, head, rows, encoding: info.encoding };
}

function staged(line: number, c: CheckedRow): StagedRow {
  const e = c.episode;
  const k = c.key!;
  return {
    line,
    insatsKey: insatsKey(k.insatsName),
    insatsName: k.insatsName,
    participantRef: k.participantRef,
    startDate: k.startDate,
    endDate: e?.endDate ?? null,
    endReason: e?.endReason ?? null,
    gender: e?.gender ?? null,
    birthYear: e?.birthYear ?? null,
    education: e?.education ?? null,
    timeWithoutWork: e?.timeWithoutWork ?? null,
    referrer: e?.referrer ?? null,
    district: e?.district ?? null,
    variables: e?.variables ?? [],
  };
}

function duplicateProblem(d: Duplicate, head: HeaderMap): FileProblem {
  const field: Field = head.columns.participantRef !== undefined ? 'participantRef' : 'startDate';
  const i = head.columns[field];
  const column = i !== undefined && head.header[i]?.trim() ? head.header[i]!.trim() : OFFICIAL_COLUMN[field];
  const where = d.first !== null ? `på rad ${d.first}` : 'tidigare i filen';
  return {
    row: d.line,
    column,
    message: d.participantRef
      ? `Samma deltagare (Insats, Deltagar-ID och Startdatum) finns redan ${where}. Ta bort dubbletten eller rätta uppgifterna.`
      : `${d.first !== null ? `Rad ${d.first}` : 'En tidigare rad'} har samma insats och startdatum och ingen av raderna har Deltagar-ID. Fyll i Deltagar-ID så att deltagarna går att skilja åt.`,
  };
}

/** Writes the staged rows into episodes in short transactions; rolls back on any failure. */
async function merge(db: Db, read: ReadOk, codebook: Codebook, fileName: string, actor: string | null): Promise<ImportResult> {
  // A re-imported row takes the file's values, but a column the file does not have at all (say a
  // file without Utbildning) leaves what is stored alone instead of blanking it.
  const updatable = STAGE_COLUMNS.filter((c) => read.head.columns[SOURCE_FIELD[c]] !== undefined);
  const openGate = closeGate(db);
  let batchId: number | null = null;
  try {
    const start = await db.transaction(async (tx) => {
      const now = new Date().toISOString();
      const batch = await tx.run(
        'INSERT INTO import_batches (imported_at, file_name, codebook, actor, rows_in_file, heartbeat) VALUES (?, ?, ?, ?, ?, ?)',
        [now, fileName, codebook.id, actor, read.rows, now],
      );
      const id = batch.lastID;
      // Ids for every insats named in the file, creating (and recording) the ones that do not exist.
      const byKey = new Map<string, number>();
      for (const r of await tx.all<{ id: number; name: string }>('SELECT id, name FROM insatser ORDER BY id')) {
        const key = insatsKey(r.name);
        if (!byKey.has(key)) byKey.set(key, r.id);
      }
      const created: string[] = [];
      const named = await tx.all<{ insats_key: string; insats_name: string }>(
        'SELECT insats_key, insats_name FROM temp.import_stage_insats ORDER BY first_line',
      );
      for (const n of named) {
        let insatsId = byKey.get(n.insats_key);
        if (insatsId === undefined) {
          insatsId = (await tx.run('INSERT INTO insatser (name) VALUES (?)', [n.insats_name])).lastID;
          await tx.run('INSERT INTO import_created_insatser (batch_id, insats_id) VALUES (?, ?)', [id, insatsId]);
          created.push(n.insats_name);
        }
        await tx.run('UPDATE temp.import_stage_insats SET insats_id = ? WHERE insats_key = ?', [insatsId, n.insats_key]);
      }
      const variables = await recordBatchVariables(tx, id, read.head.extraColumns);
      const last = await tx.first<{ n: number | null }>('SELECT MAX(rowid) AS n FROM temp.import_stage');
      return { id, created, variables, last: last?.n ?? 0 };
    });
    batchId = start.id;

    const cols = STAGE_COLUMNS.join(', ');
    let updated = 0;
    for (let from = 0; from < start.last; from += MERGE_CHUNK) {
      const range = [from, from + MERGE_CHUNK] as const;
      const hasVariables = start.variables.length > 0;
      updated += await db.transaction(async (tx) => {
        // 1. Keep the current values of the rows this chunk will update. (CROSS JOIN fixes the
        //    order: the chunk's rows first, then one index lookup each, never a scan of episodes.)
        const kept = await tx.run(
          `INSERT INTO episode_history (batch_id, episode_id, ${cols}, updated_batch_id)
           SELECT ?1, e.id, ${STAGE_COLUMNS.map((c) => `e.${c}`).join(', ')}, e.updated_batch_id
           FROM temp.import_stage s CROSS JOIN temp.import_stage_insats m ON m.insats_key = s.insats_key
           CROSS JOIN episodes e ON e.insats_id = m.insats_id AND e.participant_ref = s.participant_ref AND e.start_date = s.start_date
           WHERE s.rowid > ?2 AND s.rowid <= ?3`,
          [start.id, ...range],
        );
        if (hasVariables) await keepVariables(tx, start.id, range);
        // 2. Insert new rows, update existing ones. ("WHERE true" lets SQLite parse ON CONFLICT.)
        await tx.run(
          `INSERT INTO episodes (insats_id, participant_ref, start_date, ${cols}, created_batch_id, updated_batch_id)
           SELECT m.insats_id, s.participant_ref, s.start_date, ${STAGE_COLUMNS.map((c) => `s.${c}`).join(', ')}, ?1, ?1
           FROM temp.import_stage s CROSS JOIN temp.import_stage_insats m ON m.insats_key = s.insats_key
           WHERE s.rowid > ?2 AND s.rowid <= ?3 ORDER BY s.rowid
           ON CONFLICT (insats_id, participant_ref, start_date) DO UPDATE SET
             ${updatable.map((c) => `${c} = excluded.${c}, `).join('')}updated_batch_id = excluded.updated_batch_id`,
          [start.id, ...range],
        );
        // 3. The extra columns of the chunk's rows (variableStore.ts).
        if (hasVariables) await writeVariables(tx, start.id, range);
        await tx.run('UPDATE import_batches SET heartbeat = ? WHERE id = ?', [new Date().toISOString(), start.id]);
        return kept.changes;
      });
      await nextTurn();
    }

    await db.run('UPDATE import_batches SET inserted = ?, updated = ?, insatser_created = ?, completed_at = ? WHERE id = ?', [
      read.rows - updated,
      updated,
      start.created.length,
      new Date().toISOString(),
      start.id,
    ]);
    return {
      ok: true,
      batchId: start.id,
      inserted: read.rows - updated,
      updated,
      insatserCreated: start.created,
      variables: start.variables,
      ignoredColumns: read.head.ignoredColumns,
      encoding: read.encoding,
    };
  } catch (err) {
    if (batchId !== null) await rollBackBatch(db, batchId);
    throw err;
  } finally {
    openGate();
  }
}
