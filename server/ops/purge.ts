// Retention (gallring): removes survey responses and participant follow-up older than a cut-off,
// in one transaction, then makes the deleted data unreadable in the file (ops/erase.ts). Rounds,
// insatser and targets are kept; they hold no personal data.
import type { Db } from '../db/database.js';
import { today } from '../time.js';
import { UserError } from '../errors.js';
import { eraseFreedData } from './erase.js';
import { withImportLock } from '../followup/mergeGate.js';

export interface PurgeResult {
  cutoff: string;
  responses: number;
  nonces: number;
  episodes: number;
}

/** The first day that is kept: everything dated before it is purged. */
export function purgeCutoff(years: number, day = today()): string {
  if (!Number.isInteger(years) || years < 1 || years > 100) throw new UserError('Antalet år måste vara ett heltal mellan 1 och 100.');
  return `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
}

export async function purgeOlderThan(db: Db, years: number, day = today()): Promise<PurgeResult> {
  const cutoff = purgeCutoff(years, day);
  // One at a time with imports and undo, which write the same tables in several transactions.
  return withImportLock(db, async () => {
    const result = await db.transaction(async (tx) => {
      // Answers and free text go with their response (ON DELETE CASCADE).
      const responses = await tx.run('DELETE FROM responses WHERE submitted_on < ?', [cutoff]);
      const nonces = await tx.run('DELETE FROM submission_nonces WHERE used_on < ?', [cutoff]);
      // An episode is purged when it ended before the cut-off; ongoing episodes are kept.
      await tx.run(
        'DELETE FROM episode_history WHERE episode_id IN (SELECT id FROM episodes WHERE end_date IS NOT NULL AND end_date < ?)',
        [cutoff],
      );
      const episodes = await tx.run('DELETE FROM episodes WHERE end_date IS NOT NULL AND end_date < ?', [cutoff]);
      return { cutoff, responses: responses.changes, nonces: nonces.changes, episodes: episodes.changes };
    });
    // Deleted rows must not stay readable in the WAL or in free pages of the file.
    await eraseFreedData(db);
    return result;
  });
}
