// Accounts in the web: an admin adds, changes roles, disables and enables; everyone changes their
// own password; the last admin stays an admin.
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { testApp } from '../../helpers.js';
import { csrfOf, PASSWORD, signIn } from '../helpers.js';

describe('accounts in the web', () => {
  it('adds an account with a one-time password it shows once, and that password signs in', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const created = await agent.post('/kansli/konton').type('form').send({ _csrf: csrf, name: 'bertil', role: 'analytiker' });
    expect(created.status).toBe(200);
    const password = /<code class="secret">([^<]+)<\/code>/.exec(created.text)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect((await agent.get('/kansli/konton')).text).not.toContain(password);
    const other = request.agent(app);
    const form = await other.get('/kansli/logga-in');
    const signin = await other
      .post('/kansli/logga-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), name: 'bertil', password, back: '/kansli/omgangar' });
    expect(signin.status).toBe(303);
    const bad = await agent.post('/kansli/konton').type('form').send({ _csrf: csrf, name: 'bertil', role: 'analytiker' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('finns redan');
    expect((await db.all("SELECT action FROM audit_log WHERE action = 'user.add'")).length).toBe(1);
  });

  it('changes roles and disables accounts, but never leaves no active admin', async () => {
    const { app, db } = await testApp();
    const { agent, csrf } = await signIn(app, db);
    const me = (await db.first<{ id: number }>("SELECT id FROM users WHERE name = 'admin-anna'"))!;
    const demote = await agent.post(`/kansli/konton/${me.id}/roll`).type('form').send({ _csrf: csrf, role: 'analytiker' });
    expect(demote.status).toBe(400);
    expect(demote.text).toContain('den enda aktiva administratören');
    const off = await agent.post(`/kansli/konton/${me.id}/avstangt`).type('form').send({ _csrf: csrf, disabled: '1' });
    expect(off.status).toBe(400);
    const reader = await signIn(app, db, 'analytiker');
    const readerRow = (await db.first<{ id: number }>("SELECT id FROM users WHERE name = 'analytiker-anna'"))!;
    await agent.post(`/kansli/konton/${readerRow.id}/roll`).type('form').send({ _csrf: csrf, role: 'admin' }).expect(303);
    await agent.post(`/kansli/konton/${readerRow.id}/avstangt`).type('form').send({ _csrf: csrf, disabled: '1' }).expect(303);
    // A disabled account's sessions end at once.
    expect((await reader.agent.get('/kansli/omgangar')).status).toBe(303);
    expect((await agent.get('/kansli/konton?klart=avstangt')).text).toContain('Kontot är avstängt');
    await agent.post(`/kansli/konton/${readerRow.id}/avstangt`).type('form').send({ _csrf: csrf, disabled: '0' }).expect(303);
    expect(await db.first('SELECT role, disabled FROM users WHERE id = ?', [readerRow.id])).toEqual({ role: 'admin', disabled: 0 });
    const reader2 = await signIn(app, db, 'analytiker', 'analytiker-bo');
    expect((await reader2.agent.get('/kansli/konton')).status).toBe(403);
  });

  it('lets everyone change their own password, keeping the session in use and ending the others', async () => {
    const { app, db } = await testApp();
    const first = await signIn(app, db, 'analytiker');
    const second = await signIn(app, db, 'analytiker');
    const wrong = await first.agent
      .post('/kansli/losenord')
      .type('form')
      .send({ _csrf: first.csrf, current: 'fel-lösenord-helt', next: 'ett helt nytt lösenord', repeat: 'ett helt nytt lösenord' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Det nuvarande lösenordet stämmer inte');
    const mismatch = await first.agent
      .post('/kansli/losenord')
      .type('form')
      .send({ _csrf: first.csrf, current: PASSWORD, next: 'ett helt nytt lösenord', repeat: 'ett annat nytt lösenord' });
    expect(mismatch.text).toContain('inte lika');
    const ok = await first.agent
      .post('/kansli/losenord')
      .type('form')
      .send({ _csrf: first.csrf, current: PASSWORD, next: 'ett helt nytt lösenord', repeat: 'ett helt nytt lösenord' });
    expect(ok.headers.location).toBe('/kansli/losenord?klart=losenord');
    expect((await first.agent.get('/kansli/losenord?klart=losenord')).text).toContain('Ditt lösenord är bytt');
    expect((await second.agent.get('/kansli/omgangar')).status).toBe(303);
    expect((await db.all("SELECT action FROM audit_log WHERE action = 'user.password'")).length).toBe(1);
  });
});
