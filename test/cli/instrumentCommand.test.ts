// finsam instrument list: the loaded questionnaires with group, languages and indicator keys.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, surveys, tempDbPath } from '../helpers.js';
import { instrumentInfo } from '../../server/cli/instrumentCommand.js';
import { projectPath } from '../../server/paths.js';

describe('finsam instrument list', () => {
  it('lists every loaded questionnaire as JSON, the highest version of each', async () => {
    const res = await cli(['instrument', 'list', '--json'], { FINSAM_DB: tempDbPath() });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const rows = JSON.parse(res.stdout) as { id: string; respondentGroup: string }[];
    expect(rows.map((r) => [r.id, r.respondentGroup])).toEqual([
      ['kursutvardering', 'kurs-deltagare'],
      ['nns-chefer', 'chefer-i-samverkan'],
      ['nns-deltagare-avslut', 'deltagare-avslut'],
      ['nns-deltagare-pagaende', 'deltagare-pagaende'],
      ['nns-personal', 'insatspersonal'],
      ['nns-remittenter', 'remittenter'],
      ['nns-styrelse', 'styrelse'],
    ]);
    expect(rows.find((r) => r.id === 'nns-personal')).toEqual({
      id: 'nns-personal',
      version: 1,
      title: 'Enkät till personal i insatsen',
      respondentGroup: 'insatspersonal',
      languages: ['sv', 'en'],
      indicators: ['samverkan-lyssnar', 'samverkan-kunskap', 'samverkan-strukturer', 'jamstalldhet'],
    });
    expect(rows.find((r) => r.id === 'kursutvardering')).toMatchObject({ indicators: [] });
  });

  it('lists Swedish and each language a questionnaire carries a translation for', () => {
    const q = { ...surveys.get('nns-personal')!, translations: { en: {}, ar: {} } };
    expect(instrumentInfo(q).languages).toEqual(['sv', 'ar', 'en']);
  });

  it('shows a version from FINSAM_SURVEYS_DIR, and prints a text table', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-instr-'));
    const base = JSON.parse(fs.readFileSync(projectPath('surveys', 'nns-styrelse.v1.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'nns-styrelse.v2.json'), JSON.stringify({ ...base, version: 2 }));
    const env = { FINSAM_DB: tempDbPath(), FINSAM_SURVEYS_DIR: dir };
    const rows = JSON.parse((await cli(['instrument', 'list', '--json'], env)).stdout) as {
      id: string;
      version: number;
      languages: string[];
    }[];
    expect(rows.find((r) => r.id === 'nns-styrelse')).toMatchObject({ version: 2, languages: ['sv', 'en'] });
    const text = await cli(['instrument', 'list'], env);
    expect(text.stdout).toMatch(/^nns-styrelse\tv2\tstyrelse\tsv,en\t.*samverkan-kunskap/m);
    const bad = await cli(['instrument', 'show'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/finsam instrument list/);
  });
});
