// The outcome series: flow and work-or-studies share over up to ten consecutive periods of the
// selected period's kind (docs/rules.md "Serier"). Two small GROUP BY queries per period.
import type { Db } from '../db/database.js';
import { periodSeries, MAX_SERIES, type Period } from '../../analysis/period.js';
import { computeOutcomeSeries, type OutcomeSeries } from '../../analysis/outcomeSeries.js';
import type { ReasonCodebook } from '../../analysis/outcomes.js';
import { gateOpen } from '../followup/mergeGate.js';
import { endReasonCounts, flowCounts } from './queries.js';
import { mappedReasons, OutcomeReportError, outcomeScope, type OutcomeReportOptions } from './report.js';

export type { OutcomeSeries, OutcomeSeriesPoint } from '../../analysis/outcomeSeries.js';

/** Periods in a series when none is asked for. */
export const DEFAULT_SERIES_LENGTH = 5;

/** `count` periods (1–10) ending with `period`, for the insatser given (null = all). */
export async function outcomeSeries(
  db: Db,
  period: Period,
  count: number,
  insatsIds: readonly number[] | null,
  codebook: ReasonCodebook,
  minCell: number,
  insatsName: string | null = null,
  mapping: string | null = null,
): Promise<OutcomeSeries> {
  await gateOpen(db); // never count a half-written import (importer.ts)
  const points = [];
  for (const p of periodSeries(period, count)) {
    const reasons = await endReasonCounts(db, p, insatsIds);
    // Periods before a change of code book are converted, as the previous-period comparison is.
    const endReasons = mapping ? mappedReasons(reasons, mapping, codebook, true) : reasons;
    points.push({ period: p, flow: await flowCounts(db, p, insatsIds), endReasons });
  }
  return computeOutcomeSeries({ insats: insatsName, codebook, minCell, points });
}

/** Reads a series length from a query value or the command line: 1–10, default 5; anything else is a 400. */
export function seriesLength(value: unknown): number {
  if (value === undefined || value === '') return DEFAULT_SERIES_LENGTH;
  if (typeof value !== 'string') throw new OutcomeReportError('Värdet "perioder" står flera gånger i adressen. Ta bort det ena.');
  const text = value;
  if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > MAX_SERIES)
    throw new OutcomeReportError(
      `Antalet perioder i serien måste vara ett heltal från 1 till ${MAX_SERIES} (angivet: "${text.slice(0, 20)}").`,
    );
  return Number(text);
}

/** The series for report options (period, insats, code book, k) and a length (default 5). */
export async function outcomeSeriesFor(db: Db, options: OutcomeReportOptions & { count?: number }): Promise<OutcomeSeries> {
  const scope = await outcomeScope(db, options);
  const count = options.count ?? DEFAULT_SERIES_LENGTH;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SERIES)
    throw new OutcomeReportError(`Antalet perioder i serien måste vara ett heltal från 1 till ${MAX_SERIES}.`);
  return outcomeSeries(db, scope.period, count, scope.insatsIds, scope.codebook, scope.minCell, scope.insatsName, options.mapping ?? null);
}
