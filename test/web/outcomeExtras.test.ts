// The outcome page, its JSON and CSV with the referrer members and the register's extra columns.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importOutcomes } from '../../server/followup/importer.js';
import { testApp } from '../helpers.js';
import { signIn } from './helpers.js';

const FIXTURE = new URL('../fixtures/insatsuppfoljning-kommun.csv', import.meta.url);

describe('outcome extras', () => {
  it('gives starters by member and each extra column by gender, on the page, in JSON and as CSV', async () => {
    const { app, db } = await testApp({ minCell: 3 });
    expect(
      await importOutcomes(db, { buffer: fs.readFileSync(FIXTURE), fileName: 'k.csv', codebook: 'standard', actor: 't' }),
    ).toMatchObject({
      ok: true,
      variables: ['Boendeform'],
    });
    const { agent } = await signIn(app, db);
    const json = (await agent.get('/kansli/utfall.json?period=2024')).body;
    const members = Object.fromEntries(json.referrersByMember.rows.map((r: { value: string; count: number }) => [r.value, r.count]));
    expect(members).toMatchObject({ Kommun: 2, Region: 2, Försäkringskassan: 2, Arbetsförmedlingen: 2, 'Egen anmälan': 1, Annan: 1 });
    expect(json.referrersByMember.total.count).toBe(11);
    const housing = json.variables.find((v: { name: string }) => v.name === 'Boendeform');
    const started = Object.fromEntries(housing.started.rows.map((r: { value: string; count: number }) => [r.value, r.count]));
    expect(started).toMatchObject({ Hyresrätt: 7, Bostadsrätt: 2 });
    // Ended in 2024: A02, A04 (blank), A07, Beta woman, Beta man.
    expect(housing.ended.total.count).toBe(5);

    const page = await agent.get('/kansli/utfall?period=2024');
    expect(page.text).toContain('Anmälande part per medlem bland nya deltagare, per kön');
    expect(page.text).toContain('Boendeform bland avslutade, per kön');
    expect(page.text).toContain('/kansli/export/variabel.csv?period=2024&amp;enkat=');

    const csv = await agent.get('/kansli/export/variabel.csv?period=2024&namn=Boendeform&bland=nya');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/variabel-boendeform-nya\.csv/);
    expect(csv.text).toMatch(/Hyresrätt;7;/);
    const memberCsv = await agent.get('/kansli/export/anmalande-part-medlem.csv?period=2024');
    expect(memberCsv.text).toMatch(/Kommun;2;/);
    const missing = await agent.get('/kansli/export/variabel.csv?period=2024&namn=Finns%20inte');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Variabeln finns inte');
  });
});
