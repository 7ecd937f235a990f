// SQL for indicators: which rounds a selection covers, and the count tables over them.
// Counting is a GROUP BY over the running totals kept by triggers (migration 006), so a report
// costs the same at ten thousand and at a million responses.
import type { Db } from '../db/database.js';
import type { CountRow } from '../../analysis/indicators.js';
import type { Gender } from '../../surveys/types.js';

export interface SelectedRound {
  id: number;
  insats_id: number;
  insats_name: string;
  instrument_id: string;
  instrument_version: number;
  period: string;
  year: number;
  opens_on: string | null;
  closes_on: string | null;
  invited: number | null;
  responses: number;
}

export interface RoundFilter {
  roundId?: number;
  year?: number;
  insatsId?: number | null;
  instrumentId?: string;
}

export async function selectRounds(db: Db, f: RoundFilter): Promise<SelectedRound[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.roundId !== undefined) (where.push('r.id = ?'), params.push(f.roundId));
  if (f.year !== undefined) (where.push('r.year = ?'), params.push(f.year));
  if (f.insatsId != null) (where.push('r.insats_id = ?'), params.push(f.insatsId));
  if (f.instrumentId !== undefined) (where.push('r.instrument_id = ?'), params.push(f.instrumentId));
  return db.all<SelectedRound>(
    `SELECT r.id, r.insats_id, i.name AS insats_name, r.instrument_id, r.instrument_version, r.period, r.year,
            r.opens_on, r.closes_on, r.invited,
            (SELECT COALESCE(SUM(n), 0) FROM response_totals x WHERE x.round_id = r.id) AS responses
       FROM rounds r JOIN insatser i ON i.id = r.insats_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY i.name COLLATE NOCASE, r.instrument_id, r.id`,
    params,
  );
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

export async function answerCounts(db: Db, roundIds: number[]): Promise<CountRow[]> {
  if (roundIds.length === 0) return [];
  return db.all<CountRow>(
    `SELECT question_id, value, gender, SUM(n) AS count
       FROM answer_totals WHERE round_id IN (${placeholders(roundIds.length)})
      GROUP BY question_id, value, gender HAVING SUM(n) > 0`,
    roundIds,
  );
}

export async function respondentCounts(db: Db, roundIds: number[]): Promise<Record<Gender, number>> {
  const out: Record<Gender, number> = { kvinna: 0, man: 0, annat: 0 };
  if (roundIds.length === 0) return out;
  const rows = await db.all<{ gender: Gender; n: number }>(
    `SELECT gender, SUM(n) AS n FROM response_totals WHERE round_id IN (${placeholders(roundIds.length)}) GROUP BY gender`,
    roundIds,
  );
  for (const r of rows) out[r.gender] = r.n;
  return out;
}

/**
 * Free-text answers of a selection, in a stable order that does not reveal submission order. Only
 * from rounds that themselves have at least `minRoundRespondents` respondents (docs/disclosure.md):
 * a small round's texts would otherwise be read off as the difference of two larger selections.
 */
export async function textAnswers(
  db: Db,
  roundIds: number[],
  opts: { minRoundRespondents: number },
): Promise<{ handle: string; round_id: number; question_id: string; body: string; hidden: number }[]> {
  if (roundIds.length === 0) return [];
  // handle: the text's random name (migration 009); the response id is never shown.
  return db.all(
    `SELECT handle, round_id, question_id, body, hidden FROM text_answers
      WHERE round_id IN (${placeholders(roundIds.length)}) AND hidden = 0
        AND round_id IN (SELECT round_id FROM response_totals GROUP BY round_id HAVING SUM(n) >= ?)
      ORDER BY question_id, body`,
    [...roundIds, opts.minRoundRespondents],
  );
}

/** Respondents of one round. */
export async function roundRespondents(db: Db, roundId: number): Promise<number> {
  const row = await db.first<{ n: number }>('SELECT COALESCE(SUM(n), 0) AS n FROM response_totals WHERE round_id = ?', [roundId]);
  return row?.n ?? 0;
}

/** The rounds of one (year, questionnaire) tree, as a subquery with its two parameters. */
const TREE_ROUNDS = 'SELECT id FROM rounds WHERE year = ? AND instrument_id = ?';

/** Respondents per round and gender over a whole (year, questionnaire) tree. */
export async function respondentsByRound(
  db: Db,
  year: number,
  instrumentId: string,
): Promise<{ round_id: number; gender: Gender; n: number }[]> {
  return db.all(
    `SELECT round_id, gender, SUM(n) AS n FROM response_totals
      WHERE round_id IN (${TREE_ROUNDS}) GROUP BY round_id, gender HAVING SUM(n) > 0`,
    [year, instrumentId],
  );
}

/**
 * Substantive answers per round and gender over a whole (year, questionnaire) tree, one column per
 * question (`q0`, `q1`, … in the order given): only the listed values count (the question's steps;
 * not vet-ej, not values of older versions). One row per round × gender keeps the result small.
 */
export async function substantiveByRound(
  db: Db,
  year: number,
  instrumentId: string,
  questions: readonly { id: string; values: readonly string[] }[],
): Promise<({ round_id: number; gender: Gender } & Record<string, number>)[]> {
  const counted = questions.filter((q) => q.values.length > 0);
  if (counted.length === 0) return [];
  const columns = counted.map(
    (q, i) => `SUM(CASE WHEN question_id = ? AND value IN (${placeholders(q.values.length)}) THEN n ELSE 0 END) AS q${i}`,
  );
  return db.all(
    `SELECT round_id, gender, ${columns.join(', ')} FROM answer_totals
      WHERE round_id IN (${TREE_ROUNDS}) AND question_id IN (${placeholders(counted.length)})
      GROUP BY round_id, gender`,
    [...counted.flatMap((q) => [q.id, ...q.values]), year, instrumentId, ...counted.map((q) => q.id)],
  );
}

/** Hides one free-text answer by its random handle; the question it answered, or null if none. */
export async function hideTextAnswer(db: Db, handle: string): Promise<string | null> {
  const row = await db.transaction((tx) =>
    tx.first<{ question_id: string }>('UPDATE text_answers SET hidden = 1 WHERE handle = ? RETURNING question_id', [handle]),
  );
  return row?.question_id ?? null;
}
