// Online backup with SQLite's backup API: consistent even while the server writes (WAL), then
// checked with integrity_check before it is reported as done.
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import type { Db } from '../db/database.js';
import { UserError } from '../errors.js';

// node-sqlite3 has the backup API but its type definitions do not declare it.
interface Backup {
  step(pages: number, cb: (err: Error | null) => void): void;
  finish(cb?: () => void): void;
  readonly completed: boolean;
  readonly failed: boolean;
}
type WithBackup = { backup(file: string, cb: (err: Error | null) => void): Backup };

function runBackup(source: sqlite3.Database, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const backup = (source as unknown as WithBackup).backup(target, (err: Error | null) => {
      if (err) return reject(err);
      const step = () =>
        backup.step(-1, (stepErr: Error | null) => {
          if (stepErr) return backup.finish(() => reject(stepErr));
          if (backup.completed) {
            backup.finish(() => resolve());
          } else if (backup.failed) {
            backup.finish(() => reject(new Error('Säkerhetskopieringen misslyckades.')));
          } else setTimeout(step, 50); // the source was busy: try again shortly
        });
      step();
    });
  });
}

async function integrityOk(file: string): Promise<boolean> {
  const conn = await new Promise<sqlite3.Database>((resolve, reject) => {
    const c = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(c)));
  });
  try {
    const row = await new Promise<{ integrity_check: string }>((resolve, reject) =>
      conn.get('PRAGMA integrity_check', (err: Error | null, r: { integrity_check: string }) => (err ? reject(err) : resolve(r))),
    );
    return row.integrity_check === 'ok';
  } finally {
    await new Promise<void>((resolve) => conn.close(() => resolve()));
  }
}

/** The files a backup in progress may leave: the partial copy and SQLite's journal for it. */
export function partialFiles(target: string): string[] {
  const partial = `${path.resolve(target)}.delvis`;
  return [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`];
}

function removePartial(target: string): void {
  for (const f of partialFiles(target)) {
    try {
      fs.rmSync(f, { force: true });
    } catch {
      /* cleaning up must not hide the error that made the backup fail */
    }
  }
}

export interface BackupHooks {
  /** Called with the partial file once the copy is written, before it is checked (tests inject failures here). */
  afterCopy?: (partial: string) => void | Promise<void>;
}

export async function backupDatabase(db: Db, target: string, hooks: BackupHooks = {}): Promise<{ file: string; bytes: number }> {
  const file = path.resolve(target);
  if (file === path.resolve(db.path))
    throw new UserError('Säkerhetskopian kan inte skrivas över själva databasen. Välj ett annat filnamn.');
  if (fs.existsSync(file)) throw new UserError(`Filen ${file} finns redan. Välj ett nytt filnamn, så skrivs ingen gammal kopia över.`);
  if (!fs.statSync(path.dirname(file), { throwIfNoEntry: false })?.isDirectory())
    throw new UserError(`Katalogen ${path.dirname(file)} finns inte.`);
  const [partial] = partialFiles(file) as [string];
  removePartial(file); // left by a run that was killed
  try {
    // Created here, empty, readable by the owner only, before SQLite writes a single page into it
    // (SQLite keeps an existing file's mode, and gives its journal the same). 'wx' refuses a file or
    // link that appeared in between.
    try {
      fs.closeSync(fs.openSync(partial, 'wx', 0o600));
    } catch (err) {
      throw new UserError(
        `Säkerhetskopian kan inte skrivas i ${path.dirname(file)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Kontrollera att katalogen är skrivbar.`,
      );
    }
    await db.exclusive(() => runBackup(db.writer, partial));
    await hooks.afterCopy?.(partial);
    if (!(await integrityOk(partial))) throw new Error('Kopian klarade inte integritetskontrollen.');
    fs.renameSync(partial, file); // only a complete, checked copy gets the requested name
    removePartial(file); // the empty -wal/-shm that the read-only check opened
  } catch (err) {
    removePartial(file);
    throw err;
  }
  return { file, bytes: fs.statSync(file).size };
}
