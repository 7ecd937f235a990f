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
// ones), the responses as one multi-row INSERT, and all their answers and texts as multi-row INSERTs.
//
// Nothing stored keeps the order of arrival (docs/security.md): a response's id is a random integer
// (so its rowid, and the key of its answers and texts, are random too), and a free text gets a
// random handle, the only name a page uses for it. A clash with an existing id is rare (2^53 ids)
// and costs one more statement: the responses' INSERT skips it (ON CONFLICT DO NOTHING RETURNING
// id) and the skipped ones are inserted again with new ids.
import crypto from 'node:crypto';
import type { Db, Param, Tx } from '../db/database.js';
import type { ParsedSubmission } from './answerRules.js';

export interface StoredSubmission extends ParsedSubmission {
  roundId: number;
  instrumentVersion: number;
  /** YYYY-MM-DD; the time is never stored. */
  date: string;
  /** A paper questionnaire entered by the kansli; the web form otherwise. */
  source?: 'web' | 'paper';
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

async function insertReturning(tx: Tx, head: string, columns: number, rows: Param[][], tail: string): Promise<Record<string, unknown>[]> {
  const one = `(${new Array(columns).fill('?').join(',')})`;
  const out: Record<string, unknown>[] = [];
  for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(from, from + ROWS_PER_STATEMENT);
    out.push(...(await tx.all(`${head} VALUES ${chunk.map(() => one).join(',')} ${tail}`, chunk.flat())));
  }
  return out;
}

/** Largest id: JavaScript numbers (and so node-sqlite3's results) are exact up to 2^53 − 1. */
const ID_MASK = (1n << 53n) - 1n;

/** Random response ids in 1 … 2^53 − 1, from the OS's cryptographic generator. */
export function randomIds(n: number): number[] {
  const bytes = crypto.randomBytes(8 * n);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(Number(bytes.readBigUInt64BE(8 * i) & ID_MASK) || 1);
  return ids;
}

/** 128 random bits: the name of a free-text answer on the kansli's pages. */
export const newTextHandle = () => crypto.randomBytes(16).toString('hex');

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

  // 2. Responses, under random ids; a clash (with an earlier response or within the batch) is
  //    skipped by the INSERT and given a new id.
  let ids = randomIds(stored.length);
  let missing = stored.map((_, k) => k);
  for (let attempt = 0; missing.length > 0; attempt++) {
    if (attempt === 8) throw new Error('could not find free response ids');
    const inserted = new Set<number>();
    const rows = missing.map((k) => {
      const s = stored[k]!;
      return [ids[k]!, s.roundId, s.date, s.instrumentVersion, s.gender, s.source ?? 'web'];
    });
    for (const r of await insertReturning(
      tx,
      'INSERT INTO responses (id, round_id, submitted_on, instrument_version, gender, source)',
      6,
      rows,
      'ON CONFLICT (id) DO NOTHING RETURNING id',
    ))
      inserted.add(Number(r.id));
    missing = missing.filter((k) => !inserted.has(ids[k]!));
    if (missing.length > 0) {
      const fresh = randomIds(missing.length);
      ids = ids.slice();
      missing.forEach((k, i) => (ids[k] = fresh[i]!));
    }
  }
  // 3. Their answers and free texts.
  const answers: Param[][] = [];
  const texts: Param[][] = [];
  stored.forEach((s, k) => {
    const id = ids[k]!;
    for (const a of s.answers) answers.push([id, s.roundId, a.questionId, a.value, s.gender]);
    for (const t of s.texts) texts.push([id, s.roundId, t.questionId, t.body, newTextHandle()]);
  });
  if (answers.length) await insertRows(tx, 'INSERT INTO answers (response_id, round_id, question_id, value, gender)', 5, answers);
  if (texts.length) await insertRows(tx, 'INSERT INTO text_answers (response_id, round_id, question_id, body, handle)', 5, texts);
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
      const outcomes = await db.transaction((tx) =>
        writeBatch(
          tx,
          batch.map((p) => p.item),
        ),
      );
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
