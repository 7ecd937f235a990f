// Which charts the results pages offer, and how each is built from the page's data. The same
// builders feed `finsam charts`; here they are rendered one at a time for a PNG download.
import {
  sharePositiveInput,
  distributionInput,
  distributionGroups,
  sharePositiveByGenderInput,
  yearOverYearInput,
  responseRateInput,
  endReasonsByGenderInput,
  participantFlowInput,
  startersByInsatsInput,
} from '../../../analysis/charts/adapters.js';
import {
  sharePositiveChart,
  answerDistributionChart,
  sharePositiveByGenderChart,
  yearOverYearChart,
  responseRateChart,
  endReasonsByGenderChart,
  participantFlowChart,
  startersByInsatsChart,
  type FinsamChartConfig,
} from '../../../analysis/charts/configs.js';
import type { SelectionResult } from '../../indicators/service.js';
import type { OutcomeReport } from '../../outcomes/report.js';

export interface ChartChoice<T> {
  name: string;
  title: string;
  /** Null when the data has nothing to draw (e.g. no previous year). */
  build(data: T): FinsamChartConfig | null;
}

const scopeOf = (r: SelectionResult) =>
  `${r.selection.title} – ${r.selection.insats ?? 'alla insatser'} ${r.selection.year ?? ''}`.trim();

/** The charts of an indicator result: one per kind, and one distribution chart per answer scale. */
export function indicatorCharts(r: SelectionResult): { name: string; title: string; build: () => FinsamChartConfig }[] {
  const scope = scopeOf(r);
  const charts = [{ name: 'andel-positiva', title: 'Andel positiva svar per fråga', build: () => sharePositiveChart(sharePositiveInput(r, { scope })) }];
  for (const g of distributionGroups(r)) {
    charts.push({
      name: `fordelning-${g.key}`,
      title: `Svarsfördelning (${g.steps.slice(0, 2).join(', ')} …)`,
      build: () => answerDistributionChart(distributionInput(r, { scope }, g.questions)),
    });
  }
  charts.push({ name: 'kon', title: 'Andel positiva per kön', build: () => sharePositiveByGenderChart(sharePositiveByGenderInput(r, { scope })) });
  if (r.questions.some((q) => q.previous) && r.selection.year)
    charts.push({ name: 'jamforelse', title: 'Jämförelse med föregående år', build: () => yearOverYearChart(yearOverYearInput(r, r.selection.year!, { scope })) });
  if (r.rounds.length)
    charts.push({ name: 'svarsfrekvens', title: 'Svarsfrekvens per omgång', build: () => responseRateChart(responseRateInput(r, { scope })) });
  return charts;
}

export interface OutcomeChartData {
  report: OutcomeReport;
  /** Per-insats reports of the year, for "starters by insats". */
  perInsats: OutcomeReport[];
}

export const OUTCOME_CHARTS: ChartChoice<OutcomeChartData>[] = [
  { name: 'flode', title: 'Deltagarflöde', build: (d) => participantFlowChart(participantFlowInput(d.report)) },
  { name: 'avslutsorsaker', title: 'Avslutsorsaker per kön', build: (d) => (d.report.flow.ended ? endReasonsByGenderChart(endReasonsByGenderInput(d.report)) : null) },
  { name: 'nya-per-insats', title: 'Nya deltagare per insats och kön', build: (d) => (d.perInsats.length ? startersByInsatsChart(startersByInsatsInput(d.perInsats)) : null) },
];
