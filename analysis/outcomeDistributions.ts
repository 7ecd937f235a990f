// Distributions of the outcome report (referrers, education, age group, time without work, residence,
// end reasons) with their split by gender. Pure.
//
// Rounding (docs/rules.md "Fördelningar per kön"): the total column and each gender's column are
// distributions of their own, each rounded by the largest-remainder method so that it sums to 100,
// ties going to the row listed first (the code book's order, or the report's order of the rows).
// A column whose total is below k gets no percentages at all (null); its counts stay visible.
import { largestRemainderPercents } from './rounding.js';
import { GENDER_KEY, type Gender, type GenderKey } from './gender.js';

export const GENDER_KEYS: readonly GenderKey[] = ['women', 'men', 'other'];

export const MISSING = 'Uppgift saknas';

/** A count and its share of its own gender's column. */
export interface GenderCell {
  count: number;
  /** Largest remainder within the gender's column; null when that column's total is below k. */
  percent: number | null;
}

export type ByGender<T> = { women: T; men: T; other: T };

export interface DistributionRow {
  value: string;
  count: number;
  /** Share of the total column; null when the total is below k. */
  percent: number | null;
  byGender: ByGender<GenderCell>;
}

/** One row of a count table from SQL: a value (null = blank) for one gender. */
export interface GenderedCount {
  value: string | null;
  gender: Gender;
  count: number;
}

/** The key two spellings of a reason share: case-folded, single spaces, no spaces around "/". */
export function reasonKey(value: string): string {
  return value
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .toLowerCase();
}

/** Looser key for background values: also en/em dashes = hyphen. */
function valueKey(value: string): string {
  return reasonKey(value).replace(/\s*[\u2010-\u2015-]\s*/g, '-');
}

/** Largest-remainder percents, or all null when the total is below k. */
export function distributionPercents(counts: readonly number[], minCell: number): (number | null)[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < minCell) return counts.map(() => null);
  return largestRemainderPercents(counts);
}

/**
 * Each gender's column as its own distribution: rows[i][g] → percent within g. Row order decides
 * ties, so callers pass rows in the order they are shown (code-book order for end reasons).
 */
export function withinGenderPercents(rows: readonly ByGender<number>[], minCell: number): ByGender<(number | null)[]> {
  const out = {} as ByGender<(number | null)[]>;
  for (const g of GENDER_KEYS)
    out[g] = distributionPercents(
      rows.map((r) => r[g]),
      minCell,
    );
  return out;
}

const svCompare = new Intl.Collator('sv').compare;

interface Tally {
  value: string;
  count: number;
  women: number;
  men: number;
  other: number;
}

const emptyTally = (value: string): Tally => ({ value, count: 0, women: 0, men: 0, other: 0 });

/**
 * Orders a distribution: values of `knownOrder` first in that order, then the rest by count
 * (descending) and name, "Uppgift saknas" last. Blank (null) values are merged into "Uppgift saknas",
 * spellings that differ only in case, spaces or dashes into the first one met.
 */
function orderDistribution(rows: readonly GenderedCount[], knownOrder: readonly string[]): Tally[] {
  const merged = new Map<string, Tally>();
  const missing = emptyTally(MISSING);
  for (const r of rows) {
    if (r.count <= 0) continue;
    const v = r.value === null ? '' : r.value.trim();
    let t: Tally;
    if (!v || valueKey(v) === valueKey(MISSING)) t = missing;
    else {
      const key = valueKey(v);
      t = merged.get(key) ?? emptyTally(v);
      merged.set(key, t);
    }
    t.count += r.count;
    t[GENDER_KEY[r.gender]] += r.count;
  }
  const rank = new Map(knownOrder.map((v, i) => [valueKey(v), i]));
  const list = [...merged.entries()]
    .sort(([ka, a], [kb, b]) => {
      const ra = rank.get(ka) ?? Infinity;
      const rb = rank.get(kb) ?? Infinity;
      if (ra !== rb) return ra - rb;
      return b.count - a.count || svCompare(a.value, b.value);
    })
    .map(([, v]) => v);
  if (missing.count > 0) list.push(missing);
  return list;
}

/** A distribution with its gender split; empty when no row has a value (the column was not in the files). */
export function distribution(rows: readonly GenderedCount[], minCell: number, knownOrder: readonly string[] = []): DistributionRow[] {
  if (!rows.some((r) => r.value !== null && r.value.trim() !== '' && r.count > 0)) return [];
  const ordered = orderDistribution(rows, knownOrder);
  const percents = distributionPercents(
    ordered.map((r) => r.count),
    minCell,
  );
  const within = withinGenderPercents(ordered, minCell);
  return ordered.map((r, i) => ({
    value: r.value,
    count: r.count,
    percent: percents[i] ?? null,
    byGender: {
      women: { count: r.women, percent: within.women[i] ?? null },
      men: { count: r.men, percent: within.men[i] ?? null },
      other: { count: r.other, percent: within.other[i] ?? null },
    },
  }));
}

/** The column totals of a distribution, per gender and in all. */
export function distributionTotals(rows: readonly DistributionRow[]): ByGender<number> & { total: number } {
  return {
    women: rows.reduce((a, r) => a + r.byGender.women.count, 0),
    men: rows.reduce((a, r) => a + r.byGender.men.count, 0),
    other: rows.reduce((a, r) => a + r.byGender.other.count, 0),
    total: rows.reduce((a, r) => a + r.count, 0),
  };
}
