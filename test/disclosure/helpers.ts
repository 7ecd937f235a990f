// Responses written straight into the tables (the triggers keep the totals), for disclosure tests
// that need many small random databases quickly.
import crypto from 'node:crypto';
import type { Db } from '../../server/db/database.js';
import type { Gender } from '../../surveys/types.js';

export interface FakeResponse {
  gender: Gender;
  answers?: Record<string, string>;
  texts?: Record<string, string>;
  /** The stored date (default 2024-06-01). */
  submittedOn?: string;
}

export async function addResponses(db: Db, roundId: number, responses: readonly FakeResponse[]): Promise<void> {
  for (const r of responses) {
    // Random ids and handles, as the submission writer makes them (docs/security.md: no order).
    const lastID = crypto.randomInt(1, 2 ** 47);
    await db.run('INSERT INTO responses (id, round_id, submitted_on, instrument_version, gender) VALUES (?, ?, ?, 1, ?)', [
      lastID,
      roundId,
      r.submittedOn ?? '2024-06-01',
      r.gender,
    ]);
    const answers = { ...(r.gender !== 'annat' ? { kon: r.gender } : {}), ...(r.answers ?? {}) };
    for (const [q, v] of Object.entries(answers))
      await db.run('INSERT INTO answers (response_id, round_id, question_id, value, gender) VALUES (?, ?, ?, ?, ?)', [
        lastID,
        roundId,
        q,
        v,
        r.gender,
      ]);
    for (const [q, body] of Object.entries(r.texts ?? {}))
      await db.run('INSERT INTO text_answers (response_id, round_id, question_id, body, handle) VALUES (?, ?, ?, ?, ?)', [
        lastID,
        roundId,
        q,
        body,
        crypto.randomBytes(16).toString('hex'),
      ]);
  }
}

/** n responses of one gender with the same answers. */
export function many(
  n: number,
  gender: Gender,
  answers: Record<string, string> = { nytta: '5' },
  texts?: Record<string, string>,
  submittedOn?: string,
): FakeResponse[] {
  return Array.from({ length: n }, () => ({ gender, answers, ...(texts ? { texts } : {}), ...(submittedOn ? { submittedOn } : {}) }));
}
