// finsam group create|list|set|rename|delete: named groups of insatser, reported together.
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { parse, requireOption } from './args.js';
import {
  createGroup,
  deleteGroup,
  findGroupByName,
  listGroups,
  renameGroup,
  setGroupMembers,
  type InsatsGroup,
} from '../survey/insatsGroups.js';
import { findInsatsByName, listInsatser } from '../survey/rounds.js';
import { audit } from '../auth/audit.js';

const USAGE = [
  'finsam group create <namn> --insats <insats> [--insats <insats> …]',
  'finsam group list [--json]',
  'finsam group set <namn> --insats <insats> [--insats <insats> …]   (ersätter gruppens insatser)',
  'finsam group rename <namn> --to <nytt namn>',
  'finsam group delete <namn>',
].join('\n');

/** The positional name (quoted or not); a CliError when it is missing. */
function nameOf(positionals: string[]): string {
  const name = positionals.join(' ').trim();
  if (!name) throw new CliError(`Ange gruppens namn.\nAnvändning:\n${USAGE}`, 2);
  return name;
}

async function existing(ctx: CliContext, name: string): Promise<InsatsGroup> {
  const group = await findGroupByName(ctx.db, name);
  if (group) return group;
  const names = (await listGroups(ctx.db)).map((g) => g.name);
  throw new CliError(`Gruppen "${name.slice(0, 80)}" finns inte.${names.length ? ` Befintliga grupper: ${names.join(', ')}.` : ''}`);
}

/** The ids of the insatser named with --insats; a CliError naming the first that does not exist. */
async function insatsIds(ctx: CliContext, names: string[] | undefined): Promise<number[]> {
  if (!names?.length) throw new CliError(`Ange minst en insats med --insats.\nAnvändning:\n${USAGE}`, 2);
  const ids: number[] = [];
  for (const name of names) {
    const found = await findInsatsByName(ctx.db, name);
    if (!found) {
      const known = (await listInsatser(ctx.db)).map((i) => i.name);
      throw new CliError(`Insatsen "${name.slice(0, 80)}" finns inte. Befintliga insatser: ${known.join(', ') || 'inga'}.`);
    }
    ids.push(found.id);
  }
  return ids;
}

const describe = (g: InsatsGroup) => `${g.name}: ${g.members.map((m) => m.name + (m.archived ? ' (arkiverad)' : '')).join(', ')}`;

export async function groupCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const members = { insats: { type: 'string', multiple: true } } as const;
  if (sub === 'create') {
    const { values, positionals } = parse(rest, members, USAGE);
    const name = nameOf(positionals);
    const group = await createGroup(ctx.db, name, await insatsIds(ctx, values.insats));
    await audit(ctx.db, 'kommandoraden', 'group.create', { groupId: group.id, insatsIds: group.members.map((m) => m.id) });
    ctx.print(`Gruppen är skapad. ${describe(group)}`);
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, { json: { type: 'boolean' } }, USAGE);
    const groups = await listGroups(ctx.db);
    if (values.json) ctx.json(groups.map((g) => ({ id: g.id, name: g.name, insatser: g.members.map((m) => m.name) })));
    else if (groups.length === 0)
      ctx.print('Det finns inga grupper. Skapa en med: finsam group create <namn> --insats <insats> --insats <insats>');
    else for (const g of groups) ctx.print(`${g.id}\t${describe(g)}`);
    return 0;
  }
  if (sub === 'set') {
    const { values, positionals } = parse(rest, members, USAGE);
    const group = await existing(ctx, nameOf(positionals));
    const changed = await setGroupMembers(ctx.db, group.id, await insatsIds(ctx, values.insats));
    await audit(ctx.db, 'kommandoraden', 'group.members', { groupId: group.id, insatsIds: changed.members.map((m) => m.id) });
    ctx.print(`Gruppens insatser är ändrade. ${describe(changed)}`);
    return 0;
  }
  if (sub === 'rename') {
    const { values, positionals } = parse(rest, { to: { type: 'string' } }, USAGE);
    const group = await existing(ctx, nameOf(positionals));
    const renamed = await renameGroup(ctx.db, group.id, requireOption(values.to, 'to', USAGE));
    await audit(ctx.db, 'kommandoraden', 'group.rename', { groupId: group.id });
    ctx.print(`Gruppen "${group.name}" heter nu "${renamed.name}".`);
    return 0;
  }
  if (sub === 'delete') {
    const { positionals } = parse(rest, {}, USAGE);
    const group = await existing(ctx, nameOf(positionals));
    await deleteGroup(ctx.db, group.id);
    await audit(ctx.db, 'kommandoraden', 'group.delete', { groupId: group.id, name: group.name });
    ctx.print(`Gruppen "${group.name}" är borttagen. Insatserna och deras uppgifter finns kvar.`);
    return 0;
  }
  throw new CliError(`Använd:\n${USAGE}`, 2);
}
