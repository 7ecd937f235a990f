// The extra columns of an import as named variables of the episode (episode_variables), written in
// the same merge chunks as the episodes and undone with them (importer.ts, batches.ts). Only the
// variables named in the batch's own header are touched: a later file without a "Kommun" column
// leaves the stored Kommun values alone, as it does for a missing built-in column.
import type { Tx } from '../db/database.js';
import type { ExtraColumn } from './csvFile.js';

/** The chunk's staged rows joined to their episodes (?1 = batch, ?2..?3 = stage rowid range). */
const CHUNK_EPISODES = `temp.import_stage s CROSS JOIN temp.import_stage_insats m ON m.insats_key = s.insats_key
  CROSS JOIN episodes e ON e.insats_id = m.insats_id AND e.participant_ref = s.participant_ref AND e.start_date = s.start_date`;
const IN_CHUNK = 's.rowid > ?2 AND s.rowid <= ?3';

/**
 * Records the batch's extra columns and returns the names they are stored under: the spelling of
 * the first batch that had a column with the same header key ("KOMMUN" later is "Kommun").
 */
export async function recordBatchVariables(tx: Tx, batchId: number, extra: readonly ExtraColumn[]): Promise<string[]> {
  const names: string[] = [];
  for (const [position, column] of extra.entries()) {
    const earlier = await tx.first<{ name: string }>(
      'SELECT name FROM import_batch_variables WHERE name_key = ? ORDER BY batch_id, position LIMIT 1',
      [column.key],
    );
    const name = earlier?.name ?? column.name;
    await tx.run('INSERT INTO import_batch_variables (batch_id, position, name, name_key) VALUES (?, ?, ?, ?)', [
      batchId,
      position,
      name,
      column.key,
    ]);
    names.push(name);
  }
  return names;
}

/** Before the chunk's episodes are updated: keep the variables (of this batch's columns) they have. */
export async function keepVariables(tx: Tx, batchId: number, range: readonly [number, number]): Promise<void> {
  await tx.run(
    `INSERT INTO episode_variable_history (batch_id, episode_id, name, value)
     SELECT ?1, e.id, v.name, v.value
     FROM ${CHUNK_EPISODES}
     CROSS JOIN import_batch_variables b ON b.batch_id = ?1
     CROSS JOIN episode_variables v ON v.episode_id = e.id AND v.name = b.name
     WHERE ${IN_CHUNK}`,
    [batchId, ...range],
  );
}

/** After the chunk's episodes are written: their variables of this batch's columns become the file's. */
export async function writeVariables(tx: Tx, batchId: number, range: readonly [number, number]): Promise<void> {
  await tx.run(
    `DELETE FROM episode_variables WHERE (episode_id, name) IN (
       SELECT e.id, b.name FROM ${CHUNK_EPISODES} CROSS JOIN import_batch_variables b ON b.batch_id = ?1
       WHERE ${IN_CHUNK})`,
    [batchId, ...range],
  );
  await tx.run(
    `INSERT INTO episode_variables (episode_id, name, value)
     SELECT e.id, b.name, j.value
     FROM ${CHUNK_EPISODES}
     CROSS JOIN json_each(s.variables) j
     CROSS JOIN import_batch_variables b ON b.batch_id = ?1 AND b.position = j.key
     WHERE ${IN_CHUNK} AND s.variables IS NOT NULL AND j.type = 'text'`,
    [batchId, ...range],
  );
}

/**
 * Undo: the episodes the batch updated get back exactly the variables they had, and those it added
 * lose theirs. Run before the batch's episode_history and episodes are removed.
 */
export async function revertVariables(tx: Tx, batchId: number): Promise<void> {
  await tx.run(
    `DELETE FROM episode_variables WHERE (episode_id, name) IN (
       SELECT h.episode_id, b.name FROM episode_history h CROSS JOIN import_batch_variables b ON b.batch_id = h.batch_id
       WHERE h.batch_id = ?1)`,
    [batchId],
  );
  await tx.run(
    'INSERT INTO episode_variables (episode_id, name, value) SELECT episode_id, name, value FROM episode_variable_history WHERE batch_id = ?',
    [batchId],
  );
  await tx.run('DELETE FROM episode_variable_history WHERE batch_id = ?', [batchId]);
  await tx.run('DELETE FROM episode_variables WHERE episode_id IN (SELECT id FROM episodes WHERE created_batch_id = ?)', [batchId]);
}
