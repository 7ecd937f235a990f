// One NNS indicator across respondent groups (docs/rules.md "Indikatorer över svarsgrupper"): each
// group's cell is its own questionnaire's published figure, and the two averages across groups are
// computed only from shown cells, so they never reveal what a group's own results hide. Pure.
import { percentHalfUp } from './rounding.js';
import { fisherExactTwoSided, wilsonInterval } from './stats.js';
import { previousYear, type Period } from './period.js';
import type { PreviousComparison } from './indicators.js';
import type { Questionnaire, RespondentGroup } from '../surveys/types.js';

/** Swedish names of the respondent groups, for tables, charts and the national file. */
export const RESPONDENT_GROUP_LABEL: Record<RespondentGroup, string> = {
  'deltagare-avslut': 'Deltagare vid avslut',
  'deltagare-pagaende': 'Deltagare under insatsen',
  insatspersonal: 'Insatspersonal',
  styrelse: 'Styrelse',
  'chefer-i-samverkan': 'Chefer i samverkan',
  remittenter: 'Remittenter',
  'kurs-deltagare': 'Deltagare i kurser och händelser',
};

/** The order groups are shown in: the förbund's own bodies first, as the annual reports do (board, managers, staff …). */
export const GROUP_ORDER: readonly RespondentGroup[] = [
  'styrelse',
  'chefer-i-samverkan',
  'insatspersonal',
  'remittenter',
  'deltagare-pagaende',
  'deltagare-avslut',
];

/** The most periods shown side by side. */
export const MAX_CROSS_PERIODS = 5;

/** A published national figure for one indicator, year and respondent group. */
export interface NationalReference {
  percent: number;
  n: number | null;
}

/**
 * One group's cell in one period: the figure its own questionnaire's results publish.
 * `status`: 'shown'; 'hidden' by the disclosure control; 'none' when the group has no answers.
 */
export interface GroupCell {
  instrument: string;
  respondentGroup: RespondentGroup;
  groupLabel: string;
  questionId: string;
  status: 'shown' | 'hidden' | 'none';
  /** Respondents of the group's selection; null when hidden. */
  respondents: number | null;
  n: number | null;
  positive: number | null;
  percent: number | null;
  ci95: [number, number] | null;
  reason: string | null;
  /** The same period a year earlier (Fisher's exact test), when both years are shown. */
  previous: PreviousComparison | null;
  /** "Riket": the national figure for the group, the key and the period's year, when imported. */
  national: NationalReference | null;
}

export interface UnweightedAverage {
  /** Mean of the shown groups' whole percentages, rounded half up; null when not every group is shown. */
  percent: number | null;
  /** How many groups it averages. */
  groups: number;
  note: string;
}

export interface WeightedAverage {
  /** Pooled positives ÷ pooled n; all null when not every group is shown. */
  n: number | null;
  positive: number | null;
  percent: number | null;
  ci95: [number, number] | null;
  note: string;
}

/** The cells an average is about: the groups with answers in the period ('none' takes no part). */
function contributing(cells: readonly GroupCell[]): GroupCell[] {
  return cells.filter((c) => c.status !== 'none');
}

const TOO_FEW = 'Genomsnitt visas när minst två svarsgrupper har svar under perioden.';
const SOME_HIDDEN =
  'Genomsnittet visas inte: minst en svarsgrupps andel är dold (färre än k svar), och den skulle kunna räknas fram ur genomsnittet.';

/**
 * The unweighted average: each group counts once, whatever its size. It is the mean of the
 * percentages as published (whole percent), so a reader can recompute it from the table.
 */
export function unweightedAverage(cells: readonly GroupCell[]): UnweightedAverage {
  const groups = contributing(cells);
  if (groups.length < 2) return { percent: null, groups: groups.length, note: TOO_FEW };
  if (groups.some((c) => c.status !== 'shown' || c.percent === null)) return { percent: null, groups: groups.length, note: SOME_HIDDEN };
  // round(sum / groups) half up, in integers: percentHalfUp(a, b) is round(100·a / b).
  const sum = groups.reduce((a, c) => a + c.percent!, 0);
  return {
    percent: percentHalfUp(sum, 100 * groups.length)!,
    groups: groups.length,
    note: `Ovägt genomsnitt: medelvärdet av ${groups.length} svarsgruppers andelar, varje grupp väger lika.`,
  };
}

/** The pooled counts of the groups, or null when any group's cell is not shown. */
function pooled(cells: readonly GroupCell[]): { n: number; positive: number } | null {
  const groups = contributing(cells);
  if (groups.length < 2 || groups.some((c) => c.status !== 'shown' || c.n === null || c.positive === null)) return null;
  return { n: groups.reduce((a, c) => a + c.n!, 0), positive: groups.reduce((a, c) => a + c.positive!, 0) };
}

/**
 * The respondent-weighted average: pooled positives ÷ pooled substantive answers. Only when every
 * group's cell is shown: the pooled n minus the shown groups' n would otherwise give a hidden one.
 */
export function weightedAverage(cells: readonly GroupCell[]): WeightedAverage {
  const groups = contributing(cells);
  const p = pooled(cells);
  if (!p) return { n: null, positive: null, percent: null, ci95: null, note: groups.length < 2 ? TOO_FEW : SOME_HIDDEN };
  return {
    n: p.n,
    positive: p.positive,
    percent: percentHalfUp(p.positive, p.n),
    ci95: wilsonInterval(p.positive, p.n),
    note: `Vägt genomsnitt: alla positiva svar ÷ alla svar i ${groups.length} svarsgrupper, så större grupper väger mer.`,
  };
}

/** The weighted average against the same groups' pooled figure a year earlier (Fisher's exact test). */
export function weightedComparison(current: readonly GroupCell[], previous: readonly GroupCell[]): PreviousComparison | null {
  const now = pooled(current);
  const before = pooled(previous);
  if (!now || !before || now.n === 0 || before.n === 0) return null;
  // Comparable only when the same groups contribute in both years.
  const ids = (cells: readonly GroupCell[]) =>
    contributing(cells)
      .map((c) => c.instrument)
      .sort()
      .join('|');
  if (ids(current) !== ids(previous)) return null;
  const percent = percentHalfUp(before.positive, before.n)!;
  const fisherP = fisherExactTwoSided(now.positive, now.n - now.positive, before.positive, before.n - before.positive);
  return {
    n: before.n,
    percent,
    diffPoints: percentHalfUp(now.positive, now.n)! - percent,
    fisherP,
    significant: fisherP < 0.05,
  };
}

/** `count` periods a year apart, ending with `p`, oldest first ("2024", 2 → 2023, 2024). */
export function yearApartPeriods(p: Period, count: number): Period[] {
  const n = Math.max(1, Math.min(MAX_CROSS_PERIODS, Math.floor(count)));
  const out = [p];
  while (out.length < n) out.unshift(previousYear(out[0]!));
  return out;
}

/** The calendar year a national reference applies to: only a whole-year period has one. */
export function referenceYear(p: Pick<Period, 'kind' | 'from'>): number | null {
  return p.kind === 'year' ? Number(p.from.slice(0, 4)) : null;
}

/** An indicator key and the questionnaires (latest versions) that ask it. */
export interface IndicatorKey {
  key: string;
  /** The question text of the first questionnaire (by id) that asks it. */
  text: string;
  groups: {
    instrument: string;
    title: string;
    respondentGroup: Questionnaire['respondentGroup'];
    groupLabel: string;
    questionId: string;
  }[];
}

export interface CrossGroupPeriod {
  period: { key: string; label: string; short: string; from: string; to: string };
  /** The calendar year for national references; null for a period that is not a whole year. */
  year: number | null;
  cells: GroupCell[];
  unweighted: UnweightedAverage;
  weighted: WeightedAverage & { previous: PreviousComparison | null };
}

/** One indicator key across respondent groups and periods (server/indicators/crossGroup.ts). */
export interface CrossGroupResult {
  indicator: { key: string; text: string };
  insats: string | null;
  minCell: number;
  groups: IndicatorKey['groups'];
  /** Oldest first. */
  periods: CrossGroupPeriod[];
}
