// Hidden free-text answers: listed for admins and restorable.
import { describe, expect, it } from 'vitest';
import { makeRound, testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { addResponses } from '../../disclosure/helpers.js';

describe('hidden free texts', () => {
  it('lists what an admin hid and shows it again on request', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    await addResponses(db, round.id, [
      { gender: 'kvinna', texts: { skillnad: 'Jag heter Stina' } },
      ...Array.from({ length: 5 }, () => ({ gender: 'man' as const, texts: { skillnad: 'Bra stöd' } })),
    ]);
    const { agent, csrf } = await signIn(app, db);
    const handle = (await db.first<{ handle: string }>("SELECT handle FROM text_answers WHERE body = 'Jag heter Stina'"))!.handle;
    await agent.post('/kansli/resultat/fritext/dolj').type('form').send({ _csrf: csrf, handle }).expect(303);
    const list = await agent.get('/kansli/resultat/dolda');
    expect(list.text).toContain('Jag heter Stina');
    expect(list.text).toContain(`<a href="/kansli/insatser/${round.insats_id}">Alfa</a> – 2024`);
    await agent.post('/kansli/resultat/fritext/visa').type('form').send({ _csrf: csrf, handle }).expect(303);
    expect((await agent.get('/kansli/resultat/dolda?visat=1')).text).toContain('Inga svar är dolda.');
    expect(await db.first('SELECT hidden FROM text_answers WHERE handle = ?', [handle])).toEqual({ hidden: 0 });
    expect((await agent.post('/kansli/resultat/fritext/visa').type('form').send({ _csrf: csrf, handle })).status).toBe(404);
    const reader = await signIn(app, db, 'analytiker');
    expect((await reader.agent.get('/kansli/resultat/dolda')).status).toBe(403);
    const actions = (await db.all<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'freetext.%' ORDER BY id")).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['freetext.hide', 'freetext.restore']);
  });
});
