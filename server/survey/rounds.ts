// Survey rounds (enkätomgångar) and insatser: the queries behind the CLI, the public pages and the kansli.
import crypto from 'node:crypto';
import { cleanInsatsName, insatsNameKey, insatsNameProblem } from '../../analysis/insatsName.js';
import type { Db } from '../db/database.js';
import { today } from '../time.js';
import { UserError } from '../errors.js';
import { rejectIdentityNumber } from '../followup/identityGuard.js';

export interface Insats {
  id: number;
  name: string;
  archived: number;
}

/** An insats resolved once (per request or command) and passed down by id; a name is looked up. */
export type InsatsRef = Pick<Insats, 'id' | 'name'>;

/** The insats a caller named or already resolved; a UserError (404) for a name that does not exist. */
export async function resolveInsats(db: Db, insats: string | InsatsRef | null | undefined): Promise<InsatsRef | null> {
  if (insats === null || insats === undefined) return null;
  if (typeof insats !== 'string') return insats;
  if (!insats.trim()) return null;
  const found = await findInsatsByName(db, insats);
  if (!found) throw new UserError(`Insatsen "${insats.slice(0, 80)}" finns inte. Kontrollera stavningen.`, 404);
  return { id: found.id, name: found.name };
}

/**
 * A round that belongs to the förbund itself, not to an insats (board, beredningsgrupp, referrers,
 * courses; docs/domain.md "Omgångar utan insats"): its insats_id is NULL, and its insats_name is
 * FORBUND_NAME wherever an insats name would be shown.
 */
export const FORBUND_NAME = 'Förbundet';

/**
 * The förbund's own rounds as one pseudo-insats (id 0, never a real insats id), so that the
 * hierarchy förbund ⊃ insats ⊃ round holds in the disclosure tree (docs/disclosure.md) and the
 * results can select them (`insats=forbund`).
 */
export const FORBUND_INSATS: InsatsRef = { id: 0, name: 'Förbundet (ingen insats)' };

/** The results filter's value for FORBUND_INSATS. */
export const FORBUND_KEY = 'forbund';

export interface Round {
  id: number;
  token: string;
  instrument_id: string;
  instrument_version: number;
  /** Null for a round of the förbund itself (FORBUND_NAME). */
  insats_id: number | null;
  /** The event (a course, a conference) the round evaluates, for a round of the förbund; else null. */
  event_id: number | null;
  /** The insats's name, or FORBUND_NAME for a round without insats. */
  insats_name: string;
  period: string;
  year: number;
  opens_on: string | null;
  closes_on: string | null;
  invited: number | null;
  /** The response rate's basis (docs/rules.md "Svarsfrekvens"); null: the entered count, else derived. */
  invited_basis: InvitedBasis | null;
  /** For a subgroup: what the entered count counts ("lotsade deltagare"). */
  invited_note: string | null;
  kiosk: number;
  closed: number;
}

/** How a round's invited count is had: entered, a subgroup entered, or derived from the register. */
export type InvitedBasis = 'entered' | 'subgroup' | 'ended' | 'enrolled';

export const INVITED_BASES: readonly InvitedBasis[] = ['entered', 'subgroup', 'ended', 'enrolled'];

/** Checks a basis with its count and note; a UserError in Swedish when they do not fit together. */
export function checkedInvitedBasis(
  basis: string | null | undefined,
  invited: number | null,
  note: string | null | undefined,
): { basis: InvitedBasis | null; invited: number | null; note: string | null } {
  const b = basis ? basis.trim() : '';
  if (b && !(INVITED_BASES as readonly string[]).includes(b))
    throw new UserError(
      'Välj underlaget för svarsfrekvensen: angivet antal, en delgrupp, avslutade deltagare eller inskrivna deltagare.',
      400,
      'invitedBasis',
    );
  const clean = note?.trim() ? note.trim().slice(0, 100) : null;
  rejectIdentityNumber(clean, 'Delgruppens beskrivning');
  if ((b === 'entered' || b === 'subgroup') && invited === null)
    throw new UserError('Skriv antalet tillfrågade när underlaget är ett angivet antal eller en delgrupp.', 400, 'invited');
  if (b === 'subgroup' && !clean)
    throw new UserError('Skriv vilken delgrupp antalet gäller, t.ex. "lotsade deltagare".', 400, 'invitedNote');
  if ((b === 'ended' || b === 'enrolled') && invited !== null)
    throw new UserError('Ett underlag ur insatsuppföljningen räknas fram: lämna antalet tomt, eller välj "angivet antal".', 400, 'invited');
  return { basis: (b || null) as InvitedBasis | null, invited, note: b === 'subgroup' ? clean : null };
}

/** A basis from the participant register needs an insats: the register counts participants per insats. */
function checkBasisHasRegister(basis: InvitedBasis | null, insatsId: number | null): void {
  if (insatsId === null && (basis === 'ended' || basis === 'enrolled'))
    throw new UserError(
      'En omgång för förbundet (utan insats) har ingen insatsuppföljning att räkna fram antalet ur. Ange antalet tillfrågade i stället.',
      400,
      'invitedBasis',
    );
}

export type RoundState = 'open' | 'not-yet-open' | 'closed';

export function roundState(round: Pick<Round, 'opens_on' | 'closes_on' | 'closed'>, day = today()): RoundState {
  if (round.closed) return 'closed';
  if (round.opens_on && day < round.opens_on) return 'not-yet-open';
  if (round.closes_on && day > round.closes_on) return 'closed';
  return 'open';
}

/** 192 random bits, URL-safe: unguessable, and short enough for a QR code. */
export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

const ROUND_COLUMNS = `r.id, r.token, r.instrument_id, r.instrument_version, r.insats_id, r.event_id, COALESCE(i.name, '${FORBUND_NAME}') AS insats_name,
  r.period, r.year, r.opens_on, r.closes_on, r.invited, r.invited_basis, r.invited_note, r.kiosk, r.closed`;

/** The insats with this name, ignoring case (also of å/ä/ö, which SQLite's NOCASE does not fold) and spacing. */
export async function findInsatsByName(db: Db, name: string): Promise<Insats | undefined> {
  const wanted = insatsNameKey(name);
  const rows = await db.all<Insats>('SELECT id, name, archived FROM insatser ORDER BY id');
  return rows.find((r) => insatsNameKey(r.name) === wanted);
}

export async function addInsats(db: Db, name: string): Promise<Insats> {
  const clean = checkedInsatsName(name);
  if (await findInsatsByName(db, clean)) throw new UserError(`Det finns redan en insats som heter "${clean}".`);
  const { lastID } = await db.run('INSERT INTO insatser (name) VALUES (?)', [clean]);
  return { id: lastID, name: clean, archived: 0 };
}

export async function listInsatser(db: Db): Promise<Insats[]> {
  return db.all<Insats>('SELECT id, name, archived FROM insatser ORDER BY name COLLATE NOCASE');
}

export async function findRoundByToken(db: Db, token: string): Promise<Round | undefined> {
  return db.first<Round>(`SELECT ${ROUND_COLUMNS} FROM rounds r LEFT JOIN insatser i ON i.id = r.insats_id WHERE r.token = ?`, [token]);
}

export async function findRound(db: Db, id: number): Promise<Round | undefined> {
  return db.first<Round>(`SELECT ${ROUND_COLUMNS} FROM rounds r LEFT JOIN insatser i ON i.id = r.insats_id WHERE r.id = ?`, [id]);
}

export async function listRounds(db: Db): Promise<(Round & { responses: number })[]> {
  return db.all(
    `SELECT ${ROUND_COLUMNS}, (SELECT COALESCE(SUM(n), 0) FROM response_totals x WHERE x.round_id = r.id) AS responses
       FROM rounds r LEFT JOIN insatser i ON i.id = r.insats_id
       ORDER BY r.year DESC, i.name IS NOT NULL, i.name COLLATE NOCASE, r.instrument_id, r.id`,
  );
}

/** Responses received so far in a round (from the running totals, migration 006). */
export async function countResponses(db: Db, roundId: number): Promise<number> {
  return (await db.first<{ n: number }>('SELECT COALESCE(SUM(n), 0) AS n FROM response_totals WHERE round_id = ?', [roundId]))!.n;
}

export interface NewRound {
  instrumentId: string;
  instrumentVersion: number;
  /** Null: a round of the förbund itself. */
  insatsId: number | null;
  period: string;
  year?: number;
  opensOn?: string | null;
  closesOn?: string | null;
  invited?: number | null;
  invitedBasis?: InvitedBasis | null;
  invitedNote?: string | null;
  kiosk?: boolean;
  /** The event the round evaluates (a round of the förbund only). */
  eventId?: number | null;
}

/** The report year of a round: given, else the first year in the period label, else the opening year, else now. */
export function roundYear(r: Pick<NewRound, 'year' | 'period' | 'opensOn'>, day = today()): number {
  if (r.year) return r.year;
  const inLabel = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(r.period);
  if (inLabel) return Number(inLabel[1]);
  if (r.opensOn) return Number(r.opensOn.slice(0, 4));
  return Number(day.slice(0, 4));
}

/** A label without a four-digit year ("HT 25", "Hösten") and no year or opening date: which year is meant is unknown. */
export function checkRoundYear(r: Pick<NewRound, 'year' | 'period' | 'opensOn'>): void {
  if (r.year !== undefined && r.year !== null && (!Number.isInteger(r.year) || r.year < 1900 || r.year > 9999))
    throw new UserError('Året ska skrivas med fyra siffror, t.ex. 2025.', 400, 'year');
  // A year that contradicts the label ("Våren 2026" counted to 2025) is a mistake, typically a period
  // corrected while the year field kept the old year. A label may name several years ("sep 2022 – dec
  // 2025"): any of them may be chosen.
  const inLabel = [...r.period.matchAll(/(?:^|\D)((?:19|20)\d{2})(?=\D|$)/g)].map((m) => Number(m[1]));
  if (r.year && inLabel.length && !inLabel.includes(r.year))
    throw new UserError(
      `Perioden "${r.period.trim().slice(0, 40)}" säger ${inLabel.join(' och ')}, men året är ${r.year}. Ändra året eller töm fältet År, så räknas omgången till årtalet i perioden.`,
      400,
      'year',
    );
  if (r.year || r.opensOn || inLabel.length) return;
  throw new UserError(
    `Perioden "${r.period.trim().slice(0, 40)}" säger inte vilket år omgången räknas till. Skriv året (t.ex. 2025) i fältet År, eller skriv det i perioden (t.ex. "HT 2025").`,
    400,
    'year',
  );
}

export async function createRound(db: Db, r: NewRound): Promise<Round> {
  rejectIdentityNumber(r.period, 'Perioden');
  checkRoundYear(r);
  const basis = checkedInvitedBasis(r.invitedBasis, r.invited ?? null, r.invitedNote);
  checkBasisHasRegister(basis.basis, r.insatsId);
  const eventId = r.eventId ?? null;
  if (eventId !== null) {
    if (r.insatsId !== null)
      throw new UserError('En omgång som utvärderar en händelse hör till förbundet: välj ingen insats.', 400, 'event');
    if (!(await db.first('SELECT id FROM events WHERE id = ?', [eventId])))
      throw new UserError('Händelsen finns inte. Lägg till den under Händelser först.', 400, 'event');
  }
  const token = newToken();
  const { lastID } = await db.run(
    `INSERT INTO rounds (token, instrument_id, instrument_version, insats_id, period, year, opens_on, closes_on, invited, kiosk, invited_basis, invited_note, event_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      token,
      r.instrumentId,
      r.instrumentVersion,
      r.insatsId,
      r.period.trim(),
      roundYear(r),
      r.opensOn ?? null,
      r.closesOn ?? null,
      r.invited ?? null,
      r.kiosk ? 1 : 0,
      basis.basis,
      basis.note,
      eventId,
    ],
  );
  return (await findRound(db, lastID))!;
}

export function roundUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/e/${token}`;
}

/** Renames an insats; false when it does not exist. A bad or taken name is a UserError. */
export async function renameInsats(db: Db, id: number, name: string): Promise<boolean> {
  const clean = checkedInsatsName(name);
  const clash = await findInsatsByName(db, clean);
  if (clash && clash.id !== id) throw new UserError(`Det finns redan en insats som heter "${clean}".`);
  return (await db.run('UPDATE insatser SET name = ? WHERE id = ?', [clean, id])).changes > 0;
}

/** The name as stored, or a UserError saying what is wrong with it (docs/glossary.md). */
function checkedInsatsName(name: string): string {
  const clean = cleanInsatsName(name);
  const problem = insatsNameProblem(clean);
  if (problem) throw new UserError(problem, 400, 'name');
  rejectIdentityNumber(clean, 'Insatsens namn');
  return clean;
}

/** Archives or restores an insats; false when it does not exist. */
export async function setInsatsArchived(db: Db, id: number, archived: boolean): Promise<boolean> {
  return (await db.run('UPDATE insatser SET archived = ? WHERE id = ?', [archived ? 1 : 0, id])).changes > 0;
}

export async function insatsExists(db: Db, id: number): Promise<boolean> {
  return Number.isInteger(id) && !!(await db.first('SELECT id FROM insatser WHERE id = ?', [id]));
}

export async function setRoundClosed(db: Db, roundId: number, closed: boolean): Promise<void> {
  await db.run('UPDATE rounds SET closed = ? WHERE id = ?', [closed ? 1 : 0, roundId]);
}

/** The invited count entered by the kansli (null to derive it from the register), with its basis. */
export async function setRoundInvited(
  db: Db,
  roundId: number,
  invited: number | null,
  basis?: { basis: string | null; note?: string | null },
): Promise<void> {
  const b = checkedInvitedBasis(basis?.basis ?? (invited === null ? null : 'entered'), invited, basis?.note);
  const round = await db.first<{ insats_id: number | null }>('SELECT insats_id FROM rounds WHERE id = ?', [roundId]);
  if (round) checkBasisHasRegister(b.basis, round.insats_id);
  await db.run('UPDATE rounds SET invited = ?, invited_basis = ?, invited_note = ? WHERE id = ?', [invited, b.basis, b.note, roundId]);
}

/** Whether a round has any stored response (web or paper). */
export async function roundHasAnswers(db: Db, roundId: number): Promise<boolean> {
  return !!(await db.first('SELECT 1 FROM responses WHERE round_id = ? LIMIT 1', [roundId]));
}

export interface RoundChanges {
  period?: string;
  year?: number | null;
  opensOn?: string | null;
  closesOn?: string | null;
  /** An insats id, or null for the förbund. */
  insatsId?: number | null;
  instrumentId?: string;
  instrumentVersion?: number;
  kiosk?: boolean;
}

/**
 * Changes a round (docs/operations.md "Ändra och ta bort omgångar"): everything while it has no
 * answers; once answered, only its dates (the answers are tied to its questionnaire, insats and year).
 * A UserError says what cannot be changed; a failed change changes nothing.
 */
export async function updateRound(db: Db, roundId: number, changes: RoundChanges): Promise<Round> {
  const round = await findRound(db, roundId);
  if (!round) throw new UserError('Enkätomgången finns inte.', 404);
  const answered = await roundHasAnswers(db, roundId);
  const next = {
    period: changes.period?.trim() ?? round.period,
    opensOn: changes.opensOn === undefined ? round.opens_on : changes.opensOn,
    closesOn: changes.closesOn === undefined ? round.closes_on : changes.closesOn,
    insatsId: changes.insatsId === undefined ? round.insats_id : changes.insatsId,
    instrumentId: changes.instrumentId ?? round.instrument_id,
    instrumentVersion: changes.instrumentVersion ?? round.instrument_version,
    kiosk: changes.kiosk === undefined ? round.kiosk === 1 : changes.kiosk,
  };
  if (answered) {
    const locked: string[] = [];
    if (next.period !== round.period || (changes.year !== undefined && changes.year !== null && changes.year !== round.year))
      locked.push('period och år');
    if (next.insatsId !== round.insats_id) locked.push('insats');
    if (next.instrumentId !== round.instrument_id || next.instrumentVersion !== round.instrument_version) locked.push('enkät');
    if (next.kiosk !== (round.kiosk === 1)) locked.push('kioskläge');
    if (locked.length)
      throw new UserError(
        `Omgången har redan svar, så ${locked.join(', ')} kan inte ändras (svaren hör till dem). Datumen och underlaget för svarsfrekvensen går att ändra.`,
      );
  }
  if (!next.period || next.period.length > 60)
    throw new UserError('Skriv en period, t.ex. "2024" eller "Hösten 2024" (högst 60 tecken).', 400, 'period');
  rejectIdentityNumber(next.period, 'Perioden');
  if (next.opensOn && next.closesOn && next.closesOn < next.opensOn)
    throw new UserError('Stängningsdatumet kan inte vara före öppningsdatumet.', 400, 'closes');
  const year = answered ? round.year : changes.year ? changes.year : roundYear({ period: next.period, opensOn: next.opensOn });
  if (!answered) checkRoundYear({ period: next.period, year: changes.year ?? undefined, opensOn: next.opensOn });
  await db.run(
    `UPDATE rounds SET period = ?, year = ?, opens_on = ?, closes_on = ?, insats_id = ?, instrument_id = ?, instrument_version = ?, kiosk = ? WHERE id = ?`,
    [next.period, year, next.opensOn, next.closesOn, next.insatsId, next.instrumentId, next.instrumentVersion, next.kiosk ? 1 : 0, roundId],
  );
  return (await findRound(db, roundId))!;
}

/** Deletes a round that has no answers (with its form codes); a UserError when it has any. */
export async function deleteRound(db: Db, roundId: number): Promise<void> {
  await db.transaction(async (tx) => {
    if (await tx.first('SELECT 1 FROM responses WHERE round_id = ? LIMIT 1', [roundId]))
      throw new UserError('Omgången har svar och kan inte tas bort. Stäng den i stället, så tas inga fler svar emot.');
    await tx.run('DELETE FROM submission_nonces WHERE round_id = ?', [roundId]);
    const { changes } = await tx.run('DELETE FROM rounds WHERE id = ?', [roundId]);
    if (!changes) throw new UserError('Enkätomgången finns inte (den kan redan vara borttagen).', 404);
  });
}
