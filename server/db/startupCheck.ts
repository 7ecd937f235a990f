// Checks at server start: a database that is damaged or cannot be written must stop the server with
// a clear message, instead of answering /healthz "ok" and then losing every answer (docs/operations.md).
import { openDatabase, type Db } from './database.js';

/** A reason not to start, written for the operator in Swedish. */
export class StartupError extends Error {}

const RESTORE = 'Stoppa, flytta undan filen och återställ den senaste säkerhetskopian (se docs/operations.md, "Återställning").';

function explain(file: string, err: unknown): StartupError {
  const code = (err as { code?: string }).code ?? '';
  const detail = (err as Error).message ?? String(err);
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return new StartupError(
      `Databasen ${file} går inte att skriva till (${detail}). Se till att filen och dess katalog ägs av användaren som kör tjänsten och inte är skrivskyddade, och starta igen.`,
    );
  if (code === 'SQLITE_CANTOPEN')
    return new StartupError(
      `Databasen ${file} går inte att öppna (${detail}). Kontrollera sökvägen i FINSAM_DB och att katalogen finns och är skrivbar för användaren som kör tjänsten.`,
    );
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new StartupError(`Databasen ${file} är skadad (${detail}). ${RESTORE}`);
  if (code === 'SQLITE_FULL') return new StartupError(`Disken för databasen ${file} är full (${detail}). Frigör utrymme och starta igen.`);
  if (code.startsWith('SQLITE_IOERR'))
    return new StartupError(`Databasen ${file} kunde inte läsas eller skrivas (${detail}). Kontrollera disken och starta igen.`);
  return new StartupError(`Databasen ${file} kunde inte kontrolleras: ${detail}`);
}

/** PRAGMA quick_check (every page, without the slow index cross-check) and one committed write. */
export async function checkDatabase(db: Db): Promise<void> {
  let problems: string[];
  try {
    problems = (await db.all<{ quick_check: string }>('PRAGMA quick_check')).map((r) => r.quick_check);
  } catch (err) {
    throw explain(db.path, err);
  }
  if (problems.length !== 1 || problems[0] !== 'ok')
    throw new StartupError(`Databasen ${db.path} är skadad (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}). ${RESTORE}`);
  try {
    // A real commit (to the WAL, with fsync), leaving nothing behind.
    await db.transaction((tx) => tx.exec('CREATE TABLE finsam_write_check (x); DROP TABLE finsam_write_check;'));
  } catch (err) {
    throw explain(db.path, err);
  }
}

/** Opens the database for the server and refuses to go on when it cannot be read, checked or written. */
export async function openCheckedDatabase(file: string): Promise<Db> {
  let db: Db;
  try {
    db = await openDatabase(file);
  } catch (err) {
    throw explain(file, err);
  }
  try {
    await checkDatabase(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}

/** Migrations too can fail on a read-only or damaged file: the same messages apply. */
export function explainDatabaseError(file: string, err: unknown): Error {
  return err instanceof StartupError ? err : (err as { code?: string }).code?.startsWith('SQLITE_') ? explain(file, err) : (err as Error);
}

/** For /healthz: reads a real table ("SELECT 1" would never touch the file). Throws when it cannot. */
export async function checkReadable(db: Db): Promise<void> {
  await db.first('SELECT COUNT(*) AS n FROM schema_migrations');
}
