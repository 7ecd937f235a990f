import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, freshDb, tempDbPath } from '../helpers.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { openDatabase } from '../../server/db/database.js';

const CSV = [
  'Insats;Deltagar-ID;Kön;Födelseår;Utbildning;Tid utan arbete eller studier;Anmälande part;Stadsdel;Startdatum;Slutdatum;Avslutsorsak',
  ...Array.from(
    { length: 6 },
    (_, i) => `IPS psykos;P${i};${i % 2 ? 'Man' : 'Kvinna'};1990;;;;;2024-01-10;2024-0${i + 3}-01;${i < 3 ? 'Arbete' : 'Övrigt'}`,
  ),
  ...Array.from({ length: 4 }, (_, i) => `IPS beroende;B${i};Kvinna;1985;;;;;2024-02-01;${i < 2 ? '2024-10-10;Studier' : ';'}`),
  ...Array.from({ length: 5 }, (_, i) => `FINSAM-team;F${i};Man;1980;;;;;2024-03-01;;`),
].join('\n');

let file: string;
const env = () => ({ FINSAM_DB: file });

beforeAll(async () => {
  file = tempDbPath();
  const db = await freshDb(file);
  expect((await importOutcomes(db, { buffer: Buffer.from(CSV), fileName: 'f.csv', codebook: 'standard' })).ok).toBe(true);
  await db.close();
});

describe('finsam group', () => {
  it('creates, lists, changes, renames and deletes a group, each in the audit log', async () => {
    const created = await cli(['group', 'create', 'IPS-insatserna', '--insats', 'ips psykos', '--insats', 'IPS beroende'], env());
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('IPS-insatserna: IPS beroende, IPS psykos');
    expect(JSON.parse((await cli(['group', 'list', '--json'], env())).stdout)).toEqual([
      { id: 1, name: 'IPS-insatserna', insatser: ['IPS beroende', 'IPS psykos'] },
    ]);
    expect((await cli(['group', 'set', 'ips-insatserna', '--insats', 'FINSAM-team'], env())).code).toBe(0);
    expect((await cli(['group', 'list'], env())).stdout).toBe('1\tIPS-insatserna: FINSAM-team\n');
    expect((await cli(['group', 'rename', 'IPS-insatserna', '--to', 'Teamet'], env())).stdout).toContain('heter nu "Teamet"');
    const deleted = await cli(['group', 'delete', 'teamet'], env());
    expect(deleted.code).toBe(0);
    expect((await cli(['group', 'list', '--json'], env())).stdout.trim()).toBe('[]');
    const db = await openDatabase(file);
    const actions = await db.all<{ action: string; user_name: string }>(
      "SELECT action, user_name FROM audit_log WHERE action LIKE 'group.%' ORDER BY id",
    );
    expect(actions).toEqual(
      ['group.create', 'group.members', 'group.rename', 'group.delete'].map((action) => ({ action, user_name: 'kommandoraden' })),
    );
    await db.close();
  });

  it('explains mistakes in Swedish and changes nothing', async () => {
    expect((await cli(['group', 'create', 'A', '--insats', 'FINSAM-team'], env())).code).toBe(0);
    const cases: [string[], RegExp, number][] = [
      [['group', 'create', '--insats', 'FINSAM-team'], /Ange gruppens namn/, 2],
      [['group', 'create', 'B'], /Ange minst en insats med --insats/, 2],
      [
        ['group', 'create', 'B', '--insats', 'Finns inte'],
        /Insatsen "Finns inte" finns inte. Befintliga insatser: FINSAM-team, IPS beroende, IPS psykos/,
        1,
      ],
      [['group', 'create', 'a', '--insats', 'IPS psykos'], /Det finns redan en grupp som heter "A"/, 1],
      [['group', 'set', 'Okänd', '--insats', 'IPS psykos'], /Gruppen "Okänd" finns inte. Befintliga grupper: A/, 1],
      [['group', 'rename', 'A'], /--to saknas/, 2],
      [['group', 'delete'], /Ange gruppens namn/, 2],
      [['group', 'frobnicate'], /Använd:/, 2],
      [['outcomes', '--year', '2024', '--insats', 'IPS psykos', '--group', 'A'], /antingen --insats eller --group/, 2],
      [['report', '--year', '2024', '--group', 'Okänd'], /Gruppen "Okänd" finns inte/, 1],
    ];
    for (const [args, message, code] of cases) {
      const r = await cli(args, env());
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.code, args.join(' ')).toBe(code);
    }
    expect(JSON.parse((await cli(['group', 'list', '--json'], env())).stdout)).toEqual([
      { id: expect.any(Number), name: 'A', insatser: ['FINSAM-team'] },
    ]);
    expect((await cli(['group', 'delete', 'A'], env())).code).toBe(0);
  });

  it('outcomes and report --group count the members together and name the group', async () => {
    expect((await cli(['group', 'create', 'IPS-insatserna', '--insats', 'IPS psykos', '--insats', 'IPS beroende'], env())).code).toBe(0);
    const outcomes = async (...extra: string[]) =>
      JSON.parse((await cli(['outcomes', '--year', '2024', ...extra, '--json'], env())).stdout);
    const group = await outcomes('--group', 'ips-insatserna');
    const psykos = await outcomes('--insats', 'IPS psykos');
    const beroende = await outcomes('--insats', 'IPS beroende');
    expect(group).toMatchObject({ insats: null, group: 'IPS-insatserna' });
    expect(group.flow.participated).toBe(psykos.flow.participated + beroende.flow.participated);
    expect(group.flow.participated).toBe(10);
    expect(group.flow.ended).toBe(8);

    const report = JSON.parse((await cli(['report', '--year', '2024', '--group', 'IPS-insatserna', '--json'], env())).stdout);
    expect(report).toMatchObject({ insats: null, group: 'IPS-insatserna' });
    expect(report.total.label).toBe('IPS-insatserna');
    expect(report.total.outcomes.flow).toEqual(group.flow);
    expect(report.total.surveys).toEqual([]);
    expect(report.insatser.map((i: { insats: string }) => i.insats)).toEqual(['IPS beroende', 'IPS psykos']);
    expect((await cli(['group', 'delete', 'IPS-insatserna'], env())).code).toBe(0);
  });

  it('finsam charts --group draws the group counted together, then its members', async () => {
    expect((await cli(['group', 'create', 'IPS', '--insats', 'IPS psykos', '--insats', 'IPS beroende'], env())).code).toBe(0);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-group-charts-'));
    const r = await cli(['charts', '--year', '2024', '--group', 'ips', '--out', out], env());
    expect(r.stderr).toBe('');
    const files = fs.readdirSync(out);
    // The group counted together first ("2024-ips-…"), then each member ("2024-ips-psykos-…").
    for (const name of [
      '2024-ips-deltagare.png',
      '2024-ips-avslutsorsaker-per-kon.png',
      '2024-ips-nya-deltagare-per-insats.png',
      '2024-ips-tid-i-insatsen.png',
      '2024-ips-psykos-deltagare.png',
      '2024-ips-psykos-avslutsorsaker-per-kon.png',
      '2024-ips-psykos-serie-deltagare.png',
      '2024-ips-beroende-deltagare.png',
      '2024-ips-beroende-avslutsorsaker-per-kon.png',
    ])
      expect(files).toContain(name);
    // Nothing outside the group is drawn.
    expect(files.every((f) => f.startsWith('2024-ips-'))).toBe(true);
    expect((await cli(['group', 'delete', 'IPS'], env())).code).toBe(0);
  });
});
