// Applies the numbered SQL files in migrations/ that the database has not seen yet, each in its
// own transaction, and records them in schema_migrations.
import fs from 'node:fs';
import path from 'node:path';
import type { Db, Tx } from './database.js';
import { projectPath } from '../paths.js';

export const MIGRATIONS_DIR = projectPath('server', 'db', 'migrations');

export function listMigrations(dir = MIGRATIONS_DIR): { version: number; name: string; sql: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<number[]> {
  await db.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_on TEXT NOT NULL)');
  const done = new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const applied: number[] = [];
  for (const m of listMigrations(dir)) {
    if (done.has(m.version)) continue;
    const record = (tx: Tx) =>
      tx.run("INSERT INTO schema_migrations (version, name, applied_on) VALUES (?, ?, date('now'))", [m.version, m.name]);
    if (FOREIGN_KEYS_OFF.test(m.sql)) await rebuildMigration(db, m.name, m.sql, record);
    else
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await record(tx);
      });
    applied.push(m.version);
  }
  return applied;
}

/** First line of a migration that rebuilds a table others refer to (e.g. 020_rounds_without_insats.sql). */
const FOREIGN_KEYS_OFF = /^-- migrate: foreign_keys off\s*$/m;

/**
 * SQLite's procedure for changing a table's definition (sqlite.org/lang_altertable.html): foreign keys
 * off (it cannot change inside a transaction), the migration in one transaction, every foreign key
 * checked before the commit, foreign keys on again whatever happens.
 */
async function rebuildMigration(db: Db, name: string, sql: string, record: (tx: Tx) => Promise<unknown>): Promise<void> {
  await db.exclusive(async (tx) => {
    await tx.exec('PRAGMA foreign_keys = OFF');
    try {
      await tx.exec('BEGIN IMMEDIATE');
      try {
        await tx.exec(sql);
        const broken = await tx.all('PRAGMA foreign_key_check');
        if (broken.length) throw new Error(`Migreringen ${name} skulle lämna ${broken.length} rader med ogiltig referens; inget ändrades.`);
        await record(tx);
        await tx.exec('COMMIT');
      } catch (err) {
        await tx.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      await tx.exec('PRAGMA foreign_keys = ON');
    }
  });
}
