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
import { percentHalfUp } from './rounding.js';
import type { Period } from './period.js';
import { groupShare, type GroupShare } from './reasonGroups.js';
import {
  distribution,
  distributionPercents,
  MISSING,
  reasonKey,
  withinGenderPercents,
  type ByGender,
  type DistributionRow,
  type GenderedCount,
} from './outcomeDistributions.js';
import { ageAtStart, timeInInsats, type AgeAtStart, type TimeInInsats } from './outcomeStats.js';
import { compareWithPrevious, type OutcomeChanges } from './outcomeChanges.js';

export type { Gender } from './gender.js';
import { GENDER_KEY, type Gender } from './gender.js';
export { MISSING, reasonKey, type DistributionRow, type GenderCell, type GenderedCount } from './outcomeDistributions.js';
export type { AgeAtStart, MonthsSummary, TimeInInsats, YearsSummary } from './outcomeStats.js';
export type { OutcomeChanges, ShareChange } from './outcomeChanges.js';

/** The parts of a code book the arithmetic needs. */
export interface ReasonCodebook {
  id: string;
  reasons: readonly string[];
  workOrStudies: readonly string[];
  /** Named groups of reasons the code book declares ("Arbete, studier eller arbetssökande"). */
  groups?: readonly { name: string; reasons: readonly string[] }[];
}

/** Count tables for one period (and one insats, a group or all), as produced by server/outcomes/queries.ts. */
export interface OutcomeCounts {
  /** Per gender: carried over into the period, started in it, ended in it (among participants). */
  flow: { gender: Gender; carriedOver: number; started: number; ended: number }[];
  /** Episodes ended in the period by stored end reason and gender. */
  endReasons: { reason: string; gender: Gender; count: number }[];
  /** The period's starters by referrer, education, time without work, residence and age at start (null = blank), by gender. */
  referrers: GenderedCount[];
  education: GenderedCount[];
  timeWithoutWork: GenderedCount[];
  residence: GenderedCount[];
  agesAtStart: { age: number | null; gender: Gender; count: number }[];
  /** Episodes ended in the period by days in the insats (end date − start date) and gender. */
  daysInInsats: { days: number; gender: Gender; count: number }[];
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
  /** Share of the ended of each gender, largest remainder within the gender; null when that gender's ended are fewer than k. */
  percentWithinGender: ByGender<number | null>;
  /** False for reasons stored in the database that are not in the current code book (listed last). */
  inCodebook: boolean;
}

export interface Share {
  count: number;
  of: number;
  /** Half up; null when `of` is below k. */
  percent: number | null;
}

/** The figures of one period; the report has them for its period and for the same period a year earlier. */
export interface OutcomePeriodFigures {
  /** The period's year when it lies within one calendar year, else null. */
  year: number | null;
  period: { from: string; to: string; key: string; label: string; short: string };
  flow: FlowNumbers & { byGender: ByGender<FlowNumbers> };
  endReasons: EndReasonRow[];
  /** The column totals of endReasons (= flow.ended by gender). */
  endedTotal: { women: number; men: number; other: number; total: number };
  /** Each gender's share of the ended (half up; null when fewer than k ended). */
  endedGenderShares: ByGender<Share>;
  workOrStudies: { total: Share; women: Share; men: Share };
  /** The share of the ended in each of the code book's named groups of reasons, in total and by gender. */
  reasonGroups: GroupShare[];
  referrers: { referrer: string; count: number; percent: number | null; byGender: DistributionRow['byGender'] }[];
  background: {
    education: DistributionRow[];
    ageGroup: DistributionRow[];
    timeWithoutWork: DistributionRow[];
    residence: DistributionRow[];
  };
  /** Months in the insats of the episodes ended in the period. */
  timeInInsats: TimeInInsats;
  /** Age at start (years) of the period's starters with a known birth year. */
  ageAtStart: AgeAtStart;
}

export interface OutcomeReport extends OutcomePeriodFigures {
  /** Insats name, or null for all insatser or a group. */
  insats: string | null;
  /** The name of the group of insatser counted together (docs/domain.md), or null. */
  group: string | null;
  /** Code book id. */
  codebook: string;
  /** The minimum cell size used. */
  minCell: number;
  /** The same figures for the same period a year earlier (analysis/period.ts previousYear); null when not asked for. */
  previousPeriod: OutcomePeriodFigures | null;
  /** Shares compared with previousPeriod (Fisher's exact test); null without a previous period. */
  changes: OutcomeChanges | null;
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

const svCompare = new Intl.Collator('sv').compare;

function flowNumbers(carriedOver: number, started: number, ended: number): FlowNumbers {
  const participated = carriedOver + started;
  return { carriedOver, started, participated, ended, ongoingAtEnd: participated - ended };
}

function share(count: number, of: number, minCell: number): Share {
  return { count, of, percent: of < minCell ? null : percentHalfUp(count, of) };
}

/** The flow in total and by gender from the flow count table. */
export function flowFrom(rows: OutcomeCounts['flow']): OutcomePeriodFigures['flow'] {
  const sums = { women: [0, 0, 0], men: [0, 0, 0], other: [0, 0, 0] } as ByGender<[number, number, number]>;
  for (const r of rows) {
    const s = sums[GENDER_KEY[r.gender]];
    s[0] += r.carriedOver;
    s[1] += r.started;
    s[2] += r.ended;
  }
  const byGender = {
    women: flowNumbers(...sums.women),
    men: flowNumbers(...sums.men),
    other: flowNumbers(...sums.other),
  };
  const total = flowNumbers(
    byGender.women.carriedOver + byGender.men.carriedOver + byGender.other.carriedOver,
    byGender.women.started + byGender.men.started + byGender.other.started,
    byGender.women.ended + byGender.men.ended + byGender.other.ended,
  );
  return { ...total, byGender };
}

/** End reasons: the code book's in its order, then stored reasons it does not know (flagged, by size). */
export function endReasonsFrom(rows: OutcomeCounts['endReasons'], codebook: ReasonCodebook, minCell: number): EndReasonRow[] {
  const blank = (reason: string, inCodebook: boolean): EndReasonRow => ({
    reason,
    women: 0,
    men: 0,
    other: 0,
    total: 0,
    percent: null,
    percentWithinGender: { women: null, men: null, other: null },
    inCodebook,
  });
  const known = codebook.reasons.map((reason) => blank(reason, true));
  const byKey = new Map(known.map((r) => [reasonKey(r.reason), r]));
  const extra: EndReasonRow[] = [];
  for (const r of rows) {
    const key = reasonKey(r.reason);
    let row = byKey.get(key);
    if (!row) {
      row = blank(r.reason, false);
      byKey.set(key, row);
      extra.push(row);
    }
    row[GENDER_KEY[r.gender]] += r.count;
    row.total += r.count;
  }
  extra.sort((a, b) => b.total - a.total || svCompare(a.reason, b.reason));
  const endReasons = [...known, ...extra];
  const percents = distributionPercents(
    endReasons.map((r) => r.total),
    minCell,
  );
  const within = withinGenderPercents(endReasons, minCell);
  endReasons.forEach((r, i) => {
    r.percent = percents[i] ?? null;
    r.percentWithinGender = { women: within.women[i] ?? null, men: within.men[i] ?? null, other: within.other[i] ?? null };
  });
  return endReasons;
}

/** Ended to work or studies (the code book's list) among the ended, in total and for women and men. */
export function workOrStudiesFrom(
  endReasons: readonly EndReasonRow[],
  codebook: ReasonCodebook,
  minCell: number,
): OutcomePeriodFigures['workOrStudies'] {
  const wosKeys = new Set(codebook.workOrStudies.map(reasonKey));
  const wos = endReasons.filter((r) => wosKeys.has(reasonKey(r.reason)));
  const sum = (rows: readonly EndReasonRow[], key: 'women' | 'men' | 'total') => rows.reduce((a, r) => a + r[key], 0);
  return {
    total: share(sum(wos, 'total'), sum(endReasons, 'total'), minCell),
    women: share(sum(wos, 'women'), sum(endReasons, 'women'), minCell),
    men: share(sum(wos, 'men'), sum(endReasons, 'men'), minCell),
  };
}

/** The figures of one period from its count tables. */
export function computePeriodFigures(
  period: Period,
  codebook: ReasonCodebook,
  minCell: number,
  counts: OutcomeCounts,
): OutcomePeriodFigures {
  const flow = flowFrom(counts.flow);
  const endReasons = endReasonsFrom(counts.endReasons, codebook, minCell);
  const endedTotal = {
    women: endReasons.reduce((a, r) => a + r.women, 0),
    men: endReasons.reduce((a, r) => a + r.men, 0),
    other: endReasons.reduce((a, r) => a + r.other, 0),
    total: endReasons.reduce((a, r) => a + r.total, 0),
  };
  const endedGenderShares = {
    women: share(endedTotal.women, endedTotal.total, minCell),
    men: share(endedTotal.men, endedTotal.total, minCell),
    other: share(endedTotal.other, endedTotal.total, minCell),
  };

  // Referrers among the period's starters: by count, then name; "Uppgift saknas" last.
  const referrers = distribution(counts.referrers, minCell).map((r) => ({
    referrer: r.value,
    count: r.count,
    percent: r.percent,
    byGender: r.byGender,
  }));

  // Background of the period's starters; age is age at start, grouped.
  const ageRows: GenderedCount[] = counts.agesAtStart.map((r) => {
    const label = ageGroupOf(r.age);
    return { value: label === MISSING ? null : label, gender: r.gender, count: r.count };
  });
  const background = {
    education: distribution(counts.education, minCell, EDUCATION_ORDER),
    ageGroup: distribution(
      ageRows,
      minCell,
      AGE_GROUPS.map((g) => g.label),
    ),
    timeWithoutWork: distribution(counts.timeWithoutWork, minCell, TIME_WITHOUT_WORK_ORDER),
    residence: distribution(counts.residence, minCell),
  };

  const year = period.from.slice(0, 4) === period.to.slice(0, 4) ? Number(period.from.slice(0, 4)) : null;
  return {
    year,
    period: { from: period.from, to: period.to, key: period.key, label: period.label, short: period.short },
    flow,
    endReasons,
    endedTotal,
    endedGenderShares,
    workOrStudies: workOrStudiesFrom(endReasons, codebook, minCell),
    reasonGroups: (codebook.groups ?? []).map((g) => groupShare(endReasons, g, minCell)),
    referrers,
    background,
    timeInInsats: timeInInsats(counts.daysInInsats, minCell),
    ageAtStart: ageAtStart(counts.agesAtStart, minCell),
  };
}

/**
 * The outcome report from the count tables; with `previous` (the counts of the same period a year
 * earlier), also that period's figures and the changes in shares between the two.
 */
export function computeOutcomeReport(input: {
  period: Period;
  insats: string | null;
  /** The group of insatser counted together, when one was asked for. */
  group?: string | null;
  codebook: ReasonCodebook;
  minCell: number;
  counts: OutcomeCounts;
  previous?: { period: Period; counts: OutcomeCounts } | null;
}): OutcomeReport {
  const { period, insats, codebook, minCell, counts } = input;
  const figures = computePeriodFigures(period, codebook, minCell, counts);
  const previousPeriod = input.previous ? computePeriodFigures(input.previous.period, codebook, minCell, input.previous.counts) : null;
  return {
    ...figures,
    insats,
    group: input.group ?? null,
    codebook: codebook.id,
    minCell,
    previousPeriod,
    changes: previousPeriod ? compareWithPrevious(figures, previousPeriod) : null,
  };
}
