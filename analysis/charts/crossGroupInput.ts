// The chart input of one indicator across respondent groups (analysis/crossGroup.ts): one bar group
// per respondent group, one bar per period, then the two averages, then "Riket" per group where a
// national figure exists. Hidden cells stay null and are drawn as "–" (docs/disclosure.md).
import type { CrossGroupResult } from '../crossGroup.js';
import { percentHalfUp } from '../rounding.js';
import { shortQuestionLabel, subtitle, type ChartText } from './adapters.js';
import type { GroupedShareItem, YearOverYearChartInput } from './types.js';

export function crossGroupInput(r: CrossGroupResult, text: ChartText = {}): YearOverYearChartInput {
  const items: GroupedShareItem[] = r.groups.map((g) => ({
    label: g.groupLabel,
    values: r.periods.map((p) => {
      const c = p.cells.find((x) => x.instrument === g.instrument)!;
      return { n: c.status === 'shown' ? c.n : c.status === 'none' ? 0 : null, percent: c.percent };
    }),
  }));
  if (r.periods.some((p) => p.unweighted.percent !== null))
    items.push({ label: 'Ovägt genomsnitt', values: r.periods.map((p) => ({ n: null, percent: p.unweighted.percent })) });
  if (r.periods.some((p) => p.weighted.percent !== null))
    items.push({ label: 'Vägt genomsnitt', values: r.periods.map((p) => ({ n: p.weighted.n, percent: p.weighted.percent })) });
  for (const g of r.groups) {
    const refs = r.periods.map((p) => p.cells.find((x) => x.instrument === g.instrument)!.national);
    if (refs.every((x) => x === null)) continue;
    items.push({
      label: `Riket: ${g.groupLabel}`,
      // Whole percent on the chart (a published figure may have a decimal; the table keeps it).
      values: refs.map((x) =>
        x === null ? { n: 0, percent: null } : { n: x.n, percent: percentHalfUp(Math.round(x.percent * 10), 1000) },
      ),
    });
  }
  return {
    title: text.title ?? shortQuestionLabel(r.indicator.text),
    subtitle: subtitle(
      text,
      'Andel positiva svar per svarsgrupp; ovägt genomsnitt = medelvärdet av gruppernas andelar, vägt = alla positiva ÷ alla svar',
    ),
    k: r.minCell,
    years: r.periods.map((p) => p.period.short),
    items,
  };
}
