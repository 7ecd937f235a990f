// The audit log's filters: by user, by action and by Swedish calendar day; paging keeps the filters.
import { describe, expect, it } from 'vitest';
import { testApp } from '../../helpers.js';
import { signIn } from '../helpers.js';
import { swedishDayStartUtc } from '../../../server/time.js';

const body = (html: string) => /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
const rows = (html: string) => (body(html).match(/<tr>/g) ?? []).length;

describe('audit log filters', () => {
  it('filters by user, action and local day, and rejects a malformed date', async () => {
    const { app, db } = await testApp();
    const { agent } = await signIn(app, db);
    const put = (at: string, user: string, action: string) =>
      db.run('INSERT INTO audit_log (at, user_name, action, details) VALUES (?, ?, ?, ?)', [at, user, action, '{}']);
    // 23:30 UTC on 31 Jan is 00:30 on 1 Feb in Sweden; 22:30 UTC on 30 June is 00:30 on 1 July (summer time).
    await put('2024-01-31T23:30:00.000Z', 'karin', 'round.create');
    await put('2024-01-31T22:30:00.000Z', 'karin', 'round.delete');
    await put('2024-06-30T22:30:00.000Z', 'olle', 'round.create');
    await put('2024-07-01T21:59:00.000Z', 'olle', 'target.save');

    const byUser = await agent.get('/kansli/logg?anvandare=olle');
    expect(byUser.status).toBe(200);
    expect(body(byUser.text)).toContain('Sparade ett mål');
    expect(body(byUser.text)).not.toContain('karin');
    expect(byUser.text).toMatch(/<option value="olle" selected>/);

    const byAction = await agent.get('/kansli/logg?handelse=round.create');
    expect(rows(byAction.text)).toBe(2);

    // 1 February in Sweden holds only the 00:30 entry; the one at 23:30 on 31 January (local) is outside.
    const feb = await agent.get('/kansli/logg?fran=2024-02-01&till=2024-02-01');
    expect(rows(feb.text)).toBe(1);
    expect(body(feb.text)).toContain('Skapade en enkätomgång');
    // 1 July in summer time holds both of olle's entries (00:30 and 23:59 local).
    expect(rows((await agent.get('/kansli/logg?fran=2024-07-01&till=2024-07-01&anvandare=olle')).text)).toBe(2);

    const bad = await agent.get('/kansli/logg?fran=1%20feb');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('ÅÅÅÅ-MM-DD');
  });

  it('keeps the filters in the paging links', async () => {
    const { app, db } = await testApp();
    const { agent } = await signIn(app, db);
    for (let i = 0; i < 60; i++)
      await db.run('INSERT INTO audit_log (at, user_name, action, details) VALUES (?, ?, ?, ?)', [
        `2024-03-0${1 + (i % 5)}T10:00:00.000Z`,
        'karin',
        'export.csv',
        '{}',
      ]);
    const page = await agent.get('/kansli/logg?handelse=export.csv&anvandare=karin');
    expect(page.text).toContain('href="/kansli/logg?sida=2&amp;anvandare=karin&amp;handelse=export.csv"');
  });

  it('knows when Swedish days begin in winter and summer', () => {
    expect(swedishDayStartUtc('2024-02-01')).toBe('2024-01-31T23:00:00.000Z');
    expect(swedishDayStartUtc('2024-07-01')).toBe('2024-06-30T22:00:00.000Z');
    expect(swedishDayStartUtc('2024-03-31')).toBe('2024-03-30T23:00:00.000Z'); // the day summer time starts
  });
});
