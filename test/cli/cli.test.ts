import fs from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli, freshDb, tempDbPath } from '../helpers.js';
import { projectPath } from '../../server/paths.js';

describe('finsam command line', () => {
  it('adds an insats, creates a round and lists it', async () => {
    const env = { FINSAM_DB: tempDbPath(), FINSAM_BASE_URL: 'https://enkat.example.se' };
    const add = await cli(['insats', 'add', 'FINSAM-team'], env);
    expect(add.code).toBe(0);
    const created = await cli(
      [
        'round',
        'create',
        '--instrument',
        'nns-personal',
        '--insats',
        'finsam-team',
        '--period',
        '2024 H2',
        '--opens',
        '2024-07-01',
        '--closes',
        '2024-12-31',
        '--invited',
        '23',
        '--kiosk',
      ],
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
    expect(rows[0]).toMatchObject({
      id: json.id,
      insats: 'FINSAM-team',
      instrument: 'nns-personal',
      period: '2024 H2',
      year: 2024,
      invited: 23,
      kiosk: true,
      responses: 0,
    });
  });

  const bad: [string, string[], RegExp][] = [
    ['unknown instrument', ['round', 'create', '--instrument', 'x', '--insats', 'A', '--period', 'p'], /Enkäten "x" finns inte/],
    // Without --insats a round belongs to the förbund (test/survey/forbundRounds.test.ts); an empty name is a mistake.
    ['empty insats', ['round', 'create', '--instrument', 'nns-personal', '--insats', ' ', '--period', 'p'], /--insats saknas/],
    ['unknown insats', ['round', 'create', '--instrument', 'nns-personal', '--insats', 'Okänd', '--period', 'p'], /finns inte/],
    [
      'bad date',
      ['round', 'create', '--instrument', 'nns-personal', '--insats', 'A', '--period', 'p', '--opens', '2024-02-30'],
      /ÅÅÅÅ-MM-DD/,
    ],
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

// The built command, as an operator runs it (npm run build first; npm test does).
const BIN = projectPath('bin', 'finsam.js');
function finsam(args: string[], env: Record<string, string>) {
  if (!fs.existsSync(projectPath('dist', 'server', 'cli', 'main.js'))) throw new Error('dist/ saknas: kör npm run build.');
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, FINSAM_DEMO: '0', ...env }, encoding: 'utf8' });
}

describe('finsam output in a terminal', () => {
  // ESC [2J clears the screen, ESC ] sets the window title, CSI (C1, U+009B) starts another sequence,
  // BEL rings, and U+202E reverses what follows.
  const HOSTILE = 'Novum\u001b[2J\u001b]0;titel\u0007\u009b31m\u202etxt.exe';
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('escapes control characters and bidi overrides in stored text, in text and in JSON', () => {
    const env = { FINSAM_DB: tempDbPath() };
    expect(finsam(['insats', 'add', HOSTILE], env).status).toBe(0);
    expect(finsam(['round', 'create', '--instrument', 'nns-personal', '--insats', HOSTILE, '--period', `2024\u001b[8m`], env).status).toBe(
      0,
    );
    const list = finsam(['insats', 'list'], env);
    expect(list.status).toBe(0);
    expect(list.stdout).not.toMatch(RAW);
    expect(list.stdout).toContain('Novum\\u001b[2J\\u001b]0;titel\\u0007\\u009b31m\\u202etxt.exe');
    const rounds = finsam(['round', 'list'], env);
    expect(rounds.stdout).not.toMatch(RAW);
    expect(rounds.stdout).toContain('2024\\u001b[8m');
    // JSON stays exact: the escapes are JSON escapes.
    const json = finsam(['round', 'list', '--json'], env);
    expect(json.stdout).not.toMatch(RAW);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ insats: HOSTILE, period: '2024\u001b[8m' });
    const period = finsam(
      ['round', 'create', '--instrument', 'nns-personal', '--insats', HOSTILE, '--period', 'a\rb', '--year', '2024'],
      env,
    );
    expect(period.status).toBe(0);
    expect(finsam(['round', 'list'], env).stdout).not.toMatch(RAW); // a carriage return would rewrite the line
    // Messages on stderr too.
    const missing = finsam(['round', 'create', '--instrument', 'nns-personal', '--insats', 'X\u001b[2J', '--period', 'p'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).not.toMatch(RAW);
    expect(missing.stderr).toContain('X\\u001b[2J');
  });

  it('ends quietly with exit code 0 when its output pipe closes early (finsam … | head)', async () => {
    const file = tempDbPath();
    const db = await freshDb(file);
    // About 2 MB of listing, far more than a pipe buffers.
    await db.run(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) INSERT INTO insatser (name) SELECT printf('Insats nummer %06d med ett ganska långt namn', i) FROM n",
    );
    await db.close();
    const child = spawn(process.execPath, [BIN, 'insats', 'list'], {
      env: { ...process.env, FINSAM_DB: file, FINSAM_DEMO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    // Read the first chunk, as head does, then close the pipe.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (c: Buffer) => resolve(c.toString())));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
    expect(first).toMatch(/^\d+\tInsats nummer/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
