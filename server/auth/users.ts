// Kansli accounts: create, change role, disable; the password check for sign-in. Throttling of
// failed sign-ins lives in throttle.ts, in memory, and never locks an account (docs/security.md).
import type { Db } from '../db/database.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { UserError } from '../errors.js';
import { rejectIdentityNumber } from '../followup/identityGuard.js';

export type Role = 'admin' | 'analytiker';
export const ROLES: readonly Role[] = ['admin', 'analytiker'];

export interface User {
  id: number;
  name: string;
  role: Role;
  disabled: number;
}

function checkName(name: string): string {
  const clean = name.trim();
  if (!/^[\p{L}\p{N}._@-]{2,60}$/u.test(clean))
    throw new UserError('Användarnamnet ska ha 2–60 tecken: bokstäver, siffror, punkt, bindestreck, understreck eller @.');
  rejectIdentityNumber(clean, 'Användarnamnet');
  return clean;
}

/** scryptCost: the configured cost (config.scryptCost); the hash records it, so it may change later. */
export async function addUser(db: Db, name: string, role: string, password: string, scryptCost?: number): Promise<User> {
  const clean = checkName(name);
  if (!ROLES.includes(role as Role)) throw new UserError('Rollen måste vara admin eller analytiker.');
  const problem = passwordProblem(password);
  if (problem) throw new UserError(problem);
  if (await db.first('SELECT id FROM users WHERE name = ?', [clean])) throw new UserError(`Användaren "${clean}" finns redan.`);
  const hash = await hashPassword(password, scryptCost);
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

export async function setPassword(db: Db, name: string, password: string, scryptCost?: number): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new UserError(problem);
  const user = await findUser(db, name);
  if (!user) throw new UserError(`Användaren "${name}" finns inte.`);
  const hash = await hashPassword(password, scryptCost);
  await db.transaction(async (tx) => {
    await tx.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, user.id]);
    await tx.run('DELETE FROM sessions WHERE user_id = ?', [user.id]);
  });
}

export interface SignInCheck {
  /** The user when name and password are right and the account is active; otherwise null. */
  user: User | null;
  /** The id of the named account when it exists (for the audit log), whatever the outcome. */
  knownId: number | null;
}

/**
 * Checks a sign-in. Unknown user, wrong password and disabled account all give user null and take
 * the same time (a scrypt verification is always done, against a dummy hash of the configured cost
 * when the user does not exist).
 */
export async function checkSignIn(db: Db, name: string, password: string, scryptCost?: number): Promise<SignInCheck> {
  const row = await db.first<User & { password_hash: string }>('SELECT id, name, role, disabled, password_hash FROM users WHERE name = ?', [
    name.trim(),
  ]);
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash(scryptCost)));
  if (!row) return { user: null, knownId: null };
  if (!ok || row.disabled) return { user: null, knownId: row.id };
  return { user: { id: row.id, name: row.name, role: row.role, disabled: row.disabled }, knownId: row.id };
}

export async function findUserById(db: Db, id: number): Promise<User | undefined> {
  return Number.isInteger(id) ? db.first<User>('SELECT id, name, role, disabled FROM users WHERE id = ?', [id]) : undefined;
}

/**
 * Refuses a change that would leave no active admin (nobody could then manage accounts in the web):
 * demoting or disabling the last one. The command line can still repair it (`finsam user role`).
 */
export async function keepAnAdmin(db: Db, user: User, change: { role?: string; disabled?: boolean }): Promise<void> {
  const losesAdmin =
    user.role === 'admin' && !user.disabled && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
  if (!losesAdmin) return;
  const others = await db.first<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?", [
    user.id,
  ]);
  if (!others?.n) throw new UserError(`${user.name} är den enda aktiva administratören. Ge först någon annan rollen admin.`);
}

/**
 * Changes one's own password: the current one must be right. The user's other sessions end; the
 * one in use (keepSession, its id hash) stays signed in.
 */
export async function changeOwnPassword(
  db: Db,
  userId: number,
  current: string,
  next: string,
  keepSession: string,
  scryptCost?: number,
): Promise<void> {
  const row = await db.first<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [userId]);
  if (!row || !(await verifyPassword(current, row.password_hash)))
    throw new UserError('Det nuvarande lösenordet stämmer inte. Skriv det igen.');
  const problem = passwordProblem(next);
  if (problem) throw new UserError(problem);
  if (next === current) throw new UserError('Det nya lösenordet är samma som det gamla. Välj ett annat.');
  const hash = await hashPassword(next, scryptCost);
  await db.transaction(async (tx) => {
    await tx.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, userId]);
    await tx.run('DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?', [userId, keepSession]);
  });
}
