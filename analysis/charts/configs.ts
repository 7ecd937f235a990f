// Chart.js configuration builders (docs/architecture.md): plain data in, a *new* ChartConfiguration out.
//
// Pure: no canvas, no Node APIs, only type imports from chart.js, so the same builder can feed the
// server-side PNG renderer (./renderer.ts) and Chart.js in the browser. Every call returns a fresh
// object tree (Chart.js mutates the configuration it is given). The builders do not round or
// suppress anything: they draw what analysis/ has decided to show (docs/rules.md), with its *n*.
//
// Value labels ("86 % (n = 124)") are drawn by a small inline plugin included in each
// configuration, so no extra Chart.js plugin has to be registered anywhere.

import { GENDER_LABEL } from '../gender.js';
import type { ChartConfiguration, ChartDataset, ChartOptions, TooltipItem } from 'chart.js';

import { GENDER_COLOURS, GRID, OKABE_ITO, PRIMARY, TEXT, TEXT_MUTED, sequentialPalette, textColourOn } from './palette.js';
import type {
  ChartHeader,
  DistributionChartInput,
  EndReasonsByGenderChartInput,
  GenderCountCategory,
  GenderShareChartInput,
  ParticipantFlowChartInput,
  PeriodSeriesChartInput,
  ResponseRateChartInput,
  SummaryChartInput,
  ShareValue,
  SharePositiveChartInput,
  StartersByInsatsChartInput,
  YearOverYearChartInput,
} from './types.js';
import { valueLabelsPlugin } from './valueLabels.js';

/** A category label: one string, or several lines. */
export type ChartLabel = string | string[];

/** What every builder returns. */
export type FinsamChartConfig = ChartConfiguration<'bar', Array<number | null>, ChartLabel>;

export type { ValueLabelSet, ValueLabelsOptions } from './valueLabels.js';

// ---------------------------------------------------------------------------------------------
// Text helpers

const NBSP = '\u00a0';
const DEFAULT_K = 5;
const WRAP = 40;

/** Word-wraps `text` into lines of at most `max` characters (at most `maxLines`, then "…"). */
export function wrapLabel(text: string, max = WRAP, maxLines = 4): string[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > max) {
      // A single word longer than a line: break it hard.
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, max - 1) + '-');
      word = word.slice(max - 1);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length === 0) return [''];
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    const last = kept[maxLines - 1]!;
    kept[maxLines - 1] = (last.length >= max ? last.slice(0, max - 1) : last) + '…';
    return kept;
  }
  return lines;
}

const countFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/** "1 234" with a no-break space, Swedish style. */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** "86 %" (Swedish style: space before the percent sign). */
export function formatPercent(p: number): string {
  return `${p}${NBSP}%`;
}

function fewerThan(k: number): string {
  return `färre än ${k} svar`;
}

/** Text for one share: "86 % (n = 124)", "– (färre än 5 svar)" or "– (inga svar)". */
function shareText(v: ShareValue, k: number): string {
  if (v.percent === null) return v.n === 0 ? '– (inga svar)' : `– (${fewerThan(k)})`;
  return v.n === null ? formatPercent(v.percent) : `${formatPercent(v.percent)} (n${NBSP}=${NBSP}${formatCount(v.n)})`;
}

function nText(n: number): string {
  return `n${NBSP}=${NBSP}${formatCount(n)}`;
}

/**
 * Right padding so that end labels fit beside their bars. A label starts where its bar ends, so
 * only the part that would stick out beyond the plot counts; the plot is assumed to be at least
 * about 420 px wide (true for the default 900 px charts). `fraction` = bar length ÷ axis maximum.
 */
function endPadding(entries: Array<{ text: string | null | undefined; fraction: number }>): number {
  const assumedPlot = 420;
  let need = 0;
  for (const e of entries) {
    if (!e.text) continue;
    const width = e.text.length * 7.2 + 8;
    need = Math.max(need, width - (1 - Math.min(1, Math.max(0, e.fraction))) * assumedPlot);
  }
  return Math.min(320, 16 + Math.ceil(need));
}

function fractions(texts: Array<string | null | undefined>, values: Array<number | null>, max: number) {
  return texts.map((text, i) => ({ text, fraction: max > 0 ? (values[i] ?? 0) / max : 0 }));
}

function subtitleLines(header: ChartHeader, extra: string[] = []): string[] {
  const base = header.subtitle === undefined ? [] : Array.isArray(header.subtitle) ? [...header.subtitle] : [header.subtitle];
  return [...base, ...extra];
}

// ---------------------------------------------------------------------------------------------
// Shared option pieces

function baseOptions(header: ChartHeader, opts: { legend: boolean; extraSubtitle?: string[] }): ChartOptions<'bar'> {
  const sub = subtitleLines(header, opts.extraSubtitle);
  return {
    locale: 'sv-SE',
    maintainAspectRatio: false,
    layout: { padding: { top: 4, right: 16, bottom: 4, left: 4 } },
    plugins: {
      title: {
        display: true,
        text: header.title,
        align: 'start',
        color: TEXT,
        font: { size: 17, weight: 'bold' },
        padding: { top: 6, bottom: sub.length > 0 ? 2 : 12 },
      },
      subtitle: {
        display: sub.length > 0,
        text: sub,
        align: 'start',
        color: TEXT_MUTED,
        font: { size: 13 },
        padding: { bottom: 12 },
      },
      legend: {
        display: opts.legend,
        position: 'top',
        align: 'start',
        labels: { color: TEXT, boxWidth: 14, boxHeight: 14, font: { size: 13 } },
      },
    },
  };
}

function percentAxis(title: string) {
  return {
    min: 0,
    max: 100,
    grid: { color: GRID },
    border: { display: false },
    ticks: {
      stepSize: 20,
      color: TEXT,
      font: { size: 12 },
      callback: (value: number | string) => formatPercent(Number(value)),
    },
    title: { display: true, text: title, color: TEXT, font: { size: 13 } },
  };
}

function countAxis(title: string) {
  return {
    beginAtZero: true,
    grace: '5%',
    grid: { color: GRID },
    border: { display: false },
    ticks: {
      precision: 0,
      color: TEXT,
      font: { size: 12 },
      callback: (value: number | string) => formatCount(Number(value)),
    },
    title: { display: true, text: title, color: TEXT, font: { size: 13 } },
  };
}

function categoryAxis() {
  return {
    grid: { display: false },
    border: { color: '#999999' },
    ticks: { autoSkip: false, color: TEXT, font: { size: 12 } },
  };
}

/** Tooltip text = the value label, so the browser shows the same "86 % (n = 124)". */
function tooltipFromLabels(labels: Array<Array<string | null>>, withSeriesName: boolean) {
  return {
    callbacks: {
      title: (items: TooltipItem<'bar'>[]) => {
        const l = items[0]?.label;
        return Array.isArray(l) ? l.join(' ') : (l ?? '');
      },
      label: (item: TooltipItem<'bar'>) => {
        const text = labels[item.datasetIndex]?.[item.dataIndex] ?? '–';
        return withSeriesName ? `${item.dataset.label ?? ''}: ${text}` : text;
      },
    },
  };
}

function barDataset(
  label: string,
  data: Array<number | null>,
  colour: string | string[],
  extra: Partial<ChartDataset<'bar', Array<number | null>>> = {},
): ChartDataset<'bar', Array<number | null>> {
  return {
    label,
    data,
    backgroundColor: colour,
    borderColor: colour,
    borderWidth: 0,
    maxBarThickness: 34,
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Share positive per question

export function sharePositiveChart(input: SharePositiveChartInput): FinsamChartConfig {
  const k = input.k ?? DEFAULT_K;
  const labels: ChartLabel[] = input.items.map((it) => {
    const lines = wrapLabel(it.label);
    if (it.percent === null) lines.push(it.n === 0 ? '(inga svar)' : `(${fewerThan(k)})`);
    return lines;
  });
  const endLabels = input.items.map((it) => (it.percent === null ? '–' : shareText(it, k)));
  const options = baseOptions(input, { legend: false });
  options.indexAxis = 'y';
  options.layout = {
    padding: {
      top: 4,
      right: endPadding(
        fractions(
          endLabels,
          input.items.map((it) => it.percent),
          100,
        ),
      ),
      bottom: 4,
      left: 4,
    },
  };
  options.scales = {
    x: percentAxis(input.axisTitle ?? 'Andel positiva svar (%)'),
    y: categoryAxis(),
  };
  options.plugins!.tooltip = tooltipFromLabels([input.items.map((it) => shareText(it, k))], false);
  options.plugins!.finsamValueLabels = { datasets: [{ labels: endLabels, position: 'end' }] };
  return fitHeight({
    type: 'bar',
    data: {
      labels,
      datasets: [
        barDataset(
          'Andel positiva',
          input.items.map((it) => it.percent),
          PRIMARY,
        ),
      ],
    },
    options,
    plugins: [valueLabelsPlugin()],
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Answer distribution per question (100 % stacked)

export function answerDistributionChart(input: DistributionChartInput): FinsamChartConfig {
  const k = input.k ?? DEFAULT_K;
  const colours = sequentialPalette(input.steps.length);
  const labels: ChartLabel[] = input.items.map((it) => wrapLabel(it.label));
  const totals = input.items.map((it) => {
    if (it.percents === null) return it.n === 0 ? '– (inga svar)' : `– (${fewerThan(k)})`;
    return it.n === null ? null : nText(it.n);
  });
  const datasets = input.steps.map((step, si) => {
    const colour = colours[si]!;
    return barDataset(
      step,
      input.items.map((it) => (it.percents === null ? null : (it.percents[si] ?? 0))),
      colour,
      { borderColor: '#ffffff', borderWidth: { left: 1, right: 1, top: 0, bottom: 0 }, stack: 'fordelning' },
    );
  });
  const segmentLabels = input.steps.map((_s, si) =>
    input.items.map((it) => {
      const p = it.percents?.[si];
      return p === undefined || p === null || p === 0 ? null : formatPercent(p);
    }),
  );
  const options = baseOptions(input, { legend: true });
  options.indexAxis = 'y';
  options.layout = {
    padding: {
      top: 4,
      right: endPadding(
        fractions(
          totals,
          input.items.map((it) => (it.percents ? 100 : 0)),
          100,
        ),
      ),
      bottom: 4,
      left: 4,
    },
  };
  options.scales = {
    x: { ...percentAxis('Andel av svaren (%)'), stacked: true },
    y: { ...categoryAxis(), stacked: true },
  };
  options.plugins!.tooltip = tooltipFromLabels(
    segmentLabels.map((row) => row.map((t) => t ?? '0 %')),
    true,
  );
  options.plugins!.finsamValueLabels = {
    datasets: segmentLabels.map((row, si) => ({
      labels: row,
      position: 'center' as const,
      color: textColourOn(colours[si]!),
    })),
    totals,
    fontSize: 11,
  };
  return fitHeight({ type: 'bar', data: { labels, datasets }, options, plugins: [valueLabelsPlugin()] });
}

// ---------------------------------------------------------------------------------------------
// Grouped shares (3 and 4)

function groupedShareChart(
  header: ChartHeader & { axisTitle?: string },
  series: Array<{ name: string; colour: string }>,
  items: Array<{ label: string; values: ShareValue[] }>,
): FinsamChartConfig {
  const k = header.k ?? DEFAULT_K;
  const labels: ChartLabel[] = items.map((it) => wrapLabel(it.label));
  const texts = series.map((_s, si) =>
    items.map((it) => {
      const v = it.values[si];
      return v ? shareText(v, k) : null;
    }),
  );
  const datasets = series.map((s, si) =>
    barDataset(
      s.name,
      items.map((it) => it.values[si]?.percent ?? null),
      s.colour,
      { maxBarThickness: 22, categoryPercentage: 0.82, barPercentage: 0.92 },
    ),
  );
  const options = baseOptions(header, { legend: true });
  options.indexAxis = 'y';
  options.layout = {
    padding: {
      top: 4,
      right: endPadding(
        texts.flatMap((row, si) =>
          fractions(
            row,
            items.map((it) => it.values[si]?.percent ?? null),
            100,
          ),
        ),
      ),
      bottom: 4,
      left: 4,
    },
  };
  options.scales = {
    x: percentAxis(header.axisTitle ?? 'Andel positiva svar (%)'),
    y: categoryAxis(),
  };
  options.plugins!.tooltip = tooltipFromLabels(texts, true);
  options.plugins!.finsamValueLabels = {
    datasets: texts.map((row) => ({ labels: row, position: 'end' as const })),
    fontSize: 11,
  };
  return fitHeight({ type: 'bar', data: { labels, datasets }, options, plugins: [valueLabelsPlugin()] });
}

// 3. Share positive by gender per question

export function sharePositiveByGenderChart(input: GenderShareChartInput): FinsamChartConfig {
  const withAnnat = input.items.some((it) => it.annat !== undefined && (it.annat.n === null || it.annat.n > 0));
  const series = [
    { name: GENDER_LABEL.women, colour: GENDER_COLOURS.kvinnor },
    { name: GENDER_LABEL.men, colour: GENDER_COLOURS.man },
    ...(withAnnat ? [{ name: GENDER_LABEL.other, colour: GENDER_COLOURS.annat }] : []),
  ];
  const empty: ShareValue = { n: 0, percent: null };
  return groupedShareChart(
    input,
    series,
    input.items.map((it) => ({
      label: it.label,
      values: withAnnat ? [it.kvinnor, it.man, it.annat ?? empty] : [it.kvinnor, it.man],
    })),
  );
}

// 4. Year over year

export function yearOverYearChart(input: YearOverYearChartInput): FinsamChartConfig {
  // Older years lighter, the latest darkest; skip the lightest step so every bar stands out on white.
  const colours = sequentialPalette(input.years.length + 1).slice(1);
  const series = input.years.map((y, i) => ({ name: String(y), colour: colours[i]! }));
  return groupedShareChart(input, series, input.items);
}

// ---------------------------------------------------------------------------------------------
// Stacked counts by gender (5 and 7)

function stackedGenderChart(header: ChartHeader, categories: GenderCountCategory[], axisTitle: string): FinsamChartConfig {
  const k = header.k ?? DEFAULT_K;
  const withAnnat = categories.some((c) => c.annat !== undefined && c.annat !== 0);
  const series: Array<{ name: string; key: 'kvinnor' | 'man' | 'annat'; colour: string }> = [
    { name: GENDER_LABEL.women, key: 'kvinnor', colour: GENDER_COLOURS.kvinnor },
    { name: GENDER_LABEL.men, key: 'man', colour: GENDER_COLOURS.man },
    ...(withAnnat ? [{ name: GENDER_LABEL.other, key: 'annat' as const, colour: GENDER_COLOURS.annat }] : []),
  ];
  const value = (c: GenderCountCategory, key: 'kvinnor' | 'man' | 'annat'): number | null =>
    key === 'annat' ? (c.annat === undefined ? 0 : c.annat) : c[key];

  const labels: ChartLabel[] = categories.map((c) => wrapLabel(c.label));
  const totals = categories.map((c) => {
    const vals = series.map((s) => value(c, s.key));
    const hidden = series.filter((_s, i) => vals[i] === null).map((s) => s.name.toLowerCase());
    const sum = vals.every((v) => v !== null) ? vals.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
    const total = c.total !== undefined ? c.total : sum;
    const head = total === null ? '' : nText(total);
    const tail = hidden.length > 0 ? `${hidden.join(', ')}: färre än ${k}` : '';
    return head && tail ? `${head} (${tail})` : head || (tail ? `(${tail})` : null);
  });
  const datasets = series.map((s) =>
    barDataset(
      s.name,
      categories.map((c) => value(c, s.key)),
      s.colour,
      {
        stack: 'kon',
        borderColor: '#ffffff',
        borderWidth: { left: 1, right: 1, top: 0, bottom: 0 },
      },
    ),
  );
  const segmentLabels = series.map((s) =>
    categories.map((c) => {
      const v = value(c, s.key);
      return v === null ? null : v === 0 ? null : formatCount(v);
    }),
  );
  const options = baseOptions(header, { legend: true });
  options.indexAxis = 'y';
  const stackSums = categories.map((c) => series.reduce((a, s) => a + (value(c, s.key) ?? 0), 0));
  options.layout = {
    padding: { top: 4, right: endPadding(fractions(totals, stackSums, Math.max(0, ...stackSums))), bottom: 4, left: 4 },
  };
  options.scales = {
    x: { ...countAxis(axisTitle), stacked: true },
    y: { ...categoryAxis(), stacked: true },
  };
  options.plugins!.tooltip = tooltipFromLabels(
    series.map((s) =>
      categories.map((c) => {
        const v = value(c, s.key);
        return v === null ? `– (färre än ${k})` : formatCount(v);
      }),
    ),
    true,
  );
  options.plugins!.finsamValueLabels = {
    datasets: segmentLabels.map((row, si) => ({
      labels: row,
      position: 'center' as const,
      color: textColourOn(series[si]!.colour),
    })),
    totals,
  };
  return fitHeight({ type: 'bar', data: { labels, datasets }, options, plugins: [valueLabelsPlugin()] });
}

// 5. End reasons by gender

export function endReasonsByGenderChart(input: EndReasonsByGenderChartInput): FinsamChartConfig {
  return stackedGenderChart(input, input.reasons, 'Antal avslutade deltagare');
}

// 7. Starters by insats and gender

export function startersByInsatsChart(input: StartersByInsatsChartInput): FinsamChartConfig {
  return stackedGenderChart(input, input.insatser, 'Antal nya deltagare');
}

// ---------------------------------------------------------------------------------------------
// 6. Participant flow

export function participantFlowChart(input: ParticipantFlowChartInput): FinsamChartConfig {
  const steps: Array<{ label: string; value: number | null; colour: string }> = [
    { label: 'Inskrivna sedan tidigare', value: input.inskrivnaFranForegaendeAr, colour: OKABE_ITO.skyBlue },
    { label: 'Nya under perioden', value: input.nyaUnderAret, colour: OKABE_ITO.skyBlue },
    { label: 'Totalt deltagit', value: input.totaltDeltagit, colour: OKABE_ITO.blue },
    { label: 'Avslutade', value: input.avslutade, colour: OKABE_ITO.orange },
    { label: 'Pågående vid periodens slut', value: input.pagaendeVidArsSlut, colour: OKABE_ITO.bluishGreen },
  ];
  const texts = steps.map((s) => (s.value === null ? '–' : formatCount(s.value)));
  const options = baseOptions(input, { legend: false });
  options.indexAxis = 'x';
  options.scales = {
    x: { ...categoryAxis(), ticks: { autoSkip: false, maxRotation: 0, color: TEXT, font: { size: 13 } } },
    // Extra headroom so the count above the tallest bar never reaches the title.
    y: { ...countAxis('Antal deltagare'), grace: '10%' },
  };
  options.plugins!.tooltip = tooltipFromLabels([texts], false);
  options.plugins!.finsamValueLabels = { datasets: [{ labels: texts, position: 'end' }], fontSize: 14 };
  return {
    type: 'bar',
    data: {
      labels: steps.map((s) => wrapLabel(s.label, 16)),
      datasets: [
        barDataset(
          'Antal deltagare',
          steps.map((s) => s.value),
          steps.map((s) => s.colour),
          { maxBarThickness: 90 },
        ),
      ],
    },
    options,
    plugins: [valueLabelsPlugin()],
  };
}

// ---------------------------------------------------------------------------------------------
// 8. Response rate per round

export function responseRateChart(input: ResponseRateChartInput): FinsamChartConfig {
  const texts = input.rounds.map((r) => {
    const responded = r.responded === null ? 'dolt antal' : formatCount(r.responded);
    const of = r.invited === null ? `${responded} svar, antal inbjudna saknas` : `${responded} av ${formatCount(r.invited)}`;
    return r.percent === null ? `– (${of})` : `${formatPercent(r.percent)} (${of})`;
  });
  const options = baseOptions(input, { legend: false });
  options.indexAxis = 'y';
  options.layout = {
    padding: {
      top: 4,
      right: endPadding(
        fractions(
          texts,
          input.rounds.map((r) => r.percent),
          100,
        ),
      ),
      bottom: 4,
      left: 4,
    },
  };
  options.scales = { x: percentAxis('Svarsfrekvens (%)'), y: categoryAxis() };
  options.plugins!.tooltip = tooltipFromLabels([texts], false);
  options.plugins!.finsamValueLabels = { datasets: [{ labels: texts, position: 'end' }] };
  return fitHeight({
    type: 'bar',
    data: {
      labels: input.rounds.map((r) => wrapLabel(r.label)),
      datasets: [
        barDataset(
          'Svarsfrekvens',
          input.rounds.map((r) => r.percent),
          PRIMARY,
        ),
      ],
    },
    options,
    plugins: [valueLabelsPlugin()],
  });
}

// ---------------------------------------------------------------------------------------------
// 9. Means and medians per group

const decimalFormat = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "12,3" (one decimal, decimal comma). */
export function formatDecimal(x: number): string {
  return decimalFormat.format(x);
}

export function summaryChart(input: SummaryChartInput): FinsamChartConfig {
  const k = input.k ?? DEFAULT_K;
  const labels: ChartLabel[] = input.groups.map((g) => [...wrapLabel(g.label), `(${nText(g.n)})`]);
  const series = [
    { name: 'Medel', key: 'mean' as const, colour: OKABE_ITO.blue },
    { name: 'Median', key: 'median' as const, colour: OKABE_ITO.orange },
  ];
  const texts = series.map((s) =>
    input.groups.map((g) => {
      const v = g[s.key];
      if (v === null) return g.n === 0 ? '– (inga)' : `– (färre än ${k})`;
      return `${formatDecimal(v)}${NBSP}${input.unit}`;
    }),
  );
  const max = Math.max(0, ...input.groups.flatMap((g) => [g.mean ?? 0, g.median ?? 0]));
  const options = baseOptions(input, { legend: true });
  options.indexAxis = 'y';
  options.layout = {
    padding: {
      top: 4,
      right: endPadding(
        texts.flatMap((row, si) =>
          fractions(
            row,
            input.groups.map((g) => g[series[si]!.key]),
            max,
          ),
        ),
      ),
      bottom: 4,
      left: 4,
    },
  };
  options.scales = { x: { ...countAxis(input.axisTitle), ticks: { color: TEXT, font: { size: 12 } } }, y: categoryAxis() };
  options.plugins!.tooltip = tooltipFromLabels(texts, true);
  options.plugins!.finsamValueLabels = { datasets: texts.map((row) => ({ labels: row, position: 'end' as const })), fontSize: 11 };
  const datasets = series.map((s) =>
    barDataset(
      s.name,
      input.groups.map((g) => g[s.key]),
      s.colour,
      { maxBarThickness: 22, categoryPercentage: 0.82, barPercentage: 0.92 },
    ),
  );
  return fitHeight({ type: 'bar', data: { labels, datasets }, options, plugins: [valueLabelsPlugin()] });
}

// ---------------------------------------------------------------------------------------------
// 10. A series over periods (vertical grouped bars, oldest period first)

export function periodSeriesChart(input: PeriodSeriesChartInput): FinsamChartConfig {
  const k = input.k ?? DEFAULT_K;
  const texts = input.series.map((s) =>
    s.values.map((v) => {
      if (v.value === null) return input.unit === 'percent' && v.n === 0 ? '– (inga)' : '–';
      return input.unit === 'percent' ? formatPercent(v.value) : formatCount(v.value);
    }),
  );
  const tooltips = input.series.map((s, si) =>
    s.values.map((v, i) => {
      if (input.unit !== 'percent' || v.n === undefined || v.n === null) return texts[si]![i]!;
      if (v.value === null) return v.n === 0 ? '– (inga)' : `– (färre än ${k})`;
      return `${texts[si]![i]!} (${nText(v.n)})`;
    }),
  );
  const options = baseOptions(input, { legend: input.series.length > 1 });
  options.indexAxis = 'x';
  options.scales = {
    x: { ...categoryAxis(), ticks: { autoSkip: false, maxRotation: 0, color: TEXT, font: { size: 12 } } },
    y: input.unit === 'percent' ? percentAxis(input.axisTitle) : { ...countAxis(input.axisTitle), grace: '10%' },
  };
  options.plugins!.tooltip = tooltipFromLabels(tooltips, input.series.length > 1);
  options.plugins!.finsamValueLabels = {
    datasets: texts.map((row) => ({ labels: row, position: 'end' as const })),
    fontSize: input.periods.length * input.series.length > 18 ? 9 : 11,
  };
  return {
    type: 'bar',
    data: {
      labels: input.periods.map((p) => wrapLabel(p, 14)),
      datasets: input.series.map((s) =>
        barDataset(
          s.name,
          s.values.map((v) => v.value),
          s.colour,
          { maxBarThickness: 40 },
        ),
      ),
    },
    options,
    plugins: [valueLabelsPlugin()],
  };
}

// ---------------------------------------------------------------------------------------------
// Size suggestion, and crowded charts

/**
 * The tallest chart suggestedChartSize asks for: the renderer refuses anything above 4000 CSS px
 * (server/charts/renderer.ts), and a taller image is no use on a page or in print anyway.
 */
export const MAX_CHART_HEIGHT = 4000;

/** Smallest category label font a crowded chart shrinks to (px). */
const MIN_CROWDED_FONT = 6;

interface VerticalLayout {
  /** Title, subtitle, legend and value axis. */
  fixed: number;
  categories: number;
  /** Height one category needs at the normal font size. */
  perCategory: number;
  maxLines: number;
}

function verticalLayout(config: FinsamChartConfig): VerticalLayout {
  const labels = config.data.labels ?? [];
  const datasets = config.data.datasets;
  const stacked = datasets.some((d) => d.stack !== undefined);
  const barsPerCategory = stacked ? 1 : Math.max(1, datasets.length);
  const sub = config.options?.plugins?.subtitle?.text;
  const subLines = Array.isArray(sub) ? sub.length : sub ? 1 : 0;
  const legend = config.options?.plugins?.legend?.display === false ? 0 : 30;
  const header = 40 + subLines * 18 + legend;
  const axis = 60;
  // Chart.js gives every category the same height, so the tallest label decides.
  const maxLines = Math.max(1, ...labels.map((l) => (Array.isArray(l) ? l.length : 1)));
  const perCategory = Math.max(maxLines * 15 + 16, barsPerCategory * 20 + 14);
  return { fixed: header + axis, categories: labels.length, perCategory, maxLines };
}

/**
 * A horizontal chart with so many categories (say 150 insatser) that it would not fit in
 * MAX_CHART_HEIGHT is drawn at that height with smaller text instead of failing: category labels
 * get fewer lines and a smaller font, value labels likewise; Chart.js makes the bars thinner by
 * itself. Charts that fit are returned unchanged.
 */
function fitHeight(config: FinsamChartConfig): FinsamChartConfig {
  const l = verticalLayout(config);
  if (l.fixed + l.categories * l.perCategory <= MAX_CHART_HEIGHT) return config;
  const budget = (MAX_CHART_HEIGHT - l.fixed) / l.categories; // px per category
  const font = Math.max(MIN_CROWDED_FONT, Math.min(12, Math.floor(budget * 0.6)));
  const lines = Math.max(1, Math.min(l.maxLines, Math.floor((budget - 4) / (font * 1.25))));
  config.data.labels = (config.data.labels ?? []).map((label) => {
    const text = Array.isArray(label) ? label.join(' ') : label;
    return lines === 1 && text.length <= WRAP ? text : wrapLabel(text, WRAP, lines);
  });
  const y = config.options?.scales?.y;
  if (y) y.ticks = { ...y.ticks, font: { size: font } };
  const values = config.options?.plugins?.finsamValueLabels;
  if (values) values.fontSize = Math.min(values.fontSize ?? 12, font);
  return config;
}

/**
 * A PNG size (CSS pixels, before devicePixelRatio) that gives every bar room: horizontal charts
 * grow with the number of categories, series and label lines, up to MAX_CHART_HEIGHT (beyond that
 * the builders have already made the text smaller, see fitHeight). Pure; for
 * `renderPng(config, size)`.
 */
export function suggestedChartSize(config: FinsamChartConfig, width = 900): { width: number; height: number } {
  if (config.options?.indexAxis !== 'y') return { width, height: 500 };
  const l = verticalLayout(config);
  const natural = Math.ceil(l.fixed + l.categories * l.perCategory);
  return { width, height: Math.min(MAX_CHART_HEIGHT, Math.max(300, natural)) };
}
