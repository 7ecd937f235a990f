// A round's year is never guessed: a label without a four-digit year needs the year.
import { describe, expect, it } from 'vitest';
import { cli, tempDbPath, testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';

describe('the year a round counts to', () => {
  it('is asked for when the label has none, on the page and the command line', async () => {
    const { app, db } = await testApp();
    await db.run("INSERT INTO insatser (name) VALUES ('Alfa')");
    const insats = (await db.first<{ id: number }>('SELECT id FROM insatser'))!;
    const { agent, csrf } = await signIn(app, db);
    const form = { _csrf: csrf, instrument: 'nns-personal', insats: String(insats.id), period: 'HT 25' };
    const bad = await agent.post('/kansli/omgangar').type('form').send(form);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Perioden &#34;HT 25&#34; säger inte vilket år omgången räknas till');
    expect(await db.all('SELECT id FROM rounds')).toEqual([]);
    await agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ ...form, year: '2025' })
      .expect(303);
    expect(await db.first('SELECT period, year FROM rounds')).toEqual({ period: 'HT 25', year: 2025 });

    const env = { FINSAM_DB: tempDbPath() };
    await cli(['insats', 'add', 'Alfa'], env);
    const r = await cli(['round', 'create', '--instrument', 'nns-personal', '--insats', 'Alfa', '--period', 'Hösten'], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('säger inte vilket år');
    expect(
      (await cli(['round', 'create', '--instrument', 'nns-personal', '--insats', 'Alfa', '--period', 'Hösten', '--year', '2025'], env))
        .code,
    ).toBe(0);
  });

  it('refuses a year that contradicts the period, but lets a period over several years choose one of them', async () => {
    const { app, db } = await testApp();
    await db.run("INSERT INTO insatser (name) VALUES ('Alfa')");
    const insats = (await db.first<{ id: number }>('SELECT id FROM insatser'))!;
    const { agent, csrf } = await signIn(app, db);
    const form = { _csrf: csrf, instrument: 'nns-personal', insats: String(insats.id) };
    const bad = await agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ ...form, period: 'Våren 2026', year: '2025' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('säger 2026, men året är 2025');
    expect(await db.all('SELECT id FROM rounds')).toEqual([]);
    await agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ ...form, period: 'sep 2022 – dec 2025', year: '2025' })
      .expect(303);
    expect(await db.first('SELECT year FROM rounds')).toEqual({ year: 2025 });
    // The edit form leaves År empty when the period names its year, so correcting the period moves the year.
    const id = (await db.first<{ id: number }>('SELECT id FROM rounds'))!.id;
    await agent
      .post('/kansli/omgangar')
      .type('form')
      .send({ ...form, period: 'Våren 2025' })
      .expect(303);
    const second = (await db.first<{ id: number }>('SELECT MAX(id) AS id FROM rounds'))!.id;
    expect((await agent.get(`/kansli/omgangar/${second}`)).text).toContain(
      'id="e-year" name="year" inputmode="numeric" maxlength="4" size="6" value=""',
    );
    expect(id).not.toBe(second);
  });
});
