// The data table that stands beside a chart on the page: the same numbers, read from the chart's own
// configuration so the two can never disagree. Pure.
import type { FinsamChartConfig } from './configs.js';

export interface ChartDataTable {
  columns: string[];
  rows: { label: string; cells: string[] }[];
  totals: string[] | null;
}

const text = (label: unknown): string => (Array.isArray(label) ? label.join(' ') : String(label ?? ''));
const number = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : v.toLocaleString('sv-SE'));

export function chartDataTable(config: FinsamChartConfig): ChartDataTable {
  const labels = (config.data.labels ?? []).map(text);
  const datasets = config.data.datasets;
  const valueLabels = config.options?.plugins?.finsamValueLabels;
  const totals = valueLabels?.totals;
  return {
    columns: datasets.map((d, i) => text(d.label) || (datasets.length === 1 ? 'Värde' : `Serie ${i + 1}`)),
    rows: labels.map((label, row) => ({
      label,
      // The value label as drawn ("79 % (n = 14)", "– (färre än 5 svar)"), else the plain number.
      cells: datasets.map((d, i) => {
        const drawn = valueLabels?.datasets?.[i]?.labels?.[row];
        return drawn ?? number(d.data[row] as number | null);
      }),
    })),
    totals: totals?.some((t) => t) ? labels.map((_, row) => totals[row] ?? '') : null,
  };
}
