// Kansli accounts: create, change role, disable; sign-in check with account lock-out.
import type { Db } from '../db/database.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { UserError } from '../errors.js';
import { rejectIdentityNumber } from '../identityGuard.js';

export type Role = 'admin' | 'analytiker';
export const ROLES: readonly Role[] = ['admin', 'analytiker'];

export interface User {
  id: number;
  name: string;
  role: Role;
  disabled: number;
}

/** Failures within this window lock the account for LOCK_MS. */
export const ACCOUNT_MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

function checkName(name: string): string {
  const clean = name.trim();
  if (!/^[\p{L}\p{N}._@-]{2,60}$/u.test(clean))
    throw new UserError('Användarnamnet ska ha 2–60 tecken: bokstäver, siffror, punkt, bindestreck, understreck eller @.');
  rejectIdentityNumber(clean, 'Användarnamnet');
  return clean;
}

export async function addUser(db: Db, name: string, role: string, password: string): Promise<User> {
  const clean = checkName(name);
  if (!ROLES.includes(role as Role)) throw new UserError('Rollen måste vara admin eller analytiker.');
  const problem = passwordProblem(password);
  if (problem) throw new UserError(problem);
  if (await db.first('SELECT id FROM users WHERE name = ?', [clean])) throw new UserError(`Användaren "${clean}" finns redan.`);
  const hash = await hashPassword(password);
  const { lastID } = await db.run('INSERT INTO users (name, role, password_hash) VALUES (?, ?, ?)', [clean, role, hash]);
  return { id: lastID, name: clean, role: role as Role, disabled: 0 };
}

export async function findUser(db: Db, name: string): Promise<User | undefined> {
  return db.first<User>('SELECT id, name, role, disabled FROM users WHERE name = ?', [name.trim()]);
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.all<User>('SELECT id, name, role, disabled FROM users ORDER BY name COLLATE NOCASE');
}

export async function setRole(db: Db, name: string, role: string): Promise<void> {
  if (!ROLES.includes(role as Role)) throw new UserError('Rollen måste vara admin eller analytiker.');
  const { changes } = await db.run('UPDATE users SET role = ? WHERE name = ?', [role, name.trim()]);
  if (!changes) throw new UserError(`Användaren "${name}" finns inte.`);
}

export async function setDisabled(db: Db, name: string, disabled: boolean): Promise<void> {
  const user = await findUser(db, name);
  if (!user) throw new UserError(`Användaren "${name}" finns inte.`);
  await db.transaction(async (tx) => {
    await tx.run('UPDATE users SET disabled = ? WHERE id = ?', [disabled ? 1 : 0, user.id]);
    if (disabled) await tx.run('DELETE FROM sessions WHERE user_id = ?', [user.id]);
  });
}

export async function setPassword(db: Db, name: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new UserError(problem);
  const user = await findUser(db, name);
  if (!user) throw new UserError(`Användaren "${name}" finns inte.`);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.run('UPDATE users SET password_hash = ?, failed_count = 0, locked_until = NULL WHERE id = ?', [hash, user.id]);
    await tx.run('DELETE FROM sessions WHERE user_id = ?', [user.id]);
  });
}

/**
 * Checks a sign-in. Unknown user, wrong password, disabled and locked accounts all answer null, and
 * take the same time (a scrypt verification is always done).
 */
export async function checkSignIn(db: Db, name: string, password: string, now: number): Promise<User | null> {
  const row = await db.first<User & { password_hash: string; failed_count: number; first_failed: number | null; locked_until: number | null }>(
    'SELECT * FROM users WHERE name = ?',
    [name.trim()],
  );
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
  if (!row) return null;
  const locked = row.locked_until !== null && row.locked_until > now;
  if (ok && !locked && !row.disabled) {
    if (row.failed_count) await db.run('UPDATE users SET failed_count = 0, first_failed = NULL, locked_until = NULL WHERE id = ?', [row.id]);
    return { id: row.id, name: row.name, role: row.role, disabled: row.disabled };
  }
  if (!ok) {
    const fresh = row.first_failed === null || now - row.first_failed > FAILURE_WINDOW_MS;
    const count = fresh ? 1 : row.failed_count + 1;
    await db.run('UPDATE users SET failed_count = ?, first_failed = ?, locked_until = ? WHERE id = ?', [
      count,
      fresh ? now : row.first_failed,
      count >= ACCOUNT_MAX_FAILURES ? now + LOCK_MS : row.locked_until,
      row.id,
    ]);
  }
  return null;
}
