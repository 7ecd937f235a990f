// The charts the results and outcome pages show, from the one chart catalogue
// (analysis/charts/catalogue.ts) that `finsam charts` also uses: same names, same rules.
import {
  indicatorChartList,
  indicatorSeriesChart,
  outcomeChartList,
  startersChart,
  type CatalogueChart,
} from '../../../analysis/charts/catalogue.js';
import type { IndicatorSeries } from '../../indicators/series.js';
import type { SelectionResult } from '../../indicators/service.js';
import type { OutcomeReport } from '../../outcomes/report.js';
import type { OutcomeSeries } from '../../outcomes/series.js';

export function resultsCharts(r: SelectionResult): CatalogueChart[] {
  const scope =
    `${r.selection.title} – ${r.selection.insats ?? 'alla insatser'} ${r.selection.period?.label ?? r.selection.year ?? ''}`.trim();
  return indicatorChartList(r, r.selection.year, scope);
}

/** The series chart, when any of its figures is shown. */
export function seriesCharts(s: IndicatorSeries): CatalogueChart[] {
  const chart = indicatorSeriesChart(s, `${s.selection.title} – ${s.selection.insats ?? 'alla insatser'}`);
  return chart ? [chart] : [];
}

/** For one insats its own charts; for all insatser or a group also new participants per insats; with a series, its charts. */
export function outcomeCharts(
  report: OutcomeReport,
  perInsats: readonly OutcomeReport[],
  insats: string | null,
  periodLabel: string,
  group: string | null = null,
  series: OutcomeSeries | null = null,
): CatalogueChart[] {
  const scope = `${insats ?? group ?? 'Alla insatser'} ${periodLabel}`;
  const starters = startersChart(insats ? [report] : perInsats, scope, insats);
  return [...outcomeChartList(report, scope, series), ...(starters ? [starters] : [])];
}
