// End-reason code books ("avslutsorsaker"), docs/import.md "Kodböcker". Two are built in; a förbund
// may use its own as a JSON file (codebookJson.ts). A value matches a reason, or one of the
// reason's aliases, when their match keys are equal (analysis/reasonMatch.ts: only letters and
// digits count, case does not); the code book's canonical spelling is what gets stored.
import fs from 'node:fs';
import { UserError } from '../errors.js';
import { reasonKey } from '../../analysis/outcomes.js';
import { editDistance, matchKey, matchWords } from '../../analysis/reasonMatch.js';
import { maskIdentityNumbers } from '../../analysis/personnummer.js';
import { parseCodebookJson, validateCodebook } from './codebookJson.js';

export { reasonKey, matchKey, parseCodebookJson, validateCodebook };

/** A named set of reasons, e.g. "Arbete, studier eller arbetssökande" (analysis/reasonGroups.ts). */
export interface ReasonGroup {
  name: string;
  reasons: readonly string[];
}

export interface Codebook {
  id: string;
  name: string;
  /** End reasons in the order tables list them (also the tie-break order for rounding). */
  reasons: readonly string[];
  /** The reasons that count as "arbete eller studier". A subset of reasons. */
  workOrStudies: readonly string[];
  /** Other spellings that mean a reason: canonical reason → spellings as written. */
  aliases: Readonly<Record<string, readonly string[]>>;
  /** Named sets of reasons the code book declares, in its order (empty by default). */
  groups: readonly ReasonGroup[];
}

export const STANDARD_CODEBOOK: Codebook = Object.freeze({
  id: 'standard',
  name: 'Standard',
  reasons: Object.freeze([
    'Arbete',
    'Studier',
    'Arbetsförmedlingen',
    'Jobbtorg/AMF-insats',
    'Rehabiliteringssamverkan',
    'FINSAM-insats',
    'Sysselsättning/daglig verksamhet',
    'Sjukersättning',
    'Utredning/vård/rehabilitering',
    'Övrigt',
  ]),
  workOrStudies: Object.freeze(['Arbete', 'Studier']),
  // Only spellings that can mean one reason and nothing else in this list.
  aliases: Object.freeze({
    'Jobbtorg/AMF-insats': Object.freeze(['Jobbtorg', 'AMF', 'AMF-insats']),
    'Sysselsättning/daglig verksamhet': Object.freeze(['Daglig verksamhet', 'Sysselsättning']),
    'Utredning/vård/rehabilitering': Object.freeze(['Utredning', 'Vård', 'Rehabilitering']),
  }),
  groups: Object.freeze([]),
});

export const SUS_CODEBOOK: Codebook = Object.freeze({
  id: 'sus',
  name: 'SUS',
  reasons: Object.freeze(['Arbete', 'Studier', 'Arbetssökande', 'Fortsatt rehabilitering', 'Sjukdom/vård/behandling', 'Övrigt']),
  workOrStudies: Object.freeze(['Arbete', 'Studier']),
  // The spellings SUS förbund publish in their reports.
  aliases: Object.freeze({
    'Fortsatt rehabilitering': Object.freeze(['Fortsatt rehab.']), // also "Fortsatt rehab": same match key
    'Sjukdom/vård/behandling': Object.freeze(['Sjukdom']),
  }),
  groups: Object.freeze([
    Object.freeze({ name: 'Arbete, studier eller arbetssökande', reasons: Object.freeze(['Arbete', 'Studier', 'Arbetssökande']) }),
  ]),
});

export const BUILTIN_CODEBOOKS: Readonly<Record<string, Codebook>> = Object.freeze({
  standard: STANDARD_CODEBOOK,
  sus: SUS_CODEBOOK,
});

/** A code book that cannot be used: a UserError (400) whose message is plain Swedish. */
export class CodebookError extends UserError {
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super(message, 400);
    this.name = 'CodebookError';
  }
}

/** Match key → canonical reason, over the reasons and their aliases (built once per code book). */
function indexOf(codebook: Codebook): Map<string, string> {
  let index = reasonIndexes.get(codebook);
  if (!index) {
    index = new Map();
    for (const r of codebook.reasons) index.set(matchKey(r), r);
    for (const r of codebook.reasons) for (const a of codebook.aliases?.[r] ?? []) if (!index.has(matchKey(a))) index.set(matchKey(a), r);
    reasonIndexes.set(codebook, index);
  }
  return index;
}

const reasonIndexes = new WeakMap<Codebook, Map<string, string>>();

/** The canonical spelling of value in the code book, or null when it is neither a reason nor an alias. */
export function matchReason(codebook: Codebook, value: string): string | null {
  const key = matchKey(value);
  return key ? (indexOf(codebook).get(key) ?? null) : null;
}

/** Value keys longer than this get no suggestion (a sentence is not a misspelt reason). */
const MAX_SUGGEST_KEY = 60;
const suggestions = new WeakMap<Codebook, Map<string, string | null>>();

/** Edits allowed between a value and a reason for the reason to be suggested, by the value's length. */
function allowedEdits(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : length <= 9 ? 2 : 3;
}

/**
 * The reason an unmatched value most likely means, for "Menade du …?", or null when none is close:
 * a reason or alias within a few edits ("Sjukdm" → Sjukdom/vård/behandling via its alias "Sjukdom"),
 * or one whose word the value is, starts or nearly is ("Behandling", "Rehab" → the reason with that
 * word). Ties go to the reason listed first. A suggestion is only a hint: nothing is stored by it.
 */
export function suggestReason(codebook: Codebook, value: string): string | null {
  const key = matchKey(value);
  if (!key || key.length > MAX_SUGGEST_KEY) return null;
  let memo = suggestions.get(codebook);
  if (!memo) suggestions.set(codebook, (memo = new Map()));
  const known = memo.get(key);
  if (known !== undefined) return known;

  const limit = allowedEdits([...key].length);
  let best: { score: number; reason: string } | null = null;
  const consider = (score: number, reason: string) => {
    if (!best || score < best.score) best = { score, reason };
  };
  for (const reason of codebook.reasons) {
    const spellings = [reason, ...(codebook.aliases?.[reason] ?? [])];
    for (const s of spellings) {
      const k = matchKey(s);
      const d = editDistance(key, k, limit);
      if (d <= limit) consider(d, reason);
      if (key.length >= 4 && k.startsWith(key)) consider(1, reason);
      for (const w of matchWords(s)) {
        if (w.length < 4) continue;
        if (w === key) consider(0.5, reason);
        else if (key.length >= 4 && w.startsWith(key)) consider(1.5, reason);
        else {
          const dw = editDistance(key, w, limit);
          if (dw <= limit) consider(dw + 0.5, reason);
        }
      }
    }
  }
  const found = (best as { reason: string } | null)?.reason ?? null;
  if (memo.size < 1000) memo.set(key, found);
  return found;
}

/**
 * The value, cleaned, when it may be shown and sent back in a form to be mapped to a reason: not
 * when it holds anything like a personal identity number (docs/security.md), or is too long.
 */
export function mappableSpelling(value: string): string | null {
  const v = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!v || v.length > 200 || !matchKey(v)) return null;
  return maskIdentityNumbers(maskIdentityNumbers(v), '[x]', true) === v ? v : null;
}

/**
 * The code book with more spellings: mappings the kansli saved from the web import
 * (reasonMappings.ts). A spelling that already means something, or whose reason the code book no
 * longer has, is left out, so a stored mapping can never change how a known spelling is read.
 */
export function withExtraAliases(codebook: Codebook, extra: readonly { spelling: string; reason: string }[]): Codebook {
  const index = indexOf(codebook);
  const aliases: Record<string, string[]> = {};
  for (const r of codebook.reasons) aliases[r] = [...(codebook.aliases?.[r] ?? [])];
  let added = 0;
  const taken = new Set(index.keys());
  for (const e of extra) {
    const reason = index.get(matchKey(e.reason));
    const key = matchKey(e.spelling);
    if (!reason || reason !== e.reason || !key || taken.has(key)) continue;
    taken.add(key);
    aliases[reason]!.push(e.spelling);
    added++;
  }
  if (added === 0) return codebook;
  return Object.freeze({ ...codebook, aliases: Object.freeze(aliases) });
}

/**
 * Resolves a code book: a Codebook object as is, "standard" or "sus", or the path of a JSON file.
 * Throws CodebookError (Swedish message) when it cannot.
 */
export function loadCodebook(spec: string | Codebook): Codebook {
  if (typeof spec !== 'string') {
    const checked = validateCodebook(spec);
    if (!checked.ok) throw new CodebookError(`Kodboken är ogiltig: ${checked.errors.join(' ')}`, checked.errors);
    return checked.codebook;
  }
  const builtin = BUILTIN_CODEBOOKS[spec.trim().toLowerCase()];
  if (builtin) return builtin;
  let text: string;
  try {
    text = fs.readFileSync(spec, 'utf8');
  } catch {
    throw new CodebookError(`Kodboken "${spec}" finns inte. Ange "standard", "sus" eller sökvägen till en JSON-fil med kodboken.`);
  }
  const parsed = parseCodebookJson(text);
  if (!parsed.ok) throw new CodebookError(`Kodboken i ${spec} är ogiltig: ${parsed.errors.join(' ')}`, parsed.errors);
  return parsed.codebook;
}
