// Acceptance for reporting periods: a register whose first half of 2023 has the published
// half-year report's totals (test/fixtures/halvar-2023.mjs writes it) gives those totals through
// every way of naming the period: the CLI's --period 2023-H1, a date range, and the page's JSON.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { outcomeReport, type OutcomeReport } from '../../server/outcomes/report.js';
import { cli, freshDb, tempDbPath, testApp } from '../helpers.js';
import { signIn } from '../web/helpers.js';

const FIXTURE = new URL('../fixtures/halvar-2023.csv', import.meta.url);
const REASONS = {
  Arbete: [18, 15],
  Studier: [9, 4],
  Arbetssökande: [6, 5],
  'Fortsatt rehabilitering': [40, 22],
  'Sjukdom/vård/behandling': [28, 19],
  Övrigt: [15, 10],
};

function expectPublishedHalfYear(report: OutcomeReport) {
  expect(report.period).toMatchObject({ from: '2023-01-01', to: '2023-06-30' });
  expect(report.flow).toMatchObject({ participated: 480, ended: 191, carriedOver: 200, started: 280, ongoingAtEnd: 289 });
  expect(report.flow.byGender.women).toMatchObject({ participated: 298, ended: 116 });
  expect(report.flow.byGender.men).toMatchObject({ participated: 182, ended: 75 });
  expect(report.endReasons.map((r) => [r.reason, r.women, r.men])).toEqual(Object.entries(REASONS).map(([r, [w, m]]) => [r, w, m]));
  expect(report.endedTotal).toEqual({ women: 116, men: 75, other: 0, total: 191 });
}

describe('the half-year 2023 register', () => {
  const file = tempDbPath();
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(file);
    const result = await importOutcomes(db, {
      buffer: fs.readFileSync(FIXTURE),
      fileName: 'halvar-2023.csv',
      codebook: 'sus',
      actor: 'kansli',
    });
    expect(result).toMatchObject({ ok: true, inserted: 583 });
  });
  afterAll(() => db.close());

  it('gives the published totals for 2023-H1 through finsam outcomes --period', async () => {
    const res = await cli(['outcomes', '--period', '2023-H1', '--codebook', 'sus', '--json'], { FINSAM_DB: file });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as OutcomeReport;
    expectPublishedHalfYear(report);
    expect(report.period).toMatchObject({ key: '2023-H1', label: 'Januari–juni 2023' });
    expect(report.year).toBe(2023);
    // The SUS code book's group, the half-year report's headline: 57 of 191 = 29.8 % → 30 %.
    expect(report.reasonGroups).toMatchObject([
      { total: { count: 57, of: 191, percent: 30 }, women: { count: 33, of: 116 }, men: { count: 24, of: 75 } },
    ]);
  });

  it('gives the same through a date range', async () => {
    const res = await cli(['outcomes', '--period', '2023-01-01..2023-06-30', '--codebook', 'sus', '--json'], { FINSAM_DB: file });
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout) as OutcomeReport;
    expectPublishedHalfYear(report);
    expect(report.period.key).toBe('2023-01-01..2023-06-30');
  });

  it('counts each insats over the period, and the insatser add up to the total', async () => {
    const expected = {
      'Steg framåt': { women: [140, 55], men: [80, 35] },
      Aktivitetsplatsen: { women: [98, 37], men: [62, 24] },
      Novum: { women: [60, 24], men: [40, 16] },
    };
    for (const [insats, e] of Object.entries(expected)) {
      const r = await outcomeReport(db, { period: '2023-H1', insats, codebook: 'sus', minCell: 5 });
      expect(r.flow.byGender.women).toMatchObject({ participated: e.women[0], ended: e.women[1] });
      expect(r.flow.byGender.men).toMatchObject({ participated: e.men[0], ended: e.men[1] });
      expect(r.endedTotal.total).toBe(e.women[1]! + e.men[1]!);
    }
  });

  it('puts episodes on the edges of the period where they belong', async () => {
    // The first half of 2022: 100 who started in it plus one who started in March and ended on
    // 2022-12-31; 60 ended in it. The episode ended on 2022-12-31 is not carried into 2023.
    const h1 = await outcomeReport(db, { period: '2022-H1', codebook: 'sus', minCell: 5 });
    expect(h1.flow).toMatchObject({ participated: 101, ended: 60, carriedOver: 0, started: 101 });
    // Started on 2023-07-01 (and one later) count as started in the second half, not the first.
    const h2 = await outcomeReport(db, { period: '2023-H2', codebook: 'sus', minCell: 5 });
    expect(h2.flow.started).toBe(2);
    const july = await outcomeReport(db, { period: '2023-07-01..2023-07-01', codebook: 'sus', minCell: 5 });
    expect(july.flow.started).toBe(1);
    const year = await outcomeReport(db, { year: 2023, codebook: 'sus', minCell: 5 });
    const h1of2023 = await outcomeReport(db, { period: '2023-H1', codebook: 'sus', minCell: 5 });
    // Starts and ends of the two halves add up to the year's.
    expect(h1of2023.flow.started + h2.flow.started).toBe(year.flow.started);
    expect(h1of2023.flow.ended + h2.flow.ended).toBe(year.flow.ended);
    expect(year.flow.carriedOver).toBe(h1of2023.flow.carriedOver);
  });

  it('rejects a period it cannot read, saying which forms it takes', async () => {
    const res = await cli(['outcomes', '--period', 'HT 23', '--json'], { FINSAM_DB: file });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/"HT 23" är ingen period.*2023-H1/);
    const both = await cli(['outcomes', '--period', '2023', '--year', '2023', '--json'], { FINSAM_DB: file });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/antingen --period eller --year/);
  });

  it('gives the same on the page, from the picker and from a period key', async () => {
    const { app } = await testApp({ codebook: 'sus' }, { db });
    const { agent } = await signIn(app, db);
    const fromPicker = await agent.get('/kansli/utfall.json?ar=2023&del=H1');
    expect(fromPicker.status).toBe(200);
    expectPublishedHalfYear(fromPicker.body as OutcomeReport);
    const fromKey = await agent.get('/kansli/utfall.json?period=2023-01-01..2023-06-30');
    expectPublishedHalfYear(fromKey.body as OutcomeReport);
    const custom = await agent.get('/kansli/utfall.json?del=intervall&fran=2023-01-01&till=2023-06-30');
    expectPublishedHalfYear(custom.body as OutcomeReport);
    const page = await agent.get('/kansli/utfall?ar=2023&del=H1');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Januari–juni 2023');
    expect(page.text).toMatch(/<option value="H1" selected>/);
    // Since start: from the register's first start date to today.
    const first = await db.first<{ d: string }>('SELECT MIN(start_date) AS d FROM episodes');
    const since = await agent.get('/kansli/utfall.json?del=sedan-start');
    expect(since.body.period).toMatchObject({ key: 'sedan-start', from: first!.d });
    expect(since.body.flow.participated).toBe(583);
    const bad = await agent.get('/kansli/utfall.json?del=intervall&fran=2023-06-30&till=2023-01-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/slutar .* före den börjar/);
  });
});
