// Named groups of insatser ("IPS-insatserna"): reported together as one selection, counting each
// participant episode once, since every episode belongs to exactly one insats (docs/domain.md
// "Grupper av insatser"). Names follow the insats name rule (analysis/insatsName.ts); every failing
// change is a UserError and changes nothing.
import type { Db, Tx } from '../db/database.js';
import { UserError } from '../errors.js';
import { cleanInsatsName, insatsNameKey, INSATS_NAME_MAX } from '../../analysis/insatsName.js';
import { rejectIdentityNumber } from '../followup/identityGuard.js';

export interface GroupMember {
  id: number;
  name: string;
  archived: number;
}

export interface InsatsGroup {
  id: number;
  name: string;
  /** By name; archived insatser stay members. */
  members: GroupMember[];
}

/** A group resolved once (per request or command) and passed down: its name and its insatser's ids. */
export interface GroupRef {
  id: number;
  name: string;
  insatsIds: number[];
}

export const toGroupRef = (g: InsatsGroup): GroupRef => ({ id: g.id, name: g.name, insatsIds: g.members.map((m) => m.id) });

/** Every group with its members, by name. */
export async function listGroups(db: Db | Tx): Promise<InsatsGroup[]> {
  const groups = await db.all<{ id: number; name: string }>('SELECT id, name FROM insats_groups ORDER BY name COLLATE NOCASE, id');
  const members = await db.all<GroupMember & { group_id: number }>(
    `SELECT m.group_id, i.id, i.name, i.archived FROM insats_group_members m JOIN insatser i ON i.id = m.insats_id
     ORDER BY i.name COLLATE NOCASE, i.id`,
  );
  return groups.map((g) => ({
    ...g,
    members: members.filter((m) => m.group_id === g.id).map(({ id, name, archived }) => ({ id, name, archived })),
  }));
}

export async function findGroup(db: Db | Tx, id: number): Promise<InsatsGroup | undefined> {
  if (!Number.isInteger(id)) return undefined;
  return (await listGroups(db)).find((g) => g.id === id);
}

/** The group with this name, ignoring case (also of å/ä/ö) and spacing, like insats names. */
export async function findGroupByName(db: Db | Tx, name: string): Promise<InsatsGroup | undefined> {
  const wanted = insatsNameKey(name);
  return (await listGroups(db)).find((g) => insatsNameKey(g.name) === wanted);
}

/** The group a caller named or already resolved; a UserError (404) for a name that does not exist. */
export async function resolveGroup(db: Db, group: string | GroupRef | null | undefined): Promise<GroupRef | null> {
  if (group === null || group === undefined) return null;
  if (typeof group !== 'string') return group;
  if (!group.trim()) return null;
  const found = await findGroupByName(db, group);
  if (!found) {
    const names = (await listGroups(db)).map((g) => g.name);
    throw new UserError(
      `Gruppen "${group.trim().slice(0, 80)}" finns inte.` +
        (names.length ? ` Befintliga grupper: ${names.join(', ')}.` : ' Det finns inga grupper ännu: skapa en under Grupper.'),
      404,
    );
  }
  return toGroupRef(found);
}

function checkedName(name: string): string {
  const clean = cleanInsatsName(name);
  if (clean.length === 0 || clean.length > INSATS_NAME_MAX)
    throw new UserError(`Skriv ett namn på gruppen (1–${INSATS_NAME_MAX} tecken).`, 400, 'name');
  rejectIdentityNumber(clean, 'Gruppens namn');
  return clean;
}

async function refuseTakenName(tx: Tx, clean: string, self: number | null): Promise<void> {
  const clash = await findGroupByName(tx, clean);
  if (clash && clash.id !== self)
    throw new UserError(`Det finns redan en grupp som heter "${clash.name}". Välj ett annat namn.`, 400, 'name');
}

/** The member ids, each once; a UserError for none or for an id that is not an insats. */
async function checkedMembers(tx: Tx, insatsIds: readonly number[]): Promise<number[]> {
  const ids = [...new Set(insatsIds)];
  if (ids.length === 0) throw new UserError('En grupp måste ha minst en insats. Välj vilka insatser som ingår.', 400, 'insatser');
  for (const id of ids) {
    const found = Number.isInteger(id) && (await tx.first('SELECT id FROM insatser WHERE id = ?', [id]));
    if (!found) throw new UserError('En av de valda insatserna finns inte. Ladda om sidan och välj igen.', 400, 'insatser');
  }
  return ids;
}

async function writeMembers(tx: Tx, groupId: number, ids: readonly number[]): Promise<void> {
  await tx.run('DELETE FROM insats_group_members WHERE group_id = ?', [groupId]);
  await tx.run(
    `INSERT INTO insats_group_members (group_id, insats_id) VALUES ${ids.map(() => '(?, ?)').join(', ')}`,
    ids.flatMap((id) => [groupId, id]),
  );
}

/** Creates a group with its members in one transaction. */
export async function createGroup(db: Db, name: string, insatsIds: readonly number[]): Promise<InsatsGroup> {
  const clean = checkedName(name);
  return db.transaction(async (tx) => {
    await refuseTakenName(tx, clean, null);
    const ids = await checkedMembers(tx, insatsIds);
    const { lastID } = await tx.run('INSERT INTO insats_groups (name) VALUES (?)', [clean]);
    await writeMembers(tx, lastID, ids);
    return (await findGroup(tx, lastID))!;
  });
}

function missing(): UserError {
  return new UserError('Gruppen finns inte längre. Ladda om sidan.', 404);
}

export async function renameGroup(db: Db, id: number, name: string): Promise<InsatsGroup> {
  const clean = checkedName(name);
  return db.transaction(async (tx) => {
    if (!(await findGroup(tx, id))) throw missing();
    await refuseTakenName(tx, clean, id);
    await tx.run('UPDATE insats_groups SET name = ? WHERE id = ?', [clean, id]);
    return (await findGroup(tx, id))!;
  });
}

/** Replaces the members; a group always keeps at least one. */
export async function setGroupMembers(db: Db, id: number, insatsIds: readonly number[]): Promise<InsatsGroup> {
  return db.transaction(async (tx) => {
    if (!(await findGroup(tx, id))) throw missing();
    await writeMembers(tx, id, await checkedMembers(tx, insatsIds));
    return (await findGroup(tx, id))!;
  });
}

/** Deletes a group (its insatser and their data stay); the deleted group, for the audit log. */
export async function deleteGroup(db: Db, id: number): Promise<InsatsGroup> {
  return db.transaction(async (tx) => {
    const group = await findGroup(tx, id);
    if (!group) throw missing();
    await tx.run('DELETE FROM insats_groups WHERE id = ?', [id]);
    return group;
  });
}
