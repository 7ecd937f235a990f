// Adapters from the outcome report's breakdowns (gender splits, means and medians, the same period a
// year earlier) and the outcome series to the chart builders' inputs. Pure: no rounding and no
// suppression decisions (analysis/outcomes.ts has made them); a hidden figure stays null.
import { GENDER_LABEL } from '../gender.js';
import type { OutcomePeriodFigures, OutcomeReport } from '../outcomes.js';
import { distributionTotals, type DistributionRow } from '../outcomeDistributions.js';
import type { OutcomeSeries } from '../outcomeSeries.js';
import { nLabel, subtitle, type ChartText } from './adapters.js';
import { GENDER_COLOURS, OKABE_ITO } from './palette.js';
import type { GenderShareChartInput, PeriodSeriesChartInput, SummaryChartInput, YearOverYearChartInput } from './types.js';

/** A distribution's percentages within each gender, one group of bars per value. */
export function genderDistributionInput(
  rows: readonly DistributionRow[],
  minCell: number,
  title: string,
  text: ChartText = {},
): GenderShareChartInput {
  const t = distributionTotals(rows);
  return {
    title: text.title ?? title,
    subtitle: subtitle(
      text,
      `${nLabel(t.total)}: ${GENDER_LABEL.women.toLowerCase()} ${t.women}, ${GENDER_LABEL.men.toLowerCase()} ${t.men}`,
    ),
    k: minCell,
    axisTitle: 'Andel inom könet (%)',
    items: rows.map((r) => ({
      label: r.value,
      kvinnor: { n: t.women, percent: r.byGender.women.percent },
      man: { n: t.men, percent: r.byGender.men.percent },
      annat: { n: t.other, percent: r.byGender.other.percent },
    })),
  };
}

/** End reasons as shares of each gender's ended (reasons nobody ended with are left out). */
export function endReasonsWithinGenderInput(report: OutcomeReport, text: ChartText = {}): GenderShareChartInput {
  const t = report.endedTotal;
  return {
    title: text.title ?? 'Avslutsorsaker, andel inom könet',
    subtitle: subtitle(text, `${nLabel(t.total)} avslutade deltagare`),
    k: report.minCell,
    axisTitle: 'Andel av avslutade inom könet (%)',
    items: report.endReasons
      .filter((r) => r.total > 0)
      .map((r) => ({
        label: r.inCodebook ? r.reason : `${r.reason} (finns inte i kodboken)`,
        kvinnor: { n: t.women, percent: r.percentWithinGender.women },
        man: { n: t.men, percent: r.percentWithinGender.men },
        annat: { n: t.other, percent: r.percentWithinGender.other },
      })),
  };
}

function withOther(report: OutcomeReport): boolean {
  return report.flow.byGender.other.participated > 0 || report.endedTotal.other > 0;
}

/** Mean and median time in the insats (months), in total and by gender. */
export function timeInInsatsInput(report: OutcomeReport, text: ChartText = {}): SummaryChartInput {
  const s = report.timeInInsats;
  const keys = ['total', 'women', 'men', ...(withOther(report) ? (['other'] as const) : [])] as const;
  return {
    title: text.title ?? 'Tid i insatsen (månader)',
    subtitle: subtitle(text, `${nLabel(s.total.n)} avslutade deltagare`),
    k: report.minCell,
    axisTitle: 'Månader',
    unit: 'mån.',
    groups: keys.map((key) => ({
      label: key === 'total' ? 'Totalt' : GENDER_LABEL[key],
      n: s[key].n,
      mean: s[key].meanMonths,
      median: s[key].medianMonths,
    })),
  };
}

/** Mean and median age at start (years), in total and by gender. */
export function ageAtStartInput(report: OutcomeReport, text: ChartText = {}): SummaryChartInput {
  const s = report.ageAtStart;
  const keys = ['total', 'women', 'men', ...(withOther(report) ? (['other'] as const) : [])] as const;
  return {
    title: text.title ?? 'Ålder vid start (år)',
    subtitle: subtitle(text, `${nLabel(s.total.n)} nya deltagare med känt födelseår`),
    k: report.minCell,
    axisTitle: 'År',
    unit: 'år',
    groups: keys.map((key) => ({
      label: key === 'total' ? 'Totalt' : GENDER_LABEL[key],
      n: s[key].n,
      mean: s[key].mean,
      median: s[key].median,
    })),
  };
}

/**
 * Work or studies (total, women, men) and each end reason's share, this period and the same period
 * a year earlier. Null without a previous period.
 */
export function previousPeriodInput(report: OutcomeReport, text: ChartText = {}): YearOverYearChartInput | null {
  const prev: OutcomePeriodFigures | null = report.previousPeriod;
  const changes = report.changes;
  if (!prev || !changes) return null;
  const w = changes.workOrStudies;
  const items = [
    { label: 'Till arbete eller studier, totalt', c: w.total },
    { label: `Till arbete eller studier, ${GENDER_LABEL.women.toLowerCase()}`, c: w.women },
    { label: `Till arbete eller studier, ${GENDER_LABEL.men.toLowerCase()}`, c: w.men },
    ...changes.endReasons.filter((c) => c.count > 0 || c.previousCount > 0).map((c) => ({ label: `Avslut: ${c.reason}`, c })),
  ];
  return {
    title: text.title ?? `Andel av avslutade, ${prev.period.short} och ${report.period.short}`,
    subtitle: subtitle(text, `${nLabel(report.endedTotal.total)} avslutade (${prev.period.short}: ${prev.endedTotal.total})`),
    k: report.minCell,
    years: [prev.period.short, report.period.short],
    axisTitle: 'Andel av avslutade (%)',
    items: items.map(({ label, c }) => ({
      label,
      values: [
        { n: c.previousOf, percent: c.previousPercent },
        { n: c.of, percent: c.percent },
      ],
    })),
  };
}

/** Participated, started and ended per period. */
export function seriesFlowInput(series: OutcomeSeries, text: ChartText = {}): PeriodSeriesChartInput {
  const lines = [
    { name: 'Totalt deltagit', key: 'participated' as const, colour: OKABE_ITO.blue },
    { name: 'Nya', key: 'started' as const, colour: OKABE_ITO.skyBlue },
    { name: 'Avslutade', key: 'ended' as const, colour: OKABE_ITO.orange },
  ];
  return {
    title: text.title ?? 'Deltagare per period',
    subtitle: subtitle(text),
    k: series.minCell,
    periods: series.periods.map((p) => p.period.short),
    unit: 'count',
    axisTitle: 'Antal deltagare',
    series: lines.map((l) => ({ name: l.name, colour: l.colour, values: series.periods.map((p) => ({ value: p.flow[l.key] })) })),
  };
}

/** The work-or-studies share per period, in total and for women and men. */
export function seriesWorkOrStudiesInput(series: OutcomeSeries, text: ChartText = {}): PeriodSeriesChartInput {
  const lines = [
    { name: 'Totalt', key: 'total' as const, colour: OKABE_ITO.bluishGreen },
    { name: GENDER_LABEL.women, key: 'women' as const, colour: GENDER_COLOURS.kvinnor },
    { name: GENDER_LABEL.men, key: 'men' as const, colour: GENDER_COLOURS.man },
  ];
  return {
    title: text.title ?? 'Avslut till arbete eller studier per period',
    subtitle: subtitle(text),
    k: series.minCell,
    periods: series.periods.map((p) => p.period.short),
    unit: 'percent',
    axisTitle: 'Andel av avslutade (%)',
    series: lines.map((l) => ({
      name: l.name,
      colour: l.colour,
      values: series.periods.map((p) => ({ value: p.workOrStudies[l.key].percent, n: p.workOrStudies[l.key].of })),
    })),
  };
}
