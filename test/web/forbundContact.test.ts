// The förbund's name and contact details on the public pages and the print sheet.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { loadConfig } from '../../server/config.js';
import { makeRound, testApp } from '../helpers.js';
import { signIn } from './helpers.js';

const forbund = {
  name: 'Samordningsförbundet Södertörn',
  email: 'kansli@sodertorn.example',
  phone: '08-123 456 78',
  web: 'https://sodertorn.example',
};

describe('the förbund’s contact details', () => {
  it('appear on the survey form, the accessibility statement and the print sheet', async () => {
    const { app, db } = await testApp({ forbund });
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const form = await request(app).get(`/e/${round.token}`);
    expect(form.text).toContain('Frågor om enkäten: <bdi>Samordningsförbundet Södertörn</bdi>, <a href="mailto:kansli@sodertorn.example">');
    expect(form.text).toContain('href="tel:0812345678"');
    const statement = await request(app).get('/tillganglighet');
    expect(statement.text).toContain('Samordningsförbundet Södertörn står bakom den här enkättjänsten');
    expect(statement.text).toContain('e-post <a href="mailto:kansli@sodertorn.example">kansli@sodertorn.example</a>');
    const { agent } = await signIn(app, db);
    expect((await agent.get(`/kansli/omgangar/${round.id}/utskrift`)).text).toContain(
      'Samordningsförbundet Södertörn · kansli@sodertorn.example · 08-123 456 78',
    );
  });

  it('are checked when the server starts', () => {
    expect(() => loadConfig({ FINSAM_FORBUND_EPOST: 'kansli(at)forbund' })).toThrow(/FINSAM_FORBUND_EPOST: Skriv en e-postadress/);
    expect(() => loadConfig({ FINSAM_FORBUND_WEBB: 'forbund.se' })).toThrow(/FINSAM_FORBUND_WEBB: Skriv webbadressen med https/);
    expect(loadConfig({}).forbund).toEqual({ name: 'Samordningsförbundet', email: null, phone: null, web: null });
  });
});
