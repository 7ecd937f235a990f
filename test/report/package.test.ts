// The report as one download: DOCX with numbered captions, XLSX with numbers as numbers, ZIP of every
// chart and table; the same from the command line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PACKAGE_FORMATS, reportPackage } from '../../server/report/package.js';
import { seedDemo } from '../../server/ops/demo.js';
import { testConfig } from '../../server/config.js';
import { cli, freshDb, surveys, tempDbPath, testApp } from '../helpers.js';
import { signIn } from '../web/helpers.js';
import { sheetNames } from '../../server/report/xlsx.js';

describe('the report as one download', () => {
  it('holds every table with a numbered caption, in Word, Excel and a ZIP with the charts', async () => {
    const file = tempDbPath();
    const db = await freshDb(file);
    await seedDemo(db, surveys, '2026-11-23');
    const pack = await reportPackage({ db, surveys, config: testConfig() }, 2025, null, null, PACKAGE_FORMATS);
    expect(pack.baseName).toBe('rapport-2025');
    expect(pack.tables).toBeGreaterThan(10);

    const doc = unzipSync(new Uint8Array(pack.files.docx));
    const body = strFromU8(doc['word/document.xml']!);
    expect(body).toContain('Förväntat resultat och utfall 2025');
    expect(body).toMatch(/Tabell 1 [^<]+ 2025 – Hela förbundet/);
    expect(body).toMatch(/Figur 1 /);
    expect(Object.keys(doc).some((k) => k.startsWith('word/media/'))).toBe(true);

    const xlsx = unzipSync(new Uint8Array(pack.files.xlsx));
    const workbook = strFromU8(xlsx['xl/workbook.xml']!);
    expect(workbook).toMatch(/<sheet name="T1 [^"]{1,28}"/);
    const sheet1 = strFromU8(xlsx['xl/worksheets/sheet1.xml']!);
    // Numbers are numbers (<v>), not text.
    expect(sheet1).toMatch(/<c r="B2"[^>]*><v>\d+<\/v><\/c>/);
    expect(strFromU8(xlsx['xl/styles.xml']!)).toContain('formatCode="0&quot; %&quot;"');

    const zip = unzipSync(new Uint8Array(pack.files.zip));
    const names = Object.keys(zip);
    expect(names.filter((n) => n.endsWith('.csv')).length).toBe(pack.tables);
    expect(names.filter((n) => n.endsWith('.png')).length).toBe(pack.charts);
    expect(names.filter((n) => n.endsWith('.svg')).length).toBe(pack.charts);
    // Names carry period and insats (and questionnaire for survey tables), so nothing collides.
    expect(names).toContain('tabeller/2025-finsam-team-avslutsorsaker.csv');
    expect(names.some((n) => /^tabeller\/2025-finsam-team-nns-deltagare-avslut-indikatorer\.csv$/.test(n))).toBe(true);

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-package-'));
    const r = await cli(['report-package', '--period', '2025', '--insats', 'FINSAM-team', '--out', out], { FINSAM_DB: file });
    expect(r.stderr).toBe('');
    expect(fs.readdirSync(out).sort()).toEqual([
      'rapport-2025-finsam-team.docx',
      'rapport-2025-finsam-team.xlsx',
      'rapport-2025-finsam-team.zip',
    ]);
    await db.close();
  }, 120_000);

  it('is downloaded from the report page and logged', async () => {
    const { app, db } = await testApp();
    await seedDemo(db, surveys, '2026-11-23');
    const { agent } = await signIn(app, db, 'analytiker');
    const page = await agent.get('/kansli/rapport?period=2025');
    expect(page.text).toContain('/kansli/rapport/paket.docx?period=2025');
    const res = await agent
      .get('/kansli/rapport/paket.xlsx?period=2025')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="rapport-2025.xlsx"');
    expect(Buffer.from(res.body).subarray(0, 2).toString()).toBe('PK');
    expect((await agent.get('/kansli/rapport/paket.pdf?period=2025')).status).toBe(404);
    expect(await db.first("SELECT action FROM audit_log WHERE action = 'export.package'")).toBeTruthy();
  }, 120_000);

  it('gives Excel sheet names that are short, legal and unique', () => {
    expect(sheetNames(['T1 Avslutsorsaker 2024 – Hela förbundet med ett långt namn', 'a/b', 'A/B'])).toEqual([
      'T1 Avslutsorsaker 2024 – Hela f',
      'a b',
      'A B 2',
    ]);
  });
});
