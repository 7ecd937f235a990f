// Stores survey responses exactly once, with group commit.
//
// A submission is one short transaction: the nonce (unique key), the response row, and its answers
// in one multi-row INSERT each. Submissions that arrive while a commit is running are committed
// together in the next transaction, so concurrent clients share the cost of a commit; every caller
// is answered only after its transaction has committed.
//
// A batch is written with a fixed number of statements, not a few per submission: every statement
// is a round trip through the async driver, and under load that round trip (not the disk) is the
// limit. The nonces go in as one INSERT OR IGNORE … RETURNING (the returned nonces are the new
// ones), the responses as one multi-row INSERT with ids taken from MAX(id) inside the write
// transaction (which holds SQLite's write lock, so no other connection can take them), and all
// their answers and texts as multi-row INSERTs.
import type { Db, Param, Tx } from '../db/database.js';
import type { ParsedSubmission } from '../../surveys/validate.js';

export interface StoredSubmission extends ParsedSubmission {
  roundId: number;
  instrumentVersion: number;
  /** YYYY-MM-DD; the time is never stored. */
  date: string;
}

export type SubmitOutcome = 'stored' | 'duplicate';

interface Pending {
  item: StoredSubmission;
  resolve: (o: SubmitOutcome) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 256;

/** Rows per multi-row statement: at most 5 × 500 parameters, well below SQLite's limit. */
const ROWS_PER_STATEMENT = 500;

async function insertRows(tx: Tx, head: string, columns: number, rows: Param[][]): Promise<void> {
  const one = `(${new Array(columns).fill('?').join(',')})`;
  for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(from, from + ROWS_PER_STATEMENT);
    await tx.run(`${head} VALUES ${chunk.map(() => one).join(',')}`, chunk.flat());
  }
}

/** Writes a batch inside the caller's transaction; one outcome per submission, in order. */
async function writeBatch(tx: Tx, batch: readonly StoredSubmission[]): Promise<SubmitOutcome[]> {
  // 1. Nonces: RETURNING lists only the rows actually inserted, so a nonce already in the table
  //    (or repeated within the batch: the first one wins) is a duplicate.
  const fresh = new Set<string>();
  for (let from = 0; from < batch.length; from += ROWS_PER_STATEMENT) {
    const chunk = batch.slice(from, from + ROWS_PER_STATEMENT);
    const rows = await tx.all<{ nonce: string }>(
      `INSERT OR IGNORE INTO submission_nonces (nonce, round_id, used_on) VALUES ${chunk.map(() => '(?,?,?)').join(',')} RETURNING nonce`,
      chunk.flatMap((s) => [s.nonce, s.roundId, s.date]),
    );
    for (const r of rows) fresh.add(r.nonce);
  }
  const outcomes: SubmitOutcome[] = [];
  const stored: StoredSubmission[] = [];
  for (const s of batch) {
    if (fresh.delete(s.nonce)) {
      outcomes.push('stored');
      stored.push(s);
    } else outcomes.push('duplicate');
  }
  if (stored.length === 0) return outcomes;

  // 2. Responses, with ids assigned here (as SQLite would: one past the largest).
  const max = await tx.first<{ id: number | null }>('SELECT MAX(id) AS id FROM responses');
  const firstId = (max?.id ?? 0) + 1;
  const responses: Param[][] = [];
  const answers: Param[][] = [];
  const texts: Param[][] = [];
  stored.forEach((s, k) => {
    const id = firstId + k;
    responses.push([id, s.roundId, s.date, s.instrumentVersion, s.gender]);
    for (const a of s.answers) answers.push([id, s.roundId, a.questionId, a.value, s.gender]);
    for (const t of s.texts) texts.push([id, s.roundId, t.questionId, t.body]);
  });
  await insertRows(tx, 'INSERT INTO responses (id, round_id, submitted_on, instrument_version, gender)', 5, responses);
  // 3. Their answers and free texts.
  if (answers.length) await insertRows(tx, 'INSERT INTO answers (response_id, round_id, question_id, value, gender)', 5, answers);
  if (texts.length) await insertRows(tx, 'INSERT INTO text_answers (response_id, round_id, question_id, body)', 4, texts);
  return outcomes;
}

export interface SubmissionWriter {
  submit(s: StoredSubmission): Promise<SubmitOutcome>;
  /** Resolves when everything queued so far is committed (for graceful shutdown). */
  drain(): Promise<void>;
}

export function createSubmissionWriter(db: Db): SubmissionWriter {
  let pending: Pending[] = [];
  let running: Promise<void> | null = null;

  async function commitBatch(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await db.transaction((tx) => writeBatch(tx, batch.map((p) => p.item)));
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } catch (batchError) {
      if (batch.length === 1) return batch[0]!.reject(batchError);
      // One bad submission must not fail the others: retry each in its own transaction.
      for (const p of batch) {
        try {
          p.resolve((await db.transaction((tx) => writeBatch(tx, [p.item])))[0]!);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }

  async function loop(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.slice(0, MAX_BATCH);
      pending = pending.slice(batch.length);
      await commitBatch(batch);
    }
    running = null;
  }

  return {
    submit(item) {
      return new Promise<SubmitOutcome>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        running ??= loop();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}
