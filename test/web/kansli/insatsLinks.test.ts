// The name of an insats links to its page (/kansli/insatser/<id>) wherever a kansli page names it,
// through one helper; not on the insats's own page, not for the förbund, and not in downloads.
import { describe, expect, it } from 'vitest';
import { makeRound, surveys, testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { saveTarget } from '../../../server/targets/store.js';
import { insatsLinker } from '../../../server/web/kansli/insatsLink.js';
import { addResponses } from '../../disclosure/helpers.js';

const many = (n: number, gender: 'kvinna' | 'man') => Array.from({ length: n }, () => ({ gender, answers: { nytta: '5' } }));

describe('links to the insats page', () => {
  it('on the round list, the round page, the results, the targets and the report', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Alfa & Co', period: '2024', invited: 20 });
    await addResponses(db, round.id, [...many(6, 'kvinna'), ...many(6, 'man')]);
    await saveTarget(db, surveys, { insatsId: round.insats_id!, period: 2024, metric: 'started', value: 5 });
    const { agent } = await signIn(app, db, 'analytiker');
    const link = `<a href="/kansli/insatser/${round.insats_id}">Alfa &amp; Co</a>`;

    const rounds = await agent.get('/kansli/omgangar');
    expect(rounds.text).toContain(`<th scope="row">${link}</th>`);
    // The round itself is opened from its period, so the two links are not nested.
    expect(rounds.text).toContain(`<a href="/kansli/omgangar/${round.id}">2024<span class="visually-hidden">`);
    expect((await agent.get(`/kansli/omgangar/${round.id}`)).text).toContain(`<h1>${link}: `);

    const results = await agent.get(`/kansli/resultat?period=2024&insats=${round.insats_id}&enkat=nns-deltagare-avslut`);
    expect(results.status).toBe(200);
    expect(results.text).toMatch(new RegExp(`<p class="lead">[^\\n]*· ${link} ·`));
    expect(results.text).toContain(`<th scope="row">${link} – 2024</th>`);

    const targets = await agent.get(`/kansli/mal?period=2024&insats=${round.insats_id}`);
    expect(targets.text).toContain(`Förväntat resultat och utfall 2024 – ${link}</caption>`);

    const report = await agent.get(`/kansli/rapport?period=2024&insats=${round.insats_id}`);
    expect(report.text).toContain(`${link} 2024</h2>`);

    // Its own page names it without a link to itself.
    const own = await agent.get(`/kansli/insatser/${round.insats_id}`);
    expect(own.text).toContain('<h1>Alfa &amp; Co</h1>');
    expect(own.text).not.toContain(`href="/kansli/insatser/${round.insats_id}"`);

    // Downloads carry the name as text.
    const csv = await agent.get(`/kansli/export/svarsfrekvens.csv?period=2024&insats=${round.insats_id}&enkat=nns-deltagare-avslut`);
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain('<a ');
  });

  it('the admin’s targets headings link it too', async () => {
    const { app, db } = await testApp();
    const round = await makeRound(db, { insats: 'Beta', period: '2024' });
    const { agent } = await signIn(app, db);
    const targets = await agent.get(`/kansli/mal?period=2024&insats=${round.insats_id}`);
    expect(targets.text).toContain(`<h2>Sätt ett mål för <a href="/kansli/insatser/${round.insats_id}">Beta</a>, 2024</h2>`);
  });

  it('the helper escapes the name and leaves names that are no insats as text', () => {
    const link = insatsLinker(new Map([['<b>Alfa</b>', 3]]));
    expect(link('<b>Alfa</b>')).toBe('<a href="/kansli/insatser/3">&lt;b&gt;Alfa&lt;/b&gt;</a>');
    expect(link('Förbundet', null)).toBe('Förbundet');
    expect(link('Alla insatser')).toBe('Alla insatser');
    expect(link('Gamma', 7)).toBe('<a href="/kansli/insatser/7">Gamma</a>');
    // "No insats" wins even when an insats has the same name.
    expect(link('<b>Alfa</b>', null)).toBe('&lt;b&gt;Alfa&lt;/b&gt;');
    expect(link(null)).toBe('');
  });
});
