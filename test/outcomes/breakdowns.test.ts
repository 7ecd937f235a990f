// The outcome report's breakdowns, previous period and series on a small register spanning two
// years, every figure computed by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { outcomeReport } from '../../server/outcomes/report.js';
import { outcomeCounts } from '../../server/outcomes/queries.js';
import { outcomeSeriesFor, seriesLength } from '../../server/outcomes/series.js';
import { HEADER, csv, memoryDb } from '../followup/helpers.js';

// Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak
const FILE = csv(
  HEADER,
  // 2023: five start and end; one (a man) to work.
  'Alfa;P1;Kvinna;1990;;;;Norr;2023-01-01;2023-12-31;Övrigt',
  'Alfa;P2;Kvinna;1985;;;;Norr;2023-02-01;2023-06-30;Övrigt',
  'Alfa;P3;Man;1980;;;;Söder;2023-03-01;2023-09-30;Arbete',
  'Alfa;P4;Man;1975;;;;Söder;2023-01-15;2023-04-15;Övrigt',
  'Alfa;P5;Kvinna;1995;;;;Norr;2023-05-01;2023-11-30;Övrigt',
  // 2024: six start, five end, all of them to work or studies.
  'Alfa;Q1;Kvinna;1990;;;;Norr;2024-01-01;2024-12-31;Arbete', // 365 days
  'Alfa;Q2;Kvinna;2000;;;;Söder;2024-02-01;2024-08-01;Studier', // 182 days
  'Alfa;Q3;Man;1970;;;;Norr;2024-03-01;2024-09-01;Arbete', // 184 days
  'Alfa;Q4;Man;1990;;;;;2024-04-01;2024-10-01;Arbete', // 183 days, no district
  'Alfa;Q5;Kvinna;1988;;;;Norr;2024-05-01;2024-11-01;Arbete', // 184 days
  'Alfa;Q6;;1999;;;;Öst;2024-06-01;;', // other gender, ongoing
);

describe('outcome breakdowns on a two-year register', () => {
  let db: Db;
  beforeAll(async () => {
    db = await memoryDb();
    expect(await importOutcomes(db, { buffer: FILE, fileName: 'tva-ar.csv', codebook: 'standard' })).toMatchObject({
      ok: true,
      inserted: 11,
    });
  });
  afterAll(() => db.close());

  it('splits residence among the starters by gender, percentages within each gender', async () => {
    const r = await outcomeReport(db, { year: 2024, codebook: 'standard', minCell: 3 });
    // Norr Q1 W, Q3 M, Q5 W; Söder Q2 W; Öst Q6 other; blank Q4 M. Total 6: 50, 16.67 ×3 → the
    // two listed first take the remainder. Women (3): 2/3, 1/3 → 67, 33. Men 2 and other 1 < k.
    expect(r.background.residence).toEqual([
      {
        value: 'Norr',
        count: 3,
        percent: 50,
        byGender: { women: { count: 2, percent: 67 }, men: { count: 1, percent: null }, other: { count: 0, percent: null } },
      },
      {
        value: 'Söder',
        count: 1,
        percent: 17,
        byGender: { women: { count: 1, percent: 33 }, men: { count: 0, percent: null }, other: { count: 0, percent: null } },
      },
      {
        value: 'Öst',
        count: 1,
        percent: 17,
        byGender: { women: { count: 0, percent: 0 }, men: { count: 0, percent: null }, other: { count: 1, percent: null } },
      },
      {
        value: 'Uppgift saknas',
        count: 1,
        percent: 16,
        byGender: { women: { count: 0, percent: 0 }, men: { count: 1, percent: null }, other: { count: 0, percent: null } },
      },
    ]);
    // Of the 5 ended: 3 women (60 %), 2 men (40 %), none other.
    expect(r.endedGenderShares).toEqual({
      women: { count: 3, of: 5, percent: 60 },
      men: { count: 2, of: 5, percent: 40 },
      other: { count: 0, of: 5, percent: 0 },
    });
  });

  it('gives time in the insats in months (days ÷ 30.4375) and age at start, hiding groups below k', async () => {
    const r = await outcomeReport(db, { year: 2024, codebook: 'standard', minCell: 3 });
    // All: 365, 182, 184, 183, 184 days; mean 219.6 d = 7.21 months, median 184 d = 6.05 months.
    // Women: 365, 182, 184; mean 243.67 d = 8.01, median 184 d = 6.05. Men: 2 < k.
    expect(r.timeInInsats).toEqual({
      total: { n: 5, meanMonths: 7.2, medianMonths: 6 },
      women: { n: 3, meanMonths: 8, medianMonths: 6 },
      men: { n: 2, meanMonths: null, medianMonths: null },
      other: { n: 0, meanMonths: null, medianMonths: null },
    });
    // Ages 2024 − birth year: 34, 24, 54, 34, 36, 25 → mean 34.5, median 34; women 34, 24, 36.
    expect(r.ageAtStart).toEqual({
      total: { n: 6, mean: 34.5, median: 34 },
      women: { n: 3, mean: 31.3, median: 34 },
      men: { n: 2, mean: null, median: null },
      other: { n: 1, mean: null, median: null },
    });
  });

  it('gives the same period a year earlier and tests the change with Fisher', async () => {
    const r = await outcomeReport(db, { year: 2024, insats: 'Alfa', codebook: 'standard', minCell: 3 });
    const p = r.previousPeriod!;
    expect(p.period).toMatchObject({ key: '2023', from: '2023-01-01', to: '2023-12-31' });
    expect(p.flow).toMatchObject({ carriedOver: 0, started: 5, ended: 5, ongoingAtEnd: 0 });
    expect(p.workOrStudies.total).toEqual({ count: 1, of: 5, percent: 20 });
    expect(p.background.residence.map((x) => [x.value, x.count])).toEqual([
      ['Norr', 3],
      ['Söder', 2],
    ]);
    // 5 of 5 against 1 of 5: the tables as or less likely than [[5, 0], [1, 4]] are it and
    // [[1, 4], [5, 0]], each 5/210, so p = 10/210 = 0.0476 < 0.05.
    const total = r.changes!.workOrStudies.total;
    expect(total).toMatchObject({ count: 5, of: 5, percent: 100, previousCount: 1, previousOf: 5, previousPercent: 20, diffPoints: 80 });
    expect(total.fisherP).toBeCloseTo(10 / 210, 10);
    expect(total.significant).toBe(true);
    // Women 3 of 3 against 0 of 3: p = 2/20 = 0.1, no change; men 2 < k: not compared.
    expect(r.changes!.workOrStudies.women).toMatchObject({ diffPoints: 100, significant: false });
    expect(r.changes!.workOrStudies.women.fisherP).toBeCloseTo(0.1, 10);
    expect(r.changes!.workOrStudies.men).toMatchObject({ percent: null, diffPoints: null, fisherP: null, significant: null });
    // Arbete 4 of 5 (80 %) against 1 of 5 (20 %): p = (1 + 25 + 25 + 1)/252 = 0.206.
    const arbete = r.changes!.endReasons.find((c) => c.reason === 'Arbete')!;
    expect(arbete).toMatchObject({ percent: 80, previousPercent: 20, diffPoints: 60, significant: false });
    expect(arbete.fisherP).toBeCloseTo(52 / 252, 10);
  });

  it('leaves the previous period out when asked', async () => {
    const r = await outcomeReport(db, { year: 2024, codebook: 'standard', minCell: 3, previous: false });
    expect(r.previousPeriod).toBeNull();
    expect(r.changes).toBeNull();
  });

  it('gives a series over consecutive half-years', async () => {
    const s = await outcomeSeriesFor(db, { period: '2024-H2', codebook: 'standard', minCell: 3, count: 3 });
    expect(s.kind).toBe('half');
    expect(s.periods.map((p) => p.period.key)).toEqual(['2023-H2', '2024-H1', '2024-H2']);
    // 2023-H2: P1, P3, P5 carried over and ended (P3 to work); 2024-H1: Q1–Q6 start, none ends;
    // 2024-H2: the six carried over, five end, all to work or studies.
    expect(s.periods.map((p) => [p.flow.participated, p.flow.started, p.flow.ended, p.workOrStudies.total.percent])).toEqual([
      [3, 0, 3, 33],
      [6, 6, 0, null],
      [6, 0, 5, 100],
    ]);
    expect(s.periods[2]!.flow.byGender.women).toMatchObject({ participated: 3, ended: 3 });
  });

  it('reads every count table of the report from a covering index (migration 014), never the table', async () => {
    const seen: Array<[string, unknown[]]> = [];
    const spy = Object.create(db) as Db;
    spy.all = (async (sql: string, params: unknown[] = []) => {
      seen.push([sql, params]);
      return db.all(sql, params as never);
    }) as Db['all'];
    await outcomeCounts(spy, { from: '2024-01-01', to: '2024-12-31' }, null);
    expect(seen.length).toBe(8); // flow, end reasons, 4 starter columns, ages, days
    for (const [sql, params] of seen) {
      const plan = (await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params as never)).map((p) => p.detail).join(' | ');
      expect(plan, sql).toMatch(/USING COVERING INDEX/);
    }
  });

  it('refuses a series length outside 1–10 in Swedish', () => {
    expect(seriesLength(undefined)).toBe(5);
    expect(seriesLength('10')).toBe(10);
    expect(() => seriesLength('11')).toThrow(/från 1 till 10/);
    expect(() => seriesLength('0')).toThrow(/från 1 till 10/);
    expect(() => seriesLength(['2', '3'])).toThrow(/flera gånger/);
  });
});
