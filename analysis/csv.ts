// CSV that Swedish Excel opens correctly. Pure: rows in, bytes out.
//
// Format: UTF-8 with BOM (Excel otherwise guesses Windows-1252 and breaks å, ä, ö), ";" as
// separator (Swedish Excel's list separator), decimal comma without thousands separator, CRLF line
// ends, RFC 4180 quoting. Text cells that a spreadsheet would read as a formula (starting with =, +,
// -, @, tab or CR) get a leading "'" (OWASP "CSV injection"); numbers are written as numbers, so a
// negative number stays a number.

export type CsvCell = string | number | null;

export interface Table {
  headers: string[];
  rows: CsvCell[][];
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const SEPARATOR = ';';
const EOL = '\r\n';

/** A number with decimal comma and no thousands separator; empty for NaN/Infinity. */
export function formatCsvNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Object.is(n, -0)) return '0';
  let s = String(n);
  if (/e/i.test(s)) {
    // 1e-7 or 1.5e+21: write out the digits (Excel does not read "1e-7" with a decimal comma).
    s = Math.abs(n) >= 1 ? BigInt(Math.round(n)).toString() : n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  }
  return s.replace('.', ',');
}

/** Characters that make a spreadsheet read a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function textCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatCsvNumber(value);
  return textCell(String(value));
}

/** The CSV bytes: BOM, ";" separated, CRLF after every line (the header too). */
export function toCsv(headers: string[], rows: CsvCell[][]): Buffer {
  const lines = [headers, ...rows].map((row) => row.map(cell).join(SEPARATOR) + EOL);
  return Buffer.concat([BOM, Buffer.from(lines.join(''), 'utf8')]);
}

/** toCsv for a built table. */
export function tableToCsv(table: Table): Buffer {
  return toCsv(table.headers, table.rows);
}
