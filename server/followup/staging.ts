// The staging area of an import: a TEMP table on the writer connection. Rows go there in chunks
// while the file is read, so memory stays bounded and duplicates within the file are found by a
// unique index instead of a map of every key. TEMP tables live in SQLite's own temporary file,
// never in the database file or its WAL, and writing them takes no lock on the database, so
// survey answers are never held up by them (docs/import.md).
import type { Db, Param } from '../db/database.js';
import type { EpisodeInput } from './rowRules.js';

export interface StagedRow extends Omit<EpisodeInput, 'gender'> {
  insatsKey: string;
  gender: string | null;
}

export interface Duplicate {
  line: number;
  /** The line with the same key, looked up only for the first duplicates (null for the rest). */
  first: number | null;
  participantRef: string;
}

export const STAGE_COLUMNS = [
  'end_date',
  'end_reason',
  'gender',
  'birth_year',
  'education',
  'time_without_work',
  'referrer',
  'district',
] as const;

// `variables`: the row's extra-column values as a JSON array in the file's column order (null when
// the file has none or all are blank); the merge turns it into episode_variables rows.
const COLUMNS = ['line', 'insats_key', 'insats_name', 'participant_ref', 'start_date', ...STAGE_COLUMNS, 'variables'];

export async function openStage(db: Db): Promise<void> {
  await db.exclusive(async (tx) => {
    await tx.exec(`CREATE TEMP TABLE IF NOT EXISTS import_stage (
        line INTEGER NOT NULL, insats_key TEXT NOT NULL, insats_name TEXT NOT NULL,
        participant_ref TEXT NOT NULL, start_date TEXT NOT NULL,
        end_date TEXT, end_reason TEXT, gender TEXT, birth_year INTEGER, education TEXT,
        time_without_work TEXT, referrer TEXT, district TEXT, variables TEXT,
        UNIQUE (insats_key, participant_ref, start_date));
      CREATE TEMP TABLE IF NOT EXISTS import_stage_insats (
        insats_key TEXT PRIMARY KEY, insats_name TEXT NOT NULL, first_line INTEGER NOT NULL, insats_id INTEGER);
      PRAGMA temp.secure_delete = ON;
      DELETE FROM temp.import_stage; DELETE FROM temp.import_stage_insats;`);
  });
}

export async function dropStage(db: Db): Promise<void> {
  await db.exclusive((tx) => tx.exec('DROP TABLE IF EXISTS temp.import_stage; DROP TABLE IF EXISTS temp.import_stage_insats;'));
}

/**
 * Adds rows to the stage. A row whose Insats + Deltagar-ID + Startdatum is already staged is not
 * added and comes back as a duplicate; for the first `lookUp` of them the earlier line is found.
 */
export async function stageRows(db: Db, rows: readonly StagedRow[], lookUp: number): Promise<Duplicate[]> {
  if (rows.length === 0) return [];
  const values: Param[] = [];
  for (const r of rows)
    values.push(
      r.line,
      r.insatsKey,
      r.insatsName,
      r.participantRef,
      r.startDate,
      r.endDate,
      r.endReason,
      r.gender,
      r.birthYear,
      r.education,
      r.timeWithoutWork,
      r.referrer,
      r.district,
      r.variables.some((v) => v !== null) ? JSON.stringify(r.variables) : null,
    );
  const one = `(${COLUMNS.map(() => '?').join(', ')})`;
  return db.exclusive(async (tx) => {
    const added = await tx.all<{ line: number }>(
      `INSERT INTO temp.import_stage (${COLUMNS.join(', ')}) VALUES ${new Array(rows.length).fill(one).join(', ')}
       ON CONFLICT DO NOTHING RETURNING line`,
      values,
    );
    // The insatser named, kept as they come, so that the merge never has to scan the whole stage.
    const names = new Map<string, StagedRow>();
    for (const r of rows) if (!names.has(r.insatsKey)) names.set(r.insatsKey, r);
    await tx.run(
      `INSERT INTO temp.import_stage_insats (insats_key, insats_name, first_line) VALUES ${[...names.values()].map(() => '(?, ?, ?)').join(', ')}
       ON CONFLICT DO NOTHING`,
      [...names.values()].flatMap((r) => [r.insatsKey, r.insatsName, r.line]),
    );
    if (added.length === rows.length) return [];
    const kept = new Set(added.map((a) => a.line));
    const duplicates: Duplicate[] = [];
    for (const r of rows) {
      if (kept.has(r.line)) continue;
      let first: number | null = null;
      if (duplicates.length < lookUp) {
        const hit = await tx.first<{ line: number }>(
          'SELECT line FROM temp.import_stage WHERE insats_key = ? AND participant_ref = ? AND start_date = ?',
          [r.insatsKey, r.participantRef, r.startDate],
        );
        first = hit?.line ?? null;
      }
      duplicates.push({ line: r.line, first, participantRef: r.participantRef });
    }
    return duplicates;
  });
}
