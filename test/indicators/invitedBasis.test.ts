// The basis of a response rate (docs/rules.md "Svarsfrekvens"): stated per round, shown with the
// rate, and never a rate above 100 %.
import { describe, expect, it } from 'vitest';
import { importOutcomes } from '../../server/followup/importer.js';
import { indicatorsFor } from '../../server/indicators/service.js';
import { setRoundInvited } from '../../server/survey/rounds.js';
import { responseRateTable } from '../../analysis/reportTables.js';
import { cli, freshDb, makeRound, surveys, tempDbPath } from '../helpers.js';
import { addResponses, many } from '../disclosure/helpers.js';
import { HEADER } from '../followup/helpers.js';

const INSTRUMENT = 'nns-deltagare-avslut';

async function setUp(file = tempDbPath()) {
  const db = await freshDb(file);
  // Alfa in 2024: P-1 twice (two episodes, one person), P-2..P-5 ended; P-6 and P-7 still enrolled.
  const rows = [
    'Alfa;P-1;Kvinna;1990;;;;;2023-05-01;2024-02-01;Arbete',
    'Alfa;P-1;Kvinna;1990;;;;;2024-03-01;2024-09-01;Arbete',
    ...[2, 3, 4, 5].map((i) => `Alfa;P-${i};Man;1990;;;;;2024-01-0${i};2024-06-0${i};Studier`),
    'Alfa;P-6;Kvinna;1990;;;;;2024-04-01;;',
    'Alfa;P-7;Man;1990;;;;;2023-04-01;;',
  ];
  expect(
    await importOutcomes(db, { buffer: Buffer.from([HEADER, ...rows].join('\n')), fileName: 'a.csv', codebook: 'standard', actor: 't' }),
  ).toMatchObject({
    ok: true,
  });
  const round = await makeRound(db, { insats: 'Alfa', period: '2024', instrumentId: INSTRUMENT });
  await addResponses(
    db,
    round.id,
    Array.from({ length: 7 }, (_, i) => ({ gender: i % 2 ? 'man' : 'kvinna', answers: { nytta: '4' } })),
  );
  return { db, round, file };
}

const rate = async (db: Awaited<ReturnType<typeof setUp>>['db']) =>
  (await indicatorsFor(db, surveys, { year: 2024, insats: 'Alfa', instrument: INSTRUMENT }, 5)).rounds[0]!;

describe('response-rate basis', () => {
  it('counts each participant once, and shows no rate but a warning when answers exceed the ended', async () => {
    const { db } = await setUp();
    const r = await rate(db);
    // Five people ended in 2024 (P-1 twice), seven answered.
    expect(r).toMatchObject({ invited: 5, invitedBasis: 'ended', basisLabel: 'deltagare som avslutats under omgången', percent: null });
    expect(r.warning).toMatch(/Fler har svarat än antalet deltagare som avslutats.*Ingen svarsfrekvens visas.*Ange/);
    const csv = responseRateTable([r]);
    expect(csv.rows[0]).toContain('deltagare som avslutats under omgången');
    expect(String(csv.rows[0]!.at(-1))).toMatch(/Ingen svarsfrekvens visas/);
    // No rate for the selection either.
    expect((await indicatorsFor(db, surveys, { year: 2024, insats: 'Alfa', instrument: INSTRUMENT }, 5)).responseRate.percent).toBeNull();
  });

  it('takes the enrolled during the round, an entered count or a subgroup instead', async () => {
    const { db, round } = await setUp();
    await setRoundInvited(db, round.id, null, { basis: 'enrolled' });
    expect(await rate(db)).toMatchObject({ invited: 7, invitedBasis: 'enrolled', percent: 100, warning: null });
    await setRoundInvited(db, round.id, 10);
    expect(await rate(db)).toMatchObject({ invited: 10, invitedBasis: 'entered', percent: 70, basisLabel: 'angivet antal tillfrågade' });
    await setRoundInvited(db, round.id, 8, { basis: 'subgroup', note: 'lotsade deltagare' });
    expect(await rate(db)).toMatchObject({ invited: 8, percent: 88, basisLabel: 'delgrupp: lotsade deltagare' });
    await expect(setRoundInvited(db, round.id, 8, { basis: 'subgroup' })).rejects.toThrow(/Skriv vilken delgrupp/);
    await expect(setRoundInvited(db, round.id, 8, { basis: 'ended' })).rejects.toThrow(/räknas fram: lämna antalet tomt/);
    // A failed change changes nothing.
    expect(await rate(db)).toMatchObject({ invited: 8, basisLabel: 'delgrupp: lotsade deltagare' });
  });

  it('derives a round during the insats from those enrolled during it, without anything entered', async () => {
    const { db } = await setUp();
    const during = await makeRound(db, { insats: 'Alfa', period: '2024', instrumentId: 'nns-deltagare-pagaende' });
    await addResponses(db, during.id, [...many(3, 'kvinna'), ...many(3, 'man')]);
    const r = (await indicatorsFor(db, surveys, { year: 2024, insats: 'Alfa', instrument: 'nns-deltagare-pagaende' }, 3)).rounds[0]!;
    // Seven people were enrolled at some time in 2024 (P-1 with two episodes counts once); six answered.
    expect(r).toMatchObject({
      invited: 7,
      invitedSource: 'derived',
      invitedBasis: 'enrolled',
      basisLabel: 'deltagare inskrivna under omgången',
      percent: 86,
    });
    // An entered count still wins.
    await setRoundInvited(db, during.id, 12);
    expect((await indicatorsFor(db, surveys, { roundId: during.id }, 3)).rounds[0]).toMatchObject({ invited: 12, percent: 50 });
  });

  it('is set from the command line', async () => {
    const { file, round } = await setUp();
    const env = { FINSAM_DB: file };
    const r = await cli(['round', 'invited', String(round.id), '--invited-basis', 'enrolled'], env);
    expect(r.stderr).toBe('');
    const list = JSON.parse((await cli(['round', 'list', '--json'], env)).stdout);
    expect(list[0]).toMatchObject({ invitedBasis: 'enrolled', invited: null });
    const created = await cli(
      [
        'round',
        'create',
        '--instrument',
        INSTRUMENT,
        '--insats',
        'Alfa',
        '--period',
        'HT 2024',
        '--invited',
        '13',
        '--invited-basis',
        'subgroup',
        '--invited-note',
        'lotsade',
      ],
      env,
    );
    expect(created.stderr).toBe('');
    const bad = await cli(
      ['round', 'create', '--instrument', INSTRUMENT, '--insats', 'Alfa', '--period', '2024', '--invited-basis', 'alla'],
      env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Välj underlaget för svarsfrekvensen/);
  });
});

describe('response-rate basis on the round page', () => {
  it('saves a basis, and says in Swedish what is missing', async () => {
    const { testApp } = await import('../helpers.js');
    const { signIn } = await import('../web/helpers.js');
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const { agent, csrf } = await signIn(app, db);
    const bad = await agent
      .post(`/kansli/omgangar/${round.id}/inbjudna`)
      .type('form')
      .send({ _csrf: csrf, basis: 'subgroup', invited: '13' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Skriv vilken delgrupp antalet gäller');
    const ok = await agent
      .post(`/kansli/omgangar/${round.id}/inbjudna`)
      .type('form')
      .send({ _csrf: csrf, basis: 'subgroup', invited: '13', note: 'lotsade deltagare' });
    expect(ok.status).toBe(303);
    expect(await db.first('SELECT invited, invited_basis, invited_note FROM rounds WHERE id = ?', [round.id])).toEqual({
      invited: 13,
      invited_basis: 'subgroup',
      invited_note: 'lotsade deltagare',
    });
    const page = await agent.get(`/kansli/omgangar/${round.id}`);
    expect(page.text).toMatch(/name="basis" value="subgroup" checked/);
  });
});

describe('invited over several rounds', () => {
  it('counts each participant of an insats once, however many rounds derive it from the register', async () => {
    const { db } = await setUp();
    // A second participant round for the same insats and year (e.g. made twice by mistake).
    const again = await makeRound(db, { insats: 'Alfa', period: '2024 (kopia)', year: 2024, instrumentId: INSTRUMENT });
    await addResponses(db, again.id, [{ gender: 'kvinna', answers: { nytta: '4' } }]);
    const r = await indicatorsFor(db, surveys, { year: 2024, insats: 'Alfa', instrument: INSTRUMENT }, 5);
    // Each round's own basis is the 5 who ended in 2024; the selection's is still 5, not 10.
    expect(r.rounds.map((x) => x.invited)).toEqual([5, 5]);
    // The first round has more answers (7) than its basis: no rate for the selection, never one above 100 %.
    expect(r.responseRate.invited).toBeNull();
    expect(r.responseRate.percent).toBeNull();
    await setRoundInvited(db, r.rounds.find((x) => x.roundId !== again.id)!.roundId, 10);
    const r2 = await indicatorsFor(db, surveys, { year: 2024, insats: 'Alfa', instrument: INSTRUMENT }, 5);
    // An entered 10 plus the derived 5 of the other round.
    expect(r2.responseRate.invited).toBe(15);
    // Both derived again, with fewer answers than the basis: the selection's basis is 5, not 5 + 5.
    await setRoundInvited(db, r.rounds.find((x) => x.roundId !== again.id)!.roundId, null);
    await db.run('DELETE FROM responses WHERE id IN (SELECT id FROM responses WHERE round_id <> ? LIMIT 3)', [again.id]);
    const r3 = await indicatorsFor(db, surveys, { year: 2024, insats: 'Alfa', instrument: INSTRUMENT }, 5);
    expect(r3.rounds.map((x) => x.invited)).toEqual([5, 5]);
    expect(r3.responseRate).toMatchObject({ invited: 5, percent: 100 });
  });
});
