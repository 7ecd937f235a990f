// Every malformed query value on a kansli page answers with a plain Swedish message and a 4xx,
// never "Något gick fel hos oss" (500). A property test over the kansli GET routes.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent.js';
import { makeRound, testApp } from '../helpers.js';
import { signIn } from './helpers.js';
import { createGroup } from '../../server/survey/insatsGroups.js';

const ROUTES = [
  '/kansli/resultat',
  '/kansli/resultat.json',
  '/kansli/resultat/diagram/andel-positiva.png',
  '/kansli/utfall',
  '/kansli/utfall.json',
  '/kansli/utfall/diagram/deltagare.png',
  '/kansli/utfall/serie.json',
  '/kansli/export/utfall-serie.csv',
  '/kansli/rapport',
  '/kansli/rapport.json',
  '/kansli/export/avslutsorsaker.csv',
  '/kansli/mal',
  '/kansli/logg',
  '/kansli/omgangar',
  '/kansli/insatser',
  '/kansli/grupper',
];
const KEYS = ['ar', 'insats', 'grupp', 'enkat', 'omgang', 'sida', 'kodbok', 'perioder'];

let agent: TestAgent;

beforeAll(async () => {
  const { app, db } = await testApp();
  const round = await makeRound(db);
  await createGroup(db, 'IPS-insatserna', [round.insats_id!]);
  ({ agent } = await signIn(app, db, 'admin'));
});

describe('malformed query values on kansli pages', () => {
  it('answer 400 with a Swedish message for an impossible year', async () => {
    for (const url of ['/kansli/utfall?ar=0001', '/kansli/utfall.json?ar=0001', '/kansli/resultat?ar=0001', '/kansli/rapport?ar=0001']) {
      const res = await agent.get(url);
      expect(res.status, url).toBe(400);
      expect(res.text, url).not.toContain('Något gick fel hos oss');
      expect(res.text, url).toMatch(/år|årtal/i);
    }
  });

  it('answer JSON addresses with a JSON error that carries the same message', async () => {
    const res = await agent.get('/kansli/utfall.json?ar=0001');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error.status).toBe(400);
    expect(res.body.error.message).toMatch(/"0001" är inget årtal/);
    const missing = await agent.get('/kansli/resultat.json?ar=2024&insats=999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/Insatsen i adressen finns inte/);
  });

  it('never answer 500, whatever the values', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer().map(String),
      fc.constantFrom(
        '0001',
        '99999',
        '-1',
        '2024.5',
        '1e3',
        '%',
        '%FF',
        '',
        ' ',
        '0x7e8',
        '２０２４',
        'NaN',
        'Infinity',
        'g:1',
        'g:',
        'g:x',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 3 }), async (route, query) => {
        const qs = Object.entries(query)
          .map(([k, v]) => `${k}=${v.startsWith('%') ? v : encodeURIComponent(v)}`)
          .join('&');
        const res = await agent.get(qs ? `${route}?${qs}` : route);
        expect(res.status, `${route}?${qs}`).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 20261123 },
    );
  });
});
