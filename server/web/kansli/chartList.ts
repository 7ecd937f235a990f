// The charts the results and outcome pages show, from the one chart catalogue
// (analysis/charts/catalogue.ts) that `finsam charts` also uses: same names, same rules.
import { indicatorChartList, outcomeChartList, startersChart, type CatalogueChart } from '../../../analysis/charts/catalogue.js';
import type { SelectionResult } from '../../indicators/service.js';
import type { OutcomeReport } from '../../outcomes/report.js';
import type { OutcomeSeries } from '../../outcomes/series.js';

export function resultsCharts(r: SelectionResult): CatalogueChart[] {
  const scope = `${r.selection.title} – ${r.selection.insats ?? 'alla insatser'} ${r.selection.year ?? ''}`.trim();
  return indicatorChartList(r, r.selection.year, scope);
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
