// finsam event add|list|summary|remove: the förbund's events (docs/domain.md "Händelser").
import type { CliContext } from './io.js';
import { CliError } from './io.js';
import { intOption, parse, requireOption } from './args.js';
import { addEvent, EVENT_KINDS, findEvent, listEvents, removeEvent } from '../events/store.js';
import { summariseEvents } from '../../analysis/eventSummary.js';
import { audit } from '../auth/audit.js';

export const EVENT_USAGE = [
  'finsam event add --name NAMN --date ÅÅÅÅ-MM-DD --kind SORT [--target-group TEXT] [--women N --men N [--other N] | --total N]',
  'finsam event list [--year ÅÅÅÅ] [--json]',
  'finsam event summary [--json]',
  'finsam event remove <id>',
  `Sorter: ${EVENT_KINDS.join(', ')}`,
].join('\n');

export async function eventCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const { values } = parse(
      rest,
      {
        name: { type: 'string' },
        date: { type: 'string' },
        kind: { type: 'string' },
        'target-group': { type: 'string' },
        women: { type: 'string' },
        men: { type: 'string' },
        other: { type: 'string' },
        total: { type: 'string' },
      },
      EVENT_USAGE,
    );
    const event = await addEvent(ctx.db, {
      name: requireOption(values.name, 'name', EVENT_USAGE),
      heldOn: requireOption(values.date, 'date', EVENT_USAGE),
      kind: requireOption(values.kind, 'kind', EVENT_USAGE),
      targetGroup: values['target-group'] ?? null,
      women: intOption(values.women, 'women') ?? null,
      men: intOption(values.men, 'men') ?? null,
      other: intOption(values.other, 'other') ?? null,
      total: intOption(values.total, 'total') ?? null,
    });
    await audit(ctx.db, 'kommandoraden', 'event.add', { eventId: event.id });
    ctx.json(event);
    return 0;
  }
  if (sub === 'list') {
    const { values } = parse(rest, { year: { type: 'string' }, json: { type: 'boolean' } }, EVENT_USAGE);
    const year = intOption(values.year, 'year', 1900);
    const events = year === undefined ? await listEvents(ctx.db) : await listEvents(ctx.db, `${year}-01-01`, `${year}-12-31`);
    if (values.json) ctx.json(events);
    else for (const e of events) ctx.print(`${e.id}\t${e.heldOn}\t${e.kind}\t${e.name}\t${e.total ?? '–'} deltagare`);
    return 0;
  }
  if (sub === 'summary') {
    parse(rest, { json: { type: 'boolean' } }, EVENT_USAGE);
    ctx.json(summariseEvents(await listEvents(ctx.db)));
    return 0;
  }
  if (sub === 'remove') {
    const id = intOption(rest[0], 'id', 1);
    if (id === undefined) throw new CliError(`Ange händelsens nummer.\nAnvändning:\n${EVENT_USAGE}`, 2);
    if (!(await findEvent(ctx.db, id))) throw new CliError(`Händelse ${id} finns inte.`);
    await removeEvent(ctx.db, id);
    await audit(ctx.db, 'kommandoraden', 'event.remove', { eventId: id });
    ctx.print(`Händelse ${id} är borttagen.`);
    return 0;
  }
  throw new CliError(`Använd:\n${EVENT_USAGE}`, 2);
}
