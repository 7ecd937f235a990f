// Stores survey responses exactly once, with group commit.
//
// A submission is one short transaction: the nonce (unique key), the response row, and its answers
// in one multi-row INSERT each. Submissions that arrive while a commit is running are committed
// together in the next transaction, so concurrent clients share the cost of a commit; every caller
// is answered only after its transaction has committed.
import type { Db, Tx } from '../db/database.js';
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

async function writeOne(tx: Tx, s: StoredSubmission): Promise<SubmitOutcome> {
  const nonce = await tx.run('INSERT OR IGNORE INTO submission_nonces (nonce, round_id, used_on) VALUES (?, ?, ?)', [
    s.nonce,
    s.roundId,
    s.date,
  ]);
  if (nonce.changes === 0) return 'duplicate';
  const { lastID: responseId } = await tx.run(
    'INSERT INTO responses (round_id, submitted_on, instrument_version, gender) VALUES (?, ?, ?, ?)',
    [s.roundId, s.date, s.instrumentVersion, s.gender],
  );
  if (s.answers.length > 0) {
    const params: (string | number)[] = [];
    for (const a of s.answers) params.push(responseId, s.roundId, a.questionId, a.value, s.gender);
    await tx.run(
      `INSERT INTO answers (response_id, round_id, question_id, value, gender) VALUES ${s.answers.map(() => '(?,?,?,?,?)').join(',')}`,
      params,
    );
  }
  if (s.texts.length > 0) {
    const params: (string | number)[] = [];
    for (const t of s.texts) params.push(responseId, s.roundId, t.questionId, t.body);
    await tx.run(
      `INSERT INTO text_answers (response_id, round_id, question_id, body) VALUES ${s.texts.map(() => '(?,?,?,?)').join(',')}`,
      params,
    );
  }
  return 'stored';
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
      const outcomes = await db.transaction(async (tx) => {
        const out: SubmitOutcome[] = [];
        for (const p of batch) out.push(await writeOne(tx, p.item));
        return out;
      });
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } catch (batchError) {
      if (batch.length === 1) return batch[0]!.reject(batchError);
      // One bad submission must not fail the others: retry each in its own transaction.
      for (const p of batch) {
        try {
          p.resolve(await db.transaction((tx) => writeOne(tx, p.item)));
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
