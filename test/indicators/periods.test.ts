// Indicators over any period (docs/rules.md "Perioder"): rounds count whole, partly by their
// responses' effective dates, or not at all, and every number of a page comes from one selection.
import { describe, expect, it } from 'vitest';
import { freshDb, makeRound, surveys } from '../helpers.js';
import { indicatorsFor, instrumentsInPeriod, PARTIAL_ROUND_NOTE, selectionTexts } from '../../server/indicators/service.js';
import { indicatorSeries } from '../../server/indicators/series.js';
import { shownRoundResponses } from '../../server/indicators/disclosure.js';
import { mergedReport } from '../../server/report/merged.js';
import { testConfig } from '../../server/config.js';
import { fisherExactTwoSided } from '../../analysis/stats.js';
import { indicatorSeriesTable } from '../../analysis/reportTables.js';
import { indicatorSeriesChart } from '../../analysis/charts/catalogue.js';
import { chartDataTable } from '../../analysis/charts/dataTable.js';
import { parsePeriod, type Period } from '../../analysis/period.js';
import { addResponses, many } from '../disclosure/helpers.js';
import { INSTRUMENT, seedPeriods } from './periodFixture.js';
import type { Db } from '../../server/db/database.js';

const K = 5;
const team = (db: Db, period: string) => indicatorsFor(db, surveys, { period, insats: 'FINSAM-team', instrument: INSTRUMENT }, K);
const all = (db: Db, period: string) => indicatorsFor(db, surveys, { period, instrument: INSTRUMENT }, K);
const nytta = (r: Awaited<ReturnType<typeof team>>) => r.questions.find((q) => q.id === 'nytta')!;
const known = (v: unknown): v is number => typeof v === 'number';

describe('indicators for a period', () => {
  it('H1 and H2 add up to the year; a late answer counts on its round’s last day', async () => {
    const db = await freshDb();
    await seedPeriods(db);
    const [h1, h2, year] = [await team(db, '2024-H1'), await team(db, '2024-H2'), await team(db, '2024')];
    expect([h1.respondents, h2.respondents, year.respondents]).toEqual([15, 21, 36]);
    expect(h1.respondentsByGender).toEqual({ women: 8, men: 7, other: 0 });
    expect(h2.respondentsByGender).toEqual({ women: 11, men: 10, other: 0 });
    expect([nytta(h1).n, nytta(h1).positive, nytta(h2).n, nytta(h2).positive]).toEqual([15, 8, 21, 17]);
    expect([nytta(year).n, nytta(year).positive]).toEqual([36, 25]);
    // The förbund too (Novum's round lies wholly in H1).
    const [fh1, fh2, fyear] = [await all(db, '2024-H1'), await all(db, '2024-H2'), await all(db, '2024')];
    expect([fh1.respondents, fh2.respondents, fyear.respondents]).toEqual([25, 21, 46]);
    // A3's answer of 2025-01-10 is in 2024 (the round's last day), not in 2025.
    expect(year.rounds.find((r) => r.period === 'Höst 2024')!.respondents).toBe(6);
    const next = await team(db, '2025');
    expect(next.respondents).toBe(0);
    expect(next.rounds).toEqual([]);
    expect(await instrumentsInPeriod(db, parsePeriod('2025') as Period, null)).toEqual([]);
    // A2's early answer (2024-04-20) counts on 2024-05-01, so in Q2 and not Q1.
    const q1 = await team(db, '2024-Q1');
    expect(q1.rounds.map((r) => r.period)).toEqual(['Helår 2024']);
    expect(q1.respondents).toBe(8);
  });

  it('a partial round counts only its answers in the period and gets no response rate', async () => {
    const db = await freshDb();
    await seedPeriods(db);
    const h1 = await team(db, '2024-H1');
    // A3 (October–December) lies outside H1: not listed. A1 (the whole year) and A2 (May–August) overlap.
    expect(h1.rounds.map((r) => [r.period, r.withinPeriod, r.respondents, r.percent, r.note])).toEqual([
      ['Helår 2024', false, 8, null, PARTIAL_ROUND_NOTE],
      ['Sommar 2024', false, 7, null, PARTIAL_ROUND_NOTE],
    ]);
    expect(h1.rounds.every((r) => r.invited === null)).toBe(true);
    // Answers still count, but the selection has no rate: part of a round has no invited count.
    expect(h1.responseRate).toEqual({ respondents: 15, invited: null, percent: null });
    const h2 = await team(db, '2024-H2');
    const a3 = h2.rounds.find((r) => r.period === 'Höst 2024')!;
    expect(a3).toMatchObject({ withinPeriod: true, respondents: 6, invited: 10, invitedSource: 'entered', percent: 60, note: null });
    expect(a3.span).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    // The whole year: every round inside it, with rates; 36 of 50.
    const year = await team(db, '2024');
    expect(year.rounds.every((r) => r.withinPeriod && r.note === null)).toBe(true);
    expect(year.responseRate).toEqual({ respondents: 36, invited: 50, percent: 72 });
  });

  it('compares with the same period one year earlier', async () => {
    const db = await freshDb();
    await seedPeriods(db);
    const prev = await makeRound(db, { insats: 'FINSAM-team', period: 'Helår 2023' });
    // 2023: 10 in March (2 positive), 10 in October.
    await addResponses(db, prev.id, [
      ...many(2, 'kvinna', { nytta: '5' }, undefined, '2023-03-01'),
      ...many(8, 'kvinna', { nytta: '1' }, undefined, '2023-03-01'),
      ...many(10, 'man', { nytta: '6' }, undefined, '2023-10-01'),
    ]);
    const q = nytta(await team(db, '2024-H1'));
    expect(q.previous).toMatchObject({ n: 10, percent: 20, diffPoints: 53 - 20 });
    expect(q.previous!.fisherP).toBeCloseTo(fisherExactTwoSided(8, 7, 2, 8), 12);
  });

  it('shows free texts only from rounds with at least k respondents within the period, and only theirs', async () => {
    const db = await freshDb();
    const { b1 } = await seedPeriods(db);
    await addResponses(db, b1.id, many(2, 'kvinna', { nytta: '1' }, { skillnad: 'litentext' }, '2024-10-01'));
    const texts = async (period: string, insats: string | null) =>
      (await selectionTexts(db, await indicatorsFor(db, surveys, { period, insats, instrument: INSTRUMENT }, K), K)).map((t) => t.body);
    // H1: A1's spring texts (8 in the period), not its autumn ones.
    expect(await texts('2024-H1', 'FINSAM-team')).toEqual(['vårtext', 'vårtext', 'vårtext', 'vårtext']);
    expect(await texts('2024-H2', 'FINSAM-team')).toEqual(['hösttext', 'hösttext', 'hösttext']);
    // Novum's round has 12 in the year but 2 in H2: its October texts are not shown for H2.
    expect(await texts('2024-H2', 'Novum')).toEqual([]);
    expect(await texts('2024', 'Novum')).toEqual(['litentext', 'litentext']);
  });

  it('hides a small partial round in its period’s tree, with complementary suppression', async () => {
    const db = await freshDb();
    const { b1 } = await seedPeriods(db);
    await addResponses(db, b1.id, many(2, 'kvinna', { nytta: '1' }, undefined, '2024-10-01'));
    const cache = new Map();
    const sel = (insats: string | null) => indicatorsFor(db, surveys, { period: '2024-H2', insats, instrument: INSTRUMENT }, K, { cache });
    const [novum, teamH2, forbund] = [await sel('Novum'), await sel('FINSAM-team'), await sel(null)];
    expect(novum.respondents).toBeNull();
    expect(nytta(novum).n).toBeNull();
    expect(novum.rounds[0]).toMatchObject({ respondents: null, withinPeriod: false, percent: null });
    expect(forbund.rounds.find((r) => r.roundId === b1.id)!.respondents).toBeNull();
    // The förbund's 23 stays; FINSAM-team's 21 is hidden too, or 23 − 21 would give Novum's 2.
    expect(forbund.respondents).toBe(23);
    expect([forbund.respondents, teamH2.respondents].every(known)).toBe(false);
    expect([nytta(forbund).n, nytta(teamH2).n].every(known)).toBe(false);
    // H1 is its own tree, but the year around it is published too: the year's 12 minus H1's 10
    // would give H2's 2, so Novum's 10 in H1 is hidden as well (docs/disclosure.md "Perioder").
    expect((await indicatorsFor(db, surveys, { period: '2024-H1', insats: 'Novum', instrument: INSTRUMENT }, K)).respondents).toBeNull();
    // The round list keeps the round's own year tree, where it counts whole (12).
    expect((await shownRoundResponses(db, surveys, [b1], K)).get(b1.id)).toBe(12);
  });

  it('counts a whole year of undated rounds from the running totals, without reading the responses', async () => {
    const db = await freshDb();
    await seedPeriods(db);
    const seen: string[] = [];
    const all = db.all.bind(db);
    db.all = ((sql: string, params?: unknown[]) => (seen.push(sql), all(sql, params as never))) as typeof db.all;
    await indicatorsFor(db, surveys, { period: '2024', insats: 'Novum', instrument: INSTRUMENT }, K);
    // The year's rounds all lie inside it (A2 and A3 have dates within 2024): totals only.
    await indicatorsFor(db, surveys, { period: '2024', instrument: INSTRUMENT }, K);
    expect(seen.some((s) => /JOIN responses/.test(s))).toBe(false);
    await indicatorsFor(db, surveys, { period: '2024-H1', insats: 'Novum', instrument: INSTRUMENT }, K);
    expect(seen.some((s) => /JOIN responses/.test(s))).toBe(true);
  });

  it('a round over the turn of the year is decided in its own span’s tree on its page', async () => {
    const db = await freshDb();
    const r = await makeRound(db, { insats: 'Novum', period: 'Vinter 2024', opensOn: '2024-12-01', closesOn: '2025-01-31' });
    await addResponses(db, r.id, [
      ...many(6, 'kvinna', { nytta: '5' }, undefined, '2024-12-10'),
      ...many(6, 'man', { nytta: '5' }, undefined, '2025-01-10'),
    ]);
    const page = await indicatorsFor(db, surveys, { roundId: r.id }, K);
    expect(page.respondents).toBe(12);
    expect(page.selection.period).toMatchObject({ from: '2024-12-01', to: '2025-01-31' });
    expect((await shownRoundResponses(db, surveys, [r], K)).get(r.id)).toBe(12);
    // In 2024 and in 2025 it counts its part.
    const in2024 = await indicatorsFor(db, surveys, { period: '2024', insats: 'Novum', instrument: INSTRUMENT }, K);
    const in2025 = await indicatorsFor(db, surveys, { period: '2025', insats: 'Novum', instrument: INSTRUMENT }, K);
    expect([in2024.respondents, in2025.respondents]).toEqual([6, 6]);
    expect(in2024.rounds[0]).toMatchObject({ withinPeriod: false, note: PARTIAL_ROUND_NOTE });
  });

  it('puts the surveys of any period into the merged report', async () => {
    const db = await freshDb();
    await seedPeriods(db);
    const report = await mergedReport({ db, config: testConfig({ dbPath: db.path }), surveys }, '2024-H1', 'FINSAM-team');
    expect(report.year).toBeNull();
    expect(report.insatser[0]!.surveys.map((s) => [s.selection.instrument, s.respondents])).toEqual([[INSTRUMENT, 15]]);
  });
});

describe('indicator series', () => {
  it('gives each period’s published figure and Fisher’s test between consecutive periods', async () => {
    const db = await freshDb();
    await seedPeriods(db);
    const s = await indicatorSeries(db, surveys, { period: '2024-H2', count: 3, insats: 'FINSAM-team', instrument: INSTRUMENT }, K);
    expect(s.periods.map((p) => [p.key, p.respondents])).toEqual([
      ['2023-H2', 0],
      ['2024-H1', 15],
      ['2024-H2', 21],
    ]);
    const q = s.questions.find((x) => x.id === 'nytta')!;
    expect(q.cells.map((c) => [c.n, c.positive, c.percent])).toEqual([
      [0, null, null],
      [15, 8, 53],
      [21, 17, 81],
    ]);
    // Each cell is what that period's own page shows.
    expect(q.cells[1]).toMatchObject({ n: nytta(await team(db, '2024-H1')).n, percent: nytta(await team(db, '2024-H1')).percent });
    expect(q.changes[0]).toBeNull();
    expect(q.changes[1]).toMatchObject({ from: '2024-H1', to: '2024-H2', diffPoints: 28 });
    expect(q.changes[1]!.fisherP).toBeCloseTo(fisherExactTwoSided(17, 4, 8, 7), 12);
    expect(q.changes[1]!.significant).toBe(q.changes[1]!.fisherP < 0.05);
    // The CSV table: one row per question and period.
    const table = indicatorSeriesTable(s);
    const rows = table.rows.filter((r) => r[0] === q.text);
    expect(rows.map((r) => [r[1], r[table.headers.indexOf('n')], r[table.headers.indexOf('Andel positiva (%)')]])).toEqual([
      ['2023 H2', 0, null],
      ['2024 H1', 15, 53],
      ['2024 H2', 21, 81],
    ]);
    // The chart and its data table: one series per period.
    const chart = indicatorSeriesChart(s, 'FINSAM-team')!;
    const data = chartDataTable(chart.config);
    expect(data.columns).toEqual(['2023 H2', '2024 H1', '2024 H2']);
    expect(data.rows.find((r) => r.label.startsWith(q.text.slice(0, 20)))!.cells[2]).toMatch(/^81\s%/);
  });

  it('hides a period’s cell as that period’s tree does', async () => {
    const db = await freshDb();
    const { b1 } = await seedPeriods(db);
    await addResponses(db, b1.id, many(2, 'kvinna', { nytta: '1' }, undefined, '2024-10-01'));
    const s = await indicatorSeries(db, surveys, { period: '2024-H2', count: 2, insats: 'Novum', instrument: INSTRUMENT }, K);
    // H2 has 2 (< k); H1's 10 is hidden too, since the year's 12 minus it would give H2's 2.
    expect(s.periods.map((p) => p.respondents)).toEqual([null, null]);
    const q = s.questions.find((x) => x.id === 'nytta')!;
    expect(q.cells.map((c) => [c.n, c.suppressed])).toEqual([
      [null, true],
      [null, true],
    ]);
    expect(q.changes).toEqual([null]);
    const table = indicatorSeriesTable(s);
    expect(table.rows.filter((r) => r[0] === q.text).map((r) => r[table.headers.indexOf('n')])).toEqual([null, null]);
    // Without the small H2 part, H1 shows again.
    const d = await freshDb();
    await seedPeriods(d);
    const t = await indicatorSeries(d, surveys, { period: '2024-H2', count: 2, insats: 'Novum', instrument: INSTRUMENT }, K);
    expect(t.periods.map((p) => p.respondents)[0]).toBe(10);
  });

  it('refuses periods that would overlap and counts outside 1–10', async () => {
    const db = await freshDb();
    await seedPeriods(db);
    const series = (period: string, count: number) => indicatorSeries(db, surveys, { period, count, instrument: INSTRUMENT }, K);
    await expect(series('sedan-start', 3)).rejects.toThrow(/inte överlappar/);
    await expect(series('2023-09-01..2024-12-31', 3)).rejects.toThrow(/inte överlappar/);
    await expect(series('2024', 11)).rejects.toThrow(/från 1 till 10/);
    expect((await series('2024-03-01..2024-05-31', 2)).periods.map((p) => p.key)).toEqual([
      '2023-03-01..2023-05-31',
      '2024-03-01..2024-05-31',
    ]);
  });
});
