// Reading a follow-up CSV exported from Excel: decode (UTF-8 with or without BOM, UTF-16 with BOM,
// else Windows-1252), detect the separator (; , or tab), parse with csv-parse and map the header
// to the fields we know. Headers match without regard to case, diacritics, spaces and punctuation.
import { parse } from 'csv-parse/sync';
import { maskIdentityNumbers } from './validate.js';

export interface FileProblem {
  /** File line number (1 = the header), or null for a problem with the whole file. */
  row: number | null;
  /** Column name as written in the file (or the expected name), or null. */
  column: string | null;
  message: string;
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
  timeWithoutWork: [
    'Tid utan arbete eller studier',
    'Tid utan arbete',
    'Tid utan sysselsättning',
    'Tid utan arbete/studier',
  ],
  referrer: ['Anmälande part', 'Remittent', 'Anmälare', 'Remitterande part', 'Anvisande part'],
  district: ['Stadsdel', 'Stadsdelsområde', 'Kommundel'],
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

const ALIAS_INDEX = new Map<string, Field>();
for (const [field, names] of Object.entries(FIELD_ALIASES) as [Field, readonly string[]][]) {
  for (const n of names) ALIAS_INDEX.set(headerKey(n), field);
}

/**
 * Header names that suggest direct identifiers. Such a file is rejected: we store no names or
 * personal identity numbers (DESIGN §4), and a file that has them should not be passed around.
 */
function identifyingColumn(key: string): string | null {
  if (ALIAS_INDEX.has(key)) return null; // e.g. "Insatsnamn" is the insats, not a person
  if (key.includes('personnummer') || key.includes('personnr') || key === 'pnr' || key.includes('samordningsnummer'))
    return 'personnummer';
  if (key.includes('namn') || key === 'name' || key === 'firstname' || key === 'lastname') return 'namn';
  if (key.includes('adress') || key.includes('address') || key.includes('postnummer')) return 'adress';
  if (key.includes('telefon') || key.includes('mobil') || key.startsWith('tel')) return 'telefonnummer';
  if (key.includes('epost') || key.includes('email') || key === 'mail') return 'e-postadress';
  return null;
}

export interface CsvTable {
  encoding: 'utf-8' | 'utf-16' | 'windows-1252';
  separator: ';' | ',' | '\t';
  /** Header cells as written (trimmed). */
  header: string[];
  /** Field → column index. */
  columns: Partial<Record<Field, number>>;
  /** Header cells we do not use (they are not stored). */
  ignoredColumns: string[];
  /** File line number of the header. */
  headerLine: number;
  /** Data rows with their file line number; rows with only blank cells are skipped. */
  rows: RawRow[];
}

export interface RawRow {
  line: number;
  cells: string[];
}

/**
 * On failure, `records` holds whatever could be parsed (header first), so that the caller can still
 * look for personal identity numbers and report every problem at once.
 */
export type ReadResult = { ok: true; table: CsvTable } | { ok: false; errors: FileProblem[]; records: RawRow[] };

// Characters that are rare in Swedish text but common when bytes in another encoding (Mac Roman,
// UTF-16 without BOM, a binary file) are read as Windows-1252.
const RARE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\u00A4\u00A6\u00A8\u00AA\u00AC\u00AF\u00B1-\u00B3\u00B5\u00B6\u00B8-\u00BA\u00BC-\u00BF\u00D0\u00D7\u00DE\u00F0\u00F7\u00FE\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2020\u2021\u2030\u2039\u203A\u2122]/gu;

function looksUnreadable(text: string): boolean {
  if (text.includes('\u0000') || text.includes('\uFFFD')) return true;
  const rare = text.match(RARE)?.length ?? 0;
  return rare > 0 && rare * 100 > Math.max(text.length, 1); // more than 1 % odd characters
}

const UNREADABLE =
  'Filen kunde inte läsas: teckenkodningen går inte att tolka (unreadable encoding). Öppna filen i Excel och spara den som "CSV UTF-8 (kommaavgränsad)", och importera sedan igen.';

// Windows-1252 for the bytes 0x80–0x9F (where it differs from ISO-8859-1). Some Node builds decode
// the "windows-1252" label as ISO-8859-1 and give C1 control characters there, so those are mapped
// afterwards; the five bytes 1252 leaves undefined stay control characters (and count as unreadable).
const CP1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

/** Decodes the bytes of a CSV file. */
export function decodeCsv(
  buffer: Uint8Array,
): { ok: true; text: string; encoding: CsvTable['encoding'] } | { ok: false; message: string } {
  const b = buffer;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    return {
      ok: false,
      message:
        'Filen är en Excel-arbetsbok (.xlsx) och inte en CSV-fil. Öppna den i Excel, välj Spara som → "CSV UTF-8 (kommaavgränsad)" och importera den filen.',
    };
  }
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    const text = new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(b);
    return looksUnreadable(text) ? { ok: false, message: UNREADABLE } : { ok: true, text, encoding: 'utf-16' };
  }
  try {
    // fatal: invalid UTF-8 throws; ignoreBOM false strips a leading BOM.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(b);
    if (looksUnreadable(text)) return { ok: false, message: UNREADABLE };
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    const text = decodeWindows1252(b);
    if (looksUnreadable(text)) return { ok: false, message: UNREADABLE };
    return { ok: true, text, encoding: 'windows-1252' };
  }
}

/** The separator used in the first non-empty line: the most frequent of ; , and tab outside quotes. */
export function detectSeparator(text: string): CsvTable['separator'] {
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

/** Decodes, parses and maps the header. Every problem found is returned at once. */
export function readCsv(buffer: Uint8Array): ReadResult {
  const decoded = decodeCsv(buffer);
  if (!decoded.ok) return { ok: false, errors: [{ row: null, column: null, message: decoded.message }], records: [] };
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (!text.trim()) {
    return {
      ok: false,
      errors: [{ row: null, column: null, message: 'Filen är tom. Välj den CSV-fil som innehåller insatsuppföljningen.' }],
      records: [],
    };
  }
  const separator = detectSeparator(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      trim: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return {
      ok: false,
      errors: [
        {
          row: typeof line === 'number' ? line : null,
          column: null,
          message:
            'Filen kunde inte tolkas som CSV: ett citattecken (") saknar sin avslutning eller står på fel ställe. Rätta raden i Excel och spara filen som CSV igen.',
        },
      ],
      records: [],
    };
  }
  const first = records[0];
  if (!first) {
    return { ok: false, errors: [{ row: null, column: null, message: 'Filen saknar rubrikrad och data.' }], records: [] };
  }
  const header = first.record.map((h) => maskIdentityNumbers(h.trim()));
  const headerLine = first.info.lines;
  const errors: FileProblem[] = [];
  const columns: Partial<Record<Field, number>> = {};
  const ignoredColumns: string[] = [];
  header.forEach((name, i) => {
    const key = headerKey(name);
    if (!key) return; // an unnamed (usually empty) column
    const identifying = identifyingColumn(key);
    if (identifying) {
      errors.push({
        row: headerLine,
        column: name,
        message: `Kolumnen "${name}" ser ut att innehålla ${identifying}. Uppföljningen får inte innehålla namn eller andra uppgifter som pekar ut en person. Ta bort kolumnen ur filen (använd Deltagar-ID för att skilja deltagare åt) och importera igen.`,
      });
      return;
    }
    const field = ALIAS_INDEX.get(key);
    if (!field) {
      ignoredColumns.push(name);
      return;
    }
    const earlier = columns[field];
    if (earlier !== undefined) {
      errors.push({
        row: headerLine,
        column: name,
        message: `Kolumnerna "${header[earlier]}" och "${name}" betyder båda ${OFFICIAL_COLUMN[field]}. Ta bort eller byt namn på den ena.`,
      });
      return;
    }
    columns[field] = i;
  });
  for (const f of REQUIRED_FIELDS) {
    if (columns[f] === undefined) {
      errors.push({
        row: headerLine,
        column: OFFICIAL_COLUMN[f],
        message: `Kolumnen "${OFFICIAL_COLUMN[f]}" saknas i rubrikraden. Lägg till den (godtagna namn: ${FIELD_ALIASES[f].join(', ')}) och importera igen.`,
      });
    }
  }
  if ((columns.endDate === undefined) !== (columns.endReason === undefined)) {
    const missing = columns.endDate === undefined ? 'endDate' : 'endReason';
    errors.push({
      row: headerLine,
      column: OFFICIAL_COLUMN[missing],
      message: `Kolumnen "${OFFICIAL_COLUMN[missing]}" saknas. Slutdatum och Avslutsorsak hör ihop: ta med båda kolumnerna (tomma för pågående deltagare).`,
    });
  }
  const rows = records
    .slice(1)
    .map((r) => ({ line: r.info.lines, cells: r.record }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (errors.length) {
    return { ok: false, errors, records: [{ line: headerLine, cells: first.record }, ...rows] };
  }
  return {
    ok: true,
    table: { encoding: decoded.encoding, separator, header, headerLine, columns, ignoredColumns, rows },
  };
}
