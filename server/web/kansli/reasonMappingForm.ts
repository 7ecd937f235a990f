// The import page's form for end reasons the code book does not know (docs/import.md "Kodböcker"):
// which spellings to offer, and reading the kansli's choices back. Only spellings that hold nothing
// like a personnummer are offered (codebooks.ts mappableSpelling), and they are shown with quote().
import type { Db } from '../../db/database.js';
import type { FileProblem } from '../../followup/csvFile.js';
import { loadCodebook, matchKey, suggestReason } from '../../followup/codebooks.js';
import { codebookWithMappings, saveReasonMappings } from '../../followup/reasonMappings.js';
import { quote } from '../../followup/rowRules.js';

/** At most this many spellings in one form (two fields each; server/web/upload.ts allows 120 fields). */
export const MAX_MAPPINGS = 50;

export interface UnknownReason {
  /** The spelling as written (safe to send back). */
  spelling: string;
  /** The spelling quoted for display, as in the error list. */
  shown: string;
  /** The reason pre-selected: the "did you mean" suggestion, or '' for none. */
  suggestion: string;
}

/** The pairs stavning.N / orsak.N of a submitted form; a blank orsak means "do not map". */
export function mappingFields(fields: Readonly<Record<string, string>>): { spelling: string; reason: string }[] {
  const out: { spelling: string; reason: string }[] = [];
  for (let i = 0; i < MAX_MAPPINGS; i++) {
    const spelling = fields[`stavning.${i}`];
    const reason = fields[`orsak.${i}`];
    if (spelling === undefined) break;
    if (reason && reason.trim()) out.push({ spelling, reason });
  }
  return out;
}

/** Saves the form's mappings for the code book (spec as the importer takes it); returns its id and what was saved. */
export async function rememberMappings(db: Db, spec: string, entries: { spelling: string; reason: string }[], actor: string) {
  const codebook = loadCodebook(spec);
  return { codebook: codebook.id, saved: await saveReasonMappings(db, codebook, entries, actor) };
}

/**
 * When every listed problem of a failed import is an end reason the code book does not know (and
 * may be shown), the distinct spellings with their suggestions; otherwise null: the file has other
 * problems to fix first, and mapping would not make it import.
 */
export async function unknownReasonsToMap(db: Db, spec: string, problems: readonly FileProblem[], choice: string) {
  if (problems.length === 0 || !problems.every((p) => p.unknownReason)) return null;
  const codebook = await codebookWithMappings(db, loadCodebook(spec));
  const seen = new Set<string>();
  const unknown: UnknownReason[] = [];
  for (const p of problems) {
    const key = matchKey(p.unknownReason!);
    if (seen.has(key) || unknown.length >= MAX_MAPPINGS) continue;
    seen.add(key);
    unknown.push({
      spelling: p.unknownReason!,
      shown: quote(p.unknownReason!),
      suggestion: suggestReason(codebook, p.unknownReason!) ?? '',
    });
  }
  return { codebook: choice, codebookName: codebook.name, unknown, reasons: codebook.reasons };
}
