import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers.js';
import { addInsats, setInsatsArchived } from '../../server/survey/rounds.js';
import {
  createGroup,
  deleteGroup,
  findGroup,
  findGroupByName,
  listGroups,
  renameGroup,
  resolveGroup,
  setGroupMembers,
} from '../../server/survey/insatsGroups.js';
import { UserError } from '../../server/errors.js';
import type { Db } from '../../server/db/database.js';

async function setUp() {
  const db = await freshDb();
  const ipsPsykos = await addInsats(db, 'Integrering av IPS i psykosvården');
  const ipsBeroende = await addInsats(db, 'IPS för personer med beroendeproblematik');
  const team = await addInsats(db, 'FINSAM-team');
  return { db, ipsPsykos, ipsBeroende, team };
}

/** The whole state of the group tables, to show that a failed change left it as it was. */
const snapshot = async (db: Db) => ({
  groups: await db.all('SELECT * FROM insats_groups ORDER BY id'),
  members: await db.all('SELECT * FROM insats_group_members ORDER BY group_id, insats_id'),
});

async function userError(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('groups of insatser', () => {
  it('creates, lists, finds, renames, changes members and deletes a group', async () => {
    const { db, ipsPsykos, ipsBeroende, team } = await setUp();
    const g = await createGroup(db, '  IPS-insatserna ', [ipsPsykos.id, ipsBeroende.id, ipsPsykos.id]);
    expect(g.name).toBe('IPS-insatserna');
    expect(g.members.map((m) => m.name)).toEqual(['Integrering av IPS i psykosvården', 'IPS för personer med beroendeproblematik']);
    expect((await listGroups(db)).map((x) => x.id)).toEqual([g.id]);
    expect((await findGroupByName(db, 'ips-INSATSERNA'))?.id).toBe(g.id);
    expect(await resolveGroup(db, 'ips-insatserna')).toEqual({
      id: g.id,
      name: 'IPS-insatserna',
      insatsIds: [ipsPsykos.id, ipsBeroende.id],
    });

    const renamed = await renameGroup(db, g.id, 'IPS');
    expect(renamed.name).toBe('IPS');
    expect(await findGroupByName(db, 'IPS-insatserna')).toBeUndefined();

    const changed = await setGroupMembers(db, g.id, [team.id]);
    expect(changed.members.map((m) => m.id)).toEqual([team.id]);

    const deleted = await deleteGroup(db, g.id);
    expect(deleted.name).toBe('IPS');
    expect(await findGroup(db, g.id)).toBeUndefined();
    expect(await db.all('SELECT * FROM insats_group_members')).toEqual([]);
    // The insatser themselves stay.
    expect((await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM insatser'))!.n).toBe(3);
  });

  it('keeps an archived insats as a member', async () => {
    const { db, ipsPsykos, ipsBeroende } = await setUp();
    const g = await createGroup(db, 'IPS-insatserna', [ipsPsykos.id, ipsBeroende.id]);
    await setInsatsArchived(db, ipsBeroende.id, true);
    const after = (await findGroup(db, g.id))!;
    expect(after.members.map((m) => [m.id, m.archived])).toEqual([
      [ipsPsykos.id, 0],
      [ipsBeroende.id, 1],
    ]);
  });

  it('refuses an empty or too long name, a taken name (any case, å/ä/ö too), no members or an unknown insats, and changes nothing', async () => {
    const { db, ipsPsykos, ipsBeroende } = await setUp();
    await createGroup(db, 'Åtgärder', [ipsPsykos.id]);
    const other = await createGroup(db, 'IPS-insatserna', [ipsPsykos.id, ipsBeroende.id]);
    const before = await snapshot(db);

    expect((await userError(createGroup(db, '   ', [ipsPsykos.id]))).message).toMatch(/Skriv ett namn på gruppen/);
    expect((await userError(createGroup(db, 'x'.repeat(121), [ipsPsykos.id]))).message).toMatch(/1–120 tecken/);
    expect((await userError(createGroup(db, 'Grupp 850709-9805', [ipsPsykos.id]))).message).toMatch(/ser ut som ett personnummer/);
    expect((await userError(renameGroup(db, other.id, 'Grupp 19850709-9805'))).message).toMatch(/ser ut som ett personnummer/);
    expect((await userError(createGroup(db, 'ÅTGÄRDER', [ipsPsykos.id]))).message).toMatch(/finns redan en grupp som heter "Åtgärder"/);
    expect((await userError(createGroup(db, 'Ny', []))).message).toMatch(/minst en insats/);
    expect((await userError(createGroup(db, 'Ny', [ipsPsykos.id, 999]))).message).toMatch(/finns inte/);
    expect((await userError(renameGroup(db, other.id, 'åtgärder'))).message).toMatch(/finns redan/);
    expect((await userError(renameGroup(db, other.id, ''))).message).toMatch(/Skriv ett namn/);
    expect((await userError(setGroupMembers(db, other.id, []))).message).toMatch(/minst en insats/);
    expect((await userError(setGroupMembers(db, other.id, [ipsPsykos.id, 999]))).message).toMatch(/finns inte/);
    expect((await userError(setGroupMembers(db, 999, [ipsPsykos.id]))).status).toBe(404);
    expect((await userError(deleteGroup(db, 999))).status).toBe(404);
    expect((await userError(resolveGroup(db, 'Okänd'))).message).toMatch(
      /Gruppen "Okänd" finns inte. Befintliga grupper: IPS-insatserna, Åtgärder\./,
    );

    expect(await snapshot(db)).toEqual(before);
  });

  it('of two concurrent creations under the same name (å/ä/ö in another case) exactly one succeeds', async () => {
    const { db, ipsPsykos, team } = await setUp();
    const results = await Promise.allSettled([createGroup(db, 'Åtgärder', [ipsPsykos.id]), createGroup(db, 'ÅTGÄRDER', [team.id])]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await listGroups(db)).toHaveLength(1);
    expect(await db.all('SELECT * FROM insats_group_members')).toHaveLength(1);
  });

  it('renaming a group to its own name in another case is allowed', async () => {
    const { db, ipsPsykos } = await setUp();
    const g = await createGroup(db, 'ips', [ipsPsykos.id]);
    expect((await renameGroup(db, g.id, 'IPS')).name).toBe('IPS');
  });
});
