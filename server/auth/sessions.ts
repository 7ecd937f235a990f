// Server-side sessions in SQLite. The cookie holds a random id; the database holds its SHA-256.
import crypto from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Role } from './users.js';

export const SESSION_COOKIE = 'finsam_sid';
export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen is written at most this often, so reading a page is not a write every time. */
const TOUCH_MS = 60 * 1000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export interface SessionUser {
  id: number;
  name: string;
  role: Role;
  csrf: string;
  idHash: string;
}

export async function createSession(db: Db, userId: number, now: number): Promise<string> {
  const id = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    // Expired sessions of anyone are cleaned up here, at the rare moment of a sign-in.
    await tx.run('DELETE FROM sessions WHERE last_seen < ? OR created_at < ?', [now - IDLE_MS, now - ABSOLUTE_MS]);
    await tx.run('INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)', [
      sha256(id),
      userId,
      csrf,
      now,
      now,
    ]);
  });
  return id;
}

/** The signed-in user for a session id, or null when unknown, expired or disabled. */
export async function readSession(db: Db, id: string | undefined, now: number): Promise<SessionUser | null> {
  if (!id || !/^[A-Za-z0-9_-]{20,100}$/.test(id)) return null;
  const idHash = sha256(id);
  const row = await db.first<{
    user_id: number;
    csrf: string;
    created_at: number;
    last_seen: number;
    name: string;
    role: Role;
    disabled: number;
  }>(
    `SELECT s.user_id, s.csrf, s.created_at, s.last_seen, u.name, u.role, u.disabled
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`,
    [idHash],
  );
  if (!row) return null;
  if (row.disabled || now - row.last_seen > IDLE_MS || now - row.created_at > ABSOLUTE_MS) {
    await db.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
    return null;
  }
  if (now - row.last_seen > TOUCH_MS) await db.run('UPDATE sessions SET last_seen = ? WHERE id_hash = ?', [now, idHash]);
  return { id: row.user_id, name: row.name, role: row.role, csrf: row.csrf, idHash };
}

export async function endSession(db: Db, idHash: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const key = part.slice(0, i).trim();
    if (key) out[key] = part.slice(i + 1).trim();
  }
  return out;
}
