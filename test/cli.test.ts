import { describe, expect, it } from 'vitest';
import { cli, tempDbPath } from './helpers.js';

describe('finsam command line', () => {
  it('adds an insats, creates a round and lists it', async () => {
    const env = { FINSAM_DB: tempDbPath(), FINSAM_BASE_URL: 'https://enkat.example.se' };
    const add = await cli(['insats', 'add', 'FINSAM-team'], env);
    expect(add.code).toBe(0);
    const created = await cli(
      ['round', 'create', '--instrument', 'nns-personal', '--insats', 'finsam-team', '--period', '2024 H2', '--opens', '2024-07-01', '--closes', '2024-12-31', '--invited', '23', '--kiosk'],
      env,
    );
    expect(created.code).toBe(0);
    const json = JSON.parse(created.stdout);
    expect(Object.keys(json).sort()).toEqual(['id', 'token', 'url']);
    expect(json.token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 192 random bits
    expect(json.url).toBe(`https://enkat.example.se/e/${json.token}`);
    const list = await cli(['round', 'list', '--json'], env);
    const rows = JSON.parse(list.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: json.id, insats: 'FINSAM-team', instrument: 'nns-personal', period: '2024 H2', year: 2024, invited: 23, kiosk: true, responses: 0 });
  });

  const bad: [string, string[], RegExp][] = [
    ['unknown instrument', ['round', 'create', '--instrument', 'x', '--insats', 'A', '--period', 'p'], /Enkäten "x" finns inte/],
    ['missing insats', ['round', 'create', '--instrument', 'nns-personal', '--period', 'p'], /--insats saknas/],
    ['unknown insats', ['round', 'create', '--instrument', 'nns-personal', '--insats', 'Okänd', '--period', 'p'], /finns inte/],
    ['bad date', ['round', 'create', '--instrument', 'nns-personal', '--insats', 'A', '--period', 'p', '--opens', '2024-02-30'], /ÅÅÅÅ-MM-DD/],
    ['bad invited', ['round', 'create', '--instrument', 'nns-personal', '--insats', 'A', '--period', 'p', '--invited=-3'], /heltal/],
    ['option without value', ['round', 'create', '--instrument'], /behöver ett värde/],
    ['unknown option', ['round', 'create', '--bogus'], /Användning/],
    ['unknown command', ['frobnicate'], /Okänt kommando/],
  ];
  it.each(bad)('fails clearly with a non-zero exit: %s', async (_n, args, message) => {
    const res = await cli(args, { FINSAM_DB: tempDbPath() });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(message);
  });

  it('refuses a duplicate insats', async () => {
    const env = { FINSAM_DB: tempDbPath() };
    await cli(['insats', 'add', 'Novum'], env);
    const again = await cli(['insats', 'add', 'novum'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/finns redan/);
  });
});
