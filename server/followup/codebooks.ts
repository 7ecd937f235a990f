// End-reason code books ("avslutsorsaker"). Two are built in; a förbund may use its own as a JSON
// file of the same shape: { "id", "name", "reasons": [..], "workOrStudies": [..] }.
// Values match regardless of case and of spacing around "/" (and of repeated spaces); the
// canonical spelling from the code book is what gets stored.
import fs from 'node:fs';
import { UserError } from '../errors.js';
import { reasonKey } from '../../analysis/outcomes.js';

export { reasonKey };

export interface Codebook {
  id: string;
  name: string;
  /** End reasons in the order tables list them (also the tie-break order for rounding). */
  reasons: readonly string[];
  /** The reasons that count as "arbete eller studier". A subset of reasons. */
  workOrStudies: readonly string[];
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
});

export const SUS_CODEBOOK: Codebook = Object.freeze({
  id: 'sus',
  name: 'SUS',
  reasons: Object.freeze(['Arbete', 'Studier', 'Arbetssökande', 'Fortsatt rehabilitering', 'Sjukdom/vård/behandling', 'Övrigt']),
  workOrStudies: Object.freeze(['Arbete', 'Studier']),
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

/** The canonical spelling of value in the code book, or null when it is not one of its reasons. */
export function matchReason(codebook: Codebook, value: string): string | null {
  let index = reasonIndexes.get(codebook);
  if (!index) {
    index = new Map(codebook.reasons.map((r) => [reasonKey(r), r]));
    reasonIndexes.set(codebook, index);
  }
  return index.get(reasonKey(value)) ?? null;
}

const reasonIndexes = new WeakMap<Codebook, Map<string, string>>();

type Parsed = { ok: true; codebook: Codebook } | { ok: false; errors: string[] };

/** Validates a parsed JSON value as a code book. Every problem is listed, in Swedish. */
export function validateCodebook(value: unknown): Parsed {
  const errors: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      errors: ['Kodboken måste vara ett JSON-objekt med fälten "id", "name", "reasons" och "workOrStudies".'],
    };
  }
  const o = value as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id.trim() : '';
  if (!id) errors.push('Fältet "id" saknas eller är tomt. Ange ett kort namn utan mellanslag, t.ex. "vart-forbund".');
  else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id))
    errors.push(`Fältet "id" ("${id.slice(0, 40)}") får bara innehålla bokstäverna a–z, siffror, bindestreck, punkt och understreck.`);
  const name = typeof o.name === 'string' ? o.name.trim() : '';
  if (!name) errors.push('Fältet "name" saknas eller är tomt. Ange kodbokens namn, t.ex. "Vårt förbund 2024".');

  const reasons: string[] = [];
  if (!Array.isArray(o.reasons) || o.reasons.length === 0) {
    errors.push('Fältet "reasons" måste vara en lista med minst en avslutsorsak, t.ex. ["Arbete", "Studier", "Övrigt"].');
  } else {
    const seen = new Map<string, number>();
    o.reasons.forEach((r, i) => {
      if (typeof r !== 'string' || !r.trim()) {
        errors.push(`Avslutsorsak nr ${i + 1} i "reasons" är inte en text. Skriv varje orsak inom citattecken.`);
        return;
      }
      const clean = r.normalize('NFC').trim().replace(/\s+/g, ' ');
      const key = reasonKey(clean);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        errors.push(`Avslutsorsaken "${clean}" finns två gånger i "reasons" (nr ${earlier + 1} och ${i + 1}). Ta bort den ena.`);
        return;
      }
      seen.set(key, i);
      reasons.push(clean);
    });
  }

  const workOrStudies: string[] = [];
  if (!Array.isArray(o.workOrStudies)) {
    errors.push(
      'Fältet "workOrStudies" måste vara en lista med de avslutsorsaker som räknas som arbete eller studier, t.ex. ["Arbete", "Studier"].',
    );
  } else {
    o.workOrStudies.forEach((r, i) => {
      if (typeof r !== 'string' || !r.trim()) {
        errors.push(`Värde nr ${i + 1} i "workOrStudies" är inte en text. Skriv varje orsak inom citattecken.`);
        return;
      }
      const canonical = reasons.find((x) => reasonKey(x) === reasonKey(r));
      if (!canonical) {
        errors.push(`"${r.trim().slice(0, 60)}" i "workOrStudies" finns inte bland "reasons". Lägg till den där eller rätta stavningen.`);
        return;
      }
      if (!workOrStudies.includes(canonical)) workOrStudies.push(canonical);
    });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, codebook: Object.freeze({ id, name, reasons: Object.freeze(reasons), workOrStudies: Object.freeze(workOrStudies) }) };
}

/** Parses the text of a code-book JSON file. */
export function parseCodebookJson(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [`Kodboken är inte giltig JSON (${detail}). Kontrollera kommatecken, citattecken och klamrar.`] };
  }
  return validateCodebook(value);
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
