// A mapping between two code books (docs/import.md "Mappning mellan kodböcker"): every reason of
// the old list is given one reason of the new, so a year kept with one list can be counted in the
// other's reasons and compared. Pure: the code books come in resolved (server/followup/
// codebookMappingFile.ts reads the files).
import { matchKey } from './reasonMatch.js';
import type { ReasonCountRow } from './reasonGroups.js';

export type { ReasonCountRow } from './reasonGroups.js';

/** The parts of a code book a mapping needs. */
export interface ReasonList {
  id: string;
  reasons: readonly string[];
}

export interface CodebookMapping {
  from: string;
  to: string;
  /** Every reason of `from` (canonical) → a reason of `to` (canonical), in `from`'s order. */
  map: ReadonlyMap<string, string>;
}

export interface ConvertedReasonRow extends ReasonCountRow {
  /** The reasons of the source rows counted here; empty when nothing maps to this reason. */
  sources: string[];
  /** False for a source reason outside the `from` code book, kept under its own name (listed last). */
  inCodebook: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const short = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

/**
 * Checks a parsed mapping file against the two code books it names: `from` and `to` are their ids,
 * `map` gives each reason of `from` exactly one reason of `to` (spelling compared by match key).
 * Every problem is listed in Swedish.
 */
export function validateCodebookMapping(
  value: unknown,
  from: ReasonList,
  to: ReasonList,
): { ok: true; mapping: CodebookMapping } | { ok: false; errors: string[] } {
  if (!isObject(value)) return { ok: false, errors: ['Mappningen måste vara ett JSON-objekt med fälten "from", "to" och "map".'] };
  const errors: string[] = [];
  if (value.from !== from.id) errors.push(`Fältet "from" ska vara "${from.id}", id för kodboken som mappningen går från.`);
  if (value.to !== to.id) errors.push(`Fältet "to" ska vara "${to.id}", id för kodboken som mappningen går till.`);
  const fromByKey = new Map(from.reasons.map((r) => [matchKey(r), r]));
  const toByKey = new Map(to.reasons.map((r) => [matchKey(r), r]));
  const map = new Map<string, string>();
  if (!isObject(value.map)) {
    errors.push('Fältet "map" måste vara ett objekt: { "Gammal orsak": "Ny orsak", … }.');
  } else {
    for (const [oldText, newText] of Object.entries(value.map)) {
      const old = fromByKey.get(matchKey(oldText));
      if (!old) {
        errors.push(`"${short(oldText)}" i "map" finns inte i kodboken "${from.id}". Använd en av: ${from.reasons.join(', ')}.`);
        continue;
      }
      if (map.has(old)) {
        errors.push(`"${old}" står två gånger i "map". Ge den bara en ny orsak.`);
        continue;
      }
      const target = typeof newText === 'string' ? toByKey.get(matchKey(newText)) : undefined;
      if (!target) {
        errors.push(
          `"${old}" mappas till ${typeof newText === 'string' ? `"${short(newText)}"` : 'något som inte är en text'}, som inte finns i kodboken "${to.id}". Använd en av: ${to.reasons.join(', ')}.`,
        );
        continue;
      }
      map.set(old, target);
    }
    const missing = from.reasons.filter((r) => !map.has(r) && !errors.some((e) => e.startsWith(`"${r}"`)));
    if (missing.length)
      errors.push(`Dessa orsaker i "${from.id}" saknas i "map": ${missing.join(', ')}. Ge varje orsak en orsak i "${to.id}".`);
  }
  if (errors.length) return { ok: false, errors };
  const ordered = new Map(from.reasons.map((r) => [r, map.get(r)!]));
  return { ok: true, mapping: { from: from.id, to: to.id, map: ordered } };
}

/** The reasons of `to` that no reason of `from` maps to: a converted year has no count for them. */
export function unreachedReasons(mapping: CodebookMapping, toReasons: readonly string[]): string[] {
  const reached = new Set(mapping.map.values());
  return toReasons.filter((r) => !reached.has(r));
}

/**
 * Counts rows kept with the `from` code book in the reasons of `to`: one row per reason of `to`
 * in its order (summing every source reason mapped to it), then source reasons outside `from`
 * under their own names, so the totals stay the same. A `to` reason with empty `sources` was not
 * a category of the old list: show it as not comparable rather than as 0.
 */
export function convertReasonRows(
  rows: readonly ReasonCountRow[],
  mapping: CodebookMapping,
  toReasons: readonly string[],
): ConvertedReasonRow[] {
  const out: ConvertedReasonRow[] = toReasons.map((reason) => ({
    reason,
    women: 0,
    men: 0,
    other: 0,
    total: 0,
    sources: [...mapping.map].filter(([, to]) => to === reason).map(([from]) => from),
    inCodebook: true,
  }));
  const byKey = new Map(out.map((r) => [matchKey(r.reason), r]));
  const fromByKey = new Map([...mapping.map].map(([from, to]) => [matchKey(from), to]));
  const extra = new Map<string, ConvertedReasonRow>();
  for (const r of rows) {
    const key = matchKey(r.reason);
    const to = fromByKey.get(key);
    let target = to === undefined ? undefined : byKey.get(matchKey(to));
    if (!target) {
      target = extra.get(key);
      if (!target) {
        target = { reason: r.reason, women: 0, men: 0, other: 0, total: 0, sources: [r.reason], inCodebook: false };
        extra.set(key, target);
      }
    }
    target.women += r.women;
    target.men += r.men;
    target.other += r.other;
    target.total += r.total;
  }
  return [...out, ...extra.values()];
}
