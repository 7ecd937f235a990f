// Changing a target in place: the same form filled in with the target's values, saved over the same
// target (same id), errors in the summary with nothing changed, and only for admins.
import { describe, expect, it } from 'vitest';
import { makeRound, surveys, testApp } from '../../helpers.js';
import { csrfOf, signIn } from '../helpers.js';
import { findTarget, saveTarget } from '../../../server/targets/store.js';

async function setUp() {
  const { app, db } = await testApp();
  const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
  const target = await saveTarget(db, surveys, {
    insatsId: round.insats_id!,
    period: 2024,
    metric: 'response-rate',
    params: { instrument: 'nns-deltagare-avslut' },
    value: 70,
    label: 'Svarsfrekvens',
  });
  return { app, db, round, target };
}

describe('changing a target', () => {
  it('opens the form filled in, saves over the same target and says so', async () => {
    const { app, db, round, target } = await setUp();
    const { agent } = await signIn(app, db);
    const list = await agent.get(`/kansli/mal?period=2024&insats=${round.insats_id}`);
    expect(list.text).toContain(`<a href="/kansli/mal/${target.id}/andra">Ändra målet`);
    const form = await agent.get(`/kansli/mal/${target.id}/andra`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`action="/kansli/mal/${target.id}/andra"`);
    expect(form.text).toMatch(/<option value="response-rate" selected>/);
    expect(form.text).toMatch(/<option value="nns-deltagare-avslut" selected>/);
    expect(form.text).toContain('id="m-value" name="value" value="70"');
    expect(form.text).toContain('id="m-period" name="period" value="2024"');
    expect(form.text).toContain('value="Svarsfrekvens"');
    const saved = await agent
      .post(`/kansli/mal/${target.id}/andra`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        period: '2024',
        metric: 'response-rate',
        instrument: 'nns-deltagare-avslut',
        mode: 'band',
        value: '60-80',
        direction: 'atLeast',
        manual: '202 av 240',
        label: 'Svarsfrekvens, avslut',
      });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/kansli/mal?period=2024&insats=${round.insats_id}&sparat=mal`);
    expect(await db.all('SELECT id FROM targets')).toEqual([{ id: target.id }]);
    expect(await findTarget(db, target.id)).toMatchObject({
      id: target.id,
      mode: 'band',
      value: 60,
      valueHigh: 80,
      label: 'Svarsfrekvens, avslut',
      manual: { value: 202, of: 240, text: null, by: 'admin-anna' },
    });
    expect((await agent.get(saved.headers.location!)).text).toContain('Målet är sparat.');
    const audit = await db.all<{ action: string; details: string }>("SELECT action, details FROM audit_log WHERE action LIKE 'target.%'");
    expect(audit).toEqual([{ action: 'target.edit', details: expect.stringContaining(`"targetId":${target.id}`) }]);
    // The form now starts from the changed values.
    const again = await agent.get(`/kansli/mal/${target.id}/andra`);
    expect(again.text).toContain('id="m-value" name="value" value="60-80"');
    expect(again.text).toMatch(/name="mode" value="band" checked/);
    expect(again.text).toContain('value="202 av 240"');
  });

  it('keeps the target unchanged when the value cannot be read, with the error in the summary', async () => {
    const { app, db, target } = await setUp();
    const { agent, csrf } = await signIn(app, db);
    const before = await findTarget(db, target.id);
    const bad = await agent.post(`/kansli/mal/${target.id}/andra`).type('form').send({
      _csrf: csrf,
      period: '2024',
      metric: 'response-rate',
      instrument: 'nns-deltagare-avslut',
      mode: 'value',
      value: 'sjuttio',
      manual: '50',
      label: 'Något annat',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/<div class="error-summary" role="alert" tabindex="-1" id="fel">.*Skriv målvärdet som ett tal/s);
    // The form keeps what was written, so that it can be corrected.
    expect(bad.text).toContain('id="m-value" name="value" value="sjuttio"');
    expect(await findTarget(db, target.id)).toEqual(before);
    // A value out of range for the metric, and a hand-entered outcome that does not fit, change nothing either.
    for (const send of [
      { mode: 'value', value: '170' },
      { mode: 'value', value: '80', manual: '300' },
      { mode: 'value', value: '80', period: 'nästa år' },
    ]) {
      const res = await agent
        .post(`/kansli/mal/${target.id}/andra`)
        .type('form')
        .send({ _csrf: csrf, period: '2024', metric: 'response-rate', instrument: 'nns-deltagare-avslut', ...send });
      expect(res.status).toBe(400);
      expect(await findTarget(db, target.id)).toEqual(before);
    }
    expect(await db.all("SELECT action FROM audit_log WHERE action LIKE 'target.%'")).toEqual([]);
  });

  it('refuses a change that would make it the same as another target of the period', async () => {
    const { app, db, round, target } = await setUp();
    const other = await saveTarget(db, surveys, { insatsId: round.insats_id!, period: 2024, metric: 'started', value: 20 });
    const { agent, csrf } = await signIn(app, db);
    const res = await agent
      .post(`/kansli/mal/${target.id}/andra`)
      .type('form')
      .send({ _csrf: csrf, period: '2024', metric: 'started', mode: 'value', value: '30' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Det finns redan ett mål för samma mått');
    expect((await findTarget(db, other.id))!.value).toBe(20);
    expect((await findTarget(db, target.id))!.metric).toBe('response-rate');
  });

  it('is for admins only: the analytiker gets 403 and sees no change controls', async () => {
    const { app, db, round, target } = await setUp();
    const { agent, csrf } = await signIn(app, db, 'analytiker');
    const page = await agent.get(`/kansli/mal?period=2024&insats=${round.insats_id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('/andra"');
    expect(page.text).toContain('Du har rollen analytiker');
    expect((await agent.get(`/kansli/mal/${target.id}/andra`)).status).toBe(403);
    const res = await agent
      .post(`/kansli/mal/${target.id}/andra`)
      .type('form')
      .send({ _csrf: csrf, period: '2024', metric: 'response-rate', instrument: 'nns-deltagare-avslut', mode: 'value', value: '10' });
    expect(res.status).toBe(403);
    expect((await findTarget(db, target.id))!.value).toBe(70);
  });

  it('fills in the picked reasons and a gap that must shrink', async () => {
    const { app, db, round } = await setUp();
    const gap = await saveTarget(db, surveys, {
      insatsId: round.insats_id!,
      period: '2024-H1',
      metric: 'gender-gap',
      mode: 'shrink',
      value: 0,
      params: { of: 'reasons', reasons: ['Arbete', 'Egen orsak som inte finns i kodboken'] },
    });
    const { agent } = await signIn(app, db);
    const form = await agent.get(`/kansli/mal/${gap.id}/andra`);
    expect(form.text).toMatch(/name="reasons" value="Arbete" checked/);
    expect(form.text).toMatch(/name="reasons" value="Egen orsak som inte finns i kodboken" checked/);
    expect(form.text).toMatch(/name="mode" value="shrink" checked/);
    expect(form.text).toMatch(/<option value="reasons" selected>/);
    expect(form.text).toContain('id="m-period" name="period" value="2024-H1"');
  });

  it('says so when the target is gone', async () => {
    const { app, db } = await setUp();
    const { agent } = await signIn(app, db);
    expect((await agent.get('/kansli/mal/999/andra')).status).toBe(404);
    expect((await agent.get('/kansli/mal/abc/andra')).status).toBe(404);
  });
});
