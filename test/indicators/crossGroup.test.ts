import { GROUP_ORDER } from '../../analysis/crossGroup.js';
import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers.js';
import { crossGroupFor, indicatorKeys, nationalExport } from '../../server/indicators/crossGroup.js';
import { importNational } from '../../server/indicators/national.js';
import { fisherExactTwoSided } from '../../analysis/stats.js';
import { answers, crossGroupSurveys, KEY, seedCrossGroup } from './crossGroupFixture.js';

const surveys = crossGroupSurveys();

describe('one indicator across respondent groups', () => {
  it('lists the shared keys with the questionnaires that ask them, labelled by the first one', () => {
    const key = indicatorKeys(surveys).find((k) => k.key === KEY)!;
    // Every questionnaire that asks the key (the shipped ones for board, managers and partners too),
    // in the annual reports' order: board, managers, staff …, not the ids'.
    const pairs = key.groups.map((g) => [g.instrument, g.respondentGroup]);
    for (const p of [
      ['test-styrelse', 'styrelse'],
      ['test-chefer', 'chefer-i-samverkan'],
      ['nns-personal', 'insatspersonal'],
      ['nns-styrelse', 'styrelse'],
    ])
      expect(pairs).toContainEqual(p);
    const ranks = key.groups.map((g) => GROUP_ORDER.indexOf(g.respondentGroup));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // Labelled by the question text of the first questionnaire in that order.
    const first = key.groups[0]!;
    expect(key.text).toBe(surveys.get(first.instrument)!.questions.find((q) => q.id === first.questionId)!.text);
    expect(indicatorKeys(surveys).map((k) => k.key)).toContain('deltagare-nytta');
  });

  it('shows each group as its own results do, hides a group under k and then both averages', async () => {
    const db = await freshDb();
    await seedCrossGroup(db);
    const r = await crossGroupFor(db, surveys, { indicator: KEY, period: '2024', count: 2 }, 5);
    expect(r.periods.map((p) => p.period.key)).toEqual(['2023', '2024']);
    const [y2023, y2024] = r.periods;
    const cell = (p: typeof y2023, id: string) => p!.cells.find((c) => c.instrument === id)!;
    expect(cell(y2024, 'test-styrelse')).toMatchObject({ status: 'shown', respondents: 10, n: 10, positive: 9, percent: 90 });
    expect(cell(y2024, 'test-styrelse').ci95).not.toBeNull();
    expect(cell(y2024, 'test-chefer')).toMatchObject({ status: 'shown', n: 6, positive: 4, percent: 67 });
    // Staff 2024: 3 respondents, fewer than k = 5: hidden, n included.
    expect(cell(y2024, 'nns-personal')).toMatchObject({ status: 'hidden', n: null, positive: null, percent: null, respondents: null });
    // A hidden group: neither average (the pooled n minus the shown ones would give it away).
    expect(y2024!.unweighted.percent).toBeNull();
    expect(y2024!.weighted).toMatchObject({ n: null, positive: null, percent: null, previous: null });
    // Board against the year before: 9/10 against 6/8 with Fisher's exact test.
    expect(cell(y2024, 'test-styrelse').previous).toMatchObject({ n: 8, percent: 75, diffPoints: 15 });
    expect(cell(y2024, 'test-styrelse').previous!.fisherP).toBeCloseTo(fisherExactTwoSided(9, 1, 6, 2), 10);
    // 2023: all three shown: unweighted (75 + 100 + 75) / 3 = 83.3 → 83; weighted 17/21 = 81 %.
    expect(y2023!.cells.map((c) => c.percent)).toEqual([75, 100, 75]); // board, managers, staff
    expect(y2023!.unweighted).toMatchObject({ percent: 83, groups: 3 });
    expect(y2023!.weighted).toMatchObject({ n: 21, positive: 17, percent: 81 });
  });

  it('gives the averages when every group is shown, and compares the weighted one with the year before', async () => {
    const db = await freshDb();
    await seedCrossGroup(db);
    // Two more staff answers in 2024 (both positive): 4 of 5, shown.
    await answers(db, 'nns-personal', 'FINSAM-team', 2024, 2, 2);
    const r = await crossGroupFor(db, surveys, { indicator: KEY, period: '2024' }, 5);
    expect(r.periods).toHaveLength(1);
    const p = r.periods[0]!;
    expect(p.cells.map((c) => [c.instrument, c.n, c.percent])).toEqual([
      ['test-styrelse', 10, 90],
      ['test-chefer', 6, 67],
      ['nns-personal', 5, 80],
    ]);
    // (80 + 67 + 90) / 3 = 79.0; pooled (4 + 4 + 9) / (5 + 6 + 10) = 17/21 = 80.95 → 81.
    expect(p.unweighted.percent).toBe(79);
    expect(p.weighted).toMatchObject({ n: 21, positive: 17, percent: 81 });
    // 2023 pooled 17/21 as well: no change.
    expect(p.weighted.previous).toMatchObject({ n: 21, percent: 81, diffPoints: 0, significant: false });
  });

  it('leaves out a group without answers, and averages only two or more groups', async () => {
    const db = await freshDb();
    await seedCrossGroup(db);
    const staffOnly = await crossGroupFor(db, surveys, { indicator: KEY, period: '2023', insats: 'FINSAM-team' }, 5);
    const p = staffOnly.periods[0]!;
    // Board and managers have no answers for this insats in the period: they are left out altogether.
    expect(p.cells.map((c) => c.instrument)).toEqual(['nns-personal']);
    expect(staffOnly.groups.map((g) => g.instrument)).toEqual(['nns-personal']);
    expect(p.cells.find((c) => c.instrument === 'nns-personal')).toMatchObject({ status: 'shown', percent: 75 });
    expect(p.unweighted).toMatchObject({ percent: null, groups: 1 });
    expect(p.weighted.percent).toBeNull();
  });

  it('shows the national reference for the key, year and group', async () => {
    const db = await freshDb();
    await seedCrossGroup(db);
    const file = `Indikator;År;Grupp;Andel positiva (%);Antal svarande\n${KEY};2024;Styrelse;78,5;1200\n${KEY};2023;styrelse;70;\n`;
    expect(await importNational(db, surveys, Buffer.from(file), 'admin')).toMatchObject({ ok: true, imported: 2 });
    const r = await crossGroupFor(db, surveys, { indicator: KEY, period: '2024', count: 2 }, 5);
    const board = (i: number) => r.periods[i]!.cells.find((c) => c.instrument === 'test-styrelse')!;
    expect(board(1).national).toEqual({ percent: 78.5, n: 1200 });
    expect(board(0).national).toEqual({ percent: 70, n: null });
    expect(r.periods[1]!.cells.find((c) => c.instrument === 'test-chefer')!.national).toBeNull();
    // A half-year has no national figure (they are yearly).
    const half = await crossGroupFor(db, surveys, { indicator: KEY, period: '2024-H1' }, 5);
    expect(half.periods[0]!.cells.every((c) => c.national === null)).toBe(true);
  });

  it('refuses an unknown key and a period count outside 1–5', async () => {
    const db = await freshDb();
    await expect(crossGroupFor(db, surveys, { indicator: 'finns-inte', period: '2024' }, 5)).rejects.toMatchObject({ status: 404 });
    await expect(crossGroupFor(db, surveys, { indicator: KEY, period: '2024', count: 6 }, 5)).rejects.toMatchObject({ status: 400 });
  });
});

describe('export for national compilation', () => {
  it('gives counts per key, group and year, with a hidden cell empty', async () => {
    const db = await freshDb();
    await seedCrossGroup(db);
    const rows = (await nationalExport(db, surveys, 2024, 5)).filter((r) => r.indicator === KEY);
    expect(rows.map((r) => [r.instrument, r.respondents, r.n, r.positive])).toEqual([
      ['test-styrelse', 10, 10, 9],
      ['test-chefer', 6, 6, 4],
      ['nns-personal', null, null, null],
    ]);
    // Nobody answered "lyssnar": counted, with n 0.
    const lyssnar = (await nationalExport(db, surveys, 2024, 5)).filter((r) => r.indicator === 'samverkan-lyssnar');
    expect(lyssnar.find((r) => r.instrument === 'test-styrelse')).toMatchObject({ respondents: 10, n: 0, positive: 0 });
    // A year without answers has no rows.
    expect(await nationalExport(db, surveys, 2020, 5)).toEqual([]);
  });
});
