// Which answers of a survey round count in a period (docs/rules.md "Perioder", survey answers).
// A round spans [opens_on, closes_on], each defaulting to its report year's first and last day. A
// response's effective date is its submitted_on clamped into that span (a late answer counts on the
// round's last day), and it belongs to the periods that contain its effective date. Pure.
import { rangePeriod, yearPeriod, type Period } from './period.js';

export interface RoundDates {
  year: number;
  opens_on: string | null;
  closes_on: string | null;
}

export interface DateSpan {
  from: string;
  to: string;
}

/** The round's span; the two ends are put in order should a default land on the wrong side of a given date. */
export function roundSpan(r: RoundDates): DateSpan {
  const y = String(r.year).padStart(4, '0');
  const a = r.opens_on ?? `${y}-01-01`;
  const b = r.closes_on ?? `${y}-12-31`;
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

/**
 * How a round takes part in a period: not at all (null), whole (its span lies inside the period, so
 * its running totals count), or partly: the responses whose submitted_on lies in [lo, hi]. The
 * bounds are on the stored date, not the effective one: an end of the span that lies inside the
 * period takes every response clamped onto it too, so that side is open ('0000-00-00' / '9999-99-99').
 */
export type RoundPart = { whole: true } | { whole: false; lo: string; hi: string };

export const OPEN_LOW = '0000-00-00';
export const OPEN_HIGH = '9999-99-99';

export function roundPart(span: DateSpan, period: Pick<Period, 'from' | 'to'>): RoundPart | null {
  if (span.to < period.from || span.from > period.to) return null;
  if (span.from >= period.from && span.to <= period.to) return { whole: true };
  return {
    whole: false,
    lo: span.from >= period.from ? OPEN_LOW : period.from,
    hi: span.to <= period.to ? OPEN_HIGH : period.to,
  };
}

/**
 * The period whose disclosure tree decides a round's own page and its count in the round list: its
 * report year, where it counts whole (the usual case), else its own span, for a round that runs over
 * the turn of a year.
 */
export function roundTreePeriod(r: RoundDates): Period {
  const year = yearPeriod(r.year);
  const span = roundSpan(r);
  return roundPart(span, year)?.whole ? year : rangePeriod(span.from, span.to);
}

/** The canonical cache key of a period: its dates (two spellings of one range share one decision). */
export function periodDatesKey(p: Pick<Period, 'from' | 'to'>): string {
  return `${p.from}..${p.to}`;
}
