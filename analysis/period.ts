// Reporting periods (docs/rules.md "Perioder"): a calendar year, a half-year, a tertial, a quarter,
// any date range, or "since start". Every figure of the product is computed for one period, given
// as an inclusive range of ISO dates [from, to]. Pure: parsing, labels and arithmetic on dates.

export type PeriodKind = 'year' | 'half' | 'tertial' | 'quarter' | 'range' | 'since-start';

export interface Period {
  kind: PeriodKind;
  /** First day, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  to: string;
  /** The canonical text form, as accepted by parsePeriod: "2023", "2023-H1", "2022-09-01..2025-12-31". */
  key: string;
  /** Swedish label for headings: "Januari–juni 2023". */
  label: string;
  /** Short Swedish label for chart axes and table columns: "2023 H1". */
  short: string;
}

/** "Since the insats (or the förbund) started", not yet resolved (no `from`): the caller resolves it against the register. */
export interface SinceStart {
  kind: 'since-start';
  /** Last day, or null for today. */
  to: string | null;
}

export type PeriodSpec = Period | SinceStart;

export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** Parts of the year: months per part and the letter used in keys. */
const PARTS = {
  half: { months: 6, letter: 'H', count: 2, name: 'Halvår' },
  tertial: { months: 4, letter: 'T', count: 3, name: 'Tertial' },
  quarter: { months: 3, letter: 'Q', count: 4, name: 'Kvartal' },
} as const;
type PartKind = keyof typeof PARTS;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** True for a real calendar date written YYYY-MM-DD from year 1900. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 9999)
    throw new PeriodError(
      `"${Number.isInteger(year) && year >= 0 ? pad(year, 4) : String(year)}" är inget årtal. Skriv året med fyra siffror, t.ex. 2024.`,
    );
}

export function yearPeriod(year: number): Period {
  checkYear(year);
  const y = String(year);
  return { kind: 'year', from: `${y}-01-01`, to: `${y}-12-31`, key: y, label: y, short: y };
}

/** Part `index` (1-based) of a year: half 1–2, tertial 1–3, quarter 1–4. */
export function partPeriod(kind: PartKind, year: number, index: number): Period {
  checkYear(year);
  const p = PARTS[kind];
  if (!Number.isInteger(index) || index < 1 || index > p.count)
    throw new PeriodError(`${p.name} ${index} finns inte: ett år har ${p.count}.`);
  const firstMonth = (index - 1) * p.months + 1;
  const lastMonth = firstMonth + p.months - 1;
  const months = `${MONTHS[firstMonth - 1]}–${MONTHS[lastMonth - 1]}`;
  const label = kind === 'half' ? `${months[0]!.toUpperCase()}${months.slice(1)} ${year}` : `${p.name} ${index} ${year} (${months})`;
  const shortLetter = kind === 'quarter' ? 'K' : p.letter;
  return {
    kind,
    from: isoDate(year, firstMonth, 1),
    to: isoDate(year, lastMonth, daysInMonth(year, lastMonth)),
    key: `${year}-${p.letter}${index}`,
    label,
    short: `${year} ${shortLetter}${index}`,
  };
}

export function rangePeriod(from: string, to: string, kind: 'range' | 'since-start' = 'range'): Period {
  for (const d of [from, to])
    if (!isCalendarDate(d)) throw new PeriodError(`"${d.slice(0, 20)}" är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2022-09-01.`);
  if (to < from) throw new PeriodError(`Perioden slutar (${to}) före den börjar (${from}). Byt plats på datumen.`);
  const range = `${from} – ${to}`;
  return {
    kind,
    from,
    to,
    key: kind === 'since-start' ? 'sedan-start' : `${from}..${to}`,
    label: kind === 'since-start' ? `Sedan start (${range})` : range,
    short: kind === 'since-start' ? 'Sedan start' : range,
  };
}

export const PERIOD_FORMS =
  'ett år (2023), ett halvår (2023-H1, 2023-H2), ett tertial (2023-T1…T3), ett kvartal (2023-Q1…Q4), ett datumintervall (2022-09-01..2025-12-31) eller sedan-start';

/**
 * Reads a period as written on the command line or in an address. Throws PeriodError with a
 * Swedish message that lists the accepted forms.
 */
export function parsePeriod(text: string): PeriodSpec {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if (/^\d{4}$/.test(t)) return yearPeriod(Number(t));
  if ((m = /^(\d{4})-?([HhTtQqKk])([1-4])$/.exec(t))) {
    const letter = m[2]!.toUpperCase();
    const kind: PartKind = letter === 'H' ? 'half' : letter === 'T' ? 'tertial' : 'quarter';
    return partPeriod(kind, Number(m[1]), Number(m[3]));
  }
  if ((m = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|—)\s*(\d{4}-\d{2}-\d{2})$/.exec(t))) return rangePeriod(m[1]!, m[2]!);
  if ((m = /^(?:sedan-start|since-start)(?:\.\.(\d{4}-\d{2}-\d{2}))?$/i.exec(t))) {
    if (m[1] && !isCalendarDate(m[1])) throw new PeriodError(`"${m[1]}" är inget datum. Skriv datum som ÅÅÅÅ-MM-DD.`);
    return { kind: 'since-start', to: m[1] ?? null };
  }
  throw new PeriodError(`"${t.slice(0, 40)}" är ingen period. Skriv ${PERIOD_FORMS}.`);
}

/** "Since start" as a range from the first start date in the register to `to` (or today). */
export function resolveSinceStart(spec: SinceStart, firstDate: string | null, today: string): Period {
  const to = spec.to ?? today;
  const from = firstDate && firstDate <= to ? firstDate : to;
  // The key keeps what was asked for ("sedan-start", or with its fixed end), not the dates it
  // resolved to today, so that a link or a stored target means the same thing tomorrow.
  return { ...rangePeriod(from, to, 'since-start'), key: specKey(spec) };
}

/** The canonical key of a period or an unresolved "since start". */
export function specKey(spec: PeriodSpec): string {
  if ('from' in spec) return spec.key;
  return spec.to ? `sedan-start..${spec.to}` : 'sedan-start';
}

/** The same date `years` years earlier or later; 29 February becomes the 28th in other years. */
export function shiftDate(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  return isoDate(year, m, Math.min(d, daysInMonth(year, m)));
}

function partIndex(p: Period): number {
  return Number(/(\d)$/.exec(p.key)![1]);
}

/** The same period one year earlier (a range moves both its ends one year back). */
export function previousYear(p: Period): Period {
  const year = Number(p.from.slice(0, 4)) - 1;
  switch (p.kind) {
    case 'year':
      return yearPeriod(year);
    case 'half':
    case 'tertial':
    case 'quarter':
      return partPeriod(p.kind, year, partIndex(p));
    default:
      return rangePeriod(shiftDate(p.from, -1), shiftDate(p.to, -1));
  }
}

/** The period of the same kind just before this one (the year before, the half-year before, …). */
export function precedingPeriod(p: Period): Period {
  const year = Number(p.from.slice(0, 4));
  switch (p.kind) {
    case 'year':
      return yearPeriod(year - 1);
    case 'half':
    case 'tertial':
    case 'quarter': {
      const i = partIndex(p);
      return i > 1 ? partPeriod(p.kind, year, i - 1) : partPeriod(p.kind, year - 1, PARTS[p.kind].count);
    }
    default:
      return previousYear(p);
  }
}

export const MAX_SERIES = 10;

/** Up to `count` (at most 10) periods ending with `p`, oldest first. */
export function periodSeries(p: Period, count: number): Period[] {
  const n = Math.max(1, Math.min(MAX_SERIES, Math.floor(count)));
  const out = [p];
  while (out.length < n) out.unshift(precedingPeriod(out[0]!));
  return out;
}

/** A file-name part for the period: "2023-h1", "2022-09-01-2025-12-31". */
export function periodSlug(p: Period): string {
  return p.key.toLowerCase().replace(/\.\./g, '-');
}
