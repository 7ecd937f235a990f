// Shared helpers for the outcome tests: a fresh migrated database and small CSV builders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../server/db/database.js';
import { migrate } from '../../server/db/migrate.js';

export const HEADER =
  'Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak';

/** A migrated database in a temp file (closed and removed by the returned cleanup). */
export async function tempDb(): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-outcomes-'));
  const db = await openDatabase(path.join(dir, 'test.db'));
  await migrate(db);
  return {
    db,
    cleanup: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A migrated in-memory database. */
export async function memoryDb(): Promise<Db> {
  const db = await openDatabase(':memory:');
  await migrate(db);
  return db;
}

/** UTF-8 CSV bytes from lines (joined with CRLF, like Excel). */
export function csv(...lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

/** Check digit making the 9 digits a valid Luhn number (computed independently of the code). */
export function luhnDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export async function count(db: Db, table: string): Promise<number> {
  const r = await db.first<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return r?.n ?? 0;
}

/** Row counts of every table the import writes. */
export async function snapshot(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['episodes', 'import_batches', 'episode_history', 'insatser', 'import_created_insatser']) out[t] = await count(db, t);
  return out;
}
