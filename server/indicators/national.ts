// National reference values ("Riket") per indicator key, year and respondent group: the import
// (the whole file or nothing, docs/import.md "Nationella jämförelsevärden"), the list, and the
// lookup the cross-group view uses. The file is parsed by analysis/nationalFile.ts.
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import type { RespondentGroup } from '../../surveys/types.js';
import { parseNationalFile, type NationalRow } from '../../analysis/nationalFile.js';
import type { NationalReference } from '../../analysis/crossGroup.js';
import { decodeWindows1252 } from '../followup/csvFile.js';
import { UserError } from '../errors.js';
import { today } from '../time.js';

/** Largest national file accepted; a full national table is a few hundred rows. */
export const MAX_NATIONAL_BYTES = 1024 * 1024;

export type NationalImportResult = { ok: true; imported: number; replaced: number; warnings: string[] } | { ok: false; errors: string[] };

/** UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (Excel's "CSV (semikolonavgränsad)"). */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** The indicator keys of the loaded questionnaires. */
function knownKeys(surveys: SurveyRegistry): Set<string> {
  return new Set(surveys.latest().flatMap((q) => q.questions.map((x) => x.indicator).filter((k): k is string => !!k)));
}

/** Imports a national file: every row, or (on any problem) nothing. A row for an existing key, year and group replaces it. */
export async function importNational(
  db: Db,
  surveys: SurveyRegistry,
  bytes: Uint8Array,
  actor: string | null,
): Promise<NationalImportResult> {
  if (bytes.length === 0) return { ok: false, errors: ['Filen är tom. Välj filen med de nationella värdena.'] };
  if (bytes.length > MAX_NATIONAL_BYTES)
    return { ok: false, errors: [`Filen är för stor (högst ${MAX_NATIONAL_BYTES / 1024} kB). Är det rätt fil?`] };
  const parsed = parseNationalFile(decode(bytes), knownKeys(surveys));
  if (parsed.errors.length) return { ok: false, errors: parsed.errors };
  const on = today();
  const replaced = await db.transaction(async (tx) => {
    let replaced = 0;
    for (const r of parsed.rows) {
      const old = await tx.first('SELECT 1 FROM national_references WHERE indicator = ? AND year = ? AND respondent_group = ?', [
        r.indicator,
        r.year,
        r.respondentGroup,
      ]);
      if (old) replaced++;
      await tx.run(
        `INSERT INTO national_references (indicator, year, respondent_group, percent, n, imported_by, imported_on)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (indicator, year, respondent_group) DO UPDATE SET
           percent = excluded.percent, n = excluded.n, imported_by = excluded.imported_by, imported_on = excluded.imported_on`,
        [r.indicator, r.year, r.respondentGroup, r.percent, r.n, actor, on],
      );
    }
    return replaced;
  });
  return { ok: true, imported: parsed.rows.length - replaced, replaced, warnings: parsed.warnings };
}

export interface StoredReference extends NationalRow {
  importedBy: string | null;
  importedOn: string;
}

export async function listNational(db: Db): Promise<StoredReference[]> {
  const rows = await db.all<{
    indicator: string;
    year: number;
    respondent_group: RespondentGroup;
    percent: number;
    n: number | null;
    imported_by: string | null;
    imported_on: string;
  }>('SELECT * FROM national_references ORDER BY indicator, year, respondent_group');
  return rows.map((r) => ({
    indicator: r.indicator,
    year: r.year,
    respondentGroup: r.respondent_group,
    percent: r.percent,
    n: r.n,
    importedBy: r.imported_by,
    importedOn: r.imported_on,
  }));
}

/**
 * Removes the national values of a year, optionally only one indicator key and/or respondent group
 * (a wrong import is taken back this way); returns how many were removed.
 */
export async function removeNational(
  db: Db,
  filter: { year: number; indicator?: string | null; respondentGroup?: string | null },
): Promise<number> {
  const where = ['year = ?'];
  const params: (string | number)[] = [filter.year];
  if (filter.indicator) (where.push('indicator = ?'), params.push(filter.indicator));
  if (filter.respondentGroup) (where.push('respondent_group = ?'), params.push(filter.respondentGroup));
  return (await db.run(`DELETE FROM national_references WHERE ${where.join(' AND ')}`, params)).changes;
}

/** The references of one key, by `${year}|${respondentGroup}`. */
export async function nationalReferences(db: Db, indicator: string): Promise<Map<string, NationalReference>> {
  const rows = await db.all<{ year: number; respondent_group: string; percent: number; n: number | null }>(
    'SELECT year, respondent_group, percent, n FROM national_references WHERE indicator = ?',
    [indicator],
  );
  return new Map(rows.map((r) => [`${r.year}|${r.respondent_group}`, { percent: r.percent, n: r.n }]));
}

/** The import's outcome as one Swedish sentence, for the page and the CLI. */
export function importSummary(r: Extract<NationalImportResult, { ok: true }>): string {
  return [`${r.imported} nya och ${r.replaced} ersatta nationella värden importerades.`, ...r.warnings].join(' ');
}

/** A failed import as a UserError (for the CLI): every problem, and that nothing changed. */
export function importError(r: Extract<NationalImportResult, { ok: false }>): UserError {
  return new UserError(`${r.errors.join('\n')}\nIngenting har importerats.`);
}
