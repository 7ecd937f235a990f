// The shape of a follow-up CSV exported from Excel: the fields we know, the header mapping, the
// separator and the character checks. Headers match without regard to case, diacritics, spaces and
// punctuation. Reading the bytes as a stream is csvStream.ts.
import { maskIdentityNumbers } from '../../analysis/personnummer.js';

export interface FileProblem {
  /** File line number (1 = the header), or null for a problem with the whole file. */
  row: number | null;
  /** Column name as written in the file (or the expected name), or null. */
  column: string | null;
  message: string;
  /** An end reason the code book does not know, as written, when it may be shown (codebooks.ts mappableSpelling). */
  unknownReason?: string;
}

export type Field =
  | 'insats'
  | 'participantRef'
  | 'gender'
  | 'birthYear'
  | 'education'
  | 'timeWithoutWork'
  | 'referrer'
  | 'district'
  | 'startDate'
  | 'endDate'
  | 'endReason';

/** The column names we document, in file order; the first alias of each is the official name. */
export const FIELD_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  insats: ['Insats', 'Insatsnamn', 'Insatsens namn'],
  participantRef: ['Deltagar-ID', 'Deltagar-id', 'Deltagarnummer', 'Deltagarnr', 'Deltagarkod', 'Löpnummer', 'ID'],
  gender: ['Kön', 'Kon', 'Genus'],
  birthYear: ['Födelseår', 'Fodelsear', 'Född år', 'Född'],
  education: ['Utbildning', 'Utbildningsnivå', 'Högsta utbildning'],
  timeWithoutWork: ['Tid utan arbete eller studier', 'Tid utan arbete', 'Tid utan sysselsättning', 'Tid utan arbete/studier'],
  referrer: ['Anmälande part', 'Remittent', 'Anmälare', 'Remitterande part', 'Anvisande part'],
  // Residence ("boende"): the first three name a part of the city, the rest the municipality. When a
  // file has both kinds, the finer one is the district and the other is kept as an extra variable.
  district: [
    'Stadsdel',
    'Stadsdelsområde',
    'Kommundel',
    'Stadsdel/kommun',
    'Kommun',
    'Kommunnamn',
    'Hemkommun',
    'Bostadskommun',
    'Bostadsort',
    'Boendeort',
  ],
  startDate: ['Startdatum', 'Start', 'Startdag', 'Inskrivningsdatum', 'Inskriven'],
  endDate: ['Slutdatum', 'Avslutsdatum', 'Slut', 'Avslutad', 'Utskrivningsdatum'],
  endReason: ['Avslutsorsak', 'Orsak till avslut', 'Avslutsanledning', 'Anledning till avslut'],
};

export const OFFICIAL_COLUMN: Readonly<Record<Field, string>> = Object.fromEntries(
  Object.entries(FIELD_ALIASES).map(([f, names]) => [f, names[0]!]),
) as Record<Field, string>;

/** Columns that must be present in the header. */
export const REQUIRED_FIELDS: readonly Field[] = ['insats', 'gender', 'startDate'];

/** Header key: no diacritics, lower case, letters and digits only. "Deltagar-ID" → "deltagarid". */
export function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** District aliases that name the municipality: a file's Stadsdel column wins over these. */
const COARSE_DISTRICT = new Set(['Kommun', 'Kommunnamn', 'Hemkommun', 'Bostadskommun', 'Bostadsort', 'Boendeort'].map(headerKey));

const ALIAS_INDEX = new Map<string, Field>();
for (const [field, names] of Object.entries(FIELD_ALIASES) as [Field, readonly string[]][]) {
  for (const n of names) ALIAS_INDEX.set(headerKey(n), field);
}

/**
 * Header names that suggest direct identifiers. Such a file is rejected: we store no names or
 * personal identity numbers (docs/security.md), and a file that has them should not be passed around.
 */
function identifyingColumn(key: string): string | null {
  if (ALIAS_INDEX.has(key)) return null; // e.g. "Insatsnamn" is the insats, not a person
  if (key.includes('personnummer') || key.includes('personnr') || key === 'pnr' || key.includes('samordningsnummer')) return 'personnummer';
  if (key.includes('namn') || key === 'name' || key === 'firstname' || key === 'lastname') return 'namn';
  if (key.includes('adress') || key.includes('address') || key.includes('postnummer')) return 'adress';
  if (key.includes('telefon') || key.includes('mobil') || key.startsWith('tel')) return 'telefonnummer';
  if (key.includes('epost') || key.includes('email') || key === 'mail') return 'e-postadress';
  if (key.includes('fodelsedatum') || key.includes('fodelsedag')) return 'födelsedatum';
  if (key.includes('arendenummer') || key.includes('diarienummer') || key === 'dnr') return 'ärendenummer';
  return null;
}

/**
 * Free-text columns ("Kommentar") are not stored: notes about a participant may name people or
 * describe health, and they cannot be tabulated (docs/import.md "Extra kolumner").
 */
function freeTextColumn(key: string): boolean {
  return (
    ['kommentar', 'anteckning', 'notering', 'fritext'].some((w) => key.includes(w)) ||
    ['comment', 'comments', 'note', 'notes'].includes(key)
  );
}

/** Most extra columns one file may add, and longest header and value kept (docs/import.md). */
export const MAX_EXTRA_COLUMNS = 30;
export const MAX_EXTRA_NAME = 60;
export const MAX_VALUE_LENGTH = 200;

/** A column beyond the known fields, kept as a named variable of each episode. */
export interface ExtraColumn {
  /** Column index in the file. */
  index: number;
  /** The name as written in the header (cleaned); the import maps it to a stored spelling. */
  name: string;
  /** headerKey(name): two spellings with the same key are the same variable. */
  key: string;
}

export type Separator = ';' | ',' | '\t';
export type Encoding = 'utf-8' | 'utf-16' | 'windows-1252';

/** The header row mapped to the fields we know. */
export interface HeaderMap {
  /** Header cells as written (trimmed, personnummer masked). */
  header: string[];
  /** Field → column index. */
  columns: Partial<Record<Field, number>>;
  /** Columns beyond the known fields, stored as variables of the episode (episode_variables). */
  extraColumns: ExtraColumn[];
  /** Free-text columns (Kommentar, Anteckning …) that are read but never stored. */
  ignoredColumns: string[];
  /** File line number of the header. */
  headerLine: number;
  /** Problems with the header; rows are only checked when there are none. */
  errors: FileProblem[];
}

export interface RawRow {
  line: number;
  cells: string[];
}

// Characters that are rare in Swedish text but common when bytes in another encoding (Mac Roman,
// UTF-16 without BOM, a binary file) are read as Windows-1252.
const RARE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\u00A4\u00A6\u00A8\u00AA\u00AC\u00AF\u00B1-\u00B3\u00B5\u00B6\u00B8-\u00BA\u00BC-\u00BF\u00D0\u00D7\u00DE\u00F0\u00F7\u00FE\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2020\u2021\u2030\u2039\u203A\u2122]/gu;

/** Characters in text that suggest the wrong encoding; -1 for one that is never in a readable file. */
export function oddCharacters(text: string): number {
  if (text.includes('\u0000') || text.includes('\uFFFD')) return -1;
  return text.match(RARE)?.length ?? 0;
}

/** More than 1 % odd characters: the bytes were read in the wrong encoding. */
export function tooManyOdd(odd: number, length: number): boolean {
  return odd > 0 && odd * 100 > Math.max(length, 1);
}

export const UNREADABLE =
  'Filen kunde inte läsas: teckenkodningen går inte att tolka (unreadable encoding). Öppna filen i Excel och spara den som "CSV UTF-8 (kommaavgränsad)", och importera sedan igen.';

// Windows-1252 for the bytes 0x80–0x9F (where it differs from ISO-8859-1). Some Node builds decode
// the "windows-1252" label as ISO-8859-1 and give C1 control characters there, so those are mapped
// afterwards; the five bytes 1252 leaves undefined stay control characters (and count as unreadable).
const CP1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

/** The separator used in the first non-empty line: the most frequent of ; , and tab outside quotes. */
export function detectSeparator(text: string): Separator {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let seenContent = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seenContent) break;
    } else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) {
      counts[ch] += 1;
      seenContent = true;
    } else if (!/\s/.test(ch)) seenContent = true;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  if (counts[','] > counts[';']) return ',';
  return ';';
}

/** Maps the header row to the fields we know; every problem with it is returned at once. */
export function mapHeader(cells: readonly string[], headerLine: number): HeaderMap {
  const header = cells.map((h) => maskIdentityNumbers(h.trim()));
  const errors: FileProblem[] = [];
  const columns: Partial<Record<Field, number>> = {};
  const extraColumns: ExtraColumn[] = [];
  const ignoredColumns: string[] = [];
  const district: number[] = [];
  const headerProblem = (column: string, message: string) => errors.push({ row: headerLine, column, message });
  const addExtra = (i: number) => {
    const name = header[i]!.replace(/\s+/g, ' ').normalize('NFC');
    const key = headerKey(name);
    const same = extraColumns.find((c) => c.key === key);
    if (same) headerProblem(name, `Kolumnerna "${same.name}" och "${name}" har samma namn. Byt namn på den ena eller ta bort den.`);
    else if (name.length > MAX_EXTRA_NAME)
      headerProblem(name.slice(0, 40) + '…', `Kolumnnamnet är för långt (${name.length} tecken, högst ${MAX_EXTRA_NAME}). Korta ner det.`);
    else extraColumns.push({ index: i, name, key });
  };
  header.forEach((name, i) => {
    const key = headerKey(name);
    if (!key) return; // an unnamed (usually empty) column
    const identifying = identifyingColumn(key);
    if (identifying) {
      headerProblem(
        name,
        `Kolumnen "${name}" ser ut att innehålla ${identifying}. Uppföljningen får inte innehålla namn eller andra uppgifter som pekar ut en person. Ta bort kolumnen ur filen (använd Deltagar-ID för att skilja deltagare åt) och importera igen.`,
      );
      return;
    }
    const field = ALIAS_INDEX.get(key);
    if (!field) {
      if (freeTextColumn(key)) ignoredColumns.push(name);
      else addExtra(i);
      return;
    }
    if (field === 'district') {
      district.push(i);
      return;
    }
    const earlier = columns[field];
    if (earlier !== undefined) {
      headerProblem(
        name,
        `Kolumnerna "${header[earlier]}" och "${name}" betyder båda ${OFFICIAL_COLUMN[field]}. Ta bort eller byt namn på den ena.`,
      );
      return;
    }
    columns[field] = i;
  });
  // Residence: a Stadsdel column wins over a Kommun column; the Kommun column is then kept as an
  // extra variable. Two columns of the same kind are ambiguous.
  if (district.length) {
    const fine = district.filter((i) => !COARSE_DISTRICT.has(headerKey(header[i]!)));
    const chosen = fine.length ? fine : district;
    columns.district = chosen[0]!;
    for (const i of chosen.slice(1))
      headerProblem(
        header[i]!,
        `Kolumnerna "${header[chosen[0]!]}" och "${header[i]}" betyder båda ${OFFICIAL_COLUMN.district}. Ta bort eller byt namn på den ena.`,
      );
    if (fine.length) for (const i of district.filter((i) => !fine.includes(i))) addExtra(i);
    extraColumns.sort((a, b) => a.index - b.index);
  }
  if (extraColumns.length > MAX_EXTRA_COLUMNS)
    headerProblem(
      extraColumns[MAX_EXTRA_COLUMNS]!.name,
      `Filen har ${extraColumns.length} extra kolumner utöver de kända, men högst ${MAX_EXTRA_COLUMNS} sparas. Ta bort de kolumner ni inte behöver följa upp och importera igen.`,
    );
  for (const f of REQUIRED_FIELDS) {
    if (columns[f] === undefined) {
      headerProblem(
        OFFICIAL_COLUMN[f],
        `Kolumnen "${OFFICIAL_COLUMN[f]}" saknas i rubrikraden. Lägg till den (godtagna namn: ${FIELD_ALIASES[f].join(', ')}) och importera igen.`,
      );
    }
  }
  if ((columns.endDate === undefined) !== (columns.endReason === undefined)) {
    const missing = columns.endDate === undefined ? 'endDate' : 'endReason';
    headerProblem(
      OFFICIAL_COLUMN[missing],
      `Kolumnen "${OFFICIAL_COLUMN[missing]}" saknas. Slutdatum och Avslutsorsak hör ihop: ta med båda kolumnerna (tomma för pågående deltagare).`,
    );
  }
  return { header, columns, extraColumns, ignoredColumns, headerLine, errors };
}
