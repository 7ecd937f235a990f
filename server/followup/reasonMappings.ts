// Spellings the kansli mapped to a code book's reasons once, from the web import page; every
// later import with that code book, in the browser or with `finsam import-outcomes`, reads them as
// aliases (docs/import.md "Kodböcker"). Stored per code book id and match key.
import type { Db } from '../db/database.js';
import { UserError } from '../errors.js';
import { matchKey, mappableSpelling, matchReason, withExtraAliases, type Codebook } from './codebooks.js';

export interface ReasonMapping {
  id: number;
  codebook: string;
  spelling: string;
  reason: string;
  createdBy: string | null;
  /** ISO time (UTC). */
  createdAt: string;
}

interface Row {
  id: number;
  codebook: string;
  spelling: string;
  reason: string;
  created_by: string | null;
  created_at: string;
}

const toMapping = (r: Row): ReasonMapping => ({
  id: r.id,
  codebook: r.codebook,
  spelling: r.spelling,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Stored mappings, of one code book or all, by code book then spelling. */
export async function listReasonMappings(db: Db, codebookId?: string): Promise<ReasonMapping[]> {
  const rows = await db.all<Row>(
    `SELECT * FROM codebook_mappings ${codebookId === undefined ? '' : 'WHERE codebook = ?'} ORDER BY codebook, match_key`,
    codebookId === undefined ? [] : [codebookId],
  );
  return rows.map(toMapping);
}

/** The code book with its stored mappings added as aliases. */
export async function codebookWithMappings(db: Db, codebook: Codebook): Promise<Codebook> {
  return withExtraAliases(codebook, await listReasonMappings(db, codebook.id));
}

/**
 * Saves mappings of spellings to reasons of the code book, all or none. A spelling the code book
 * already reads (as a reason, an alias or an earlier mapping) is left as it is; the number saved is
 * returned. Throws a UserError when a reason is not the code book's or a spelling may not be stored.
 */
export async function saveReasonMappings(
  db: Db,
  codebook: Codebook,
  entries: readonly { spelling: string; reason: string }[],
  actor: string | null,
  now = new Date(),
): Promise<{ spelling: string; reason: string }[]> {
  const current = await codebookWithMappings(db, codebook);
  const toSave: { key: string; spelling: string; reason: string }[] = [];
  for (const e of entries) {
    const spelling = mappableSpelling(e.spelling);
    if (!spelling)
      throw new UserError(
        'En stavning kan inte sparas (den är tom, för lång eller liknar ett personnummer). Rätta den i filen i stället. Inga kopplingar har sparats.',
      );
    const reason = current.reasons.find((r) => r === e.reason);
    if (!reason)
      throw new UserError(
        `Orsaken "${e.reason.slice(0, 60)}" finns inte i kodboken "${codebook.name}". Ladda om sidan och välj bland kodbokens orsaker. Inga kopplingar har sparats.`,
      );
    const key = matchKey(spelling);
    if (matchReason(current, spelling) !== null || toSave.some((s) => s.key === key)) continue;
    toSave.push({ key, spelling, reason });
  }
  if (toSave.length === 0) return [];
  await db.transaction(async (tx) => {
    for (const s of toSave)
      await tx.run(
        'INSERT INTO codebook_mappings (codebook, match_key, spelling, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (codebook, match_key) DO NOTHING',
        [codebook.id, s.key, s.spelling, s.reason, actor, now.toISOString()],
      );
  });
  return toSave.map(({ spelling, reason }) => ({ spelling, reason }));
}

/** Removes one stored mapping; returns it, or null when there is none with that id. */
export async function removeReasonMapping(db: Db, id: number): Promise<ReasonMapping | null> {
  const row = await db.first<Row>('SELECT * FROM codebook_mappings WHERE id = ?', [id]);
  if (!row) return null;
  await db.run('DELETE FROM codebook_mappings WHERE id = ?', [id]);
  return toMapping(row);
}
