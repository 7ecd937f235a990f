// The admin's raw export of one round: one row per response, one column per question, rows sorted by
// their content so that the file says nothing about the order in which answers arrived
// (docs/security.md). Free text only when asked for; the caller checks the round's size first.
import type { Db } from '../db/database.js';
import type { Questionnaire } from '../../surveys/types.js';

export interface RawExport {
  headers: string[];
  rows: (string | null)[][];
}

export async function rawRoundExport(db: Db, roundId: number, q: Questionnaire, withText: boolean): Promise<RawExport> {
  const closed = q.questions.filter((x) => x.type !== 'text');
  const texts = withText ? q.questions.filter((x) => x.type === 'text') : [];
  const responses = await db.all<{ id: number; submitted_on: string; source: string }>(
    'SELECT id, submitted_on, source FROM responses WHERE round_id = ?',
    [roundId],
  );
  const answers = await db.all<{ response_id: number; question_id: string; value: string }>(
    'SELECT response_id, question_id, value FROM answers WHERE round_id = ?',
    [roundId],
  );
  const textRows = withText
    ? await db.all<{ response_id: number; question_id: string; value: string }>(
        'SELECT response_id, question_id, body AS value FROM text_answers WHERE round_id = ? AND hidden = 0',
        [roundId],
      )
    : [];
  // Keyed without a prototype: a question id such as "constructor" must not find a function.
  const byResponse = new Map<number, Record<string, string>>();
  for (const a of [...answers, ...textRows]) {
    const m = byResponse.get(a.response_id) ?? (Object.create(null) as Record<string, string>);
    m[a.question_id] = a.value;
    byResponse.set(a.response_id, m);
  }
  const rows = responses.map((r) => {
    const m = byResponse.get(r.id) ?? (Object.create(null) as Record<string, string>);
    return [
      r.submitted_on,
      r.source === 'paper' ? 'papper' : 'webb',
      ...closed.map((x) => m[x.id] ?? null),
      ...texts.map((x) => m[x.id] ?? null),
    ];
  });
  rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  // Headers are the question texts, with the id in brackets so a column can still be matched to the
  // questionnaire file; a paper answer is marked so.
  const header = (x: Questionnaire['questions'][number]) => `${x.text} [${x.id}]`;
  return { headers: ['Datum', 'Källa', ...closed.map(header), ...texts.map(header)], rows };
}
