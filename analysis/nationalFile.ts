// Reads a file of published national reference values (docs/import.md "Nationella jämförelsevärden"):
// one row per indicator key, year and respondent group. Every problem is reported at once, in
// Swedish, naming the line and column; a cell that looks like a personnummer is refused and never
// repeated in a message. Pure: decoded text in, rows or problems out.
import { containsIdentityNumber, maskIdentityNumbers } from './personnummer.js';
import { RESPONDENT_GROUPS, type RespondentGroup } from '../surveys/types.js';
import { RESPONDENT_GROUP_LABEL } from './crossGroup.js';

export interface NationalRow {
  indicator: string;
  year: number;
  respondentGroup: RespondentGroup;
  /** Share positive as published, 0–100, at most one decimal. */
  percent: number;
  n: number | null;
}

export interface NationalParse {
  rows: NationalRow[];
  errors: string[];
  /** Not errors: e.g. keys that no loaded questionnaire asks. */
  warnings: string[];
}

export const MAX_NATIONAL_ROWS = 5000;
const MAX_ERRORS = 50;
const KEY = /^[a-z0-9-]{1,60}$/;

type Column = 'indicator' | 'year' | 'group' | 'percent' | 'n';
const HEADERS: Record<Column, string[]> = {
  indicator: ['indikator', 'indikatornyckel', 'nyckel'],
  year: ['år', 'ar', 'årtal'],
  group: ['grupp', 'svarsgrupp', 'respondentgrupp'],
  percent: ['andel positiva (%)', 'andel positiva', 'andel positiva %', 'andel (%)', 'andel'],
  n: ['antal svarande', 'antal', 'n'],
};
const OFFICIAL: Record<Column, string> = {
  indicator: 'Indikator',
  year: 'År',
  group: 'Grupp',
  percent: 'Andel positiva (%)',
  n: 'Antal svarande',
};

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Group ids and Swedish labels, folded, to the group id. */
const GROUP_BY_NAME = new Map<string, RespondentGroup>(
  RESPONDENT_GROUPS.flatMap((g) => [
    [norm(g), g],
    [norm(RESPONDENT_GROUP_LABEL[g]), g],
  ]),
);

/** Splits CSV text (RFC 4180 quoting) into lines of cells, with each line's number in the file. */
export function splitCsv(text: string, separator: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) out.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) (cells.push(cell), (cell = ''));
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) endRow();
  return out;
}

/** The separator of the first line: the most frequent of ; , and tab (";" on a tie, Swedish Excel). */
function separatorOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const [semi, comma, tab] = [count(';'), count(','), count('\t')];
  if (tab > semi && tab > comma) return '\t';
  return comma > semi ? ',' : ';';
}

/** "86", "86,4", "86.4 %" → 86.4; null when not a share 0–100 with at most one decimal. */
function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d))?\s*%?$/.exec(text.trim());
  if (!m) return null;
  const v = Number(`${m[1]}.${m[2] ?? '0'}`);
  return v <= 100 ? v : null;
}

/**
 * Parses the file's text. `knownKeys`: the indicator keys of the loaded questionnaires; a row for
 * another key is kept (a national file covers every indicator) but named in a warning.
 */
export function parseNationalFile(text: string, knownKeys: ReadonlySet<string>): NationalParse {
  const errors: string[] = [];
  const warnings: string[] = [];
  const clean = text.replace(/^\uFEFF/, '');
  const lines = splitCsv(clean, separatorOf(clean));
  if (lines.length === 0) return { rows: [], errors: ['Filen är tom. Den ska ha en rubrikrad och minst en rad med värden.'], warnings };
  const [header, ...body] = lines;
  const columns: Partial<Record<Column, number>> = {};
  header!.cells.forEach((h, i) => {
    if (containsIdentityNumber(h)) {
      errors.push(
        `Rubrikraden, kolumn ${i + 1}: innehåller något som ser ut som ett personnummer. Personnummer får inte finnas i filen. Ta bort det och importera igen.`,
      );
      return;
    }
    const col = (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(norm(h)));
    if (!col) return;
    if (columns[col] !== undefined) errors.push(`Rubrikraden: kolumnen "${OFFICIAL[col]}" finns två gånger. Ta bort den ena.`);
    columns[col] = i;
  });
  const missing = (['indicator', 'year', 'group', 'percent'] as Column[]).filter((c) => columns[c] === undefined);
  if (missing.length)
    errors.push(
      `Rubrikraden saknar ${missing.map((c) => `"${OFFICIAL[c]}"`).join(', ')}. Filen ska ha kolumnerna ${Object.values(OFFICIAL).join(';')} (Antal svarande får vara tom).`,
    );
  if (errors.length) return { rows: [], errors, warnings };
  if (body.length === 0) return { rows: [], errors: ['Filen har bara en rubrikrad. Lägg till minst en rad med värden.'], warnings };
  if (body.length > MAX_NATIONAL_ROWS)
    return {
      rows: [],
      errors: [`Filen har ${body.length} rader; högst ${MAX_NATIONAL_ROWS} går att importera på en gång. Dela upp filen.`],
      warnings,
    };

  const rows: NationalRow[] = [];
  const seen = new Map<string, number>();
  const unknown = new Set<string>();
  for (const { line, cells } of body) {
    if (errors.length >= MAX_ERRORS) break;
    const problems: string[] = [];
    const at = (c: Column) => (columns[c] === undefined ? '' : (cells[columns[c]!] ?? '').trim());
    // The guard runs on every cell, also those no column of ours reads.
    const identity = cells.map((c, i) => (containsIdentityNumber(c) ? i : -1)).filter((i) => i >= 0);
    for (const i of identity)
      problems.push(
        `kolumn ${header!.cells[i]?.trim() || i + 1} innehåller något som ser ut som ett personnummer. Personnummer får inte finnas i filen.`,
      );
    const isGuarded = (c: Column) => columns[c] !== undefined && identity.includes(columns[c]!);
    const shown = (s: string) => maskIdentityNumbers(s, '[personnummer]', true).slice(0, 40);

    const indicator = at('indicator');
    if (!isGuarded('indicator') && !KEY.test(indicator))
      problems.push(
        indicator === ''
          ? 'Indikator saknas.'
          : `Indikatorn "${shown(indicator)}" är ingen giltig nyckel (bara a–z, 0–9 och -, t.ex. samverkan-strukturer).`,
      );
    const yearText = at('year');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!isGuarded('year') && !(year >= 2000 && year <= 2100))
      problems.push(`År "${shown(yearText)}" är inget årtal. Ange året med fyra siffror, t.ex. 2024.`);
    const groupText = at('group');
    const group = GROUP_BY_NAME.get(norm(groupText));
    if (!isGuarded('group') && !group)
      problems.push(
        `Gruppen "${shown(groupText)}" finns inte. Använd en av ${RESPONDENT_GROUPS.map((g) => RESPONDENT_GROUP_LABEL[g]).join(', ')} (eller ${RESPONDENT_GROUPS.join(', ')}).`,
      );
    const percentText = at('percent');
    const percent = parsePercent(percentText);
    if (!isGuarded('percent') && percent === null)
      problems.push(`Andel positiva "${shown(percentText)}" ska vara ett tal från 0 till 100 med högst en decimal, t.ex. 86 eller 86,4.`);
    const nText = at('n').replace(/\s/g, '');
    const n = nText === '' ? null : /^\d{1,9}$/.test(nText) ? Number(nText) : NaN;
    if (!isGuarded('n') && Number.isNaN(n)) problems.push(`Antal svarande "${shown(nText)}" ska vara ett heltal, eller tomt.`);

    if (problems.length === 0) {
      const id = `${indicator}|${year}|${group}`;
      const earlier = seen.get(id);
      if (earlier !== undefined)
        problems.push(`samma indikator, år och grupp som rad ${earlier}. Varje kombination får bara finnas en gång i filen.`);
      else {
        seen.set(id, line);
        rows.push({ indicator, year, respondentGroup: group!, percent: percent!, n });
        if (!knownKeys.has(indicator)) unknown.add(indicator);
      }
    }
    for (const p of problems) errors.push(`Rad ${line}: ${p}`);
  }
  if (errors.length >= MAX_ERRORS) errors.push('… och fler fel. Rätta felen ovan och importera igen för att se resten.');
  if (unknown.size)
    warnings.push(
      `Ingen enkät frågar efter ${[...unknown].sort().join(', ')}; de värdena sparas men visas inte förrän en enkät har nyckeln.`,
    );
  return errors.length ? { rows: [], errors, warnings: [] } : { rows, errors, warnings };
}
