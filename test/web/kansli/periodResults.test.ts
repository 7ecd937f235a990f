// The results pages for a period that is not a whole year (docs/rules.md "Perioder"), and the
// indicator series as page section, JSON, CSV and chart.
import { describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { INSTRUMENT, seedPeriods } from '../../indicators/periodFixture.js';

async function setUp() {
  const t = await testApp();
  await seedPeriods(t.db);
  const { agent } = await signIn(t.app, t.db, 'analytiker');
  const team = (await t.db.first<{ id: number }>("SELECT id FROM insatser WHERE name = 'FINSAM-team'"))!.id;
  return { ...t, agent, q: `insats=${team}&enkat=${INSTRUMENT}` };
}

describe('/kansli/resultat for a half-year', () => {
  it('counts the answers of the half-year in JSON and on the page, with the partial rounds noted', async () => {
    const { agent, q } = await setUp();
    const json = await agent.get(`/kansli/resultat.json?period=2024-H1&${q}`);
    expect(json.status).toBe(200);
    expect(json.body.selection).toMatchObject({ year: null, period: { key: '2024-H1', from: '2024-01-01', to: '2024-06-30' } });
    expect(json.body.respondents).toBe(15);
    expect(json.body.rounds.map((r: { withinPeriod: boolean; note: string | null }) => [r.withinPeriod, r.note])).toEqual([
      [false, 'omgången sträcker sig utanför perioden: ingen svarsfrekvens'],
      [false, 'omgången sträcker sig utanför perioden: ingen svarsfrekvens'],
    ]);
    const page = await agent.get(`/kansli/resultat?period=2024-H1&${q}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Januari–juni 2024');
    expect(page.text).toContain('<strong>15</strong> svarande');
    expect(page.text).toContain('omgången sträcker sig utanför perioden: ingen svarsfrekvens');
    // The picker's fields give the same selection as the key.
    const picked = await agent.get(`/kansli/resultat.json?ar=2024&del=H2&${q}`);
    expect(picked.body.respondents).toBe(21);
  });

  it('shows the series section and serves it as JSON, CSV and chart', async () => {
    const { agent, q } = await setUp();
    const page = await agent.get(`/kansli/resultat?period=2024-H2&${q}&antal=3`);
    expect(page.text).toContain('id="serie"');
    expect(page.text).toContain('/kansli/resultat/diagram/andel-positiva-serie.png?');
    const json = await agent.get(`/kansli/resultat/serie.json?period=2024-H2&${q}&antal=3`);
    expect(json.status).toBe(200);
    expect(json.body.periods.map((p: { key: string; respondents: number }) => [p.key, p.respondents])).toEqual([
      ['2023-H2', 0],
      ['2024-H1', 15],
      ['2024-H2', 21],
    ]);
    expect(json.body.selection).toMatchObject({ insats: 'FINSAM-team', instrument: INSTRUMENT, kind: 'half', count: 3 });
    const csv = await agent.get(`/kansli/export/indikatorer-serie.csv?period=2024-H2&${q}&antal=3`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`2024-h2-finsam-team-${INSTRUMENT}-indikatorer-serie-3-perioder.csv`);
    expect(csv.text).toContain('2024 H1;2024-01-01;2024-06-30;15;53');
    const png = await agent.get(`/kansli/resultat/diagram/andel-positiva-serie.png?period=2024-H2&${q}&antal=3`);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
  }, 30_000);

  it('answers a malformed antal or a series for "since start" with a 400, not a 500', async () => {
    const { agent, q } = await setUp();
    for (const bad of ['abc', '0', '11', '2.5']) {
      const res = await agent.get(`/kansli/resultat/serie.json?period=2024&${q}&antal=${bad}`);
      expect(res.status, bad).toBe(400);
    }
    expect((await agent.get(`/kansli/resultat/serie.json?period=sedan-start&${q}`)).status).toBe(400);
    // The page itself still works for "since start", without a series.
    const page = await agent.get(`/kansli/resultat?period=sedan-start&${q}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('id="serie"');
  });
});
