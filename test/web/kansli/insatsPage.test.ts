// One insats across the years: its participants and survey results year by year, rounds and targets.
import { describe, expect, it } from 'vitest';
import { makeRound, testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { importOutcomes } from '../../../server/followup/importer.js';
import { HEADER } from '../../followup/helpers.js';
import { saveTarget } from '../../../server/targets/store.js';
import { surveys } from '../../helpers.js';

describe('the insats page', () => {
  it('shows five years of participants, the rounds and the target periods, linked from the insats list', async () => {
    const { app, db } = await testApp();
    const thisYear = new Date().getFullYear();
    const rows = [thisYear - 1, thisYear - 2, thisYear - 3].flatMap((y, i) =>
      Array.from(
        { length: 6 + i },
        (_, k) => `Alfa;A-${y}-${k};${k % 2 ? 'Man' : 'Kvinna'};1990;;;;;${y}-02-0${(k % 9) + 1};${y}-09-0${(k % 9) + 1};Arbete`,
      ),
    );
    expect(
      await importOutcomes(db, { buffer: Buffer.from([HEADER, ...rows].join('\n')), fileName: 'a', codebook: 'standard', actor: 't' }),
    ).toMatchObject({ ok: true });
    const insats = (await db.first<{ id: number }>("SELECT id FROM insatser WHERE name = 'Alfa'"))!;
    await makeRound(db, { insats: 'Alfa', period: String(thisYear - 1) });
    await saveTarget(db, surveys, { insatsId: insats.id, period: thisYear - 1, metric: 'started', value: 5 });
    const { agent } = await signIn(app, db, 'analytiker');
    expect((await agent.get('/kansli/insatser')).text).toContain(`href="/kansli/insatser/${insats.id}"`);
    const page = await agent.get(`/kansli/insatser/${insats.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Deltagare och avslut till arbete eller studier ${thisYear - 5}–${thisYear - 1}`);
    // Each of the three years with participants is a row with its count of starters.
    for (const [y, n] of [
      [thisYear - 1, 6],
      [thisYear - 2, 7],
      [thisYear - 3, 8],
    ] as const)
      expect(page.text).toMatch(new RegExp(`<th scope="row">${y}</th><td class="num">${n}</td>`));
    expect(page.text).toContain(`${thisYear - 1} – nns-deltagare-avslut`);
    expect(page.text).toContain(`/kansli/mal?period=${thisYear - 1}&amp;insats=${insats.id}`);
    expect((await agent.get('/kansli/insatser/999')).status).toBe(404);
  });
});
