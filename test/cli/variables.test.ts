// finsam variables: a register variable by gender for a period, as JSON or CSV, and the referrer
// members with an override file (FINSAM_REFERRER_CODEBOOK).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDbPath } from '../helpers.js';
import { projectPath } from '../../server/paths.js';

const FIXTURE = projectPath('test', 'fixtures', 'insatsuppfoljning-kommun.csv');

async function registerWithFixture(): Promise<Record<string, string>> {
  const env = { FINSAM_DB: tempDbPath() };
  const imported = await cli(['import-outcomes', FIXTURE], env);
  expect(imported.code).toBe(0);
  expect(imported.stdout).toContain('Extra kolumner som sparades: Boendeform.');
  expect(imported.stdout).toContain('Fritextkolumner som inte sparades: Kommentar.');
  return env;
}

describe('finsam variables', () => {
  it('counts a variable for a period, --year being the same as --period, and writes CSV', async () => {
    const env = await registerWithFixture();
    const byPeriod = await cli(['variables', '--period', '2024', '--name', 'Boendeform', '--population', 'ended', '--json'], env);
    expect(byPeriod.code).toBe(0);
    const t = JSON.parse(byPeriod.stdout);
    // Ended in 2024: A02, A04, A07, B01, B02 → Hyresrätt 3, Bostadsrätt 1, blank 1.
    expect(t).toMatchObject({
      name: 'Boendeform',
      population: 'ended',
      period: { from: '2024-01-01', to: '2024-12-31' },
      total: { count: 5 },
    });
    expect(t.rows.map((r: { value: string; count: number; percent: number }) => [r.value, r.count, r.percent])).toEqual([
      ['Hyresrätt', 3, 60],
      ['Bostadsrätt', 1, 20],
      ['Uppgift saknas', 1, 20],
    ]);
    const byYear = await cli(['variables', '--year', '2024', '--name', 'Boendeform', '--population', 'avslutade', '--json'], env);
    expect(JSON.parse(byYear.stdout)).toEqual(t);

    const csv = await cli(['variables', '--period', '2024', '--name', 'Boendeform', '--insats', 'Alfa', '--insats', 'Beta', '--csv'], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe(
      '\uFEFFBoendeform;Antal;Andel (%);Kvinnor;Andel bland kvinnor (%);Män;Andel bland män (%);Annat/ej angivet;Andel bland annat/ej angivet (%);Anmärkning',
    );
    expect(csv.stdout).toContain('Hyresrätt;7;64;4;67;2;;1;;');
  });

  it('rolls referrers up to members named in the override file', async () => {
    const env = await registerWithFixture();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remittent-'));
    const file = path.join(dir, 'medlemmar.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        id: 'sthlm',
        members: [
          { name: 'Stockholms stad', referrers: ['Jobbtorg/staden'], prefixes: ['Stadsdelsförvaltning'] },
          { name: 'Försäkringskassan', referrers: ['FK'] },
          { name: 'Övriga', other: true },
        ],
      }),
    );
    const r = await cli(['variables', '--period', '2024', '--name', 'anmalande-part-medlem', '--json'], {
      ...env,
      FINSAM_REFERRER_CODEBOOK: file,
    });
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t).toMatchObject({ kind: 'members', codebook: 'sthlm' });
    expect(t.rows.map((x: { value: string; count: number }) => [x.value, x.count])).toEqual([
      ['Stockholms stad', 2],
      ['Försäkringskassan', 2],
      ['Övriga', 6],
      ['Uppgift saknas', 1],
    ]);

    const csv = await cli(['variables', '--period', '2024', '--name', 'anmalande-part-medlem', '--csv'], {
      ...env,
      FINSAM_REFERRER_CODEBOOK: file,
    });
    expect(csv.stdout.split('\r\n')[0]).toMatch(/;Anmärkning;Anmälande parter som ingår$/);
    expect(csv.stdout).toContain('\r\nStockholms stad;2;18;1;17;1;;0;;;Jobbtorg/staden, Stadsdelsförvaltning Syd\r\n');

    fs.writeFileSync(file, '{"members": [{"name": "A", "prefix": ["x"]}]}');
    const bad = await cli(['variables', '--period', '2024', '--name', 'anmälande-part-medlem'], { ...env, FINSAM_REFERRER_CODEBOOK: file });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Kodboken för anmälande part .* är ogiltig: Okänt fält "prefix"/);
  });

  it('lists the variables, gives every table of a period, and refuses bad arguments in Swedish', async () => {
    const env = await registerWithFixture();
    const list = JSON.parse((await cli(['variables', '--json'], env)).stdout);
    expect(list.map((v: { name: string }) => v.name)).toContain('Boendeform');
    const all = JSON.parse((await cli(['variables', '--period', '2024-H1', '--json'], env)).stdout);
    expect(all.map((v: { name: string }) => v.name)).toEqual(['anmälande-part', 'anmälande-part-medlem', 'boende', 'Boendeform']);

    const cases: [string[], number, RegExp][] = [
      [['variables', '--name', 'Boendeform'], 2, /Ange en period/],
      [['variables', '--period', '2024', '--year', '2024', '--name', 'Boendeform'], 2, /antingen --period eller --year/],
      [['variables', '--period', '2024-X1', '--name', 'Boendeform'], 2, /"2024-X1" är ingen period/],
      [['variables', '--period', '2024', '--name', 'Boendeform', '--population', 'alla'], 2, /--population ska vara started/],
      [['variables', '--period', '2024', '--name', 'Skostorlek'], 1, /Variabeln "Skostorlek" finns inte/],
      [['variables', '--period', '2024', '--csv'], 2, /ange vilken variabel med --name/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(args, env);
      expect([r.code, r.stderr], args.join(' ')).toEqual([code, expect.stringMatching(message)]);
    }
  });
});
