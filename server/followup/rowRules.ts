// Row rules for the follow-up import, and the personal-identity-number guard (docs/security.md).
// Every problem is collected (row = file line number, column = the file's column name), never only
// the first, and no message ever repeats something that looks like a personal identity number.
import type { Codebook } from './codebooks.js';
import { insatsNameKey } from '../../analysis/insatsName.js';
import { mappableSpelling, matchReason, suggestReason } from './codebooks.js';
import { MAX_VALUE_LENGTH, type Field, type FileProblem, type HeaderMap, type RawRow } from './csvFile.js';
import { containsIdentityNumber, maskIdentityNumbers } from '../../analysis/personnummer.js';

export type { Gender } from '../../analysis/gender.js';
import type { Gender } from '../../analysis/gender.js';

export interface EpisodeInput {
  line: number;
  insatsName: string;
  participantRef: string;
  gender: Gender;
  birthYear: number | null;
  education: string | null;
  timeWithoutWork: string | null;
  referrer: string | null;
  district: string | null;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  /** Values of the file's extra columns (HeaderMap.extraColumns, same order); null for blank. */
  variables: (string | null)[];
}

// Personal identity numbers: one guard for the whole system (analysis/personnummer.ts).
export { containsIdentityNumber, luhnValid, maskIdentityNumbers } from '../../analysis/personnummer.js';

const IDENTITY_MESSAGE =
  'Cellen innehåller något som ser ut som ett personnummer. Hela filen har avvisats och ingenting har sparats. Ta bort personnumren ur filen (använd ett Deltagar-ID som inte går att koppla till personen) och importera igen.';

/**
 * Looks through every cell of one row (or the header) for personal identity numbers. Returns one
 * problem per cell and the indexes of those cells, so that other rules can leave them alone.
 */
export function scanIdentityNumbers(row: RawRow, header: readonly string[]): { errors: FileProblem[]; cells: Set<number> } {
  const errors: FileProblem[] = [];
  const cells = new Set<number>();
  row.cells.forEach((cell, i) => {
    if (!containsIdentityNumber(cell)) return;
    cells.add(i);
    errors.push({ row: row.line, column: columnName(header, i), message: IDENTITY_MESSAGE });
  });
  return { errors, cells };
}

function columnName(header: readonly string[], i: number): string {
  const h = header[i];
  return h && h.trim() ? h.trim() : `kolumn ${i + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * A value for use inside a message: identity numbers masked — also look-alikes whose check digit is
 * wrong, since a mistyped personnummer is still close to identifying — and long values shortened.
 */
export function quote(value: string): string {
  const v = maskIdentityNumbers(maskIdentityNumbers(value.trim()), '[personnummerliknande]', true);
  return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
}

/** Trimmed, NFC, single spaces. */
export function cleanText(value: string): string {
  let v = value.trim();
  if (/\s\s|[^\S ]/.test(v)) v = v.replace(/\s+/g, ' ');
  // Only non-ASCII text can need composing (e.g. "a" + combining ring from a Mac → "å").
  return /[^\x00-\x7f]/.test(v) ? v.normalize('NFC') : v;
}

/** The ISO date in value (YYYY-MM-DD, a real calendar date), or an explanation of what is wrong. */
export function parseIsoDate(value: string): { ok: true; date: string } | { ok: false; message: string } {
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) {
    return {
      ok: false,
      message: `${quote(v)} är inte ett datum i formen ÅÅÅÅ-MM-DD. Skriv datumet t.ex. som 2024-03-15 (i Excel: formatera kolumnen som ÅÅÅÅ-MM-DD innan du sparar som CSV).`,
    };
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    return { ok: false, message: `${quote(v)} är inget giltigt datum (dagen finns inte i kalendern). Rätta datumet.` };
  }
  return { ok: true, date: v };
}

const GENDER_WORDS: Record<string, Gender> = {
  kvinna: 'kvinna',
  k: 'kvinna',
  kvinnlig: 'kvinna',
  kvinnor: 'kvinna',
  man: 'man',
  m: 'man',
  manlig: 'man',
  män: 'man',
  '': 'annat',
  annat: 'annat',
  annan: 'annat',
  'ej angivet': 'annat',
  'ej angiven': 'annat',
  'icke-binär': 'annat',
  ickebinär: 'annat',
  'vill ej uppge': 'annat',
  'vill inte uppge': 'annat',
  'uppgift saknas': 'annat',
  okänt: 'annat',
  'vet ej': 'annat',
  '-': 'annat',
};

/** kvinna | man | annat (annat also for blank), or null for a value we do not recognise. */
export function parseGender(value: string): Gender | null {
  return GENDER_WORDS[cleanText(value).toLowerCase()] ?? null;
}

/** The key under which two spellings of an insats name are the same insats. */
export function insatsKey(name: string): string {
  return insatsNameKey(cleanText(name));
}

const tooLong = (c: string) => `Värdet är för långt (${c.length} tecken, högst ${MAX_VALUE_LENGTH}). Korta ner det.`;

// Two or more capitalised words ("Anna Svensson"): a name, not a pseudonymous ID.
const LOOKS_LIKE_NAME = /^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)+$/u;

// ---------------------------------------------------------------------------------------------
// Rows

/** One checked row: its problems, and its values when it has none. */
export interface CheckedRow {
  errors: FileProblem[];
  episode: EpisodeInput | null;
  /** Insats + Deltagar-ID + Startdatum when all three could be read, for the duplicate check. */
  key: { insatsName: string; participantRef: string; startDate: string } | null;
}

/**
 * The row rules for a file with this header. `skipCells` holds the column indexes of cells already
 * reported (identity numbers); they are not checked or quoted again. Duplicates within the file
 * are found where the rows are staged (staging.ts), not here, so that memory stays bounded.
 */
export function rowChecker(
  table: Pick<HeaderMap, 'columns' | 'header'> & Partial<Pick<HeaderMap, 'extraColumns'>>,
  codebook: Codebook,
  today: Date = new Date(),
): (row: RawRow, skipCells?: ReadonlySet<number>) => CheckedRow {
  const thisYear = today.getFullYear();
  const { columns, header } = table;
  const extraColumns = table.extraColumns ?? [];
  const col = (f: Field): string => {
    const i = columns[f];
    return i === undefined ? f : columnName(header, i);
  };
  const none: ReadonlySet<number> = new Set();

  return ({ line, cells }, skipCells = none) => {
    const errors: FileProblem[] = [];
    let rowOk = true;
    const problem = (f: Field, message: string, unknownReason?: string | null) => {
      rowOk = false;
      errors.push(unknownReason ? { row: line, column: col(f), message, unknownReason } : { row: line, column: col(f), message });
    };
    /** The cell's raw text, or null when the column is absent or the cell was already reported. */
    const get = (f: Field): string | null => {
      const i = columns[f];
      if (i === undefined) return '';
      if (skipCells.size > 0 && skipCells.has(i)) {
        rowOk = false;
        return null;
      }
      return cells[i] ?? '';
    };
    const optional = (f: Field): string | null => {
      const v = get(f);
      if (v === null) return null;
      const c = cleanText(v);
      if (c.length > MAX_VALUE_LENGTH) {
        problem(f, tooLong(c));
        return null;
      }
      return c === '' ? null : c;
    };
    // Extra columns: cleaned like the other text values, blank = no value (docs/import.md).
    const variables = extraColumns.map(({ index }) => {
      if (skipCells.size > 0 && skipCells.has(index)) {
        rowOk = false;
        return null;
      }
      const c = cleanText(cells[index] ?? '');
      if (c.length > MAX_VALUE_LENGTH) {
        rowOk = false;
        errors.push({ row: line, column: columnName(header, index), message: tooLong(c) });
        return null;
      }
      return c === '' ? null : c;
    });

    // Insats
    const insatsRaw = get('insats');
    let insatsName = '';
    if (insatsRaw !== null) {
      insatsName = cleanText(insatsRaw);
      if (!insatsName) problem('insats', 'Insats saknas. Skriv insatsens namn, t.ex. "FINSAM-team".');
      else if (insatsName.length > 200) problem('insats', 'Insatsens namn är för långt (högst 200 tecken).');
    }

    // Deltagar-ID (optional; the key is Insats + Deltagar-ID + Startdatum)
    const refRaw = get('participantRef');
    let participantRef = '';
    if (refRaw !== null) {
      participantRef = cleanText(refRaw);
      if (participantRef.length > 64) problem('participantRef', 'Deltagar-ID är för långt (högst 64 tecken).');
      else if (LOOKS_LIKE_NAME.test(participantRef))
        problem(
          'participantRef',
          'Deltagar-ID ser ut som ett namn. Uppföljningen får inte innehålla namn: använd en kod som inte går att koppla till personen, t.ex. "S-0123".',
        );
    }

    // Kön
    const genderRaw = get('gender');
    let gender: Gender = 'annat';
    if (genderRaw !== null) {
      const g = parseGender(genderRaw);
      if (g === null) problem('gender', `Okänt kön ${quote(genderRaw)}. Skriv Kvinna, Man eller Annat, eller lämna cellen tom.`);
      else gender = g;
    }

    // Födelseår
    const birthRaw = optional('birthYear');
    let birthYear: number | null = null;
    if (birthRaw !== null) {
      if (!/^\d{4}$/.test(birthRaw) || Number(birthRaw) < 1900 || Number(birthRaw) > thisYear) {
        problem('birthYear', `${quote(birthRaw)} är inget födelseår. Skriv året med fyra siffror, t.ex. 1990, eller lämna cellen tom.`);
      } else birthYear = Number(birthRaw);
    }

    const education = optional('education');
    const timeWithoutWork = optional('timeWithoutWork');
    const referrer = optional('referrer');
    const district = optional('district');

    // Startdatum
    const startRaw = get('startDate');
    let startDate = '';
    if (startRaw !== null) {
      if (!startRaw.trim()) problem('startDate', 'Startdatum saknas. Skriv datumet då deltagaren började, som ÅÅÅÅ-MM-DD.');
      else {
        const d = parseIsoDate(startRaw);
        if (d.ok) startDate = d.date;
        else problem('startDate', d.message);
      }
    }

    // Slutdatum + Avslutsorsak: both or neither
    const endRaw = get('endDate');
    const reasonRaw = get('endReason');
    let endDate: string | null = null;
    let endReason: string | null = null;
    if (endRaw !== null && endRaw.trim()) {
      const d = parseIsoDate(endRaw);
      if (!d.ok) problem('endDate', d.message);
      else {
        endDate = d.date;
        if (startDate && endDate < startDate)
          problem('endDate', `Slutdatum ${endDate} är före startdatum ${startDate}. Rätta något av datumen.`);
      }
    }
    if (reasonRaw !== null && reasonRaw.trim()) {
      const canonical = matchReason(codebook, reasonRaw);
      if (canonical === null) {
        const hint = suggestReason(codebook, reasonRaw);
        problem(
          'endReason',
          `Avslutsorsaken ${quote(reasonRaw)} finns inte i kodboken "${codebook.name}".${hint ? ` Menade du "${hint}"?` : ''} Använd en av: ${codebook.reasons.join(', ')} – eller välj en annan kodbok.`,
          mappableSpelling(reasonRaw),
        );
      } else endReason = canonical;
    }
    if (endRaw !== null && reasonRaw !== null) {
      const hasEnd = endRaw.trim() !== '';
      const hasReason = reasonRaw.trim() !== '';
      if (hasEnd && !hasReason)
        problem(
          'endReason',
          'Avslutsorsak saknas fast Slutdatum är ifyllt. Fyll i orsaken, eller töm Slutdatum om deltagaren inte har avslutats.',
        );
      if (!hasEnd && hasReason)
        problem(
          'endDate',
          'Slutdatum saknas fast Avslutsorsak är ifylld. Fyll i slutdatumet, eller töm Avslutsorsak om deltagaren inte har avslutats.',
        );
    }

    const key = insatsName && startDate ? { insatsName, participantRef, startDate } : null;
    if (!rowOk) return { errors, episode: null, key };
    return {
      errors,
      key,
      episode: {
        line,
        insatsName,
        participantRef,
        gender,
        birthYear,
        education,
        timeWithoutWork,
        referrer,
        district,
        startDate,
        endDate,
        endReason,
        variables,
      },
    };
  };
}

/** One problem as a line of text: "Rad 5, kolumn Kön: …". */
export function formatProblem(p: FileProblem): string {
  const where = [p.row !== null ? `Rad ${p.row}` : null, p.column ? `kolumn ${p.column}` : null].filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}
