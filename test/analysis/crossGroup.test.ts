import { describe, expect, it } from 'vitest';
import {
  unweightedAverage,
  weightedAverage,
  weightedComparison,
  yearApartPeriods,
  referenceYear,
  type GroupCell,
} from '../../analysis/crossGroup.js';
import { crossGroupTable, nationalExportTable } from '../../analysis/crossGroupTables.js';
import { fisherExactTwoSided } from '../../analysis/stats.js';
import { parsePeriod } from '../../analysis/period.js';

function cell(instrument: string, positive: number | null, n: number | null, status: GroupCell['status'] = 'shown'): GroupCell {
  const shown = status === 'shown' && n !== null && positive !== null && n > 0;
  return {
    instrument,
    respondentGroup: 'styrelse',
    groupLabel: instrument,
    questionId: 'q',
    status,
    respondents: n,
    n: status === 'hidden' ? null : n,
    positive: status === 'hidden' ? null : positive,
    percent: shown ? Math.floor((200 * positive! + n!) / (2 * n!)) : null,
    ci95: null,
    reason: null,
    previous: null,
    national: null,
  };
}

describe('averages across respondent groups', () => {
  it('averages the published percentages, each group once (hand-computed)', () => {
    // 9/10 = 90 %, 4/6 = 67 %, 15/23 = 65 %: (90 + 67 + 65) / 3 = 74.0
    const cells = [cell('a', 9, 10), cell('b', 4, 6), cell('c', 15, 23)];
    expect(unweightedAverage(cells)).toMatchObject({ percent: 74, groups: 3 });
    // 90 and 67: 78.5 rounds half up to 79.
    expect(unweightedAverage([cell('a', 9, 10), cell('b', 4, 6)]).percent).toBe(79);
  });

  it('pools positives and n for the weighted average (hand-computed)', () => {
    // (9 + 4 + 15) / (10 + 6 + 23) = 28/39 = 71.8 % → 72
    const w = weightedAverage([cell('a', 9, 10), cell('b', 4, 6), cell('c', 15, 23)]);
    expect(w).toMatchObject({ n: 39, positive: 28, percent: 72 });
    expect(w.ci95![0]).toBeLessThan(72);
    expect(w.ci95![1]).toBeGreaterThan(72);
    // The two averages differ when the groups differ in size: a large group pulls the weighted one.
    const big = [cell('a', 10, 10), cell('b', 50, 100)];
    expect(unweightedAverage(big).percent).toBe(75);
    expect(weightedAverage(big).percent).toBe(55);
  });

  it('gives neither average when any group is hidden, and none for a single group', () => {
    const withHidden = [cell('a', 9, 10), cell('b', null, null, 'hidden')];
    expect(unweightedAverage(withHidden).percent).toBeNull();
    expect(unweightedAverage(withHidden).note).toMatch(/dold/);
    expect(weightedAverage(withHidden)).toMatchObject({ n: null, positive: null, percent: null, ci95: null });
    expect(unweightedAverage([cell('a', 9, 10)]).percent).toBeNull();
    expect(weightedAverage([cell('a', 9, 10)]).percent).toBeNull();
  });

  it('leaves groups without answers out of both averages', () => {
    const cells = [cell('a', 9, 10), cell('b', 4, 6), cell('c', null, 0, 'none')];
    expect(unweightedAverage(cells)).toMatchObject({ percent: 79, groups: 2 });
    expect(weightedAverage(cells)).toMatchObject({ n: 16, positive: 13, percent: 81 });
  });

  it('compares the weighted average with the same groups a year earlier', () => {
    const now = [cell('a', 9, 10), cell('b', 4, 6)];
    const before = [cell('a', 6, 8), cell('b', 5, 5)];
    const c = weightedComparison(now, before)!;
    // 13/16 = 81 % against 11/13 = 85 %.
    expect(c).toMatchObject({ n: 13, percent: 85, diffPoints: -4 });
    expect(c.fisherP).toBeCloseTo(fisherExactTwoSided(13, 3, 11, 2), 12);
    // Other groups than a year earlier: not comparable.
    expect(weightedComparison(now, [cell('a', 6, 8), cell('c', 5, 5)])).toBeNull();
    expect(weightedComparison(now, [cell('a', 6, 8), cell('b', null, null, 'hidden')])).toBeNull();
  });

  it('steps a year back for the periods side by side, up to five', () => {
    expect(yearApartPeriods(parsePeriod('2024') as never, 2).map((p) => p.key)).toEqual(['2023', '2024']);
    expect(yearApartPeriods(parsePeriod('2024-H1') as never, 3).map((p) => p.key)).toEqual(['2022-H1', '2023-H1', '2024-H1']);
    expect(yearApartPeriods(parsePeriod('2024') as never, 9)).toHaveLength(5);
    expect(referenceYear(parsePeriod('2024') as never)).toBe(2024);
    expect(referenceYear(parsePeriod('2024-H1') as never)).toBeNull();
  });
});

describe('cross-group tables', () => {
  it('leaves a hidden cell empty and says why; averages as rows of their own', () => {
    const cells = [cell('a', 9, 10), cell('b', null, null, 'hidden')];
    const t = crossGroupTable({
      indicator: { key: 'k', text: 'K?' },
      insats: null,
      minCell: 5,
      groups: [],
      periods: [
        {
          period: { key: '2024', label: '2024', short: '2024', from: '2024-01-01', to: '2024-12-31' },
          year: 2024,
          cells,
          unweighted: unweightedAverage(cells),
          weighted: { ...weightedAverage(cells), previous: null },
        },
      ],
    });
    const col = (name: string) => t.headers.indexOf(name);
    expect(t.rows).toHaveLength(4);
    expect(t.rows[0]![col('Andel positiva (%)')]).toBe(90);
    expect(t.rows[1]![col('n')]).toBeNull();
    expect(t.rows[1]![col('Andel positiva (%)')]).toBeNull();
    expect(String(t.rows[1]![col('Anmärkning')])).toMatch(/färre än 5/);
    expect(t.rows[2]![col('Svarsgrupp')]).toBe('Ovägt genomsnitt');
    expect(t.rows[3]![col('Andel positiva (%)')]).toBeNull();
  });

  it('exports counts only, a hidden count as an empty cell', () => {
    const t = nationalExportTable([
      {
        indicator: 'k',
        year: 2024,
        respondentGroup: 'styrelse',
        groupLabel: 'Styrelse',
        instrument: 's',
        respondents: null,
        n: null,
        positive: null,
      },
    ]);
    expect(t.headers).toEqual(['Indikator', 'År', 'Grupp', 'Grupp-id', 'Enkät', 'Svarande', 'Svar (n)', 'Positiva svar']);
    expect(t.rows[0]!.slice(5)).toEqual([null, null, null]);
  });
});

describe('cross-group chart', () => {
  it('draws groups × periods, the averages when shown, Riket where imported, and a hidden cell as a gap', async () => {
    const { crossGroupInput } = await import('../../analysis/charts/crossGroupInput.js');
    const { crossGroupChart } = await import('../../analysis/charts/catalogue.js');
    const y = (key: string, cells: GroupCell[]) => ({
      period: { key, label: key, short: key, from: `${key}-01-01`, to: `${key}-12-31` },
      year: Number(key),
      cells,
      unweighted: unweightedAverage(cells),
      weighted: { ...weightedAverage(cells), previous: null },
    });
    const board = (p: number | null, n: number | null, st: GroupCell['status'] = 'shown') => ({
      ...cell('s', p, n, st),
      groupLabel: 'Styrelse',
    });
    const staff = (p: number | null, n: number | null, st: GroupCell['status'] = 'shown') => ({
      ...cell('p', p, n, st),
      groupLabel: 'Personal',
    });
    const b2024 = { ...board(9, 10), national: { percent: 78.5, n: 1200 } };
    const result = {
      indicator: { key: 'k', text: 'Finns det strukturer?' },
      insats: null,
      minCell: 5,
      groups: [
        { instrument: 's', title: 'S', respondentGroup: 'styrelse' as const, groupLabel: 'Styrelse', questionId: 'q' },
        { instrument: 'p', title: 'P', respondentGroup: 'insatspersonal' as const, groupLabel: 'Personal', questionId: 'q' },
      ],
      periods: [y('2023', [board(6, 8), staff(6, 8)]), y('2024', [b2024, staff(null, null, 'hidden')])],
    };
    const input = crossGroupInput(result);
    expect(input.years).toEqual(['2023', '2024']);
    expect(input.items.map((i) => i.label)).toEqual(['Styrelse', 'Personal', 'Ovägt genomsnitt', 'Vägt genomsnitt', 'Riket: Styrelse']);
    expect(input.items[1]!.values).toEqual([
      { n: 8, percent: 75 },
      { n: null, percent: null },
    ]);
    // Averages only in 2023 (staff hidden in 2024); Riket rounded to a whole percent on the chart.
    expect(input.items[2]!.values.map((v) => v.percent)).toEqual([75, null]);
    expect(input.items[4]!.values).toEqual([
      { n: 0, percent: null },
      { n: 1200, percent: 79 },
    ]);
    expect(crossGroupChart(result, 'Alla insatser 2024')!.name).toBe('indikator-grupper');
  });
});
