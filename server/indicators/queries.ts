// SQL for indicators: which rounds a selection covers, and the count tables over them.
// Counting is a GROUP BY over the running totals kept by triggers (migration 006), so a report
// costs the same at ten thousand and at a million responses. Only a round that runs partly outside
// the period is counted from its responses (docs/rules.md "Perioder").
import type { Db } from '../db/database.js';
import type { CountRow } from '../../analysis/indicators.js';
import type { Gender } from '../../surveys/types.js';
import type { Period } from '../../analysis/period.js';
import { roundPart, roundSpan, type RoundPart } from '../../analysis/roundSpan.js';
import { FORBUND_INSATS, FORBUND_NAME } from '../survey/rounds.js';

export interface SelectedRound {
  id: number;
  /** The insats, or FORBUND_INSATS.id (0) for a round of the förbund itself (survey/rounds.ts). */
  insats_id: number;
  /** The insats's name, or FORBUND_NAME. */
  insats_name: string;
  instrument_id: string;
  instrument_version: number;
  period: string;
  year: number;
  opens_on: string | null;
  closes_on: string | null;
  invited: number | null;
  invited_basis: 'entered' | 'subgroup' | 'ended' | 'enrolled' | null;
  invited_note: string | null;
  /** All the round's responses (its running total), whatever the period. */
  responses: number;
  /** How the round takes part in the selected period (analysis/roundSpan.ts); whole for a round selected by id. */
  part: RoundPart;
}

export interface RoundFilter {
  roundId?: number;
  /** Rounds whose span overlaps the period (docs/rules.md "Perioder"). */
  period?: Pick<Period, 'from' | 'to'>;
  /** null: every round; FORBUND_INSATS.id (0): the rounds without insats. */
  insatsId?: number | null;
  instrumentId?: string;
}

/** A round's span in SQL, the same as analysis/roundSpan.ts roundSpan (ends in order). */
const SPAN_A = "COALESCE(r.opens_on, printf('%04d-01-01', r.year))";
const SPAN_B = "COALESCE(r.closes_on, printf('%04d-12-31', r.year))";

export async function selectRounds(db: Db, f: RoundFilter): Promise<SelectedRound[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.roundId !== undefined) (where.push('r.id = ?'), params.push(f.roundId));
  if (f.period !== undefined)
    (where.push(`MIN(${SPAN_A}, ${SPAN_B}) <= ? AND MAX(${SPAN_A}, ${SPAN_B}) >= ?`), params.push(f.period.to, f.period.from));
  if (f.insatsId === FORBUND_INSATS.id) where.push('r.insats_id IS NULL');
  else if (f.insatsId != null) (where.push('r.insats_id = ?'), params.push(f.insatsId));
  if (f.instrumentId !== undefined) (where.push('r.instrument_id = ?'), params.push(f.instrumentId));
  const rows = await db.all<Omit<SelectedRound, 'part'>>(
    `SELECT r.id, COALESCE(r.insats_id, ${FORBUND_INSATS.id}) AS insats_id, COALESCE(i.name, '${FORBUND_NAME}') AS insats_name, r.instrument_id, r.instrument_version, r.period, r.year,
            r.opens_on, r.closes_on, r.invited, r.invited_basis, r.invited_note,
            (SELECT COALESCE(SUM(n), 0) FROM response_totals x WHERE x.round_id = r.id) AS responses
       FROM rounds r LEFT JOIN insatser i ON i.id = r.insats_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY i.name IS NOT NULL, i.name COLLATE NOCASE, r.instrument_id, r.id`,
    params,
  );
  const out: SelectedRound[] = [];
  for (const r of rows) {
    const part = f.period ? roundPart(roundSpan(r), f.period) : WHOLE;
    if (part) out.push({ ...r, part });
  }
  return out;
}

const WHOLE: RoundPart = { whole: true };

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** A round and how it takes part in a period: the input of every count below. */
export type CountedRound = Pick<SelectedRound, 'id' | 'part'>;

/**
 * Whole rounds are counted from the running totals (migration 006): no join, the same cost as
 * before periods existed. Partial rounds are counted from their responses whose date lies in the
 * round's window, through `w(round_id, lo, hi)`, a CTE with one row per partial round.
 */
function split(rounds: readonly CountedRound[]) {
  const whole: number[] = [];
  const windows: (string | number)[] = [];
  for (const r of rounds) {
    if (r.part.whole) whole.push(r.id);
    else windows.push(r.id, r.part.lo, r.part.hi);
  }
  const partial = windows.length / 3;
  const cte = partial ? `WITH w(round_id, lo, hi) AS (VALUES ${Array.from({ length: partial }, () => '(?, ?, ?)').join(', ')})` : '';
  return { whole, partial, cte, windows };
}

/** The responses of the partial rounds inside their windows (after the CTE). */
const INSIDE = 'w JOIN responses x ON x.round_id = w.round_id AND x.submitted_on BETWEEN w.lo AND w.hi';

/** Answers per question, value and gender over whole rounds, from the running totals. */
export async function answerTotals(db: Db, roundIds: readonly number[]): Promise<CountRow[]> {
  if (roundIds.length === 0) return [];
  return db.all<CountRow>(
    `SELECT question_id, value, gender, SUM(n) AS count
       FROM answer_totals WHERE round_id IN (${placeholders(roundIds.length)})
      GROUP BY question_id, value, gender HAVING SUM(n) > 0`,
    [...roundIds],
  );
}

/**
 * Answers per round, question, value and gender of the partial rounds, inside their windows: the one
 * pass over the raw answers that a period's tree needs (server/indicators/disclosure.ts keeps it).
 */
export async function partialAnswers(db: Db, rounds: readonly CountedRound[]): Promise<(CountRow & { round_id: number })[]> {
  const s = split(rounds);
  if (!s.partial) return [];
  return db.all(
    `${s.cte} SELECT a.round_id, a.question_id, a.value, a.gender, COUNT(*) AS count
       FROM ${INSIDE} JOIN answers a ON a.response_id = x.id
      GROUP BY a.round_id, a.question_id, a.value, a.gender`,
    s.windows,
  );
}

/**
 * Free-text answers of a selection, in a stable order that does not reveal submission order. Only
 * from rounds that themselves have at least `minRoundRespondents` respondents within the selection
 * (docs/disclosure.md): a small round's texts would otherwise be read off as the difference of two
 * larger selections. A partial round gives only the texts of its responses inside the period.
 */
export async function textAnswers(
  db: Db,
  rounds: readonly CountedRound[],
  opts: { minRoundRespondents: number },
): Promise<{ handle: string; round_id: number; question_id: string; body: string; hidden: number }[]> {
  type Row = { handle: string; round_id: number; question_id: string; body: string; hidden: number };
  const s = split(rounds);
  const out: Row[] = [];
  // handle: the text's random name (migration 009); the response id is never shown.
  if (s.whole.length)
    out.push(
      ...(await db.all<Row>(
        `SELECT handle, round_id, question_id, body, hidden FROM text_answers
          WHERE round_id IN (${placeholders(s.whole.length)}) AND hidden = 0
            AND round_id IN (SELECT round_id FROM response_totals GROUP BY round_id HAVING SUM(n) >= ?)`,
        [...s.whole, opts.minRoundRespondents],
      )),
    );
  if (s.partial)
    out.push(
      ...(await db.all<Row>(
        `${s.cte}, inside AS (SELECT x.id, x.round_id FROM ${INSIDE}),
              big AS (SELECT round_id FROM inside GROUP BY round_id HAVING COUNT(*) >= ?)
         SELECT t.handle, t.round_id, t.question_id, t.body, t.hidden
           FROM inside JOIN big ON big.round_id = inside.round_id JOIN text_answers t ON t.response_id = inside.id
          WHERE t.hidden = 0`,
        [...s.windows, opts.minRoundRespondents],
      )),
    );
  // Byte order, as SQLite's ORDER BY question_id, body would give.
  const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  return out.sort((a, b) => bytes(a.question_id, b.question_id) || bytes(a.body, b.body) || bytes(a.handle, b.handle));
}

/** Respondents of one round. */
export async function roundRespondents(db: Db, roundId: number): Promise<number> {
  const row = await db.first<{ n: number }>('SELECT COALESCE(SUM(n), 0) AS n FROM response_totals WHERE round_id = ?', [roundId]);
  return row?.n ?? 0;
}

/** Respondents per round and gender over the given rounds (a whole tree, or one selection). */
export async function respondentsByRound(
  db: Db,
  rounds: readonly CountedRound[],
): Promise<{ round_id: number; gender: Gender; n: number }[]> {
  const s = split(rounds);
  const out: { round_id: number; gender: Gender; n: number }[] = [];
  if (s.whole.length)
    out.push(
      ...(await db.all<{ round_id: number; gender: Gender; n: number }>(
        `SELECT round_id, gender, SUM(n) AS n FROM response_totals
          WHERE round_id IN (${placeholders(s.whole.length)}) GROUP BY round_id, gender HAVING SUM(n) > 0`,
        s.whole,
      )),
    );
  if (s.partial)
    out.push(
      ...(await db.all<{ round_id: number; gender: Gender; n: number }>(
        `${s.cte} SELECT x.round_id, x.gender, COUNT(*) AS n FROM ${INSIDE} GROUP BY x.round_id, x.gender`,
        s.windows,
      )),
    );
  return out;
}

/**
 * Substantive answers per round and gender over whole rounds (running totals), one column per
 * question (`q0`, `q1`, … in the order given): only the listed values count (the question's steps;
 * not vet-ej, not values of older versions). One row per round × gender keeps the result small.
 */
export async function substantiveByRound(
  db: Db,
  roundIds: readonly number[],
  questions: readonly { id: string; values: readonly string[] }[],
): Promise<({ round_id: number; gender: Gender } & Record<string, number>)[]> {
  const counted = questions.filter((q) => q.values.length > 0);
  if (counted.length === 0 || roundIds.length === 0) return [];
  const columns = counted.map(
    (q, i) => `SUM(CASE WHEN question_id = ? AND value IN (${placeholders(q.values.length)}) THEN n ELSE 0 END) AS q${i}`,
  );
  return db.all(
    `SELECT round_id, gender, ${columns.join(', ')} FROM answer_totals
      WHERE round_id IN (${placeholders(roundIds.length)}) AND question_id IN (${placeholders(counted.length)})
      GROUP BY round_id, gender`,
    [...counted.flatMap((q) => [q.id, ...q.values]), ...roundIds, ...counted.map((q) => q.id)],
  );
}

/** Hides one free-text answer by its random handle; the question it answered, or null if none. */
export async function hideTextAnswer(db: Db, handle: string): Promise<string | null> {
  const row = await db.transaction((tx) =>
    tx.first<{ question_id: string }>('UPDATE text_answers SET hidden = 1 WHERE handle = ? RETURNING question_id', [handle]),
  );
  return row?.question_id ?? null;
}
