// The personal-identity-number guard (personnummer and samordningsnummer), one rule for every
// place where text enters the system: import cells and headers, file names, and the free-text
// fields the kansli types (docs/security.md). Pure: text in, spans out.
//
// The rule: something that *looks like* a personnummer — a plausible date (YYMMDD or YYYYMMDD, the
// day plus 60 for a samordningsnummer) followed by four digits, the digit groups written together
// or separated by spaces, dashes, minus signs, dots, slashes or underscores (a "+" before the last
// four for people over 100) — and whose last ten digits pass the Luhn check. Text is normalised
// first (NFKC, zero-width and bidi controls dropped), so full-width digits, no-break spaces and the
// en dashes that Word and Excel substitute for "-" do not slip through.
//
// False positives are kept rare by the plausible date and the Luhn check (one in ten of random
// digit strings with a valid date), by refusing to match inside a longer run of digits, and by
// not treating the year of a following date ("2024-01-01 – 2024-06-30") as the last four digits
// (only after a full YYYY-MM-DD date and when the four digits are a year 19xx/20xx).

/** A match in the original (not normalised) text: text.slice(start, end). */
export interface Span {
  start: number;
  end: number;
}

// Characters that render as nothing (or only change direction) and are dropped before matching.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/u;

// One separator character between digit groups (after NFKC): any white space, any dash
// punctuation (hyphen, en/em dash, non-breaking hyphen …), minus signs, dot, slash, backslash,
// underscore, middle dot.
const SEP = String.raw`[\s\p{Pd}\u2212\u2796\uFE63\u002E\u2024\u00B7\u2027\u002F\u2044\u2215\u005C_]`;
const SEPS = `${SEP}{0,3}`;
const LAST_SEP = String.raw`(?:${SEP}{1,3}|${SEP}?\+${SEP}?)?`;

// Tried at every position where a run of digits starts. Groups: year, month, day, separator before
// the last four, last four.
const TWELVE = new RegExp(String.raw`(\d{4})${SEPS}(\d{2})${SEPS}(\d{2})(${LAST_SEP})(\d{4})(?!\d)`, 'uy');
const TEN = new RegExp(String.raw`(\d{2})${SEPS}(\d{2})${SEPS}(\d{2})(${LAST_SEP})(\d{4})(?!\d)`, 'uy');
// "-MM-DD" right after the last four: they were the year of a date, not a personnummer's end.
const DATE_AFTER = new RegExp(String.raw`${SEP}{1,3}(\d{2})${SEP}{1,3}(\d{2})(?!\d)`, 'uy');

/** Luhn (mod 10) check of a string of digits, the last one being the check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether month and day can be a personnummer's date. The day may be 61–91 (samordningsnummer).
 * Without a century (year = two digits) 29 February is accepted for every year divisible by four.
 */
function plausibleDate(year: number, fullYear: boolean, month: number, day: number): boolean {
  if (month < 1 || month > 12) return false;
  const d = day > 60 ? day - 60 : day;
  if (d < 1 || d > DAYS[month - 1]!) return false;
  if (month === 2 && d === 29) return fullYear ? isLeap(year) : year % 4 === 0;
  return true;
}

/** NFKC per character with zero-width characters dropped, and each output unit's source index. */
function normalise(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (cp < 0x80) {
      out += text[i];
      origin.push(i);
    } else {
      const ch = text.slice(i, i + len);
      if (!INVISIBLE.test(ch)) {
        const n = ch.normalize('NFKC');
        for (let k = 0; k < n.length; k++) origin.push(i);
        out += n;
      }
    }
    i += len;
  }
  origin.push(text.length);
  return { text: out, origin };
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Whether the text can hold ten digits at all (cheap test that skips almost every cell). */
function enoughDigits(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c >= 0x80) n++; // any non-ASCII character may normalise to a digit
    if (n >= 10) return true;
  }
  return false;
}

interface Candidate {
  start: number;
  end: number;
  /** The ten digits YYMMDDNNNC. */
  ten: string;
}

/** Digit groups shaped like a personnummer with a plausible date, starting at i (in normalised text). */
function candidateAt(s: string, i: number): Candidate | null {
  for (const re of [TWELVE, TEN]) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) continue;
    const [, y, mo, d, sep, last] = m as unknown as [string, string, string, string, string, string];
    const full = y.length === 4;
    if (full && !/^(18|19|20)/.test(y)) continue;
    if (!plausibleDate(Number(y), full, Number(mo), Number(d))) continue;
    const end = re.lastIndex;
    DATE_AFTER.lastIndex = end;
    const after = DATE_AFTER.exec(s);
    if (full && after && /^(19|20)/.test(last) && plausibleDate(Number(last), true, Number(after[1]), Number(after[2]))) continue;
    return { start: i, end, ten: `${y.slice(-2)}${mo}${d}${last}` };
  }
  return null;
}

/**
 * Every personnummer-like match in text, as spans of the original text. With lookalikes, matches
 * whose check digit is wrong are included too (a mistyped personnummer is still close to one).
 */
export function findIdentityNumbers(text: string, lookalikes = false): Span[] {
  if (!enoughDigits(text)) return [];
  const { text: s, origin } = normalise(text);
  const spans: Span[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!isDigit(s, i) || (i > 0 && isDigit(s, i - 1))) continue;
    const c = candidateAt(s, i);
    if (!c || (!lookalikes && !luhnValid(c.ten))) continue;
    spans.push({ start: origin[c.start]!, end: origin[c.end]! });
    i = c.end - 1;
  }
  return spans;
}

/** Whether text contains something that looks like a Swedish personal identity number. */
export function containsIdentityNumber(text: string): boolean {
  return findIdentityNumbers(text).length > 0;
}

/** text with every personnummer (or, with lookalikes, look-alike) replaced by replacement. */
export function maskIdentityNumbers(text: string, replacement = '[personnummer]', lookalikes = false): string {
  const spans = findIdentityNumbers(text, lookalikes);
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const sp of spans) {
    out += text.slice(from, sp.start) + replacement;
    from = sp.end;
  }
  return out + text.slice(from);
}
