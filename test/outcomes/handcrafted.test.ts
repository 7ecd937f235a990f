// One insats's table checked against a hand computation on a tiny file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { endedInPeriod, findInsatsByName } from '../../server/outcomes/queries.js';
import { outcomeReport } from '../../server/outcomes/report.js';
import { HEADER, csv, memoryDb } from '../followup/helpers.js';

// Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak
const FILE = csv(
  HEADER,
  'Alfa;A1;Kvinna;1990;Gymnasium;1–2 år;Försäkringskassan;Norr;2023-05-01;2024-03-01;Arbete', // carried over, ended W
  'Alfa;A2;Man;2000;;;;;2023-11-11;;', // carried over, ongoing M
  'Alfa;A3;Kvinna;2003;;;;;2022-01-01;2023-12-31;Studier', // ended before 2024: not a participant
  'Alfa;A4;Kvinna;1960;Eftergymnasial utbildning;Mindre än 1 år;Arbetsförmedlingen;;2024-01-01;2024-12-31;studier', // started, ended W (age 64)
  'Alfa;A5;Man;2005;Gymnasium;5 år eller mer;Försäkringskassan;;2024-02-10;2024-06-30;Utredning / vård / rehabilitering', // started, ended M (19)
  'Alfa;A6;;1985;;;Egen anmälan;;2024-03-03;;', // started, other, ongoing (39)
  'Alfa;A7;Kvinna;;Gymnasium;1–2 år;Försäkringskassan;;2024-12-31;;', // started W, ongoing, age unknown
  'Alfa;A8;Man;1999;Gymnasium;2–5 år;Arbetsförmedlingen;;2024-07-01;2025-01-15;Arbete', // started M, ends 2025 (25)
  'Alfa;A9;Kvinna;1995;;;;;2025-01-02;;', // starts after 2024: not a participant
  'Alfa;A10;Man;1980;Gymnasium;Mindre än 1 år;Försäkringskassan;;2023-01-01;2024-01-01;Övrigt', // carried over (ends Jan 1), ended M
  'Beta;B1;Kvinna;1990;Gymnasium;1–2 år;Försäkringskassan;;2024-05-05;2024-06-06;Arbete', // another insats
);

describe('one insats, by hand', () => {
  let db: Db;
  beforeAll(async () => {
    db = await memoryDb();
    const r = await importOutcomes(db, { buffer: FILE, fileName: 'liten.csv', codebook: 'standard' });
    expect(r).toMatchObject({ ok: true, inserted: 11, updated: 0, insatserCreated: ['Alfa', 'Beta'] });
  });
  afterAll(() => db.close());

  it('counts the flow by the definitions', async () => {
    const r = await outcomeReport(db, { year: 2024, insats: 'alfa', codebook: 'standard', minCell: 3 });
    expect(r.insats).toBe('Alfa');
    // carried over: A1, A2, A10; started: A4–A8; ended in 2024: A1, A4, A5, A10.
    expect(r.flow).toEqual({
      carriedOver: 3,
      started: 5,
      participated: 8,
      ended: 4,
      ongoingAtEnd: 4,
      byGender: {
        women: { carriedOver: 1, started: 2, participated: 3, ended: 2, ongoingAtEnd: 1 },
        men: { carriedOver: 2, started: 2, participated: 4, ended: 2, ongoingAtEnd: 2 },
        other: { carriedOver: 0, started: 1, participated: 1, ended: 0, ongoingAtEnd: 1 },
      },
    });
  });

  it('tabulates end reasons in code-book order with canonical spelling', async () => {
    const r = await outcomeReport(db, { year: 2024, insats: 'Alfa', codebook: 'standard', minCell: 3 });
    const nonZero = r.endReasons.filter((x) => x.total > 0);
    expect(nonZero).toMatchObject([
      { reason: 'Arbete', women: 1, men: 0, other: 0, total: 1, percent: 25, inCodebook: true },
      { reason: 'Studier', women: 1, men: 0, other: 0, total: 1, percent: 25, inCodebook: true },
      { reason: 'Utredning/vård/rehabilitering', women: 0, men: 1, other: 0, total: 1, percent: 25, inCodebook: true },
      { reason: 'Övrigt', women: 0, men: 1, other: 0, total: 1, percent: 25, inCodebook: true },
    ]);
    expect(r.endReasons).toHaveLength(10);
    expect(r.endReasons.filter((x) => x.total === 0).every((x) => x.percent === 0)).toBe(true);
    // Work or studies: A1 (Arbete) and A4 (Studier), both women; 2 of 4 ended.
    expect(r.workOrStudies).toEqual({
      total: { count: 2, of: 4, percent: 50 },
      women: { count: 2, of: 2, percent: null }, // 2 < k = 3
      men: { count: 0, of: 2, percent: null },
    });
  });

  it("describes the year's starters: referrers and background", async () => {
    const r = await outcomeReport(db, { year: 2024, insats: 'Alfa', codebook: 'standard', minCell: 3 });
    // Starters A4–A8: Arbetsförmedlingen A4, A8; Försäkringskassan A5, A7; Egen anmälan A6.
    expect(r.referrers).toMatchObject([
      { referrer: 'Arbetsförmedlingen', count: 2, percent: 40 },
      { referrer: 'Försäkringskassan', count: 2, percent: 40 },
      { referrer: 'Egen anmälan', count: 1, percent: 20 },
    ]);
    expect(r.background.education).toMatchObject([
      { value: 'Gymnasium', count: 3, percent: 60 },
      { value: 'Eftergymnasial utbildning', count: 1, percent: 20 },
      { value: 'Uppgift saknas', count: 1, percent: 20 },
    ]);
    // Ages in 2024: A4 64, A5 19, A6 39, A7 unknown, A8 25.
    expect(r.background.ageGroup).toMatchObject([
      { value: '16–19', count: 1, percent: 20 },
      { value: '25–29', count: 1, percent: 20 },
      { value: '30–39', count: 1, percent: 20 },
      { value: '50–64', count: 1, percent: 20 },
      { value: 'Uppgift saknas', count: 1, percent: 20 },
    ]);
    expect(r.background.timeWithoutWork.map((x) => [x.value, x.count])).toEqual([
      ['Mindre än 1 år', 1],
      ['1–2 år', 1],
      ['2–5 år', 1],
      ['5 år eller mer', 1],
      ['Uppgift saknas', 1],
    ]);
  });

  it('hides percentages whose denominator is below k but keeps the counts', async () => {
    const r = await outcomeReport(db, { year: 2024, insats: 'Alfa', codebook: 'standard', minCell: 5 });
    expect(r.endReasons.every((x) => x.percent === null)).toBe(true); // 4 ended < 5
    expect(r.endReasons[0]!.total).toBe(1);
    expect(r.workOrStudies.total).toEqual({ count: 2, of: 4, percent: null });
    expect(r.referrers.map((x) => x.percent)).toEqual([40, 40, 20]); // 5 starters ≥ 5
  });

  it('includes the other insats in the all-insatser report', async () => {
    const r = await outcomeReport(db, { year: 2024, codebook: 'standard', minCell: 3 });
    expect(r.flow.started).toBe(6);
    expect(r.flow.ended).toBe(5);
    expect(r.endReasons[0]).toMatchObject({ reason: 'Arbete', women: 2, total: 2, percent: 40 });
  });

  it('counts episodes ended within a period for response rates', async () => {
    const alfa = (await findInsatsByName(db, 'ALFA'))!;
    expect(await endedInPeriod(db, alfa.id, '2024-01-01', '2024-12-31')).toBe(4);
    expect(await endedInPeriod(db, alfa.id, '2024-01-01', '2024-01-01')).toBe(1); // A10
    expect(await endedInPeriod(db, alfa.id, '2024-03-01', '2024-06-30')).toBe(2); // A1, A5
    expect(await endedInPeriod(db, alfa.id, '2025-01-01', '2025-06-30')).toBe(1); // A8
  });

  it('gives an empty year', async () => {
    const r = await outcomeReport(db, { year: 2019, insats: 'Alfa', codebook: 'standard', minCell: 5 });
    expect(r.flow).toMatchObject({ carriedOver: 0, started: 0, participated: 0, ended: 0, ongoingAtEnd: 0 });
    expect(r.referrers).toEqual([]);
    expect(r.workOrStudies.total).toEqual({ count: 0, of: 0, percent: null });
  });
});
