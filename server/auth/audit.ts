// The audit log: who did what, without personal data about participants.
import type { Db } from '../db/database.js';

export async function audit(db: Db, userName: string | null, action: string, details: Record<string, unknown> = {}): Promise<void> {
  await db.run('INSERT INTO audit_log (at, user_name, action, details) VALUES (?, ?, ?, ?)', [
    new Date().toISOString(),
    userName,
    action,
    JSON.stringify(details),
  ]);
}

export interface AuditEntry {
  id: number;
  at: string;
  user_name: string | null;
  action: string;
  details: string;
}

export async function listAudit(db: Db, limit: number, offset: number): Promise<AuditEntry[]> {
  return db.all<AuditEntry>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?', [limit, offset]);
}

export async function countAudit(db: Db): Promise<number> {
  return (await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'))?.n ?? 0;
}
