// The outcome series (docs/rules.md "Serier"): the flow and the work-or-studies share over up to ten
// consecutive periods of one kind (analysis/period.ts periodSeries), oldest first. Pure.
import type { Period, PeriodKind } from './period.js';
import {
  endReasonsFrom,
  flowFrom,
  workOrStudiesFrom,
  type OutcomeCounts,
  type OutcomePeriodFigures,
  type ReasonCodebook,
} from './outcomes.js';

export interface OutcomeSeriesPoint {
  period: OutcomePeriodFigures['period'];
  flow: OutcomePeriodFigures['flow'];
  workOrStudies: OutcomePeriodFigures['workOrStudies'];
}

export interface OutcomeSeries {
  /** Insats name, or null for all insatser. */
  insats: string | null;
  codebook: string;
  minCell: number;
  /** The kind of every period in the series. */
  kind: PeriodKind;
  /** Oldest first; the last is the selected period. */
  periods: OutcomeSeriesPoint[];
}

export function computeOutcomeSeries(input: {
  insats: string | null;
  codebook: ReasonCodebook;
  minCell: number;
  points: ReadonlyArray<{ period: Period; flow: OutcomeCounts['flow']; endReasons: OutcomeCounts['endReasons'] }>;
}): OutcomeSeries {
  const { codebook, minCell } = input;
  const periods = input.points.map(({ period, flow, endReasons }) => ({
    period: { from: period.from, to: period.to, key: period.key, label: period.label, short: period.short },
    flow: flowFrom(flow),
    workOrStudies: workOrStudiesFrom(endReasonsFrom(endReasons, codebook, minCell), codebook, minCell),
  }));
  return {
    insats: input.insats,
    codebook: codebook.id,
    minCell,
    kind: input.points[input.points.length - 1]?.period.kind ?? 'year',
    periods,
  };
}
