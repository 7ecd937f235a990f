// The one chart catalogue: which charts exist, their names, titles and when each is drawn. The
// results pages (one chart or a page of them) and `finsam charts` (every chart of a year) both read
// it, so a chart has one name and one rule everywhere. A chart with no shown figure is left out; a
// survey with fewer than k respondents still gets its response-rate chart, which says so.
import type { OutcomeReport } from '../outcomes.js';
import {
  distributionGroups,
  distributionInput,
  responseRateInput,
  sharePositiveByGenderInput,
  sharePositiveInput,
  yearOverYearInput,
  type MergedYearLike,
  type SurveyResultLike,
} from './adapters.js';
import { endReasonsByGenderInput, participantFlowInput, startersByInsatsInput } from './outcomeInputs.js';
import {
  ageAtStartInput,
  endReasonsWithinGenderInput,
  genderDistributionInput,
  previousPeriodInput,
  seriesFlowInput,
  seriesWorkOrStudiesInput,
  timeInInsatsInput,
} from './outcomeBreakdownInputs.js';
import type { OutcomeSeries } from '../outcomeSeries.js';
import type { GenderShareChartInput } from './types.js';
import { slugify } from '../slug.js';
import {
  answerDistributionChart,
  endReasonsByGenderChart,
  participantFlowChart,
  periodSeriesChart,
  responseRateChart,
  summaryChart,
  sharePositiveByGenderChart,
  sharePositiveChart,
  startersByInsatsChart,
  suggestedChartSize,
  yearOverYearChart,
  type FinsamChartConfig,
} from './configs.js';
import type { ShareValue } from './types.js';
import type { IndicatorSeriesResult } from '../indicatorSeries.js';
import { indicatorSeriesInput } from './seriesInput.js';
import { crossGroupInput } from './crossGroupInput.js';
import type { CrossGroupResult } from '../crossGroup.js';

export interface CatalogueChart {
  /** ASCII name, the same on the pages (…/diagram/<name>.png) and in file names. */
  name: string;
  /** What it shows, e.g. "Andel positiva svar per fråga". */
  title: string;
  config: FinsamChartConfig;
}

function hasShownShare(values: Array<ShareValue | undefined>): boolean {
  return values.some((v) => v !== undefined && v.percent !== null);
}

/** The charts of one questionnaire's results (a round, an insats-year or all insatser). */
export function indicatorChartList(survey: SurveyResultLike, year: number | null, scope: string): CatalogueChart[] {
  const charts: CatalogueChart[] = [];
  if (survey.rounds.length > 0)
    charts.push({ name: 'svarsfrekvens', title: 'Svarsfrekvens', config: responseRateChart(responseRateInput(survey, { scope })) });
  const share = sharePositiveInput(survey, { scope });
  if (hasShownShare(share.items))
    charts.push({ name: 'andel-positiva', title: 'Andel positiva svar per fråga', config: sharePositiveChart(share) });
  const groups = distributionGroups(survey);
  for (const group of groups) {
    const input = distributionInput(survey, { scope }, group.questions);
    if (!input.items.some((it) => it.percents !== null)) continue;
    const name = groups.length > 1 ? `svarsfordelning-${slugify(group.key)}` : 'svarsfordelning';
    charts.push({ name, title: 'Svarsfördelning per fråga', config: answerDistributionChart(input) });
  }
  const byGender = sharePositiveByGenderInput(survey, { scope });
  if (hasShownShare(byGender.items.flatMap((it) => [it.kvinnor, it.man])))
    charts.push({ name: 'andel-positiva-per-kon', title: 'Andel positiva svar per kön', config: sharePositiveByGenderChart(byGender) });
  if (year !== null) {
    const yoy = yearOverYearInput(survey, year, { scope });
    if (yoy.items.length > 0)
      charts.push({ name: 'jamfort-med-forra-aret', title: `Andel positiva svar ${year - 1} och ${year}`, config: yearOverYearChart(yoy) });
  }
  return charts;
}

function hasWithinGender(input: GenderShareChartInput): boolean {
  return hasShownShare(input.items.flatMap((it) => [it.kvinnor, it.man, it.annat]));
}

/** The distributions of the starters drawn as percentages within each gender: chart name, key, title. */
const STARTER_DISTRIBUTIONS = [
  ['utbildning-per-kon', 'education', 'Utbildning bland nya deltagare per kön'],
  ['aldersgrupp-per-kon', 'ageGroup', 'Ålder vid start bland nya deltagare per kön'],
  ['tid-utan-arbete-per-kon', 'timeWithoutWork', 'Tid utan arbete eller studier bland nya deltagare per kön'],
  ['boende-per-kon', 'residence', 'Boende bland nya deltagare per kön'],
] as const;

/**
 * The participant-register charts of one selection (one insats, or all insatser together); with a
 * series (server/outcomes/series.ts), also the charts over periods.
 */
export function outcomeChartList(report: OutcomeReport, scope: string, series: OutcomeSeries | null = null): CatalogueChart[] {
  const charts: CatalogueChart[] = [];
  const text = { scope };
  if (report.flow.participated > 0)
    charts.push({
      name: 'deltagare',
      title: 'Deltagare under perioden',
      config: participantFlowChart(participantFlowInput(report, text)),
    });
  if (report.endedTotal.total > 0)
    charts.push({
      name: 'avslutsorsaker-per-kon',
      title: 'Avslutsorsaker per kön',
      config: endReasonsByGenderChart(endReasonsByGenderInput(report, text)),
    });
  const withinGender = endReasonsWithinGenderInput(report, text);
  if (hasWithinGender(withinGender))
    charts.push({ name: 'avslutsorsaker-andel-per-kon', title: withinGender.title, config: sharePositiveByGenderChart(withinGender) });
  const referrerRows = report.referrers.map((r) => ({ value: r.referrer, count: r.count, percent: r.percent, byGender: r.byGender }));
  const distributions: Array<[string, GenderShareChartInput]> = [
    ['anmalande-part-per-kon', genderDistributionInput(referrerRows, report.minCell, 'Anmälande part bland nya deltagare per kön', text)],
    ...STARTER_DISTRIBUTIONS.map(([name, key, title]): [string, GenderShareChartInput] => [
      name,
      genderDistributionInput(report.background[key], report.minCell, title, text),
    ]),
  ];
  for (const [name, input] of distributions)
    if (hasWithinGender(input)) charts.push({ name, title: input.title, config: sharePositiveByGenderChart(input) });
  if (report.timeInInsats.total.n > 0)
    charts.push({ name: 'tid-i-insatsen', title: 'Tid i insatsen (månader)', config: summaryChart(timeInInsatsInput(report, text)) });
  if (report.ageAtStart.total.n > 0)
    charts.push({ name: 'alder-vid-start', title: 'Ålder vid start (år)', config: summaryChart(ageAtStartInput(report, text)) });
  const previous = previousPeriodInput(report, text);
  if (previous && hasShownShare(previous.items.flatMap((it) => it.values)))
    charts.push({ name: 'jamfort-med-foregaende-ar', title: previous.title, config: yearOverYearChart(previous) });
  if (series && series.periods.some((p) => p.flow.participated > 0)) {
    charts.push({ name: 'serie-deltagare', title: 'Deltagare per period', config: periodSeriesChart(seriesFlowInput(series, text)) });
    const wos = seriesWorkOrStudiesInput(series, text);
    if (wos.series.some((s) => s.values.some((v) => v.value !== null)))
      charts.push({ name: 'serie-arbete-studier', title: wos.title, config: periodSeriesChart(wos) });
  }
  return charts;
}

/** New participants by gender: per insats across several, or for the one insats given. */
export function startersChart(reports: readonly OutcomeReport[], scope: string, single: string | null): CatalogueChart | null {
  const withStarters = reports.filter((r) => r.flow.started > 0);
  if (withStarters.length === 0) return null;
  const title = single ? 'Nya deltagare per kön' : 'Nya deltagare per insats och kön';
  return {
    name: single ? 'nya-deltagare-per-kon' : 'nya-deltagare-per-insats',
    title,
    config: startersByInsatsChart(startersByInsatsInput(withStarters, { scope, title })),
  };
}

export interface ChartFile {
  /** ASCII-safe, e.g. "2024-finsam-team-nns-deltagare-avslut-andel-positiva.png". */
  fileName: string;
  /** Human title for listings, e.g. "FINSAM-team 2024: Andel positiva svar per fråga (Enkät …)". */
  title: string;
  config: FinsamChartConfig;
  size: { width: number; height: number };
}

/**
 * Every chart of a period's merged report, with file names, for `finsam charts`; with `seriesOf`,
 * also each survey's series chart (as the results page shows it).
 */
export function chartSetForPeriod(
  report: MergedYearLike & { group?: string | null; total?: { outcomes: OutcomeReport } | null },
  seriesOf?: (insats: string, instrument: string) => IndicatorSeriesResult | undefined,
): ChartFile[] {
  const year = report.year;
  const label = report.period.label;
  const files: ChartFile[] = [];
  const used = new Set<string>();
  const add = (parts: string[], title: string, config: FinsamChartConfig) => {
    const base = [slugify(report.period.key.replace('..', '-')), ...parts.map((p) => slugify(p))].join('-');
    let name = `${base}.png`;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}.png`;
    used.add(name);
    files.push({ fileName: name, title, config, size: suggestedChartSize(config) });
  };

  // A group of insatser: its charts counted together first, then its members' (docs/domain.md).
  const group = report.group ?? null;
  const single = !group && report.insatser.length === 1 ? report.insatser[0]!.insats : null;
  const scope = `${single ?? group ?? 'Alla insatser'} ${label}`;
  if (group && report.total)
    for (const c of outcomeChartList(report.total.outcomes, scope)) add([group, c.name], `${scope}: ${c.title}`, c.config);
  const starters = startersChart(
    report.insatser.map((i) => i.outcomes),
    scope,
    single,
  );
  if (starters) add([single ?? group ?? 'alla-insatser', starters.name], `${scope}: ${starters.title}`, starters.config);

  for (const insats of report.insatser) {
    const where = `${insats.insats} ${label}`;
    for (const c of outcomeChartList(insats.outcomes, where, insats.series ?? null))
      add([insats.insats, c.name], `${where}: ${c.title}`, c.config);
    for (const survey of insats.surveys) {
      const instrument = survey.selection.instrument;
      for (const c of indicatorChartList(survey, year, `${survey.selection.title} – ${where}`))
        add([insats.insats, instrument, c.name], `${where}: ${c.title} (${survey.selection.title})`, c.config);
      const series = seriesOf?.(insats.insats, instrument);
      const c = series ? indicatorSeriesChart(series, `${survey.selection.title} – ${insats.insats}`) : null;
      if (c) add([insats.insats, instrument, c.name], `${where}: ${c.title} (${survey.selection.title})`, c.config);
    }
  }
  return files;
}

/** Share positive per question over a series of periods (grouped bars), or null when nothing is shown. */
export function indicatorSeriesChart(series: IndicatorSeriesResult, scope: string): CatalogueChart | null {
  const input = indicatorSeriesInput(series, { scope });
  if (!input.items.some((it) => it.values.some((v) => v.percent !== null))) return null;
  return { name: INDICATOR_SERIES_CHART, title: 'Andel positiva svar per period', config: yearOverYearChart(input) };
}

export const INDICATOR_SERIES_CHART = 'andel-positiva-serie';

export const CROSS_GROUP_CHART = 'indikator-grupper';

/** One indicator across respondent groups and periods (grouped bars), or null when nothing is shown. */
export function crossGroupChart(result: CrossGroupResult, scope: string): CatalogueChart | null {
  const input = crossGroupInput(result, { scope });
  if (!input.items.some((it) => it.values.some((v) => v.percent !== null))) return null;
  return { name: CROSS_GROUP_CHART, title: 'Andel positiva svar per svarsgrupp', config: yearOverYearChart(input) };
}
