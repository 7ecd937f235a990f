import { describe, expect, it } from 'vitest';
import {
  parsePeriod,
  periodSeries,
  previousYear,
  PeriodError,
  resolveSinceStart,
  shiftDate,
  periodSlug,
  type Period,
} from '../../analysis/period.js';

const period = (text: string) => parsePeriod(text) as Period;

describe('parsePeriod', () => {
  it('reads a calendar year', () => {
    expect(period('2023')).toMatchObject({ kind: 'year', from: '2023-01-01', to: '2023-12-31', key: '2023', label: '2023' });
  });

  it('reads both halves, with or without a dash and in lower case', () => {
    expect(period('2023-H1')).toMatchObject({
      kind: 'half',
      from: '2023-01-01',
      to: '2023-06-30',
      label: 'Januari–juni 2023',
      short: '2023 H1',
    });
    expect(period('2023h2')).toMatchObject({ from: '2023-07-01', to: '2023-12-31', key: '2023-H2' });
  });

  it('reads tertials and quarters, also the Swedish K for kvartal', () => {
    expect(period('2023-T1')).toMatchObject({ from: '2023-01-01', to: '2023-04-30' });
    expect(period('2023-T2')).toMatchObject({ from: '2023-05-01', to: '2023-08-31' });
    expect(period('2023-T3')).toMatchObject({ from: '2023-09-01', to: '2023-12-31', label: 'Tertial 3 2023 (september–december)' });
    expect(period('2024-Q1')).toMatchObject({ from: '2024-01-01', to: '2024-03-31' });
    expect(period('2024-K4')).toMatchObject({ from: '2024-10-01', to: '2024-12-31', key: '2024-Q4', short: '2024 K4' });
    expect(period('2024-Q1').to).toBe('2024-03-31');
  });

  it('reads a date range', () => {
    expect(period('2022-09-01..2025-12-31')).toMatchObject({
      kind: 'range',
      from: '2022-09-01',
      to: '2025-12-31',
      key: '2022-09-01..2025-12-31',
    });
  });

  it('reads since-start, optionally with an end', () => {
    expect(parsePeriod('sedan-start')).toEqual({ kind: 'since-start', to: null });
    expect(parsePeriod('sedan-start..2025-12-31')).toEqual({ kind: 'since-start', to: '2025-12-31' });
  });

  it.each([
    '2023-H3',
    '2023-T4',
    '2023-Q5',
    '23',
    'HT 25',
    '2023-02-30..2023-03-01',
    '2024-01-01..2023-12-31',
    '',
    'sedan-start..2023-13-01',
  ])('rejects %j with a Swedish message', (text) => {
    expect(() => parsePeriod(text)).toThrow(PeriodError);
  });

  it('lists the accepted forms when it cannot read the text', () => {
    expect(() => parsePeriod('HT 25')).toThrow(/2023-H1.*2022-09-01\.\.2025-12-31/);
  });
});

describe('period arithmetic', () => {
  it('moves a period one year back, keeping its kind', () => {
    expect(previousYear(period('2023-H1')).key).toBe('2022-H1');
    expect(previousYear(period('2024')).key).toBe('2023');
    expect(previousYear(period('2024-T3')).key).toBe('2023-T3');
    expect(previousYear(period('2024-02-29..2024-06-30')).key).toBe('2023-02-28..2023-06-30');
  });

  it('shifts 29 February to the 28th in a common year', () => {
    expect(shiftDate('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftDate('2023-02-28', 1)).toBe('2024-02-28');
  });

  it('builds a series of consecutive periods, oldest first, at most ten', () => {
    expect(periodSeries(period('2023-H1'), 4).map((p) => p.key)).toEqual(['2021-H2', '2022-H1', '2022-H2', '2023-H1']);
    expect(periodSeries(period('2022'), 7).map((p) => p.key)).toEqual(['2016', '2017', '2018', '2019', '2020', '2021', '2022']);
    expect(periodSeries(period('2024-T1'), 2).map((p) => p.key)).toEqual(['2023-T3', '2024-T1']);
    expect(periodSeries(period('2024'), 50)).toHaveLength(10);
  });

  it('resolves since-start from the first start date to the given end or today', () => {
    expect(resolveSinceStart({ kind: 'since-start', to: null }, '2019-03-04', '2026-11-23')).toMatchObject({
      from: '2019-03-04',
      to: '2026-11-23',
      key: 'sedan-start',
      label: 'Sedan start (2019-03-04 – 2026-11-23)',
    });
    // An empty register: the period is the one day.
    expect(resolveSinceStart({ kind: 'since-start', to: '2025-12-31' }, null, '2026-11-23')).toMatchObject({
      from: '2025-12-31',
      to: '2025-12-31',
    });
  });

  it('gives file-name parts without dots', () => {
    expect(periodSlug(period('2023-H1'))).toBe('2023-h1');
    expect(periodSlug(period('2022-09-01..2025-12-31'))).toBe('2022-09-01-2025-12-31');
  });
});
