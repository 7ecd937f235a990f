// The outcome report's gender breakdowns, means and medians, previous-period comparison and series
// (analysis/outcomeDistributions.ts, outcomeStats.ts, outcomeChanges.ts, outcomeSeries.ts).
import { describe, expect, it } from 'vitest';
import { partPeriod, periodSeries, yearPeriod } from '../../analysis/period.js';
import { computeOutcomeReport, type OutcomeCounts } from '../../analysis/outcomes.js';
import { ageAtStart, oneDecimal, timeInInsats } from '../../analysis/outcomeStats.js';
import { computeOutcomeSeries } from '../../analysis/outcomeSeries.js';
import { backgroundTable, seriesTable, timeInInsatsTable, workOrStudiesTable } from '../../analysis/reportTables.js';
import { outcomeChartList } from '../../analysis/charts/catalogue.js';
import { chartDataTable } from '../../analysis/charts/dataTable.js';

const EMPTY: OutcomeCounts = {
  flow: [],
  endReasons: [],
  referrers: [],
  education: [],
  timeWithoutWork: [],
  residence: [],
  agesAtStart: [],
  daysInInsats: [],
};
const BOOK = { id: 't', reasons: ['Arbete', 'Studier', 'Övrigt'], workOrStudies: ['Arbete', 'Studier'] };

function report(counts: Partial<OutcomeCounts>, minCell = 3, previous?: Partial<OutcomeCounts>) {
  return computeOutcomeReport({
    period: yearPeriod(2024),
    insats: null,
    codebook: BOOK,
    minCell,
    counts: { ...EMPTY, ...counts },
    previous: previous ? { period: yearPeriod(2023), counts: { ...EMPTY, ...previous } } : null,
  });
}

describe('distributions by gender', () => {
  it('rounds each gender column by largest remainder on its own and hides a gender below k', () => {
    const r = report({
      referrers: [
        { value: 'Arbetsförmedlingen', gender: 'kvinna', count: 1 },
        { value: 'Försäkringskassan', gender: 'kvinna', count: 1 },
        { value: 'Egen anmälan', gender: 'kvinna', count: 1 },
        { value: 'Arbetsförmedlingen', gender: 'man', count: 2 },
        { value: 'Egen anmälan', gender: 'annat', count: 1 },
      ],
    });
    // Totals: Arbetsförmedlingen 3, Egen anmälan 2, Försäkringskassan 1 (by count).
    expect(r.referrers.map((x) => [x.referrer, x.count, x.percent])).toEqual([
      ['Arbetsförmedlingen', 3, 50],
      ['Egen anmälan', 2, 33],
      ['Försäkringskassan', 1, 17],
    ]);
    // Women 1, 1, 1 of 3: 33.33 each, the remainder to the first row listed → 34, 33, 33.
    expect(r.referrers.map((x) => x.byGender.women)).toEqual([
      { count: 1, percent: 34 },
      { count: 1, percent: 33 },
      { count: 1, percent: 33 },
    ]);
    // Men 2 and other 1 are below k = 3: counts kept, percentages hidden.
    expect(r.referrers.map((x) => x.byGender.men)).toEqual([
      { count: 2, percent: null },
      { count: 0, percent: null },
      { count: 0, percent: null },
    ]);
    expect(r.referrers.map((x) => x.byGender.other.count)).toEqual([0, 1, 0]);
  });

  it('gives end reasons within each gender, ties by code-book order', () => {
    const r = report({
      endReasons: [
        // Listed out of order on purpose: the code book's order decides the tie.
        { reason: 'Övrigt', gender: 'kvinna', count: 1 },
        { reason: 'Studier', gender: 'kvinna', count: 1 },
        { reason: 'Arbete', gender: 'kvinna', count: 1 },
        { reason: 'Övrigt', gender: 'man', count: 4 },
        { reason: 'Arbete', gender: 'man', count: 1 },
        { reason: 'Arbete', gender: 'annat', count: 1 },
      ],
    });
    expect(r.endReasons.map((x) => [x.reason, x.percentWithinGender])).toEqual([
      ['Arbete', { women: 34, men: 20, other: null }],
      ['Studier', { women: 33, men: 0, other: null }],
      ['Övrigt', { women: 33, men: 80, other: null }],
    ]);
    // 3 women, 5 men and 1 other of 9 ended: 33.3, 55.6, 11.1 half up.
    expect(r.endedGenderShares).toEqual({
      women: { count: 3, of: 9, percent: 33 },
      men: { count: 5, of: 9, percent: 56 },
      other: { count: 1, of: 9, percent: 11 },
    });
    expect(report({ endReasons: [{ reason: 'Arbete', gender: 'man', count: 2 }] }).endedGenderShares.men).toEqual({
      count: 2,
      of: 2,
      percent: null,
    });
  });

  it('puts the gender columns and the total row in the CSV table', () => {
    const r = report({
      residence: [
        { value: 'Norr', gender: 'kvinna', count: 2 },
        { value: 'Söder', gender: 'kvinna', count: 1 },
        { value: 'Söder', gender: 'man', count: 1 },
      ],
    });
    const t = backgroundTable(r, 'residence');
    expect(t.headers).toEqual(['Boende', 'Antal', 'Andel (%)', 'Kvinnor', 'Kvinnor andel (%)', 'Män', 'Män andel (%)']);
    expect(t.rows).toEqual([
      ['Norr', 2, 50, 2, 67, 0, null],
      ['Söder', 2, 50, 1, 33, 1, null],
      ['Totalt', 4, 100, 3, 100, 1, null],
    ]);
  });
});

describe('means and medians', () => {
  it('turns days into months by 365.25 ÷ 12: a year of 365 days is 12.0 months', () => {
    const t = timeInInsats([{ days: 365, gender: 'kvinna', count: 3 }], 3);
    expect(t.total).toEqual({ n: 3, meanMonths: 12, medianMonths: 12 });
    expect(t.women).toEqual({ n: 3, meanMonths: 12, medianMonths: 12 });
  });

  it('computes mean and median by hand-checked values and hides them below k, keeping n', () => {
    const t = timeInInsats(
      [
        { days: 30, gender: 'kvinna', count: 1 },
        { days: 365, gender: 'kvinna', count: 1 },
        { days: 731, gender: 'kvinna', count: 1 },
        { days: 100, gender: 'man', count: 1 },
      ],
      3,
    );
    // All: mean 1226/4 = 306.5 d = 10.07 months; median (100 + 365)/2 = 232.5 d = 7.64 months.
    expect(t.total).toEqual({ n: 4, meanMonths: 10.1, medianMonths: 7.6 });
    // Women: mean 1126/3 = 375.33 d = 12.33 months; median 365 d = 11.99 months.
    expect(t.women).toEqual({ n: 3, meanMonths: 12.3, medianMonths: 12 });
    expect(t.men).toEqual({ n: 1, meanMonths: null, medianMonths: null });
    expect(t.other).toEqual({ n: 0, meanMonths: null, medianMonths: null });
  });

  it('gives age at start from known birth years only', () => {
    const a = ageAtStart(
      [
        { age: 30, gender: 'kvinna', count: 2 },
        { age: 41, gender: 'kvinna', count: 1 },
        { age: 25, gender: 'man', count: 3 },
        { age: null, gender: 'man', count: 1 },
      ],
      3,
    );
    // 30, 30, 41, 25, 25, 25: mean 176/6 = 29.33, median (25 + 30)/2 = 27.5.
    expect(a.total).toEqual({ n: 6, mean: 29.3, median: 27.5 });
    expect(a.women).toEqual({ n: 3, mean: 33.7, median: 30 });
    expect(a.men).toEqual({ n: 3, mean: 25, median: 25 });
  });

  it('rounds half up to one decimal despite binary floats', () => {
    expect(oneDecimal(30.35)).toBe(30.4);
    expect(oneDecimal(30.25)).toBe(30.3);
    expect(oneDecimal(30.24)).toBe(30.2);
  });

  it('notes hidden means in the CSV table', () => {
    const r = report({ daysInInsats: [{ days: 61, gender: 'man', count: 2 }] });
    expect(timeInInsatsTable(r).rows[0]).toEqual(['Totalt', 2, null, null, 'medel och median dolda: färre än 3 avslutade']);
  });
});

describe('the same period a year earlier', () => {
  const now = {
    endReasons: [
      { reason: 'Arbete', gender: 'kvinna' as const, count: 8 },
      { reason: 'Övrigt', gender: 'kvinna' as const, count: 2 },
    ],
  };
  const before = {
    endReasons: [
      { reason: 'Arbete', gender: 'kvinna' as const, count: 2 },
      { reason: 'Övrigt', gender: 'kvinna' as const, count: 8 },
      { reason: 'Flyttat', gender: 'man' as const, count: 1 },
    ],
  };

  it('compares work or studies with Fisher: 8 of 10 against 2 of 10 is a change', () => {
    const r = report(now, 3, before);
    // Women 8/10 vs 2/10 (the man who moved counts in the total only): p = 0.0230 (R: fisher.test).
    const w = r.changes!.workOrStudies.women;
    expect(w).toMatchObject({
      count: 8,
      of: 10,
      percent: 80,
      previousCount: 2,
      previousOf: 10,
      previousPercent: 20,
      diffPoints: 60,
      significant: true,
    });
    expect(w.fisherP).toBeCloseTo(0.023014, 5);
    // Total 8/10 vs 2/11.
    expect(r.changes!.workOrStudies.total).toMatchObject({ previousOf: 11, previousPercent: 18, diffPoints: 62 });
    expect(r.previousPeriod!.period.key).toBe('2023');
  });

  it("compares every end reason's share, a reason only the previous period has with 0 now", () => {
    const r = report(now, 3, before);
    expect(r.changes!.endReasons.map((c) => [c.reason, c.percent, c.previousPercent, c.diffPoints])).toEqual([
      ['Arbete', 80, 18, 62],
      ['Studier', 0, 0, 0],
      ['Övrigt', 20, 73, -53],
      ['Flyttat', 0, 9, -9],
    ]);
  });

  it('does not compare a share hidden in either period', () => {
    const r = report(now, 3, { endReasons: [{ reason: 'Arbete', gender: 'kvinna', count: 2 }] });
    expect(r.changes!.workOrStudies.total).toMatchObject({ previousPercent: null, diffPoints: null, fisherP: null, significant: null });
  });

  it('gives the previous figures and the test in the CSV table', () => {
    const t = workOrStudiesTable(report(now, 3, before));
    expect(t.headers).toContain('Samma period föregående år: Andel (%)');
    const women = t.rows[1]!;
    expect(women.slice(0, 7)).toEqual(['Kvinnor', 8, 10, 80, 2, 10, 20]);
    expect(women.slice(7, 10)).toEqual([60, 0.023, 'ja']);
  });

  it('draws this period beside the previous one', () => {
    const chart = outcomeChartList(report(now, 3, before), 'Alla insatser 2024').find((c) => c.name === 'jamfort-med-foregaende-ar')!;
    const table = chartDataTable(chart.config);
    expect(table.columns).toEqual(['2023', '2024']);
    expect(table.rows[1]!.label).toBe('Till arbete eller studier, kvinnor');
    expect(table.rows[1]!.cells.map((c) => c.replace(/\s/g, ' '))).toEqual(['20 % (n = 10)', '80 % (n = 10)']);
  });
});

describe('series', () => {
  it('lays out consecutive half-years oldest first', () => {
    const periods = periodSeries(partPeriod('half', 2024, 1), 3);
    const s = computeOutcomeSeries({
      insats: null,
      codebook: BOOK,
      minCell: 3,
      points: periods.map((period, i) => ({
        period,
        flow: [{ gender: 'kvinna', carriedOver: i, started: 2, ended: 1 + i }],
        endReasons: [{ reason: 'Arbete', gender: 'kvinna', count: 1 + i }],
      })),
    });
    expect(s.kind).toBe('half');
    expect(s.periods.map((p) => p.period.short)).toEqual(['2023 H1', '2023 H2', '2024 H1']);
    // Ended 1, 2, 3, all to work: the share is hidden until k = 3 have ended.
    expect(s.periods.map((p) => p.workOrStudies.total.percent)).toEqual([null, null, 100]);
    const t = seriesTable(s);
    expect(t.headers.slice(0, 4)).toEqual(['Period', 'Totalt deltagit', 'Totalt deltagit, kvinnor', 'Totalt deltagit, män']);
    expect(t.rows.map((r) => r.slice(0, 2))).toEqual([
      ['2023 H1', 2],
      ['2023 H2', 3],
      ['2024 H1', 4],
    ]);
    const charts = outcomeChartList(report({}), 'x', s).map((c) => c.name);
    expect(charts).toEqual(['serie-deltagare', 'serie-arbete-studier']);
  });
});
