// Paper questionnaires entered by the kansli: same validation, stored once, marked as paper, pooled.
import { describe, expect, it } from 'vitest';
import { makeRound, surveys, testApp } from '../../helpers.js';
import { csrfOf, signIn } from '../helpers.js';
import { indicatorsFor } from '../../../server/indicators/service.js';

const nonceIn = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)![1]!;

describe('paper entry', () => {
  it('stores a paper answer once, marked as paper, and counts it with the web answers', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const { agent } = await signIn(app, db);
    const form = await agent.get(`/kansli/omgangar/${round.id}/papper`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Har du fått stöd på ett sätt som är till stor nytta för dig?');
    const body = { _csrf: csrfOf(form.text), nonce: nonceIn(form.text), kon: 'kvinna', nytta: '5', behov_kontakt: 'nej' };
    const saved = await agent.post(`/kansli/omgangar/${round.id}/papper`).type('form').send(body);
    expect(saved.status).toBe(303);
    // The same form sent again (a double click, a refresh) stores nothing more.
    const again = await agent.post(`/kansli/omgangar/${round.id}/papper`).type('form').send(body);
    expect(again.status).toBe(303);
    expect(await db.all('SELECT source, gender FROM responses')).toEqual([{ source: 'paper', gender: 'kvinna' }]);
    expect((await agent.get(`/kansli/omgangar/${round.id}/papper?sparat=1`)).text).toContain('Svaret är sparat');
    // Counted in the same running totals as the web answers (one respondent is below k, so the
    // result page itself would hide it).
    expect(
      await db.first("SELECT SUM(n) AS n FROM answer_totals WHERE round_id = ? AND question_id = 'nytta' AND value = '5'", [round.id]),
    ).toEqual({ n: 1 });
    expect((await indicatorsFor(db, surveys, { roundId: round.id }, 3)).respondents).toBeNull();
    const entry = await db.first<{ action: string; details: string }>("SELECT action, details FROM audit_log WHERE action = 'round.paper'");
    expect(JSON.parse(entry!.details)).toEqual({ roundId: round.id });
  });

  it('says in Swedish what is wrong, keeps what was typed, and changes nothing', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const { agent } = await signIn(app, db);
    const form = await agent.get(`/kansli/omgangar/${round.id}/papper`);
    const bad = await agent
      .post(`/kansli/omgangar/${round.id}/papper`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), nonce: nonceIn(form.text), kon: 'kvinna', nytta: '9' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Svaret sparades inte');
    expect(bad.text).toMatch(/name="kon" value="kvinna" checked/);
    const empty = await agent
      .post(`/kansli/omgangar/${round.id}/papper`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), nonce: nonceIn(form.text) });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Inget svar var ifyllt');
    expect(await db.all('SELECT id FROM responses')).toEqual([]);
  });

  it('is for admins only', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa', period: '2024' });
    const { agent } = await signIn(app, db, 'analytiker');
    expect((await agent.get(`/kansli/omgangar/${round.id}/papper`)).status).toBe(403);
  });
});
