import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers.js';
import { importNational, listNational } from '../../server/indicators/national.js';
import { crossGroupSurveys, KEY } from './crossGroupFixture.js';

const surveys = crossGroupSurveys();
const HEADER = 'Indikator;År;Grupp;Andel positiva (%);Antal svarande';
const file = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n');

describe('national reference values', () => {
  it('imports a good file, with group names or ids, decimal comma and an empty count', async () => {
    const db = await freshDb();
    const r = await importNational(
      db,
      surveys,
      file(`${KEY};2024;Styrelse;78,5;1200`, `${KEY};2024;chefer-i-samverkan;81;`, 'jamstalldhet;2023;Insatspersonal;64 %;3 400'),
      'anna',
    );
    expect(r).toEqual({ ok: true, imported: 3, replaced: 0, warnings: [] });
    expect((await listNational(db)).map((x) => [x.indicator, x.year, x.respondentGroup, x.percent, x.n, x.importedBy])).toEqual([
      ['jamstalldhet', 2023, 'insatspersonal', 64, 3400, 'anna'],
      [KEY, 2024, 'chefer-i-samverkan', 81, null, 'anna'],
      [KEY, 2024, 'styrelse', 78.5, 1200, 'anna'],
    ]);
    // The same key, year and group again replaces the figure; a key no questionnaire asks is kept with a warning.
    const again = await importNational(db, surveys, file(`${KEY};2024;Styrelse;80;1300`, 'okand-indikator;2024;Styrelse;50;'), 'anna');
    expect(again).toMatchObject({ ok: true, imported: 1, replaced: 1 });
    expect(again.ok && again.warnings.join(' ')).toMatch(/okand-indikator/);
    expect((await listNational(db)).find((x) => x.respondentGroup === 'styrelse' && x.indicator === KEY)).toMatchObject({
      percent: 80,
      n: 1300,
    });
  });

  it('reads a comma-separated file and Windows-1252 from Excel', async () => {
    const db = await freshDb();
    const text = `Indikator,År,Grupp,Andel positiva (%),Antal svarande\n${KEY},2024,Styrelse,78,10\n`;
    const latin1 = Buffer.from(text, 'latin1');
    expect(await importNational(db, surveys, latin1, null)).toMatchObject({ ok: true, imported: 1 });
  });

  it('imports nothing from a file with any bad row, and names every problem in Swedish', async () => {
    const db = await freshDb();
    await importNational(db, surveys, file(`${KEY};2023;Styrelse;70;`), null);
    const before = await listNational(db);
    const r = await importNational(
      db,
      surveys,
      file(`${KEY};2024;Styrelse;78;10`, `${KEY};24;Styrelse;120;x`, `${KEY};2024;Alla;50;`, `${KEY};2024;styrelse;60;`),
      null,
    );
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toEqual([
      expect.stringMatching(/^Rad 3: År "24" är inget årtal/),
      expect.stringMatching(/^Rad 3: Andel positiva "120" ska vara ett tal från 0 till 100/),
      expect.stringMatching(/^Rad 3: Antal svarande "x" ska vara ett heltal/),
      expect.stringMatching(/^Rad 4: Gruppen "Alla" finns inte/),
      expect.stringMatching(/^Rad 5: samma indikator, år och grupp som rad 2/),
    ]);
    expect(await listNational(db)).toEqual(before);
  });

  it('refuses a file without the required columns', async () => {
    const db = await freshDb();
    const r = await importNational(db, surveys, Buffer.from('Indikator;År;Andel\nx;2024;5\n'), null);
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/Rubrikraden saknar "Grupp"/)]);
    expect(await importNational(db, surveys, Buffer.from(''), null)).toMatchObject({ ok: false });
    expect(await importNational(db, surveys, Buffer.from(`${HEADER}\n`), null)).toMatchObject({ ok: false });
  });

  it('refuses a personnummer in any cell without repeating it, and imports nothing', async () => {
    const db = await freshDb();
    const r = await importNational(
      db,
      surveys,
      Buffer.from(`${HEADER};Kommentar\n${KEY};2024;Styrelse;78;10;Tolvan 19121212-1212\n`),
      null,
    );
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.errors.join('\n');
    expect(text).toMatch(/Rad 2: kolumn Kommentar innehåller något som ser ut som ett personnummer/);
    expect(text).not.toMatch(/1212/);
    const inKey = await importNational(db, surveys, file(`191212121212;2024;Styrelse;78;10`), null);
    expect(inKey.ok ? '' : inKey.errors.join('\n')).toMatch(/personnummer/);
    expect(inKey.ok ? '' : inKey.errors.join('\n')).not.toMatch(/191212/);
    expect(await listNational(db)).toEqual([]);
  });
});
