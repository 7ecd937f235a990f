// The audit log: who did what, without personal data about participants.
import type { Db } from '../db/database.js';
import { nextDay, swedishDayStartUtc } from '../time.js';

/** Writes one entry; inside a transaction pass its Tx, so the entry and the change land together. */
export async function audit(
  db: Pick<Db, 'run'>,
  userName: string | null,
  action: string,
  details: Record<string, unknown> = {},
): Promise<void> {
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

/** Filters of the log page: a user, an action, and a range of Swedish calendar days (as the page shows times). */
export interface AuditFilter {
  user?: string | null;
  action?: string | null;
  from?: string | null;
  to?: string | null;
}

function where(f: AuditFilter): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (f.user) (parts.push('user_name = ?'), params.push(f.user));
  if (f.action) (parts.push('action = ?'), params.push(f.action));
  // Stored times are UTC ISO strings, so they compare as text with the UTC start of each Swedish day.
  if (f.from) (parts.push('at >= ?'), params.push(swedishDayStartUtc(f.from)));
  // "to" is a whole day: everything before the next day starts.
  if (f.to) (parts.push('at < ?'), params.push(swedishDayStartUtc(nextDay(f.to))));
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export async function listAudit(db: Db, limit: number, offset: number, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const w = where(filter);
  return db.all<AuditEntry>(`SELECT * FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`, [...w.params, limit, offset]);
}

/** The users and actions that occur in the log, for the page's filters. */
export async function auditChoices(db: Db): Promise<{ users: string[]; actions: string[] }> {
  const users = (await db.all<{ u: string }>('SELECT DISTINCT user_name AS u FROM audit_log WHERE user_name IS NOT NULL ORDER BY u')).map(
    (r) => r.u,
  );
  const actions = (await db.all<{ a: string }>('SELECT DISTINCT action AS a FROM audit_log ORDER BY a')).map((r) => r.a);
  return { users, actions };
}

export async function countAudit(db: Db, filter: AuditFilter = {}): Promise<number> {
  const w = where(filter);
  return (await db.first<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log ${w.sql}`, w.params))?.n ?? 0;
}
