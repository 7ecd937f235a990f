// Events of the förbund's structural work (docs/domain.md "Händelser"): a course, a conference, a
// network meeting, with its date, kind, target group and how many took part — by gender where the
// kansli knows it, else only a total. Validation in Swedish; every failing write changes nothing.
import type { Db } from '../db/database.js';
import { UserError } from '../errors.js';
import { rejectIdentityNumber } from '../followup/identityGuard.js';
import { isCalendarDate } from '../../analysis/period.js';

export const EVENT_KINDS = ['kurs', 'konferens', 'seminarium', 'nätverksträff', 'utbildning', 'annat'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface ForbundEvent {
  id: number;
  name: string;
  heldOn: string;
  kind: EventKind;
  targetGroup: string | null;
  women: number | null;
  men: number | null;
  other: number | null;
  /** Everyone who took part: the gender counts' sum when all are known, else the total entered. */
  total: number | null;
}

export interface EventInput {
  name: string;
  heldOn: string;
  kind: string;
  targetGroup?: string | null;
  women?: number | null;
  men?: number | null;
  other?: number | null;
  total?: number | null;
}

function count(value: number | null | undefined, what: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) throw new UserError(`${what} måste vara ett heltal från 0 och uppåt.`);
  return value;
}

export function validateEvent(input: EventInput): Omit<ForbundEvent, 'id'> {
  const name = input.name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!name) throw new UserError('Skriv händelsens namn, t.ex. "Utbildning i motiverande samtal".');
  if (name.length > 200) throw new UserError('Namnet är för långt (högst 200 tecken).');
  if (!isCalendarDate(input.heldOn)) throw new UserError('Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-10-15.');
  const kind = input.kind.trim().toLowerCase() as EventKind;
  if (!EVENT_KINDS.includes(kind)) throw new UserError(`Välj vilken sorts händelse det är: ${EVENT_KINDS.join(', ')}.`);
  const targetGroup = input.targetGroup?.trim() ? input.targetGroup.trim().slice(0, 200) : null;
  rejectIdentityNumber(name, 'Namnet');
  rejectIdentityNumber(targetGroup, 'Målgruppen');
  const women = count(input.women, 'Antalet kvinnor');
  const men = count(input.men, 'Antalet män');
  const other = count(input.other, 'Antalet annat/ej angivet');
  const entered = count(input.total, 'Antalet deltagare');
  const genders = [women, men, other];
  const allKnown = women !== null && men !== null;
  const sum = allKnown ? women + men + (other ?? 0) : null;
  if (sum !== null && entered !== null && entered !== sum)
    throw new UserError(
      `Antalet deltagare (${entered}) stämmer inte med kvinnor + män + annat (${sum}). Rätta något av dem, eller lämna totalen tom.`,
    );
  if (!allKnown && genders.some((g) => g !== null) && entered === null)
    throw new UserError('Fyll i både kvinnor och män, eller bara det totala antalet deltagare.');
  return { name, heldOn: input.heldOn, kind, targetGroup, women, men, other: allKnown ? (other ?? 0) : other, total: sum ?? entered };
}

interface Row {
  id: number;
  name: string;
  held_on: string;
  kind: EventKind;
  target_group: string | null;
  women: number | null;
  men: number | null;
  other: number | null;
  total: number | null;
}

const fromRow = (r: Row): ForbundEvent => ({
  id: r.id,
  name: r.name,
  heldOn: r.held_on,
  kind: r.kind,
  targetGroup: r.target_group,
  women: r.women,
  men: r.men,
  other: r.other,
  total: r.total,
});

export async function addEvent(db: Db, input: EventInput): Promise<ForbundEvent> {
  const e = validateEvent(input);
  const { lastID } = await db.run(
    'INSERT INTO events (name, held_on, kind, target_group, women, men, other, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [e.name, e.heldOn, e.kind, e.targetGroup, e.women, e.men, e.other, e.total],
  );
  return (await findEvent(db, lastID))!;
}

export async function findEvent(db: Db, id: number): Promise<ForbundEvent | undefined> {
  const row = await db.first<Row>('SELECT * FROM events WHERE id = ?', [id]);
  return row ? fromRow(row) : undefined;
}

/** Events in [from, to] (ISO dates), newest first. */
export async function listEvents(db: Db, from = '0000-01-01', to = '9999-12-31'): Promise<ForbundEvent[]> {
  return (await db.all<Row>('SELECT * FROM events WHERE held_on >= ? AND held_on <= ? ORDER BY held_on DESC, id DESC', [from, to])).map(
    fromRow,
  );
}

export async function removeEvent(db: Db, id: number): Promise<boolean> {
  return (await db.run('DELETE FROM events WHERE id = ?', [id])).changes > 0;
}
