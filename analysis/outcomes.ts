// Outcome report arithmetic: small count tables (from SQL GROUP BY) and a code book in, the
// report's numbers out. Pure: no SQL, no I/O.
//
// Suppression choice (docs/disclosure.md): percentages whose denominator is below the minimum cell
// size k are null, but the counts themselves are always given. This table is built from the
// förbund's own participant register, read by the förbund's own kansli; the counts are what they
// already hold, whereas a percentage of a tiny group would be both unstable and, once published,
// revealing. Because counts stay visible, complementary suppression (hiding the next smallest cell)
// would protect nothing and is not applied here; whoever publishes a table applies the rules of
// docs/rules.md to what is published.
import { largestRemainderPercents, percentHalfUp } from './rounding.js';
import type { Period } from './period.js';

export type { Gender } from './gender.js';
import type { Gender } from './gender.js';

/** The parts of a code book the arithmetic needs. */
export interface ReasonCodebook {
  id: string;
  reasons: readonly string[];
  workOrStudies: readonly string[];
}

/** Count tables for one period (and one insats, a group or all), as produced by server/outcomes/queries.ts. */
export interface OutcomeCounts {
  /** Per gender: carried over into the period, started in it, ended in it (among participants). */
  flow: { gender: Gender; carriedOver: number; started: number; ended: number }[];
  /** Episodes ended in the period by stored end reason and gender. */
  endReasons: { reason: string; gender: Gender; count: number }[];
  /** The period's starters by referrer, education, time without work and age at start (null = blank). */
  referrers: { value: string | null; count: number }[];
  education: { value: string | null; count: number }[];
  timeWithoutWork: { value: string | null; count: number }[];
  agesAtStart: { age: number | null; count: number }[];
}

export interface FlowNumbers {
  carriedOver: number;
  started: number;
  participated: number;
  ended: number;
  ongoingAtEnd: number;
}

export interface EndReasonRow {
  reason: string;
  women: number;
  men: number;
  other: number;
  total: number;
  /** Share of all ended, largest remainder; null when fewer than k ended. */
  percent: number | null;
  /** False for reasons stored in the database that are not in the current code book (listed last). */
  inCodebook: boolean;
}

export interface Share {
  count: number;
  of: number;
  /** Half up; null when `of` is below k. */
  percent: number | null;
}

export interface DistributionRow {
  value: string;
  count: number;
  percent: number | null;
}

export interface OutcomeReport {
  /** The period's year when it lies within one calendar year, else null. */
  year: number | null;
  period: { from: string; to: string; key: string; label: string };
  /** Insats name, or null for all insatser or a group. */
  insats: string | null;
  /** The name of the group of insatser counted together (docs/domain.md), or null. */
  group: string | null;
  /** Code book id. */
  codebook: string;
  /** The minimum cell size used. */
  minCell: number;
  flow: FlowNumbers & { byGender: { women: FlowNumbers; men: FlowNumbers; other: FlowNumbers } };
  endReasons: EndReasonRow[];
  /** The column totals of endReasons (= flow.ended by gender). */
  endedTotal: { women: number; men: number; other: number; total: number };
  workOrStudies: { total: Share; women: Share; men: Share };
  referrers: { referrer: string; count: number; percent: number | null }[];
  background: { education: DistributionRow[]; ageGroup: DistributionRow[]; timeWithoutWork: DistributionRow[] };
}

export const MISSING = 'Uppgift saknas';

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

const GENDER_KEY: Record<Gender, 'women' | 'men' | 'other'> = { kvinna: 'women', man: 'men', annat: 'other' };

function flowNumbers(carriedOver: number, started: number, ended: number): FlowNumbers {
  const participated = carriedOver + started;
  return { carriedOver, started, participated, ended, ongoingAtEnd: participated - ended };
}

/** Largest-remainder percents, or all null when the total is below k. */
function distributionPercents(counts: readonly number[], minCell: number): (number | null)[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < minCell) return counts.map(() => null);
  return largestRemainderPercents(counts);
}

function share(count: number, of: number, minCell: number): Share {
  return { count, of, percent: of < minCell ? null : percentHalfUp(count, of) };
}

const svCompare = new Intl.Collator('sv').compare;

/**
 * Orders a distribution: values of `knownOrder` first in that order, then the rest by count
 * (descending) and name, "Uppgift saknas" last. Blank (null) values are merged into "Uppgift saknas".
 */
function orderDistribution(
  rows: readonly { value: string | null; count: number }[],
  knownOrder: readonly string[] = [],
): { value: string; count: number }[] {
  const merged = new Map<string, { value: string; count: number }>();
  let missing = 0;
  for (const r of rows) {
    if (r.count <= 0) continue;
    const v = r.value === null ? '' : r.value.trim();
    if (!v || valueKey(v) === valueKey(MISSING)) {
      missing += r.count;
      continue;
    }
    const key = valueKey(v);
    const m = merged.get(key);
    if (m) m.count += r.count;
    else merged.set(key, { value: v, count: r.count });
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
  if (missing > 0) list.push({ value: MISSING, count: missing });
  return list;
}

function distribution(
  rows: readonly { value: string | null; count: number }[],
  minCell: number,
  knownOrder: readonly string[] = [],
): DistributionRow[] {
  // When no starter has the value at all (the column was missing from the files), there is no
  // distribution to show: an empty list rather than one "Uppgift saknas" row.
  if (!rows.some((r) => r.value !== null && r.value.trim() !== '' && r.count > 0)) return [];
  const ordered = orderDistribution(rows, knownOrder);
  const percents = distributionPercents(
    ordered.map((r) => r.count),
    minCell,
  );
  return ordered.map((r, i) => ({ value: r.value, count: r.count, percent: percents[i] ?? null }));
}

/** Education levels in their natural order (others follow by count). */
export const EDUCATION_ORDER = [
  'Ej slutförd grundskola',
  'Ej slutförd grundskola eller grundskola',
  'Grundskola',
  'Gymnasium',
  'Gymnasieutbildning',
  'Eftergymnasial utbildning',
  'Eftergymnasial',
  'Högskola',
];

/** Times without work or studies in their natural order. */
export const TIME_WITHOUT_WORK_ORDER = [
  'Mindre än 1 år',
  'Under 1 år',
  '0–1 år',
  '1–2 år',
  '2–3 år',
  '2–5 år',
  '3–5 år',
  '5 år eller mer',
  'Mer än 5 år',
  'Över 5 år',
];

/** Age groups by age at start (start year − birth year). */
export const AGE_GROUPS: readonly { label: string; min: number; max: number }[] = [
  { label: 'Under 16', min: -Infinity, max: 15 },
  { label: '16–19', min: 16, max: 19 },
  { label: '20–24', min: 20, max: 24 },
  { label: '25–29', min: 25, max: 29 },
  { label: '30–39', min: 30, max: 39 },
  { label: '40–49', min: 40, max: 49 },
  { label: '50–64', min: 50, max: 64 },
  { label: '65+', min: 65, max: Infinity },
];

export function ageGroupOf(age: number | null): string {
  if (age === null || !Number.isFinite(age)) return MISSING;
  return AGE_GROUPS.find((g) => age >= g.min && age <= g.max)!.label;
}

export function ageGroup(year: number, birthYear: number | null): string {
  return ageGroupOf(birthYear === null ? null : year - birthYear);
}

/** The outcome report from the count tables. */
export function computeOutcomeReport(input: {
  period: Period;
  insats: string | null;
  group?: string | null;
  codebook: ReasonCodebook;
  minCell: number;
  counts: OutcomeCounts;
}): OutcomeReport {
  const { period, insats, codebook, minCell, counts } = input;

  // Flow
  const byGender = { women: flowNumbers(0, 0, 0), men: flowNumbers(0, 0, 0), other: flowNumbers(0, 0, 0) };
  const sums = { women: [0, 0, 0], men: [0, 0, 0], other: [0, 0, 0] } as Record<'women' | 'men' | 'other', number[]>;
  for (const r of counts.flow) {
    const s = sums[GENDER_KEY[r.gender]];
    s[0]! += r.carriedOver;
    s[1]! += r.started;
    s[2]! += r.ended;
  }
  for (const g of ['women', 'men', 'other'] as const) {
    const [c, s, e] = sums[g] as [number, number, number];
    byGender[g] = flowNumbers(c, s, e);
  }
  const total = flowNumbers(
    byGender.women.carriedOver + byGender.men.carriedOver + byGender.other.carriedOver,
    byGender.women.started + byGender.men.started + byGender.other.started,
    byGender.women.ended + byGender.men.ended + byGender.other.ended,
  );

  // End reasons: the code book's in its order, then stored reasons it does not know (flagged).
  const rows: EndReasonRow[] = codebook.reasons.map((reason) => ({
    reason,
    women: 0,
    men: 0,
    other: 0,
    total: 0,
    percent: null,
    inCodebook: true,
  }));
  const byKey = new Map(rows.map((r) => [reasonKey(r.reason), r]));
  const extra: EndReasonRow[] = [];
  for (const r of counts.endReasons) {
    const key = reasonKey(r.reason);
    let row = byKey.get(key);
    if (!row) {
      row = { reason: r.reason, women: 0, men: 0, other: 0, total: 0, percent: null, inCodebook: false };
      byKey.set(key, row);
      extra.push(row);
    }
    row[GENDER_KEY[r.gender]] += r.count;
    row.total += r.count;
  }
  extra.sort((a, b) => b.total - a.total || svCompare(a.reason, b.reason));
  const endReasons = [...rows, ...extra];
  const endPercents = distributionPercents(
    endReasons.map((r) => r.total),
    minCell,
  );
  endReasons.forEach((r, i) => (r.percent = endPercents[i] ?? null));
  const endedTotal = {
    women: endReasons.reduce((a, r) => a + r.women, 0),
    men: endReasons.reduce((a, r) => a + r.men, 0),
    other: endReasons.reduce((a, r) => a + r.other, 0),
    total: endReasons.reduce((a, r) => a + r.total, 0),
  };

  // Work or studies among the ended
  const wosKeys = new Set(codebook.workOrStudies.map(reasonKey));
  const wos = endReasons.filter((r) => wosKeys.has(reasonKey(r.reason)));
  const workOrStudies = {
    total: share(
      wos.reduce((a, r) => a + r.total, 0),
      endedTotal.total,
      minCell,
    ),
    women: share(
      wos.reduce((a, r) => a + r.women, 0),
      endedTotal.women,
      minCell,
    ),
    men: share(
      wos.reduce((a, r) => a + r.men, 0),
      endedTotal.men,
      minCell,
    ),
  };

  // Referrers among the period's starters: by count, then name; "Uppgift saknas" last.
  const referrers = distribution(counts.referrers, minCell).map((r) => ({
    referrer: r.value,
    count: r.count,
    percent: r.percent,
  }));

  // Background of the period's starters
  const ageCounts = new Map<string, number>();
  for (const r of counts.agesAtStart) {
    const label = ageGroupOf(r.age);
    ageCounts.set(label, (ageCounts.get(label) ?? 0) + r.count);
  }
  const ageRows = [...ageCounts.entries()].map(([value, count]) => ({
    value: value === MISSING ? null : value,
    count,
  }));
  const background = {
    education: distribution(counts.education, minCell, EDUCATION_ORDER),
    ageGroup: distribution(
      ageRows,
      minCell,
      AGE_GROUPS.map((g) => g.label),
    ),
    timeWithoutWork: distribution(counts.timeWithoutWork, minCell, TIME_WITHOUT_WORK_ORDER),
  };

  const year = period.from.slice(0, 4) === period.to.slice(0, 4) ? Number(period.from.slice(0, 4)) : null;
  return {
    year,
    period: { from: period.from, to: period.to, key: period.key, label: period.label },
    insats,
    group: input.group ?? null,
    codebook: codebook.id,
    minCell,
    flow: { ...total, byGender },
    endReasons,
    endedTotal,
    workOrStudies,
    referrers,
    background,
  };
}
