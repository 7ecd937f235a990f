// Short codes to type from paper.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { CODE_ALPHABET, codeForRound, formatCode, newCode, normaliseCode } from '../../server/survey/roundCodes.js';
import { makeRound, testApp } from '../helpers.js';
import { signIn } from '../web/helpers.js';

describe('round codes', () => {
  it('are eight characters without look-alikes, typed with any case, dashes and spaces', () => {
    for (let i = 0; i < 200; i++) {
      const c = newCode();
      expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
      expect(normaliseCode(` ${formatCode(c).toLowerCase()} `)).toBe(c);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(normaliseCode('K7QM-3PX0')).toBeNull();
    expect(normaliseCode('K7QM3PX')).toBeNull();
  });

  it('lead from the print sheet to the form, and a wrong code says so', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const { agent } = await signIn(app, db);
    const sheet = await agent.get(`/kansli/omgangar/${round.id}/utskrift`);
    expect(sheet.status).toBe(200);
    const code = /<strong class="code">([^<]+)<\/strong>/.exec(sheet.text)![1]!;
    expect(code).toBe(formatCode(await codeForRound(db, round.id)));
    const typed = await request(app).get(`/k?kod=${encodeURIComponent(code.toLowerCase().replace('-', ' '))}`);
    expect(typed.status).toBe(303);
    expect(typed.headers.location).toBe(`/e/${round.token}`);
    expect(typed.headers['set-cookie']).toBeUndefined();
    expect((await request(app).get(`/k/${code}`)).headers.location).toBe(`/e/${round.token}`);
    // The code typed into the survey address itself.
    expect((await request(app).get(`/e/${code.toLowerCase()}`)).headers.location).toBe(`/e/${round.token}`);
    expect(sheet.text).toContain('/e/</strong>');
    // The round's own token still reaches the form.
    expect((await request(app).get(`/e/${round.token}`)).status).toBe(200);
    const wrong = await request(app).get('/k/ZZZZ-ZZZZ');
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('Koden finns inte');
    expect((await request(app).get('/k')).text).toContain('Skriv koden till enkäten');
  });
});
