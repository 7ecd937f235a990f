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
});
