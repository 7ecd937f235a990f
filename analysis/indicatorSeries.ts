// Share positive per indicator question over a series of periods of one kind (up to ten years,
// half-years, tertials or quarters), from one indicator result per period. Each period's figures
// were decided in that period's own disclosure tree (docs/disclosure.md); a change between two
// consecutive periods is tested like the year-over-year comparison (Fisher's exact test, two-sided,
// p < 0.05; docs/rules.md "Osäkerhet"), and only where both figures are shown. Pure.
import { isIndicator } from '../surveys/types.js';
import type { IndicatorResult } from './indicators.js';
import type { QuestionType } from '../surveys/types.js';
import { fisherExactTwoSided } from './stats.js';

export interface SeriesPeriod {
  key: string;
  label: string;
  short: string;
  from: string;
  to: string;
}

export interface SeriesCell {
  /** Substantive answers; null when hidden (a hidden cell hides its n too). */
  n: number | null;
  positive: number | null;
  percent: number | null;
  suppressed: boolean;
  reason: string | null;
  ci95: [number, number] | null;
}

export interface SeriesChange {
  /** Keys of the two periods compared, the earlier first. */
  from: string;
  to: string;
  diffPoints: number;
  fisherP: number;
  significant: boolean;
}

export interface SeriesQuestion {
  id: string;
  text: string;
  type: QuestionType;
  /** One cell per period, in the order of `periods`. */
  cells: SeriesCell[];
  /** One entry per pair of consecutive periods (periods − 1 of them); null where either figure is not shown. */
  changes: (SeriesChange | null)[];
}

export interface IndicatorSeriesResult {
  minCell: number;
  /** Oldest first, each with its respondents (null when hidden in its tree). */
  periods: (SeriesPeriod & { respondents: number | null })[];
  questions: SeriesQuestion[];
}

function change(a: SeriesCell, b: SeriesCell, from: string, to: string): SeriesChange | null {
  if (a.percent === null || b.percent === null || a.suppressed || b.suppressed) return null;
  if (!a.n || !b.n || a.positive === null || b.positive === null) return null;
  const fisherP = fisherExactTwoSided(b.positive, b.n - b.positive, a.positive, a.n - a.positive);
  return { from, to, diffPoints: b.percent - a.percent, fisherP, significant: fisherP < 0.05 };
}

/** `results[i]` is the selection's result in `periods[i]`; all for the same questionnaire. */
export function buildIndicatorSeries(periods: readonly SeriesPeriod[], results: readonly IndicatorResult[]): IndicatorSeriesResult {
  if (periods.length !== results.length) throw new RangeError('En period per resultat behövs.');
  const first = results[0];
  const questions: SeriesQuestion[] = (first?.questions ?? [])
    .filter((q) => isIndicator(q))
    .map((q) => {
      const cells = results.map((r): SeriesCell => {
        // A period without respondents has nothing to hide: its 0 is published as the respondents are.
        if (r.respondents === 0) return { n: 0, positive: null, percent: null, suppressed: false, reason: null, ci95: null };
        const x = r.questions.find((y) => y.id === q.id)!;
        return { n: x.n, positive: x.positive, percent: x.percent, suppressed: x.suppressed, reason: x.reason, ci95: x.ci95 };
      });
      const changes = cells.slice(1).map((c, i) => change(cells[i]!, c, periods[i]!.key, periods[i + 1]!.key));
      return { id: q.id, text: q.text, type: q.type, cells, changes };
    });
  return {
    minCell: first?.minCell ?? 0,
    periods: periods.map((p, i) => ({
      key: p.key,
      label: p.label,
      short: p.short,
      from: p.from,
      to: p.to,
      respondents: results[i]!.respondents,
    })),
    questions,
  };
}
