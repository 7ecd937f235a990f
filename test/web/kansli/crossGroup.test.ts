// The page, JSON, CSV and chart of one indicator across respondent groups, the national upload and
// the export for national compilation, with test questionnaires from a temporary surveys folder.
import { describe, expect, it } from 'vitest';
import { freshDb } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { createApp } from '../../../server/app.js';
import { testConfig } from '../../../server/config.js';
import { silentLogger } from '../../../server/logger.js';
import { listNational } from '../../../server/indicators/national.js';
import { crossGroupSurveys, KEY, seedCrossGroup } from '../../indicators/crossGroupFixture.js';

const surveys = crossGroupSurveys();

async function app() {
  const db = await freshDb();
  await seedCrossGroup(db);
  const a = createApp({ db, config: testConfig({ dbPath: db.path }), surveys, logger: silentLogger });
  return { app: a, db };
}

const csvText = (text: string) => text.replace(/^\uFEFF/, '');

describe('/kansli/indikatorer', () => {
  it('shows board, managers and staff for two years, hidden cells as hidden, and links from the results page', async () => {
    const { app: a, db } = await app();
    const { agent } = await signIn(a, db, 'analytiker');
    const res = await agent.get(`/kansli/indikatorer?indikator=${KEY}&period=2024&perioder=2`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Styrelse');
    expect(res.text).toContain('Chefer i samverkan');
    expect(res.text).toMatch(/<caption[^>]*>Andel positiva svar per svarsgrupp, 2023<\/caption>/);
    expect(res.text).toMatch(/90\s%/);
    expect(res.text).toContain('– (färre än 5)');
    // The picker lists every key by the first questionnaire's question text.
    expect(res.text).toContain(`value="${KEY}" selected`);
    expect(res.text).toContain('/kansli/indikatorer/diagram/indikator-grupper.png?');
    // An analytiker sees no upload form.
    expect(res.text).not.toContain('action="/kansli/indikatorer/riket"');
    expect((await agent.get('/kansli/resultat')).text).toContain('href="/kansli/indikatorer"');
  });

  it('answers JSON in the documented shape', async () => {
    const { app: a, db } = await app();
    const { agent } = await signIn(a, db);
    const res = await agent.get(`/kansli/indikatorer/grupper.json?indikator=${KEY}&period=2024&perioder=2`);
    expect(res.status).toBe(200);
    expect(res.body.indicator.key).toBe(KEY);
    expect(res.body.periods.map((p: { period: { key: string } }) => p.period.key)).toEqual(['2023', '2024']);
    const y2024 = res.body.periods[1];
    expect(y2024.cells.map((c: { instrument: string; status: string; n: number | null }) => [c.instrument, c.status, c.n])).toEqual([
      ['test-styrelse', 'shown', 10],
      ['test-chefer', 'shown', 6],
      ['nns-personal', 'hidden', null],
    ]);
    expect(y2024.unweighted.percent).toBeNull();
    expect(res.body.periods[0].weighted).toMatchObject({ n: 21, positive: 17, percent: 81 });
  });

  it('is a 400 or 404 for a malformed or unknown query value, never a 500', async () => {
    const { app: a, db } = await app();
    const { agent } = await signIn(a, db);
    const unknown = await agent.get('/kansli/indikatorer/grupper.json?indikator=finns-inte&period=2024');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/Indikatorn "finns-inte" finns inte/);
    expect((await agent.get('/kansli/indikatorer?indikator=finns-inte')).status).toBe(404);
    expect((await agent.get(`/kansli/indikatorer/grupper.json?indikator=${KEY}&perioder=9`)).status).toBe(400);
    expect((await agent.get(`/kansli/indikatorer/grupper.json?indikator=${KEY}&perioder=x`)).status).toBe(400);
    expect((await agent.get(`/kansli/indikatorer/grupper.json?indikator=${KEY}&indikator=${KEY}`)).status).toBe(400);
    expect((await agent.get(`/kansli/indikatorer/grupper.json?indikator=${KEY}&period=2024-H7`)).status).toBe(400);
    expect((await agent.get('/kansli/export/nationell-sammanstallning.csv?ar=tjugo')).status).toBe(400);
  });

  it('downloads the table as CSV, with a hidden cell empty', async () => {
    const { app: a, db } = await app();
    const { agent } = await signIn(a, db, 'analytiker');
    const res = await agent.get(`/kansli/export/indikator-grupper.csv?indikator=${KEY}&period=2024`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`2024-${KEY}-grupper.csv`);
    const lines = csvText(res.text).split('\r\n');
    // Two periods by default: 2023 and 2024.
    expect(lines.filter((l) => l.startsWith('2023;'))).toHaveLength(5);
    expect(lines[0]).toMatch(/^Period;Svarsgrupp;Enkät;Svarande;n;Positiva svar;Andel positiva \(%\)/);
    expect(lines.find((l) => l.startsWith('2024;') && l.includes(';test-styrelse;'))).toMatch(/^2024;Styrelse;test-styrelse;10;10;9;90;/);
    expect(lines.find((l) => l.startsWith('2024;') && l.includes(';nns-personal;'))).toMatch(/^2024;Insatspersonal;nns-personal;;;;;/);
    expect(lines.some((l) => l.startsWith('2024;Ovägt genomsnitt;;;;;;'))).toBe(true);
  });

  it('draws the chart as PNG', async () => {
    const { app: a, db } = await app();
    const { agent } = await signIn(a, db);
    const res = await agent.get(`/kansli/indikatorer/diagram/indikator-grupper.png?indikator=${KEY}&period=2024&perioder=2`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect((res.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    expect((await agent.get('/kansli/indikatorer/diagram/annat.png')).status).toBe(404);
  });

  it('imports national values from the upload form (admin) and shows Riket beside the local figure', async () => {
    const { app: a, db } = await app();
    const { agent, csrf } = await signIn(a, db);
    const file = Buffer.from(`Indikator;År;Grupp;Andel positiva (%);Antal svarande\n${KEY};2024;Styrelse;78,5;1200\n`);
    const res = await agent.post('/kansli/indikatorer/riket').field('_csrf', csrf).attach('file', file, 'riket.csv');
    expect(res.status).toBe(200);
    expect(res.text).toContain('1 nya och 0 ersatta nationella värden importerades.');
    const json = await agent.get(`/kansli/indikatorer/grupper.json?indikator=${KEY}&period=2024&perioder=1`);
    expect(json.body.periods[0].cells.find((c: { instrument: string }) => c.instrument === 'test-styrelse').national).toEqual({
      percent: 78.5,
      n: 1200,
    });
    const page = await agent.get(`/kansli/indikatorer?indikator=${KEY}&period=2024`);
    expect(page.text).toContain('78,5 %');

    const bad = await agent
      .post('/kansli/indikatorer/riket')
      .field('_csrf', csrf)
      .attach('file', Buffer.from(`Indikator;År;Grupp;Andel positiva (%)\n${KEY};2024;Styrelse;50\n${KEY};2024;Ingen;50\n`), 'bad.csv');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/Rad 3: Gruppen &#34;Ingen&#34; finns inte/);
    expect((await listNational(db)).map((r) => r.percent)).toEqual([78.5]);
  });

  it('refuses the upload from an analytiker and without the token', async () => {
    const { app: a, db } = await app();
    const file = Buffer.from(`Indikator;År;Grupp;Andel positiva (%)\n${KEY};2024;Styrelse;50\n`);
    const analyst = await signIn(a, db, 'analytiker');
    expect((await analyst.agent.post('/kansli/indikatorer/riket').field('_csrf', analyst.csrf).attach('file', file, 'f.csv')).status).toBe(
      403,
    );
    const admin = await signIn(a, db);
    expect((await admin.agent.post('/kansli/indikatorer/riket').field('_csrf', 'fel').attach('file', file, 'f.csv')).status).toBe(403);
    expect(await listNational(db)).toEqual([]);
  });

  it('exports the counts for national compilation, a hidden cell empty', async () => {
    const { app: a, db } = await app();
    const { agent } = await signIn(a, db, 'analytiker');
    const res = await agent.get('/kansli/export/nationell-sammanstallning.csv?ar=2024');
    expect(res.status).toBe(200);
    const lines = csvText(res.text).split('\r\n');
    expect(lines[0]).toBe('Indikator;År;Grupp;Grupp-id;Enkät;Svarande;Svar (n);Positiva svar');
    expect(lines).toContain(`${KEY};2024;Styrelse;styrelse;test-styrelse;10;10;9`);
    expect(lines).toContain(`${KEY};2024;Insatspersonal;insatspersonal;nns-personal;;;`);
    expect(await db.first("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'export.csv'")).toEqual({ n: 1 });
  });
});
