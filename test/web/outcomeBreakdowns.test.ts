// The outcome page, its JSON, CSV and charts for the gender breakdowns, the same period a year
// earlier and the series, on the published 2024 register.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { testApp } from '../helpers.js';
import { signIn } from './helpers.js';

const FIXTURE = new URL('../fixtures/insatsuppfoljning-2024.csv', import.meta.url);
let agent: TestAgent;

beforeAll(async () => {
  const { app, db } = await testApp();
  const signedIn = await signIn(app, db);
  agent = signedIn.agent;
  const up = await agent
    .post('/kansli/import')
    .field('_csrf', signedIn.csrf)
    .field('codebook', 'standard')
    .attach('file', fs.readFileSync(FIXTURE), 'uppfoljning.csv');
  expect(up.status).toBe(200);
});

describe('outcome breakdowns on the web', () => {
  it('gives the breakdowns, the previous period and its changes in the JSON', async () => {
    const o = (await agent.get('/kansli/utfall.json?ar=2024').expect(200)).body;
    expect(o.previousPeriod.period.key).toBe('2023');
    expect(o.referrers[0]).toHaveProperty('byGender.women.count');
    expect(o.background.residence.length).toBeGreaterThan(1);
    expect(o.endReasons[0]).toHaveProperty('percentWithinGender');
    expect(o.changes.workOrStudies.total).toHaveProperty('fisherP');
    expect(o.timeInInsats.total.n).toBe(o.flow.ended);
    expect(o.ageAtStart.total.n).toBeGreaterThan(0);
    // Women's and men's columns of residence (well above k in this register) each sum to 100.
    type Row = { byGender: Record<'women' | 'men' | 'other', { percent: number | null }> };
    for (const g of ['women', 'men'] as const) {
      const shown: (number | null)[] = o.background.residence.map((r: Row) => r.byGender[g].percent);
      expect(shown.every((p) => p !== null)).toBe(true);
      expect(shown.reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(100);
    }
  });

  it('shows "(föregående: …)" beside the figures and the detailed tables on the page', async () => {
    const page = await agent.get('/kansli/utfall?ar=2024').expect(200);
    expect(page.text).toContain('(föregående: ');
    expect(page.text).toContain('Boende bland nya deltagare');
    expect(page.text).toContain('Tid i insatsen (månader)');
    expect(page.text).toContain('Samma period föregående år: Andel (%)');
    expect(page.text).toContain('/kansli/utfall/diagram/boende-per-kon.png');
    expect(page.text).toContain('/kansli/utfall/diagram/serie-deltagare.png');
  });

  it('exports the new tables as CSV', async () => {
    for (const name of ['boende', 'utbildning', 'aldersgrupp', 'tid-utan-arbete', 'tid-i-insatsen', 'alder-vid-start', 'utfall-serie']) {
      const res = await agent.get(`/kansli/export/${name}.csv?ar=2024`);
      expect(res.status, name).toBe(200);
      expect(res.headers['content-type'], name).toMatch(/text\/csv/);
    }
    const residence = (await agent.get('/kansli/export/boende.csv?ar=2024')).text.split('\r\n')[0]!;
    expect(residence).toContain('Kvinnor andel (%)');
    expect(residence).toContain('Samma period föregående år: Antal');
    const series = (await agent.get('/kansli/export/utfall-serie.csv?ar=2024&perioder=3')).text.split('\r\n');
    expect(series.slice(1, 4).map((l) => l.split(';')[0])).toEqual(['2022', '2023', '2024']);
  });

  it('gives the series as JSON and refuses a bad length with a Swedish 400', async () => {
    const s = (await agent.get('/kansli/utfall/serie.json?ar=2024&perioder=2').expect(200)).body;
    expect(s.periods.map((p: { period: { key: string } }) => p.period.key)).toEqual(['2023', '2024']);
    const o = (await agent.get('/kansli/utfall.json?ar=2024')).body;
    expect(s.periods[1].flow).toEqual(o.flow);
    const bad = await agent.get('/kansli/utfall/serie.json?ar=2024&perioder=11');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/från 1 till 10/);
  });

  it('draws the new charts as PNG and SVG', async () => {
    for (const file of ['tid-i-insatsen.svg', 'boende-per-kon.png', 'serie-arbete-studier.svg', 'jamfort-med-foregaende-ar.png']) {
      const res = await agent.get(`/kansli/utfall/diagram/${file}?ar=2024`).buffer(true);
      expect(res.status, file).toBe(200);
      expect(res.headers['content-type'], file).toMatch(file.endsWith('.svg') ? /image\/svg\+xml/ : /image\/png/);
    }
  });
});
