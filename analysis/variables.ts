// One variable of the participant register tabulated by gender: an extra column kept by the import
// (episode_variables), a built-in column (utbildning, anmälande part, boende …) or a roll-up such as
// the referrer's member (analysis/referrers.ts). Count rows from SQL GROUP BY in, a distribution
// table out. Pure: no SQL, no I/O.
//
// Rules (docs/rules.md): a distribution uses the largest-remainder method, ties broken by the
// category's order (the given order first, then by count); percentages of a group below k are null
// while the counts are given, as in the outcome report (analysis/outcomes.ts explains why).
import { largestRemainderPercents } from './rounding.js';
import { GENDER_KEY, GENDER_LABEL, type Gender, type GenderKey } from './gender.js';
import type { CsvCell, Table } from './csv.js';

/** The row for blank values; the same label as the outcome report's. */
export const MISSING = 'Uppgift saknas';

/** One count row as SQL gives it: a value (null = blank) among one gender. */
export interface VariableCount {
  value: string | null;
  gender: Gender;
  count: number;
}

export type GenderCounts = Record<GenderKey, number>;
export type GenderPercents = Record<GenderKey, number | null>;

export interface VariableRow {
  value: string;
  count: number;
  /** Share of all, largest remainder; null when fewer than k in all. */
  percent: number | null;
  byGender: GenderCounts;
  /** Share within each gender (women with this value ÷ all women); null when that gender has fewer than k. */
  percentWithinGender: GenderPercents;
}

export interface VariableDistribution {
  total: { count: number } & GenderCounts;
  rows: VariableRow[];
  /** Whether the third gender bucket is non-empty: tables show its columns only then (docs/rules.md). */
  showOther: boolean;
}

export interface TabulateOptions {
  /** Minimum cell size k. */
  minCell: number;
  /** Values listed first, in this order (a code book's order); the rest follow by count, then name. */
  order?: readonly string[];
  /** List every value of `order` even when nobody has it (a code book table). */
  keepEmpty?: boolean;
}

const KEYS: readonly GenderKey[] = ['women', 'men', 'other'];
const svCompare = new Intl.Collator('sv').compare;

/** Two spellings of a value are the same value: case, spacing, spaces around "/" and dash kinds do not count. */
export function variableValueKey(value: string): string {
  return value
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s*[\u2010-\u2015-]\s*/g, '-')
    .toLowerCase();
}

/** Largest-remainder percents, or all null when the total is below k. */
function percents(counts: readonly number[], minCell: number): (number | null)[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0 || total < minCell) return counts.map(() => null);
  return largestRemainderPercents(counts);
}

const zero = (): GenderCounts => ({ women: 0, men: 0, other: 0 });

/**
 * The distribution table of one variable. Blank values are one "Uppgift saknas" row, listed last
 * and counted in the denominator. Without `keepEmpty`, a variable nobody has a value for gives no
 * rows (the column was not in the files), only the total.
 */
export function tabulateVariable(counts: readonly VariableCount[], options: TabulateOptions): VariableDistribution {
  const { minCell, order = [], keepEmpty = false } = options;
  const rows = new Map<string, { value: string; byGender: GenderCounts }>();
  for (const v of keepEmpty ? order : []) rows.set(variableValueKey(v), { value: v, byGender: zero() });
  const missing = zero();
  const total = { count: 0, ...zero() };
  let known = 0;
  for (const c of counts) {
    if (!(c.count > 0)) continue;
    const g = GENDER_KEY[c.gender];
    total.count += c.count;
    total[g] += c.count;
    const v = c.value === null ? '' : c.value.trim();
    if (!v || variableValueKey(v) === variableValueKey(MISSING)) {
      missing[g] += c.count;
      continue;
    }
    known += c.count;
    const key = variableValueKey(v);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { value: v, byGender: zero() }));
    row.byGender[g] += c.count;
  }
  const showOther = total.other > 0;
  if (known === 0 && !keepEmpty) return { total, rows: [], showOther };

  const sum = (g: GenderCounts) => g.women + g.men + g.other;
  const rank = new Map(order.map((v, i) => [variableValueKey(v), i]));
  const ordered = [...rows.entries()]
    .sort(([ka, a], [kb, b]) => {
      const ra = rank.get(ka) ?? Infinity;
      const rb = rank.get(kb) ?? Infinity;
      if (ra !== rb) return ra - rb;
      return sum(b.byGender) - sum(a.byGender) || svCompare(a.value, b.value);
    })
    .map(([, r]) => r);
  if (sum(missing) > 0) ordered.push({ value: MISSING, byGender: missing });

  const all = percents(
    ordered.map((r) => sum(r.byGender)),
    minCell,
  );
  const within = Object.fromEntries(
    KEYS.map((g) => [
      g,
      percents(
        ordered.map((r) => r.byGender[g]),
        minCell,
      ),
    ]),
  ) as Record<GenderKey, (number | null)[]>;
  return {
    total,
    showOther,
    rows: ordered.map((r, i) => ({
      value: r.value,
      count: sum(r.byGender),
      percent: all[i] ?? null,
      byGender: r.byGender,
      percentWithinGender: { women: within.women[i] ?? null, men: within.men[i] ?? null, other: within.other[i] ?? null },
    })),
  };
}

/**
 * The table as CSV rows (analysis/csv.ts): per value the count and share in all, then count and
 * share within each gender; a total row last. A hidden share is an empty cell and the note says why.
 */
export function variableTable(title: string, d: VariableDistribution, minCell: number): Table {
  const genders = d.showOther ? KEYS : KEYS.filter((g) => g !== 'other');
  const headers = [
    title,
    'Antal',
    'Andel (%)',
    ...genders.flatMap((g) => [GENDER_LABEL[g], `Andel bland ${GENDER_LABEL[g].toLowerCase()} (%)`]),
    'Anmärkning',
  ];
  const hidden = (n: number) => n > 0 && n < minCell;
  const note = () => {
    const small = [d.total.count, ...genders.map((g) => d.total[g])];
    return small.some(hidden) ? `andelar för grupper med färre än ${minCell} visas inte` : null;
  };
  const rows: CsvCell[][] = d.rows.map((r) => [
    r.value,
    r.count,
    r.percent,
    ...genders.flatMap((g) => [r.byGender[g], r.percentWithinGender[g]]),
    null,
  ]);
  const full = (n: number) => (d.rows.length > 0 && n > 0 && n >= minCell ? 100 : null);
  rows.push(['Totalt', d.total.count, full(d.total.count), ...genders.flatMap((g) => [d.total[g], full(d.total[g])]), note()]);
  return { headers, rows };
}
