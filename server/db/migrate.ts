// Applies the numbered SQL files in migrations/ that the database has not seen yet, each in its
// own transaction, and records them in schema_migrations.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './database.js';
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
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.run("INSERT INTO schema_migrations (version, name, applied_on) VALUES (?, ?, date('now'))", [m.version, m.name]);
    });
    applied.push(m.version);
  }
  return applied;
}
