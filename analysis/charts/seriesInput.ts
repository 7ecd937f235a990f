// The chart input of an indicator series (analysis/indicatorSeries.ts): share positive per question,
// one bar per period (oldest lightest), as grouped bars like the year-over-year chart. Pure: the
// figures were rounded and suppressed per period; a hidden one stays null and is drawn as "–".
import type { IndicatorSeriesResult } from '../indicatorSeries.js';
import { nLabel, shortQuestionLabel, subtitle, type ChartText } from './adapters.js';
import type { YearOverYearChartInput } from './types.js';

export function indicatorSeriesInput(series: IndicatorSeriesResult, text: ChartText = {}): YearOverYearChartInput {
  // Questions nobody answered in any period are left out (the table lists them).
  const answered = series.questions.filter((q) => q.cells.some((c) => c.n !== 0));
  const anySignificant = answered.some((q) => q.changes.some((c) => c?.significant));
  const respondents = series.periods.map((p) => `${p.short}: ${p.respondents === null ? 'dolt antal' : nLabel(p.respondents)}`).join(', ');
  return {
    title: text.title ?? 'Andel positiva svar per period',
    subtitle: subtitle(
      text,
      `Svarande ${respondents}`,
      anySignificant
        ? '* = statistiskt säkerställd förändring mellan två perioder i följd (Fishers exakta test, p < 0,05)'
        : 'Ingen förändring mellan två perioder i följd är statistiskt säkerställd (Fishers exakta test, p < 0,05)',
    ),
    k: series.minCell,
    years: series.periods.map((p) => p.short),
    items: answered.map((q) => ({
      label: shortQuestionLabel(q.text) + (q.changes.some((c) => c?.significant) ? ' *' : ''),
      values: q.cells.map((c) => ({ n: c.suppressed ? null : c.n, percent: c.suppressed ? null : c.percent })),
    })),
  };
}
