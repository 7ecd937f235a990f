import { describe, expect, it } from 'vitest';
import { cli, freshDb, makeRound, surveys } from '../helpers.js';
import { createSubmissionWriter } from '../../server/survey/submissions.js';
import { indicatorsFor } from '../../server/indicators/service.js';
import { importOutcomes } from '../../server/followup/importer.js';
import type { Db } from '../../server/db/database.js';
import type { Gender } from '../../surveys/types.js';

let seq = 0;
async function answer(db: Db, roundId: number, gender: Gender, answers: Record<string, string>) {
  const writer = createSubmissionWriter(db);
  await writer.submit({
    roundId,
    instrumentVersion: 1,
    date: '2024-06-01',
    nonce: `nonce-for-tests-${String(seq++).padStart(8, '0')}`,
    gender,
    answers: Object.entries({ ...(gender !== 'annat' ? { kon: gender } : {}), ...answers }).map(([questionId, value]) => ({
      questionId,
      value,
    })),
    texts: [],
  });
}

describe('indicators for a selection', () => {
  it('counts share positive, n and gender split from the stored answers', async () => {
    const db = await freshDb();
    const round = await makeRound(db, { period: '2024', invited: 20 });
    // nytta: women 4,5,6,1,2,6 (4 positive of 6); men 6,6,3,4,5 (4 of 5); 'annat' 2 answers
    for (const v of ['4', '5', '6', '1', '2', '6']) await answer(db, round.id, 'kvinna', { nytta: v });
    for (const v of ['6', '6', '3', '4', '5']) await answer(db, round.id, 'man', { nytta: v });
    await answer(db, round.id, 'annat', { nytta: '5' });
    await answer(db, round.id, 'annat', {}); // skipped the question
    const r = await indicatorsFor(db, surveys, { roundId: round.id }, 5);
    expect(r.respondents).toBe(13);
    expect(r.responseRate).toEqual({ respondents: 13, invited: 20, percent: 65 });
    const nytta = r.questions.find((q) => q.id === 'nytta')!;
    expect(nytta.n).toBe(12);
    expect(nytta.positive).toBe(9);
    expect(nytta.percent).toBe(75);
    expect(nytta.byGender.women).toMatchObject({ n: 6, positive: 4, percent: 67, suppressed: false });
    // Annat (1 answer) is hidden, and so are the men (the smaller of women and men): otherwise
    // 12 − 6 − 5 gives the annat answer (no exception for the third bucket, docs/disclosure.md).
    expect(nytta.byGender.men).toMatchObject({ n: null, positive: null, percent: null, suppressed: true });
    expect(nytta.byGender.other).toMatchObject({ n: null, percent: null, suppressed: true });
    // Nobody answered 'tid': no figure, nothing to hide.
    expect(r.questions.find((q) => q.id === 'tid')!.n).toBe(0);
    // Free text and the gender question itself are not indicators.
    expect(r.questions.find((q) => q.id === 'skillnad')).toBeUndefined();
  });

  it('suppresses a selection with fewer than k respondents, totals included', async () => {
    const db = await freshDb();
    const round = await makeRound(db);
    for (const v of ['4', '5', '6', '1']) await answer(db, round.id, 'kvinna', { nytta: v });
    const r = await indicatorsFor(db, surveys, { roundId: round.id }, 5);
    const nytta = r.questions.find((q) => q.id === 'nytta')!;
    expect(nytta).toMatchObject({ suppressed: true, percent: null, positive: null, ci95: null });
  });

  it('counts the follow-up only among those it was shown to', async () => {
    const db = await freshDb();
    const round = await makeRound(db);
    for (let i = 0; i < 6; i++) await answer(db, round.id, 'kvinna', { behov_kontakt: 'ja', stod_kontakt: i < 5 ? '5' : '2' });
    for (let i = 0; i < 4; i++) await answer(db, round.id, 'man', { behov_kontakt: 'nej' });
    const r = await indicatorsFor(db, surveys, { roundId: round.id }, 5);
    // The need question is a distribution (Ja 6, Nej 4), never a share "positive".
    const need = r.questions.find((q) => q.id === 'behov_kontakt')!;
    expect(need).toMatchObject({ role: 'need', n: 10, positive: null, percent: null });
    expect(need.distribution.map((d) => [d.label, d.count])).toEqual([
      ['Ja', 6],
      ['Nej', 4],
    ]);
    expect(r.questions.find((q) => q.id === 'stod_kontakt')).toMatchObject({ n: 6, positive: 5, percent: 83 });
  });

  it('compares with the previous year for the same insats and questionnaire', async () => {
    const db = await freshDb();
    const prev = await makeRound(db, { period: '2023' });
    const now = await makeRound(db, { period: '2024' });
    for (let i = 0; i < 20; i++) await answer(db, prev.id, 'kvinna', { nytta: i < 6 ? '5' : '2' }); // 30 %
    for (let i = 0; i < 20; i++) await answer(db, now.id, 'kvinna', { nytta: i < 16 ? '5' : '2' }); // 80 %
    const r = await indicatorsFor(db, surveys, { year: 2024, insats: 'FINSAM-team', instrument: 'nns-deltagare-avslut' }, 5);
    const nytta = r.questions.find((q) => q.id === 'nytta')!;
    expect(nytta.previous).toMatchObject({ percent: 30, diffPoints: 50, significant: true });
    // Fisher's exact two-sided p for [[16,4],[6,14]], summed by hand over the hypergeometric tables: 0.0036410
    expect(nytta.previous!.fisherP).toBeCloseTo(0.003641, 5);
  });

  it('derives invited for a participant-avslut round from the participants who ended in its period', async () => {
    const db = await freshDb();
    const csv = [
      'Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak',
      'FINSAM-team;A1;Kvinna;1990;;;;;2024-01-10;2024-03-01;Arbete',
      'FINSAM-team;A2;Man;1985;;;;;2024-01-10;2024-05-01;Studier',
      'FINSAM-team;A3;Man;1985;;;;;2024-01-10;2024-07-01;Övrigt',
      'FINSAM-team;A4;Man;1985;;;;;2024-01-10;;',
      'Novum;B1;Kvinna;1985;;;;;2024-01-10;2024-04-01;Arbete',
    ].join('\n');
    const imported = await importOutcomes(db, { buffer: Buffer.from(csv), fileName: 'f.csv', codebook: 'standard' });
    expect(imported.ok).toBe(true);
    const round = await makeRound(db, { period: 'Vår 2024', opensOn: '2024-01-01', closesOn: '2024-06-30' });
    await answer(db, round.id, 'kvinna', { nytta: '5' });
    const r = await indicatorsFor(db, surveys, { roundId: round.id }, 5);
    // One respondent is below k: the count and the rate (which would give it away) are hidden.
    expect(r.rounds[0]).toMatchObject({ invited: 2, invitedSource: 'derived', respondents: null, percent: null });
    expect(r.responseRate).toEqual({ respondents: null, invited: 2, percent: null });
    // A staff round without an invited count has no response rate.
    const staff = await makeRound(db, { instrumentId: 'nns-personal' });
    const s = await indicatorsFor(db, surveys, { roundId: staff.id }, 5);
    expect(s.responseRate.invited).toBeNull();
    expect(s.responseRate.percent).toBeNull();
  });
});

describe('finsam indicators, report and targets', () => {
  it('serves the JSON contract and evaluates targets in the merged report', async () => {
    const { tempDbPath } = await import('../helpers.js');
    const file = tempDbPath();
    const db = await freshDb(file);
    const round = await makeRound(db, { period: '2024', invited: 30 });
    for (let i = 0; i < 10; i++) await answer(db, round.id, i < 6 ? 'kvinna' : 'man', { nytta: i < 8 ? '5' : '1' });
    await db.close();
    const env = { FINSAM_DB: file };
    const ind = await cli(['indicators', '--round', String(round.id), '--json'], env);
    expect(ind.code).toBe(0);
    const json = JSON.parse(ind.stdout);
    expect(json.respondents).toBe(10);
    expect(json.responseRate).toEqual({ respondents: 10, invited: 30, percent: 33 });
    const q = json.questions.find((x: { id: string }) => x.id === 'nytta');
    for (const key of ['id', 'n', 'positive', 'percent', 'suppressed', 'ci95', 'distribution', 'byGender']) expect(q).toHaveProperty(key);
    expect(q).toMatchObject({ n: 10, positive: 8, percent: 80, suppressed: false });
    expect(q.ci95).toEqual([49, 94.3]);
    expect(Object.keys(q.byGender)).toEqual(['women', 'men', 'other']);

    const byYear = await cli(['indicators', '--year', '2024', '--insats', 'finsam-team', '--json'], env);
    expect(JSON.parse(byYear.stdout).map((r: { selection: { instrument: string } }) => r.selection.instrument)).toEqual([
      'nns-deltagare-avslut',
    ]);

    const set1 = await cli(
      [
        'target',
        'set',
        '--year',
        '2024',
        '--insats',
        'FINSAM-team',
        '--metric',
        'positive',
        '--instrument',
        'nns-deltagare-avslut',
        '--question',
        'nytta',
        '--value',
        '80',
      ],
      env,
    );
    expect(set1.code).toBe(0);
    await cli(
      [
        'target',
        'set',
        '--year',
        '2024',
        '--insats',
        'FINSAM-team',
        '--metric',
        'response-rate',
        '--instrument',
        'nns-deltagare-avslut',
        '--value',
        '50%',
      ],
      env,
    );
    await cli(
      [
        'target',
        'set',
        '--year',
        '2024',
        '--insats',
        'FINSAM-team',
        '--metric',
        'respondents',
        '--instrument',
        'nns-deltagare-avslut',
        '--value',
        '10,5',
      ],
      env,
    );
    const bad = await cli(
      [
        'target',
        'set',
        '--year',
        '2024',
        '--insats',
        'FINSAM-team',
        '--metric',
        'positive',
        '--instrument',
        'nns-deltagare-avslut',
        '--question',
        'skillnad',
        '--value',
        '80',
      ],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/fråga med svarsskala/);

    const report = JSON.parse((await cli(['report', '--year', '2024', '--insats', 'FINSAM-team', '--json'], env)).stdout);
    const insats = report.insatser[0];
    expect(insats.insats).toBe('FINSAM-team');
    expect(insats.surveys[0].responseRate.percent).toBe(33);
    const byMetric = Object.fromEntries(insats.targets.map((t: { metric: string }) => [t.metric, t]));
    expect(byMetric.positive).toMatchObject({ target: 80, outcome: 80, difference: 0, attainment: 'God' });
    // 33 % against 50 %: 17 points short → beyond the partial margin of 15.
    expect(byMetric['response-rate']).toMatchObject({ target: 50, outcome: 33, difference: -17, attainment: 'Ej uppfyllt' });
    // 10 against 10.5: short by 4.8 % of the target → God.
    expect(byMetric.respondents).toMatchObject({ outcome: 10, attainment: 'God' });

    const list = JSON.parse((await cli(['target', 'list', '--year', '2024', '--insats', 'FINSAM-team'], env)).stdout);
    expect(list).toHaveLength(3);
    const removed = await cli(['target', 'remove', String(list[0].id)], env);
    expect(removed.code).toBe(0);
    expect(JSON.parse((await cli(['target', 'list', '--year', '2024', '--insats', 'FINSAM-team'], env)).stdout)).toHaveLength(2);
  });

  it('rejects unknown selections with a clear message', async () => {
    const { tempDbPath } = await import('../helpers.js');
    const env = { FINSAM_DB: tempDbPath() };
    const r1 = await cli(['indicators', '--round', '999', '--json'], env);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/Enkätomgång 999 finns inte/);
    const r2 = await cli(['outcomes', '--year', '2024', '--insats', 'Ingen', '--json'], env);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/finns inte/);
    const r3 = await cli(['report', '--year', 'tjugo', '--json'], env);
    expect(r3.code).toBe(2);
    const r4 = await cli(['report', '--year', '2024', '--codebook', 'okänd', '--json'], env);
    // The förbund total is always reported, so even with no insatser yet an unknown code book is named.
    expect(r4.code).toBe(1);
    expect(r4.stderr).toMatch(/kodbok|Kodbok/);
    await cli(['insats', 'add', 'Novum'], env);
    const r5 = await cli(['report', '--year', '2024', '--codebook', '/finns/inte.json', '--json'], env);
    expect(r5.code).toBe(1);
    expect(r5.stderr).toMatch(/kodbok|Kodbok/);
  });
});
