// Free-text answers an admin has hidden (docs/security.md): listed by round so they can be read
// again and restored. Only admins see them, and only from rounds with at least k respondents, like
// the shown ones; the response they belong to is never named, only the text's random handle.
import type { Db } from '../db/database.js';

export interface HiddenText {
  handle: string;
  roundId: number;
  roundPeriod: string;
  insats: string | null;
  questionId: string;
  body: string;
}

export async function hiddenTexts(db: Db, minRoundRespondents: number): Promise<HiddenText[]> {
  const rows = await db.all<{ handle: string; round_id: number; period: string; insats: string | null; question_id: string; body: string }>(
    `SELECT t.handle, t.round_id, r.period, i.name AS insats, t.question_id, t.body
       FROM text_answers t JOIN rounds r ON r.id = t.round_id LEFT JOIN insatser i ON i.id = r.insats_id
      WHERE t.hidden = 1
        AND t.round_id IN (SELECT round_id FROM response_totals GROUP BY round_id HAVING SUM(n) >= ?)
      ORDER BY r.year DESC, r.id, t.question_id, t.body`,
    [minRoundRespondents],
  );
  return rows.map((r) => ({
    handle: r.handle,
    roundId: r.round_id,
    roundPeriod: r.period,
    insats: r.insats,
    questionId: r.question_id,
    body: r.body,
  }));
}

/** Shows a hidden free text again; the question it answered, or null when there is no such hidden text. */
export async function restoreText(db: Db, handle: string): Promise<string | null> {
  const row = await db.transaction((tx) =>
    tx.first<{ question_id: string }>('UPDATE text_answers SET hidden = 0 WHERE handle = ? AND hidden = 1 RETURNING question_id', [handle]),
  );
  return row?.question_id ?? null;
}
