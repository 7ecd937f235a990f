// Indicator series (issue 11): share positive per question of one selection (an insats or all, one
// questionnaire) over up to ten consecutive periods of one kind. Each period is counted and decided
// exactly as a results page for that period (service.ts periodSelection), so every cell of the
// series is the number that period's own page publishes.
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { buildIndicators } from '../../analysis/indicators.js';
import { buildIndicatorSeries, type IndicatorSeriesResult } from '../../analysis/indicatorSeries.js';
import { MAX_SERIES, periodSeries, shiftDate, type PeriodKind } from '../../analysis/period.js';
import { resolvePeriod, type Period, type PeriodInput } from '../report/periods.js';
import { resolveInsats, type InsatsRef, FORBUND_INSATS } from '../survey/rounds.js';
import { UserError } from '../errors.js';
import type { DisclosureCache } from './disclosure.js';
import { periodSelection, selectionInputs } from './service.js';

export const DEFAULT_SERIES = 5;

export interface SeriesSelection {
  /** The last period of the series. */
  period: PeriodInput;
  /** Number of periods, 1–10 (default 5). */
  count?: number;
  insats?: string | InsatsRef | null;
  instrument: string;
}

export interface IndicatorSeries extends IndicatorSeriesResult {
  selection: { insats: string | null; instrument: string; title: string; kind: PeriodKind; count: number };
}

/**
 * The periods of a series must not overlap, or one period's figure minus another's would count the
 * answers of a stretch that no tree decided. Years, halves, tertials and quarters never do; a date
 * range does when it is a year or longer, and "since start" always does.
 */
function checkSeriesPeriod(p: Period): void {
  if (p.kind === 'since-start' || (p.kind === 'range' && shiftDate(p.from, 1) <= p.to))
    throw new UserError(
      'En serie kan bara visas för år, halvår, tertial, kvartal eller ett datumintervall kortare än ett år, så att perioderna inte överlappar. Välj en sådan period.',
    );
}

export function checkSeriesCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SERIES)
    throw new UserError(`Antalet perioder i en serie ska vara ett heltal från 1 till ${MAX_SERIES}.`);
  return count;
}

export async function indicatorSeries(
  db: Db,
  surveys: SurveyRegistry,
  sel: SeriesSelection,
  minCell: number,
  opts: { cache?: DisclosureCache } = {},
): Promise<IndicatorSeries> {
  const count = checkSeriesCount(sel.count ?? DEFAULT_SERIES);
  const questionnaire = surveys.get(sel.instrument);
  if (!questionnaire) throw new UserError(`Enkäten "${sel.instrument}" finns inte.`, 404);
  const insats = await resolveInsats(db, sel.insats);
  const last = await resolvePeriod(db, sel.period, insats && insats.id !== FORBUND_INSATS.id ? [insats.id] : null);
  checkSeriesPeriod(last);
  const periods = periodSeries(last, count);
  const results = [];
  for (const period of periods) {
    const s = (await periodSelection(
      db,
      surveys,
      { period, insatsId: insats?.id ?? null, instrumentId: questionnaire.id },
      minCell,
      opts.cache,
    ))!;
    results.push(buildIndicators({ questionnaire, scales: surveys.scales, ...(await selectionInputs(db, s)), invited: null, minCell }));
  }
  return {
    selection: { insats: insats?.name ?? null, instrument: questionnaire.id, title: questionnaire.title, kind: last.kind, count },
    ...buildIndicatorSeries(periods, results),
  };
}
