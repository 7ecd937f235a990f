// finsam indicators --across-groups and finsam national import|list|export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freshDb, tempDbPath } from '../helpers.js';
import { crossGroupSurveysDir, KEY, seedCrossGroup } from '../indicators/crossGroupFixture.js';

async function seeded() {
  const file = tempDbPath();
  const db = await freshDb(file);
  await seedCrossGroup(db);
  await db.close();
  return { FINSAM_DB: file, FINSAM_SURVEYS_DIR: crossGroupSurveysDir() };
}

function tempFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-national-')), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('finsam indicators --across-groups', () => {
  it('gives board, managers and staff for two years as JSON', async () => {
    const env = await seeded();
    const r = await cli(['indicators', '--across-groups', '--indicator', KEY, '--period', '2024', '--periods', '2', '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.periods.map((p: { period: { key: string } }) => p.period.key)).toEqual(['2023', '2024']);
    expect(out.periods[1].cells.map((c: { instrument: string; percent: number | null }) => [c.instrument, c.percent])).toEqual([
      ['test-styrelse', 90],
      ['test-chefer', 67],
      ['nns-personal', null],
    ]);
    expect(out.periods[0].unweighted.percent).toBe(83);
  });

  it('lists the keys without --indicator, and refuses bad combinations', async () => {
    const env = await seeded();
    const keys = JSON.parse((await cli(['indicators', '--across-groups', '--json'], env)).stdout);
    const groups = keys.find((k: { key: string }) => k.key === KEY).groups.map((g: { instrument: string }) => g.instrument);
    expect(groups).toEqual(expect.arrayContaining(['test-styrelse', 'test-chefer', 'nns-personal']));
    const unknown = await cli(['indicators', '--across-groups', '--indicator', 'finns-inte', '--period', '2024', '--json'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Indikatorn "finns-inte" finns inte/);
    const many = await cli(['indicators', '--across-groups', '--indicator', KEY, '--period', '2024', '--periods', '6'], env);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/--periods kan vara högst 5/);
    const without = await cli(['indicators', '--indicator', KEY, '--period', '2024'], env);
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/gäller bara med --across-groups/);
  });
});

describe('finsam national', () => {
  it('imports, lists and shows Riket in the cross-group result', async () => {
    const env = await seeded();
    const file = tempFile('riket.csv', `Indikator;År;Grupp;Andel positiva (%);Antal svarande\n${KEY};2024;Styrelse;78,5;1200\n`);
    const imported = await cli(['national', 'import', file], env);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/1 nya och 0 ersatta/);
    const list = JSON.parse((await cli(['national', 'list', '--json'], env)).stdout);
    expect(list).toMatchObject([{ indicator: KEY, year: 2024, respondentGroup: 'styrelse', percent: 78.5, n: 1200 }]);
    const r = JSON.parse((await cli(['indicators', '--across-groups', '--indicator', KEY, '--year', '2024', '--json'], env)).stdout);
    expect(r.periods[0].cells.find((c: { instrument: string }) => c.instrument === 'test-styrelse').national).toEqual({
      percent: 78.5,
      n: 1200,
    });
    // A wrong import is taken back: nothing for another year, then the year's values.
    expect((await cli(['national', 'remove', '--year', '2023'], env)).stdout).toMatch(/ingenting togs bort/);
    const removed = await cli(['national', 'remove', '--year', '2024', '--indicator', KEY], env);
    expect(removed.stdout).toMatch(/Tog bort 1 nationella värden/);
    expect((await cli(['national', 'list'], env)).stdout).toMatch(/Inga nationella värden/);
    expect((await cli(['national', 'remove'], env)).code).toBe(2);
  });

  it('refuses a bad file, says so in Swedish and imports nothing', async () => {
    const env = await seeded();
    const file = tempFile('fel.csv', `Indikator;År;Grupp;Andel positiva (%)\n${KEY};2024;Styrelse;78\n${KEY};2024;Styrelse;abc\n`);
    const r = await cli(['national', 'import', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Rad 3: Andel positiva "abc"/);
    expect(r.stderr).toMatch(/Ingenting har importerats/);
    expect((await cli(['national', 'list'], env)).stdout).toMatch(/Inga nationella värden/);
  });

  it('exports the year for national compilation, a hidden cell empty', async () => {
    const env = await seeded();
    const r = await cli(['national', 'export', '--year', '2024'], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Indikator;År;Grupp;Grupp-id;Enkät;Svarande;Svar (n);Positiva svar');
    expect(lines).toContain(`${KEY};2024;Chefer i samverkan;chefer-i-samverkan;test-chefer;6;6;4`);
    expect(lines).toContain(`${KEY};2024;Insatspersonal;insatspersonal;nns-personal;;;`);
    const bad = await cli(['national', 'export', '--year', 'i år'], env);
    expect(bad.code).toBe(2);
  });
});
