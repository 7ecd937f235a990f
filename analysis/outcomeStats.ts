// Means and medians of the outcome report: time in the insats (episodes ended in the period) and age
// at start (the period's starters), in total and by gender. Pure; SQL delivers grouped counts
// (value, gender, count), expanded here only to the numbers simple-statistics needs.
//
// docs/rules.md "Tid i insatsen": months = days ÷ (365.25 ÷ 12), days = end date − start date; mean
// and median rounded half up to one decimal; both hidden (null) when n is below k, n always shown.
import { mean, median } from 'simple-statistics';
import { GENDER_KEY, type Gender } from './gender.js';
import type { ByGender } from './outcomeDistributions.js';

/** Days per month on average over the Gregorian leap-year cycle. */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface MonthsSummary {
  n: number;
  meanMonths: number | null;
  medianMonths: number | null;
}

export interface YearsSummary {
  n: number;
  mean: number | null;
  median: number | null;
}

export type TimeInInsats = ByGender<MonthsSummary> & { total: MonthsSummary };
export type AgeAtStart = ByGender<YearsSummary> & { total: YearsSummary };

/** Half up to one decimal; the tiny nudge keeps 30.35 (stored as 30.349999…) from rounding down. */
export function oneDecimal(x: number): number {
  return Math.floor(x * 10 + 0.5 + 1e-9) / 10;
}

/** The values of a grouped count table per gender and in all, expanded for simple-statistics. */
function expand(rows: readonly { value: number; gender: Gender; count: number }[]): ByGender<number[]> & { total: number[] } {
  const out = { women: [] as number[], men: [] as number[], other: [] as number[], total: [] as number[] };
  for (const r of rows) {
    const list = out[GENDER_KEY[r.gender]];
    for (let i = 0; i < r.count; i++) {
      list.push(r.value);
      out.total.push(r.value);
    }
  }
  return out;
}

function summary(values: readonly number[], minCell: number, scale: number): { n: number; mean: number | null; median: number | null } {
  const n = values.length;
  if (n === 0 || n < minCell) return { n, mean: null, median: null };
  return { n, mean: oneDecimal(mean(values as number[]) / scale), median: oneDecimal(median(values) / scale) };
}

/** Time in the insats, in months, of episodes that ended in the period. */
export function timeInInsats(rows: readonly { days: number; gender: Gender; count: number }[], minCell: number): TimeInInsats {
  const lists = expand(rows.map((r) => ({ value: r.days, gender: r.gender, count: r.count })));
  const months = (values: number[]): MonthsSummary => {
    const s = summary(values, minCell, DAYS_PER_MONTH);
    return { n: s.n, meanMonths: s.mean, medianMonths: s.median };
  };
  return { total: months(lists.total), women: months(lists.women), men: months(lists.men), other: months(lists.other) };
}

/** Age at start (start year − birth year) of the period's starters with a known birth year. */
export function ageAtStart(rows: readonly { age: number | null; gender: Gender; count: number }[], minCell: number): AgeAtStart {
  const known = rows.filter((r): r is { age: number; gender: Gender; count: number } => r.age !== null && Number.isFinite(r.age));
  const lists = expand(known.map((r) => ({ value: r.age, gender: r.gender, count: r.count })));
  const years = (values: number[]): YearsSummary => summary(values, minCell, 1);
  return { total: years(lists.total), women: years(lists.women), men: years(lists.men), other: years(lists.other) };
}
