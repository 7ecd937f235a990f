// The disclosures measured on the old code, each through the real routes (HTML, CSV, JSON) and the
// CLI: every one of them must now be impossible (docs/disclosure.md).
import { describe, expect, it } from 'vitest';
import { cli, makeRound, testApp } from '../helpers.js';
import { signIn } from '../web/helpers.js';
import { addResponses, many } from './helpers.js';

const INSTRUMENT = 'nns-deltagare-avslut';
const known = (v: unknown): v is number => typeof v === 'number';

/** Parses one of the CSV exports (BOM, ";", CRLF) into header → column values. */
function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  const headers = head!.split(';');
  return lines.map((l) => Object.fromEntries(l.split(';').map((v, i) => [headers[i]!, v])));
}

async function setUp() {
  const t = await testApp();
  const { agent } = await signIn(t.app, t.db, 'admin');
  const insatsId = async (name: string) => (await t.db.first<{ id: number }>('SELECT id FROM insatser WHERE name = ?', [name]))!.id;
  return { ...t, agent, insatsId };
}

describe('disclosure scenarios through the routes', () => {
  it('a single annat answer is not total − women − men (JSON, CSV, HTML)', async () => {
    const { db, agent } = await setUp();
    const round = await makeRound(db, { period: '2024' });
    await addResponses(db, round.id, [...many(10, 'kvinna'), ...many(10, 'man'), ...many(1, 'annat')]);
    const q = `omgang=${round.id}`;
    const json = (await agent.get(`/kansli/resultat.json?${q}`)).body;
    const g = json.respondentsByGender;
    expect(g.other).toBeNull();
    expect([json.respondents, g.women, g.men].every(known)).toBe(false);
    const nytta = json.questions.find((x: { id: string }) => x.id === 'nytta');
    expect(nytta.byGender.other.n).toBeNull();
    expect([nytta.n, nytta.byGender.women.n, nytta.byGender.men.n].every(known)).toBe(false);
    const csv = csvRows((await agent.get(`/kansli/export/indikatorer.csv?${q}`)).text);
    const row = csv.find((r) => r['Fråga']!.startsWith('Har du fått stöd på ett sätt'))!;
    expect(row['Annat/ej angivet n']).toBe('');
    expect([row['n'], row['Kvinnor n'], row['Män n']].every((v) => v !== '')).toBe(false);
    const html = (await agent.get(`/kansli/resultat?${q}`)).text;
    expect(html).not.toMatch(/\(n = 1\)/);
    expect((html.match(/\(n = 10\)/g) ?? []).length).toBeLessThan(2 * 7); // never both women and men on a row
  });

  it('a round of 2 is not its insats-year − the insats’s other rounds', async () => {
    const { db, agent, insatsId } = await setUp();
    const small = await makeRound(db, { period: 'Vår 2024', insats: 'Novum' });
    const big = await makeRound(db, { period: 'Höst 2024', insats: 'Novum' });
    await addResponses(db, small.id, many(2, 'kvinna'));
    await addResponses(db, big.id, [...many(10, 'kvinna'), ...many(10, 'man')]);
    const year = `ar=2024&insats=${await insatsId('Novum')}&enkat=${INSTRUMENT}`;
    const insats = (await agent.get(`/kansli/resultat.json?${year}`)).body;
    const bigPage = (await agent.get(`/kansli/resultat.json?omgang=${big.id}`)).body;
    expect(known(insats.respondents) && known(bigPage.respondents)).toBe(false);
    // The response-rate table of the insats lists its rounds: the two small ones are both hidden.
    expect(insats.rounds.map((r: { respondents: number | null }) => r.respondents)).toEqual([null, null]);
    const rates = csvRows((await agent.get(`/kansli/export/svarsfrekvens.csv?${year}`)).text);
    expect(rates.map((r) => r['Svar'])).toEqual(['', '']);
    const html = (await agent.get(`/kansli/resultat?omgang=${small.id}`)).text;
    expect(html).not.toMatch(/<strong>2<\/strong> svarande/);
  });

  it('an insats of 2 is not all insatser − the other insatser (JSON and CLI)', async () => {
    const { db, agent, insatsId, config } = await setUp();
    const small = await makeRound(db, { period: '2024', insats: 'Novum' });
    const big = await makeRound(db, { period: '2024', insats: 'FINSAM-team' });
    await addResponses(db, small.id, many(2, 'man'));
    await addResponses(db, big.id, [...many(10, 'kvinna'), ...many(10, 'man')]);
    const all = (await agent.get(`/kansli/resultat.json?ar=2024&enkat=${INSTRUMENT}`)).body;
    const team = (await agent.get(`/kansli/resultat.json?ar=2024&insats=${await insatsId('FINSAM-team')}&enkat=${INSTRUMENT}`)).body;
    expect(known(all.respondents) && known(team.respondents)).toBe(false);
    for (const col of ['women', 'men'])
      expect(
        known(all.respondentsByGender[col]) &&
          known(team.respondentsByGender[col]) &&
          all.respondentsByGender[col] !== team.respondentsByGender[col],
      ).toBe(false);
    // The same decision on the command line.
    const env = { FINSAM_DB: config.dbPath };
    const cliAll = JSON.parse((await cli(['indicators', '--year', '2024', '--instrument', INSTRUMENT, '--json'], env)).stdout);
    const cliTeam = JSON.parse(
      (await cli(['indicators', '--year', '2024', '--insats', 'FINSAM-team', '--instrument', INSTRUMENT, '--json'], env)).stdout,
    );
    expect(cliAll.respondents).toBe(all.respondents);
    expect(cliTeam.respondents).toBe(team.respondents);
    const report = JSON.parse((await cli(['report', '--year', '2024', '--json'], env)).stdout);
    const novum = report.insatser.find((i: { insats: string }) => i.insats === 'Novum');
    expect(novum.surveys[0].respondents).toBeNull();
    const teamSurvey = report.insatser.find((i: { insats: string }) => i.insats === 'FINSAM-team').surveys[0];
    expect(known(teamSurvey.respondents) && known(all.respondents)).toBe(false);
  });

  it('a hidden cell hides its n, and a follow-up does not tell how many answered ja', async () => {
    const { db, agent } = await setUp();
    const round = await makeRound(db, { period: '2024' });
    await addResponses(db, round.id, [
      ...many(10, 'kvinna', { behov_kontakt: 'ja', stod_kontakt: '5' }),
      ...many(10, 'man', { behov_kontakt: 'nej' }),
      { gender: 'annat', answers: { behov_kontakt: 'ja', stod_kontakt: '4' } },
      { gender: 'annat', answers: { behov_kontakt: 'nej' } },
    ]);
    const json = (await agent.get(`/kansli/resultat.json?omgang=${round.id}`)).body;
    const behov = json.questions.find((x: { id: string }) => x.id === 'behov_kontakt');
    const stod = json.questions.find((x: { id: string }) => x.id === 'stod_kontakt');
    expect(behov.byGender.other).toMatchObject({ n: null, suppressed: true });
    expect(stod.byGender.other).toMatchObject({ n: null, suppressed: true });
    // Nor by subtraction: the follow-up's total minus its women and men.
    expect([stod.n, stod.byGender.women.n, stod.byGender.men.n].every(known)).toBe(false);
    const csv = csvRows((await agent.get(`/kansli/export/indikatorer.csv?omgang=${round.id}`)).text);
    const row = csv.find((r) => r['Fråga']!.startsWith('Har insatsen stöttat dig'))!;
    expect(row['Annat/ej angivet n']).toBe('');
  });

  it('free text of a round below k appears in no selection, and not in the raw CSV', async () => {
    const { db, agent, insatsId } = await setUp();
    const small = await makeRound(db, { period: 'Vår 2024', insats: 'Novum' });
    const big = await makeRound(db, { period: 'Höst 2024', insats: 'Novum' });
    await addResponses(db, small.id, many(2, 'kvinna', { nytta: '5' }, { skillnad: 'Hemlig text från en liten omgång' }));
    await addResponses(db, big.id, [...many(10, 'kvinna', { nytta: '4' }, { skillnad: 'Bra stöd' }), ...many(10, 'man')]);
    for (const q of [
      `ar=2024&insats=${await insatsId('Novum')}&enkat=${INSTRUMENT}`,
      `ar=2024&enkat=${INSTRUMENT}`,
      `omgang=${small.id}`,
    ]) {
      const html = (await agent.get(`/kansli/resultat?${q}`)).text;
      expect(html).not.toContain('Hemlig text');
    }
    expect((await agent.get(`/kansli/resultat?omgang=${big.id}`)).text).toContain('Bra stöd');
    const raw = await agent.get(`/kansli/omgangar/${small.id}/svar.csv?fritext=1`);
    expect(raw.status).toBe(403);
    expect(raw.text).not.toContain('Hemlig text');
    expect(raw.text).toContain('färre än 5');
    const rawBig = await agent.get(`/kansli/omgangar/${big.id}/svar.csv?fritext=1`);
    expect(rawBig.status).toBe(200);
    expect(rawBig.text).toContain('Bra stöd');
  });

  it('the rounds list, a round’s page and `finsam round list` hide the same counts as the results', async () => {
    const { db, agent, config } = await setUp();
    const small = await makeRound(db, { period: 'Vår 2024', insats: 'Novum' });
    const big = await makeRound(db, { period: 'Höst 2024', insats: 'Novum' });
    await addResponses(db, small.id, many(2, 'kvinna'));
    await addResponses(db, big.id, [...many(10, 'kvinna'), ...many(10, 'man')]);
    // The insats's year figure (22) is shown on the results page, so neither round's count may be.
    const list = (await agent.get('/kansli/omgangar')).text;
    expect(list).not.toMatch(/<td class="num">(2|20)<\/td>/);
    for (const id of [small.id, big.id]) expect((await agent.get(`/kansli/omgangar/${id}`)).text).not.toMatch(/class="count">\d/);
    const rows = JSON.parse((await cli(['round', 'list', '--json'], { FINSAM_DB: config.dbPath })).stdout);
    expect(rows.map((r: { responses: number | null }) => r.responses)).toEqual([null, null]);
  });

  it('an insats of 2 in the second half is not the förbund’s year − the other insats’s half-year, nor a two-year figure − the other year', async () => {
    const { db, agent, insatsId } = await setUp();
    // Alfa's 10 answered in the spring, Beta's 2 in the autumn: the year shows 12 for the förbund and
    // hides both insatser; the half-year must not show Alfa's 10 (12 − 10 = Beta's 2).
    const alfa = await makeRound(db, { period: '2024', insats: 'Alfa', opensOn: '2024-01-01', closesOn: '2024-12-31' });
    const beta = await makeRound(db, { period: '2024', insats: 'Beta', opensOn: '2024-01-01', closesOn: '2024-12-31' });
    await addResponses(
      db,
      alfa.id,
      [...many(5, 'kvinna'), ...many(5, 'man')].map((r) => ({ ...r, submittedOn: '2024-03-01' })),
    );
    await addResponses(
      db,
      beta.id,
      many(2, 'kvinna').map((r) => ({ ...r, submittedOn: '2024-10-01' })),
    );
    const get = async (q: string) => (await agent.get(`/kansli/resultat.json?${q}&enkat=${INSTRUMENT}`)).body;
    const yearAll = await get('period=2024');
    const yearAlfa = await get(`period=2024&insats=${await insatsId('Alfa')}`);
    expect(yearAll.respondents).toBe(12);
    expect(yearAlfa.respondents).toBeNull();
    const halfAlfa = await get(`period=2024-H1&insats=${await insatsId('Alfa')}`);
    expect(halfAlfa.respondents).toBeNull();
    // A period over two whole years: 2023 has nothing, so its figure would be 2024's hidden ones.
    const twoYearsAlfa = await get(`period=2023-01-01..2024-12-31&insats=${await insatsId('Alfa')}`);
    expect(twoYearsAlfa.respondents).toBeNull();
  });
});
