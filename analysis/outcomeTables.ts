// The outcome report's tables behind the CSV downloads and the data tables on the page, as
// { headers, rows } for analysis/csv.ts. Pure: they lay out figures analysis/outcomes.ts has already
// rounded and suppressed (a hidden percentage is an empty cell).
//
// Every register figure has its counterpart for the same period a year earlier (docs/rules.md
// "Samma period föregående år"): the table's figure columns repeat, headed "Samma period
// föregående år: …", whenever the report carries previousPeriod.
import { GENDER_LABEL, type GenderKey } from './gender.js';
import type { CsvCell, Table } from './csv.js';
import type { EndReasonRow, FlowNumbers, OutcomePeriodFigures, OutcomeReport, Share } from './outcomes.js';
import { distributionTotals, GENDER_KEYS, reasonKey, type DistributionRow } from './outcomeDistributions.js';
import type { MonthsSummary, YearsSummary } from './outcomeStats.js';
import type { ShareChange } from './outcomeChanges.js';
import type { OutcomeSeries } from './outcomeSeries.js';

export const PREVIOUS_LABEL = 'Samma period föregående år';

/** True when the third gender bucket has anyone in this period or the previous one. */
export function outcomeHasOther(report: OutcomeReport): boolean {
  const has = (f: OutcomePeriodFigures) => f.flow.byGender.other.participated > 0 || f.endedTotal.other > 0;
  return has(report) || (report.previousPeriod !== null && has(report.previousPeriod));
}

function genders(other: boolean): GenderKey[] {
  return other ? [...GENDER_KEYS] : ['women', 'men'];
}

interface Column<R> {
  header: string;
  value: (row: R) => CsvCell;
}

/**
 * Rows of [label, current figures…, previous figures…]: the previous block only when the report
 * has a previous period. `pairs` gives each row's figures in both periods.
 */
function layout<R>(
  labelHeader: string,
  pairs: ReadonlyArray<{ label: string; now: R; before: R | null }>,
  columns: ReadonlyArray<Column<R>>,
  withPrevious: boolean,
  tail: { headers: string[]; cells: (i: number) => CsvCell[] } = { headers: [], cells: () => [] },
): Table {
  return {
    headers: [
      labelHeader,
      ...columns.map((c) => c.header),
      ...(withPrevious ? columns.map((c) => `${PREVIOUS_LABEL}: ${c.header}`) : []),
      ...tail.headers,
    ],
    rows: pairs.map((p, i) => [
      p.label,
      ...columns.map((c) => c.value(p.now)),
      ...(withPrevious ? columns.map((c) => (p.before === null ? null : c.value(p.before))) : []),
      ...tail.cells(i),
    ]),
  };
}

/** A p-value to three significant digits. */
function pValue(p: number | null): number | null {
  return p === null ? null : Number(p.toPrecision(3));
}

function changeCells(c: ShareChange | undefined): CsvCell[] {
  if (!c) return [null, null, null];
  return [c.diffPoints, pValue(c.fisherP), c.significant === null ? null : c.significant ? 'ja' : 'nej'];
}

const CHANGE_HEADERS = ['Förändring (procentenheter)', 'p-värde (Fishers exakta test)', 'Signifikant (p < 0,05)'];

// ---------------------------------------------------------------------------------------------
// Flow

/** Participant flow by gender. */
export function flowTable(report: OutcomeReport): Table {
  const gs = genders(outcomeHasOther(report));
  const prev = report.previousPeriod;
  type Key = keyof FlowNumbers;
  const lines: Array<[string, Key]> = [
    ['Inskrivna sedan tidigare', 'carriedOver'],
    ['Nya under perioden', 'started'],
    ['Totalt deltagit', 'participated'],
    ['Avslutade', 'ended'],
    ['Pågående vid periodens slut', 'ongoingAtEnd'],
  ];
  const columns: Column<{ f: OutcomePeriodFigures['flow']; key: Key }>[] = [
    ...gs.map((g) => ({
      header: GENDER_LABEL[g],
      value: ({ f, key }: { f: OutcomePeriodFigures['flow']; key: Key }) => f.byGender[g][key],
    })),
    { header: 'Totalt', value: ({ f, key }) => f[key] },
  ];
  return layout(
    'Deltagare',
    lines.map(([label, key]) => ({ label, now: { f: report.flow, key }, before: prev ? { f: prev.flow, key } : null })),
    columns,
    prev !== null,
  );
}

// ---------------------------------------------------------------------------------------------
// End reasons

/**
 * End reasons by gender in code-book order: counts, the share of all ended, each gender's own
 * distribution, a total row and the gender shares of the ended; with the previous period, its
 * figures and the change in each reason's share with Fisher's p.
 */
export function endReasonsTable(report: OutcomeReport): Table {
  const gs = genders(outcomeHasOther(report));
  const prev = report.previousPeriod;
  const unknown = report.endReasons.some((r) => !r.inCodebook);
  const k = report.minCell;
  type Row = { row: EndReasonRow | null; f: OutcomePeriodFigures };
  const shownTotal = (f: OutcomePeriodFigures) => (f.endedTotal.total >= k && f.endedTotal.total > 0 ? 100 : null);
  const columns: Column<Row>[] = [
    ...gs.map((g) => ({ header: GENDER_LABEL[g], value: ({ row }: Row) => row?.[g] ?? 0 })),
    { header: 'Totalt', value: ({ row }) => row?.total ?? 0 },
    {
      header: 'Andel av avslutade (%)',
      value: ({ row, f }) => (row ? row.percent : f.endReasons.some((r) => r.percent !== null) ? 0 : null),
    },
    ...gs.map((g) => ({
      header: `Andel av avslutade ${GENDER_LABEL[g].toLowerCase()} (%)`,
      value: ({ row, f }: Row) =>
        row ? row.percentWithinGender[g] : f.endReasons.some((r) => r.percentWithinGender[g] !== null) ? 0 : null,
    })),
  ];
  const prevByKey = new Map((prev?.endReasons ?? []).map((r) => [reasonKey(r.reason), r]));
  const reasons = report.endReasons.map((r) => ({
    label: r.reason,
    now: r as EndReasonRow | null,
    before: prevByKey.get(reasonKey(r.reason)) ?? null,
  }));
  const seen = new Set(report.endReasons.map((r) => reasonKey(r.reason)));
  for (const r of prev?.endReasons ?? []) if (!seen.has(reasonKey(r.reason))) reasons.push({ label: r.reason, now: null, before: r });
  const changes = new Map((report.changes?.endReasons ?? []).map((c) => [reasonKey(c.reason), c]));
  const table = layout(
    'Avslutsorsak',
    reasons.map((r) => ({ label: r.label, now: { row: r.now, f: report }, before: prev ? { row: r.before, f: prev } : null })),
    columns,
    prev !== null,
    {
      headers: [...(prev ? CHANGE_HEADERS : []), ...(unknown ? ['Anmärkning'] : [])],
      cells: (i) => [
        ...(prev ? changeCells(changes.get(reasonKey(reasons[i]!.label))) : []),
        ...(unknown ? [reasons[i]!.now && !reasons[i]!.now!.inCodebook ? 'finns inte i kodboken' : null] : []),
      ],
    },
  );
  const totalCells = (f: OutcomePeriodFigures): CsvCell[] => [
    ...gs.map((g) => f.endedTotal[g]),
    f.endedTotal.total,
    shownTotal(f),
    ...gs.map((g) => (f.endedTotal[g] >= k && f.endedTotal[g] > 0 ? 100 : null)),
  ];
  const shareCells = (f: OutcomePeriodFigures): CsvCell[] => [
    ...gs.map((g) => f.endedGenderShares[g].percent),
    shownTotal(f),
    null,
    ...gs.map(() => null),
  ];
  const pad = [...(prev ? CHANGE_HEADERS.map(() => null) : []), ...(unknown ? [null] : [])];
  table.rows.push(['Totalt', ...totalCells(report), ...(prev ? totalCells(prev) : []), ...pad]);
  table.rows.push(['Andel av avslutade per kön (%)', ...shareCells(report), ...(prev ? shareCells(prev) : []), ...pad]);
  return table;
}

// ---------------------------------------------------------------------------------------------
// Work or studies

/** Ended to work or studies, in total and for women and men, with the previous period and Fisher's p. */
export function workOrStudiesTable(report: OutcomeReport): Table {
  const k = report.minCell;
  const prev = report.previousPeriod;
  const note = (s: Share) => (s.percent === null && s.of > 0 ? `andel dold: färre än ${k} avslutade` : null);
  const columns: Column<Share>[] = [
    { header: 'Till arbete eller studier', value: (s) => s.count },
    { header: 'Avslutade', value: (s) => s.of },
    { header: 'Andel (%)', value: (s) => s.percent },
  ];
  const keys = [
    ['Totalt', 'total'],
    [GENDER_LABEL.women, 'women'],
    [GENDER_LABEL.men, 'men'],
  ] as const;
  return layout(
    'Grupp',
    keys.map(([label, key]) => ({ label, now: report.workOrStudies[key], before: prev ? prev.workOrStudies[key] : null })),
    columns,
    prev !== null,
    {
      headers: [...(prev ? CHANGE_HEADERS : []), 'Anmärkning'],
      cells: (i) => [...(prev ? changeCells(report.changes?.workOrStudies[keys[i]![1]]) : []), note(report.workOrStudies[keys[i]![1]])],
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Distributions among the starters

/** A row of zeros for a value one period lacks: 0 % where that column's percentages are shown. */
function zeroRow(rows: readonly DistributionRow[], value: string, k: number): DistributionRow {
  const t = distributionTotals(rows);
  const pct = (n: number) => (n >= k && n > 0 ? 0 : null);
  return {
    value,
    count: 0,
    percent: pct(t.total),
    byGender: {
      women: { count: 0, percent: pct(t.women) },
      men: { count: 0, percent: pct(t.men) },
      other: { count: 0, percent: pct(t.other) },
    },
  };
}

/**
 * A distribution with its gender split (counts and percentages within each gender), a total row,
 * and with the previous period, the same columns for it.
 */
export function genderDistributionTable(
  report: OutcomeReport,
  labelHeader: string,
  pick: (f: OutcomePeriodFigures) => readonly DistributionRow[],
): Table {
  const k = report.minCell;
  const gs = genders(outcomeHasOther(report));
  const prev = report.previousPeriod;
  const now = pick(report);
  const before = prev ? pick(prev) : [];
  const key = (v: string) => reasonKey(v);
  const values = [...now.map((r) => r.value)];
  for (const r of before) if (!values.some((v) => key(v) === key(r.value))) values.push(r.value);
  const find = (rows: readonly DistributionRow[], v: string) => rows.find((r) => key(r.value) === key(v)) ?? zeroRow(rows, v, k);
  const columns: Column<DistributionRow>[] = [
    { header: 'Antal', value: (r) => r.count },
    { header: 'Andel (%)', value: (r) => r.percent },
    ...gs.flatMap((g) => [
      { header: GENDER_LABEL[g], value: (r: DistributionRow) => r.byGender[g].count },
      { header: `${GENDER_LABEL[g]} andel (%)`, value: (r: DistributionRow) => r.byGender[g].percent },
    ]),
  ];
  const table = layout(
    labelHeader,
    values.map((v) => ({ label: v, now: find(now, v), before: prev ? find(before, v) : null })),
    columns,
    prev !== null,
  );
  const totalRow = (rows: readonly DistributionRow[]): CsvCell[] => {
    const t = distributionTotals(rows);
    const hundred = (n: number) => (n >= k && n > 0 ? 100 : null);
    return [t.total, hundred(t.total), ...gs.flatMap((g) => [t[g], hundred(t[g])])];
  };
  if (values.length > 0) table.rows.push(['Totalt', ...totalRow(now), ...(prev ? totalRow(before) : [])]);
  return table;
}

/** The period's starters by referrer, with the gender split and a total row. */
export function referrersTable(report: OutcomeReport): Table {
  const asRows = (f: OutcomePeriodFigures): DistributionRow[] =>
    f.referrers.map((r) => ({ value: r.referrer, count: r.count, percent: r.percent, byGender: r.byGender }));
  return genderDistributionTable(report, 'Anmälande part', asRows);
}

/** The background distributions of the starters, by the key in report.background. */
export const BACKGROUND_LABELS = {
  education: 'Utbildning',
  ageGroup: 'Ålder vid start',
  timeWithoutWork: 'Tid utan arbete eller studier',
  residence: 'Boende',
} as const;

export function backgroundTable(report: OutcomeReport, key: keyof OutcomePeriodFigures['background']): Table {
  return genderDistributionTable(report, BACKGROUND_LABELS[key], (f) => f.background[key]);
}

// ---------------------------------------------------------------------------------------------
// Means and medians

function summaryRows<S>(report: OutcomeReport, pick: (f: OutcomePeriodFigures) => Record<GenderKey | 'total', S>) {
  const prev = report.previousPeriod;
  const keys: Array<[string, GenderKey | 'total']> = [
    ['Totalt', 'total'],
    ...genders(outcomeHasOther(report)).map((g): [string, GenderKey] => [GENDER_LABEL[g], g]),
  ];
  return keys.map(([label, key]) => ({ label, now: pick(report)[key], before: prev ? pick(prev)[key] : null }));
}

function summaryNote(k: number, what: string) {
  return (s: { n: number }, shown: boolean) => (!shown && s.n > 0 ? `medel och median dolda: färre än ${k} ${what}` : null);
}

/** Time in the insats (months) of the episodes ended in the period: n, mean and median. */
export function timeInInsatsTable(report: OutcomeReport): Table {
  const note = summaryNote(report.minCell, 'avslutade');
  const pairs = summaryRows<MonthsSummary>(report, (f) => f.timeInInsats);
  return layout(
    'Grupp',
    pairs,
    [
      { header: 'Avslutade (n)', value: (s) => s.n },
      { header: 'Tid i insatsen, medel (månader)', value: (s) => s.meanMonths },
      { header: 'Tid i insatsen, median (månader)', value: (s) => s.medianMonths },
    ],
    report.previousPeriod !== null,
    { headers: ['Anmärkning'], cells: (i) => [note(pairs[i]!.now, pairs[i]!.now.meanMonths !== null)] },
  );
}

/** Age at start (years) of the period's starters with a known birth year: n, mean and median. */
export function ageAtStartTable(report: OutcomeReport): Table {
  const note = summaryNote(report.minCell, 'nya deltagare med känt födelseår');
  const pairs = summaryRows<YearsSummary>(report, (f) => f.ageAtStart);
  return layout(
    'Grupp',
    pairs,
    [
      { header: 'Nya deltagare med känt födelseår (n)', value: (s) => s.n },
      { header: 'Ålder vid start, medel (år)', value: (s) => s.mean },
      { header: 'Ålder vid start, median (år)', value: (s) => s.median },
    ],
    report.previousPeriod !== null,
    { headers: ['Anmärkning'], cells: (i) => [note(pairs[i]!.now, pairs[i]!.now.mean !== null)] },
  );
}

// ---------------------------------------------------------------------------------------------
// Series

/** One row per period, oldest first: the flow by gender and the work-or-studies share. */
export function seriesTable(series: OutcomeSeries): Table {
  const other = series.periods.some((p) => p.flow.byGender.other.participated > 0);
  const gs = genders(other);
  const flowKeys: Array<[string, keyof FlowNumbers]> = [
    ['Totalt deltagit', 'participated'],
    ['Nya', 'started'],
    ['Avslutade', 'ended'],
  ];
  const headers = [
    'Period',
    ...flowKeys.flatMap(([label]) => [label, ...gs.map((g) => `${label}, ${GENDER_LABEL[g].toLowerCase()}`)]),
    'Till arbete eller studier',
    'Andel till arbete eller studier (%)',
    `Andel till arbete eller studier, ${GENDER_LABEL.women.toLowerCase()} (%)`,
    `Andel till arbete eller studier, ${GENDER_LABEL.men.toLowerCase()} (%)`,
  ];
  const rows = series.periods.map((p): CsvCell[] => [
    p.period.short,
    ...flowKeys.flatMap(([, key]) => [p.flow[key], ...gs.map((g) => p.flow.byGender[g][key])]),
    p.workOrStudies.total.count,
    p.workOrStudies.total.percent,
    p.workOrStudies.women.percent,
    p.workOrStudies.men.percent,
  ]);
  return { headers, rows };
}

/**
 * The code book's named groups of reasons ("Arbete, studier eller arbetssökande"): the count, the
 * ended and the share in total and by gender, and the same period a year earlier when counted.
 */
export function reasonGroupsTable(report: OutcomeReport): Table {
  const prev = report.previousPeriod;
  const headers = ['Grupp av avslutsorsaker', 'Orsaker', 'Antal', 'Avslutade', 'Andel (%)', 'Kvinnor andel (%)', 'Män andel (%)'];
  if (prev) headers.push(`${PREVIOUS_LABEL}: andel (%)`);
  return {
    headers,
    rows: report.reasonGroups.map((g) => {
      const before = prev?.reasonGroups?.find((x) => x.name === g.name);
      const row: (string | number | null)[] = [
        g.name,
        g.reasons.join(', '),
        g.total.count,
        g.total.of,
        g.total.percent,
        g.women.percent,
        g.men.percent,
      ];
      if (prev) row.push(before?.total.percent ?? null);
      return row;
    }),
  };
}
