// Targets as the förbund write them (docs/rules.md "Måluppfyllelse"), against the public 2024 register.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { saveTarget, setManualOutcome, setVerdict } from '../../server/targets/store.js';
import { mergedReport } from '../../server/report/merged.js';
import { findInsatsByName } from '../../server/survey/rounds.js';
import { cli, freshDb, surveys, tempDbPath } from '../helpers.js';
import { testConfig } from '../../server/config.js';
import { outcomeReport } from '../../server/outcomes/report.js';
import { metricOutcome, summedTablePercent } from '../../analysis/targets.js';

const FIXTURE = new URL('../fixtures/insatsuppfoljning-2024.csv', import.meta.url);

describe('targets on the public 2024 register', () => {
  const file = tempDbPath();
  let db: Db;
  const ids: Record<string, number> = {};
  const deps = () => ({ db, surveys, config: testConfig() });
  const targetsOf = async (insats: string, config = testConfig()) =>
    (await mergedReport({ db, surveys, config }, 2024, insats)).insatser[0]!.targets;

  beforeAll(async () => {
    db = await freshDb(file);
    const r = await importOutcomes(db, { buffer: fs.readFileSync(FIXTURE), fileName: 'u.csv', codebook: 'standard', actor: 't' });
    expect(r).toMatchObject({ ok: true });
    for (const name of ['FINSAM-team', 'Aktivitetsplatsen', 'Novum']) ids[name] = (await findInsatsByName(db, name))!.id;
  });
  afterAll(() => db.close());

  it('takes the women share among starters or among all participants, and says which', async () => {
    await saveTarget(db, surveys, { insatsId: ids['FINSAM-team']!, period: 2024, metric: 'women-share', value: 57 });
    await saveTarget(db, surveys, {
      insatsId: ids['FINSAM-team']!,
      period: 2024,
      metric: 'women-share',
      params: { population: 'participated' },
      value: 57,
    });
    const t = await targetsOf('FINSAM-team');
    expect(t.map((x) => [x.label, x.outcome])).toEqual([
      ['Andel kvinnor bland nya deltagare', 57],
      ['Andel kvinnor bland alla deltagare', 60],
    ]);
    const report = await mergedReport(deps(), 2024, 'FINSAM-team');
    const flow = report.insatser[0]!.outcomes.flow;
    expect([flow.byGender.women.started, flow.started, flow.byGender.women.participated, flow.participated]).toEqual([44, 77, 126, 209]);
  });

  it('grades a share outside a 40–60 band by its distance to the band', async () => {
    await saveTarget(db, surveys, {
      insatsId: ids.Aktivitetsplatsen!,
      period: 2024,
      metric: 'women-share',
      mode: 'band',
      value: 40,
      valueHigh: 60,
    });
    const [t] = await targetsOf('Aktivitetsplatsen');
    expect(t).toMatchObject({ mode: 'band', target: 40, targetHigh: 60, outcome: 76, difference: 16 });
    expect(t!.attainment).not.toBe('God');
    expect(t!.grade).toBe('not');
    expect(t!.rule).toMatch(/^Inom 40–60 %/);
  });

  it('gives the self-referral share among starters', async () => {
    await saveTarget(db, surveys, {
      insatsId: ids.Novum!,
      period: 2024,
      metric: 'referrer-share',
      params: { referrers: ['egen anmälan'] },
      value: 20,
    });
    const [t] = await targetsOf('Novum');
    expect(t).toMatchObject({ label: 'Andel nya deltagare från egen anmälan', outcome: 2 });
  });

  it('uses the förbund’s own grade names, or none at all', async () => {
    const named = await targetsOf('Aktivitetsplatsen', { ...testConfig(), gradeNames: ['Uppfyllt', 'Godtagbart', 'Ej uppfyllt'] });
    expect(named[0]!.attainment).toBe('Ej uppfyllt');
    const none = await targetsOf('Aktivitetsplatsen', { ...testConfig(), gradeNames: null });
    expect(none[0]).toMatchObject({ attainment: null, outcome: 76, difference: 16, rule: 'Ingen bedömning (förbundets val).' });
  });

  it('shows an outcome entered by hand, a share of a total or a text, and an overall verdict', async () => {
    const t = await saveTarget(db, surveys, {
      insatsId: ids.Novum!,
      period: 2024,
      metric: 'manual',
      params: { unit: 'percent' },
      value: 80,
      label: 'Andel inkluderade i studien',
    });
    await setManualOutcome(db, t.id, { value: 202, of: 240 }, 'anna', '2025-01-15');
    const u = await saveTarget(db, surveys, {
      insatsId: ids.Novum!,
      period: 2024,
      metric: 'positive',
      params: { instrument: 'nns-deltagare-avslut', question: 'nytta' },
      value: 80,
    });
    await setManualOutcome(db, u.id, { value: null, text: 'Okänt, då antal besvarade enkäter varit för få' }, 'anna', '2025-01-15');
    await setVerdict(db, ids.Novum!, '2024', 'Insatsen har i huvudsak nått sina mål.', 'anna', '2025-01-15');
    const report = (await mergedReport(deps(), 2024, 'Novum')).insatser[0]!;
    const manual = report.targets.find((x) => x.id === t.id)!;
    expect(manual).toMatchObject({ outcome: 84, outcomeSource: 'manual', attainment: 'God', manual: { value: 202, of: 240, by: 'anna' } });
    const text = report.targets.find((x) => x.id === u.id)!;
    expect(text).toMatchObject({ outcome: null, attainment: null, note: 'Okänt, då antal besvarade enkäter varit för få' });
    expect(report.verdict).toMatchObject({ verdict: 'Insatsen har i huvudsak nått sina mål.', by: 'anna' });
  });

  it('explains where a grouped share differs from adding the table’s rounded rows (61/348 = 18 %, table 10 % + 7 %)', async () => {
    const all = await outcomeReport(db, { year: 2024, codebook: 'standard', minCell: 5 });
    const params = { reasons: ['Arbete', 'Studier'] };
    expect(metricOutcome('reasons', params, { outcomes: all, surveys: {} })).toBe(18);
    expect(summedTablePercent(params, all)).toBe(17);
    // One reason alone never differs from its own row.
    expect(summedTablePercent({ reasons: ['Arbete'] }, all)).toBeNull();
  });

  it('sets a band, a change and a shrinking gap from the command line', async () => {
    const env = { FINSAM_DB: file };
    const band = await cli(
      [
        'target',
        'set',
        '--year',
        '2024',
        '--insats',
        'Aktivitetsplatsen',
        '--metric',
        'men-share',
        '--population',
        'started',
        '--band',
        '40-60',
      ],
      env,
    );
    expect(band.stderr).toBe('');
    expect(JSON.parse(band.stdout)).toMatchObject({ mode: 'band', value: 40, valueHigh: 60, params: { population: 'started' } });
    const change = await cli(['target', 'set', '--period', '2024', '--insats', 'Novum', '--metric', 'started', '--change', '+10 %'], env);
    expect(JSON.parse(change.stdout)).toMatchObject({ mode: 'change', value: 10, changeUnit: 'percent' });
    const gap = await cli(
      ['target', 'set', '--period', '2024', '--insats', 'Novum', '--metric', 'gender-gap', '--of', 'work-or-studies', '--shrinks'],
      env,
    );
    expect(JSON.parse(gap.stdout)).toMatchObject({ mode: 'shrink', params: { of: 'work-or-studies' } });
    const twice = await cli(
      ['target', 'set', '--period', '2024', '--insats', 'Novum', '--metric', 'started', '--value', '5', '--band', '1-2'],
      env,
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/Ange målet på ett sätt/);
    const list = JSON.parse((await cli(['target', 'list', '--period', '2024', '--insats', 'Novum', '--json'], env)).stdout);
    const started = list.find((x: { metric: string }) => x.metric === 'started');
    // Nobody started in Novum in 2023: a change in percent of 0 cannot be counted, and the rule says so.
    expect(started).toMatchObject({ target: null, previous: 0, attainment: null });
    expect(started.rule).toMatch(/går inte att räkna när det årets utfall är 0/);
    const manual = await cli(['target', 'outcome', String(started.id), '--manual', '101 av 125'], env);
    expect(JSON.parse(manual.stdout)).toMatchObject({ manual: { value: 101, of: 125, by: 'kommandoraden' } });
    const entry = await db.first<{ user_name: string; details: string }>(
      "SELECT * FROM audit_log WHERE action = 'target.outcome' ORDER BY id DESC",
    );
    expect(entry).toMatchObject({ user_name: 'kommandoraden' });
  });
});

describe('time in the insats as a target', () => {
  it('takes the mean months of the ended, at most', async () => {
    const db = await freshDb();
    const { HEADER } = await import('../followup/helpers.js');
    // Five ended in 2024 after about 6, 12, 12, 12 and 18 months.
    const rows = [
      'Alfa;A-1;Kvinna;1990;;;;;2023-12-01;2024-06-01;Arbete',
      'Alfa;A-2;Kvinna;1990;;;;;2023-06-01;2024-05-31;Arbete',
      'Alfa;A-3;Man;1990;;;;;2023-07-01;2024-06-30;Arbete',
      'Alfa;A-4;Man;1990;;;;;2023-08-01;2024-07-31;Arbete',
      'Alfa;A-5;Kvinna;1990;;;;;2023-03-01;2024-08-31;Arbete',
    ];
    await importOutcomes(db, { buffer: Buffer.from([HEADER, ...rows].join('\n')), fileName: 'a.csv', codebook: 'standard', actor: 't' });
    const insats = (await findInsatsByName(db, 'Alfa'))!;
    await saveTarget(db, surveys, { insatsId: insats.id, period: 2024, metric: 'time-in-insats', value: 10, direction: 'atMost' });
    const [t] = (await mergedReport({ db, surveys, config: testConfig() }, 2024, 'Alfa')).insatser[0]!.targets;
    const o = (await mergedReport({ db, surveys, config: testConfig() }, 2024, 'Alfa')).insatser[0]!.outcomes.timeInInsats.total;
    expect(t).toMatchObject({ label: 'Genomsnittlig tid i insatsen för avslutade (månader)', outcome: o.meanMonths, direction: 'atMost' });
    expect(o.meanMonths).toBeGreaterThan(11.5);
    // About 1.9 months over a target of at most 10: more than 5 % of it, within 25 % → partial.
    expect(t!.grade).toBe('partial');
    await db.close();
  });
});
