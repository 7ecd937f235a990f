// Every rejected file stores nothing and names the rows (file line numbers) and columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes, type FileProblem } from '../../server/followup/importer.js';
import { formatProblem } from '../../server/followup/rowRules.js';
import { HEADER, csv, luhnDigit, memoryDb, snapshot } from './helpers.js';

const GOOD = 'Alfa;A1;Kvinna;1990;Gymnasium;1–2 år;Försäkringskassan;Norr;2024-01-10;;';

let db: Db;
let before: Record<string, number>;
beforeAll(async () => {
  db = await memoryDb();
  const base = await importOutcomes(db, { buffer: csv(HEADER, GOOD), fileName: 'bas.csv', codebook: 'standard' });
  expect(base.ok).toBe(true);
  before = await snapshot(db);
});
afterAll(() => db.close());

/** Imports and expects a rejection that stored nothing; returns the problems. */
async function rejected(buffer: Buffer): Promise<FileProblem[]> {
  const r = await importOutcomes(db, { buffer, fileName: 'fel.csv', codebook: 'standard' });
  if (r.ok) throw new Error('expected the import to be rejected');
  expect(r.errors.length).toBeGreaterThan(0);
  expect(await snapshot(db)).toEqual(before);
  for (const e of r.errors) expect(formatProblem(e)).toMatch(/[a-zåäö]/);
  return r.errors;
}

describe('personal identity numbers', () => {
  const pnr12 = `19900101${'123'}${luhnDigit('900101123')}`; // 12 digits
  const pnr10 = `850615${'234'}${luhnDigit('850615234')}`;
  const notLuhn = `850615234${(Number(luhnDigit('850615234')) + 1) % 10}`;

  it('rejects the whole file, names rows and columns and never echoes the number', async () => {
    const file = csv(
      `${HEADER};Anteckning`,
      `${GOOD};ingen`,
      `Alfa;${pnr12.slice(0, 8)}-${pnr12.slice(8)};Kvinna;1990;;;;;2024-01-11;;;`, // line 3, Deltagar-ID with dash
      `${GOOD.replace('A1', 'A3')};ring ${pnr10}`, // line 4, free-text column we do not store
      `Alfa;A4;Man;1990;;;;${pnr10.slice(0, 6)}+${pnr10.slice(6)};2024-01-12;;;`, // line 5, Stadsdel with +
      `Alfa;A5;Man;1990;;;;;2024-01-13;;;${notLuhn}`, // fails Luhn: not a personal identity number
    );
    const errors = await rejected(file);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Deltagar-ID'],
      [4, 'Anteckning'],
      [5, 'Stadsdel'],
    ]);
    expect(errors[0]!.message).toMatch(/personnummer/);
    const text = JSON.stringify(errors);
    for (const n of [pnr12, pnr10, pnr12.slice(2, 8), pnr10.slice(6)]) expect(text).not.toContain(n);
  });

  it('finds 12-digit numbers without separator and reports them with other problems', async () => {
    const errors = await rejected(csv(HEADER, `Alfa;${pnr12};Kvinna;1990;;;;;2024-13-01;;`));
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Deltagar-ID'],
      [2, 'Startdatum'],
    ]);
    expect(JSON.stringify(errors)).not.toContain(pnr12.slice(2));
  });

  it('does not echo a number that sits in a cell with another problem', async () => {
    const errors = await rejected(csv(HEADER, `Alfa;A1;Kvinna;1990;;;;;${pnr10};;`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 2, column: 'Startdatum' });
    expect(JSON.stringify(errors)).not.toContain(pnr10);
  });
});

describe('personnummer written the way Word, Excel and people write them', () => {
  // Each of these was stored and shown to every kansli user before the guard normalised text.
  const variants: [string, string][] = [
    ['space', '850709 9805'],
    ['en dash', '850709\u20139805'],
    ['non-breaking hyphen', '850709\u20119805'],
    ['minus sign', '850709\u22129805'],
    ['full date', '1985-07-09-9805'],
    ['underscore', '850709_9805'],
    ['slash', '850709/9805'],
    ['dot', '850709.9805'],
    ['spaced groups', '85 07 09-9805'],
    ['no-break space', '850709\u00A09805'],
    ['zero-width space', '850709-98\u200B05'],
    ['full-width digits', '８５０７０９-９８０５'],
  ];
  it.each(variants)('rejects a file with one written with %s, in any column', async (_name, pnr) => {
    const errors = await rejected(
      csv(
        `${HEADER};Anteckning`,
        `${GOOD};ok`,
        `Alfa;A2;Man;1990;;;;Norr;2024-01-12;;;samtal med ${pnr} om stöd`,
        `Alfa;${pnr};Man;1990;;;;;2024-01-13;;;`,
      ),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Anteckning'],
      [4, 'Deltagar-ID'],
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/9805|９８０５/);
  });
});

describe('row rules', () => {
  it('rejects an end reason that is not in the code book', async () => {
    const errors = await rejected(
      csv(HEADER, GOOD, 'Alfa;A2;Man;1990;;;;;2024-01-10;2024-05-01;Flyttat', 'Alfa;A3;Man;1990;;;;;2024-01-10;2024-05-01;Arbete'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 3, column: 'Avslutsorsak' });
    expect(errors[0]!.message).toContain('"Flyttat" finns inte i kodboken');
    expect(errors[0]!.message).toContain('Utredning/vård/rehabilitering');
  });

  it('rejects a file without a required column', async () => {
    const noStart = csv('Insats;Deltagar-ID;Kön;Slutdatum;Avslutsorsak', 'Alfa;A1;Kvinna;2024-01-01;Arbete');
    const errors = await rejected(noStart);
    expect(errors).toEqual([expect.objectContaining({ row: 1, column: 'Startdatum' })]);
    expect(errors[0]!.message).toMatch(/Kolumnen "Startdatum" saknas/);

    const noInsatsNoKon = await rejected(csv('Deltagar-ID;Startdatum', 'A1;2024-01-01'));
    expect(noInsatsNoKon.map((e) => e.column)).toEqual(['Insats', 'Kön']);
  });

  it('rejects bad dates: wrong format and dates that do not exist', async () => {
    const errors = await rejected(
      csv(
        HEADER,
        GOOD,
        'Alfa;A2;Man;1990;;;;;15/3/2024;;',
        'Alfa;A3;Man;1990;;;;;2024-02-30;;',
        'Alfa;A4;Man;1990;;;;;2023-02-29;2024-01-01;Arbete',
        'Alfa;A5;Man;1990;;;;;;;',
      ),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Startdatum'],
      [4, 'Startdatum'],
      [5, 'Startdatum'],
      [6, 'Startdatum'],
    ]);
    expect(errors[0]!.message).toContain('ÅÅÅÅ-MM-DD');
    expect(errors[3]!.message).toContain('Startdatum saknas');
  });

  it('rejects an end date before the start date', async () => {
    const errors = await rejected(csv(HEADER, GOOD, 'Alfa;A2;Kvinna;1990;;;;;2024-05-01;2024-04-30;Arbete'));
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: 'Slutdatum' })]);
    expect(errors[0]!.message).toContain('före startdatum');
  });

  it('requires end date and end reason together', async () => {
    const errors = await rejected(
      csv(HEADER, 'Alfa;A2;Kvinna;1990;;;;;2024-05-01;2024-06-01;', 'Alfa;A3;Kvinna;1990;;;;;2024-05-01;;Arbete'),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Avslutsorsak'],
      [3, 'Slutdatum'],
    ]);
  });

  it('requires Insats, knows the genders and rejects duplicates within the file', async () => {
    const errors = await rejected(
      csv(
        HEADER,
        ';A2;Kvinna;1990;;;;;2024-05-01;;',
        'Alfa;A3;Okänd;1990;;;;;2024-05-01;;',
        'Alfa;A4;Kvinna;19x0;;;;;2024-05-01;;',
        'Alfa;A5;Man;1990;;;;;2024-05-01;;',
        'ALFA;A5;Kvinna;1990;;;;;2024-05-01;;',
      ),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Insats'],
      [3, 'Kön'],
      [4, 'Födelseår'],
      [6, 'Deltagar-ID'],
    ]);
    expect(errors[3]!.message).toContain('rad 5');
  });

  it('reports every problem at once, in line order', async () => {
    const errors = await rejected(
      csv(
        HEADER,
        'Alfa;A2;Kvinna;1990;;;;;2024-05-01;2024-04-01;Flytt',
        GOOD,
        'Alfa;A3;Kvinna;1990;;;;;2024-05-01;2024-06-01;arbete',
        'Alfa;A4;Kvinna;1990;;;;;2024-05-32;;',
      ),
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Slutdatum'],
      [2, 'Avslutsorsak'],
      [5, 'Startdatum'],
    ]);
  });

  it('rejects columns with names or personal identity numbers in the header', async () => {
    const errors = await rejected(csv('Insats;Förnamn;Efternamn;Kön;Startdatum;Personnummer', 'Alfa;Anna;Svensson;Kvinna;2024-01-01;'));
    expect(errors.map((e) => e.column)).toEqual(['Förnamn', 'Efternamn', 'Personnummer']);
    expect(errors.every((e) => e.row === 1)).toBe(true);
    const namn = await rejected(csv('Insats;Namn;Kön;Startdatum', 'Alfa;X;Kvinna;2024-01-01'));
    expect(namn[0]!.message).toContain('namn');
    // A name in the ID column is refused too.
    const id = await rejected(csv(HEADER, 'Alfa;Anna Svensson;Kvinna;1990;;;;;2024-05-01;;'));
    expect(id).toEqual([expect.objectContaining({ row: 2, column: 'Deltagar-ID' })]);
  });

  it('rejects an empty file and a file with only a header', async () => {
    await rejected(Buffer.alloc(0));
    const errors = await rejected(csv(HEADER));
    expect(errors[0]!.message).toContain('inga deltagarrader');
  });
});

describe('encodings', () => {
  it('rejects a file whose encoding cannot be read', async () => {
    // UTF-16 without a byte-order mark, as some tools write it.
    const utf16 = Buffer.from(`${HEADER}\r\n${GOOD}\r\n`, 'utf16le');
    const e1 = await rejected(utf16);
    expect(e1).toEqual([expect.objectContaining({ row: null })]);
    expect(e1[0]!.message).toContain('unreadable encoding');
    expect(e1[0]!.message).toContain('CSV UTF-8');
    // Binary noise.
    const noise = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 167 + 13) % 256));
    expect((await rejected(noise))[0]!.message).toContain('teckenkodningen');
    // An Excel workbook instead of CSV.
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
    expect((await rejected(xlsx))[0]!.message).toContain('.xlsx');
  });

  it('imports a readable Windows-1252 file with å, ä, ö and en dashes', async () => {
    const text = [
      HEADER,
      'Återstart Öst;W1;Kvinna;1990;Gymnasium;1–2 år;Hälso- och sjukvård;Södermalm;2024-02-01;2024-09-30;Övrigt',
      'återstart öst;W2;Man;1991;Gymnasium;Mindre än 1 år;Försäkringskassan;Älvsjö;2024-03-01;;',
    ].join('\r\n');
    const bytes = Buffer.from([...text].map((ch) => (ch === '–' ? 0x96 : ch.charCodeAt(0))));
    expect(bytes.includes(0xe5)).toBe(true); // å as one byte: really not UTF-8
    const local = await memoryDb();
    const r = await importOutcomes(local, { buffer: bytes, fileName: 'ansi.csv', codebook: 'standard' });
    expect(r).toMatchObject({ ok: true, inserted: 2, encoding: 'windows-1252', insatserCreated: ['Återstart Öst'] });
    const rows = await local.all(
      `SELECT i.name AS insats, e.referrer, e.district, e.time_without_work AS time, e.end_reason AS reason
       FROM episodes e JOIN insatser i ON i.id = e.insats_id ORDER BY e.participant_ref`,
    );
    expect(rows).toEqual([
      { insats: 'Återstart Öst', referrer: 'Hälso- och sjukvård', district: 'Södermalm', time: '1–2 år', reason: 'Övrigt' },
      { insats: 'Återstart Öst', referrer: 'Försäkringskassan', district: 'Älvsjö', time: 'Mindre än 1 år', reason: null },
    ]);
    await local.close();
  });

  it('accepts comma separators, header aliases and no BOM', async () => {
    const local = await memoryDb();
    const file = csv(
      'insats,Deltagarnummer,Kon,Start,Avslutsdatum,Orsak till avslut,Remittent,Övrigt fält',
      'Alfa,7,kvinna,2024-01-01,2024-02-01,jobbtorg / amf-insats,"Hälso- och sjukvård, Region",x',
      'Alfa,8,,2024-01-01,,,,',
    );
    const r = await importOutcomes(local, { buffer: file, fileName: 'komma.csv', codebook: 'standard' });
    expect(r).toMatchObject({ ok: true, inserted: 2, variables: ['Övrigt fält'], ignoredColumns: [] });
    const rows = await local.all('SELECT participant_ref, gender, end_reason, referrer FROM episodes ORDER BY participant_ref');
    expect(rows).toEqual([
      { participant_ref: '7', gender: 'kvinna', end_reason: 'Jobbtorg/AMF-insats', referrer: 'Hälso- och sjukvård, Region' },
      { participant_ref: '8', gender: 'annat', end_reason: null, referrer: null },
    ]);
    await local.close();
  });
});

describe('line numbers', () => {
  it('are file lines, also after blank lines and cells spanning lines', async () => {
    const errors = await rejected(
      csv(HEADER, GOOD, '', 'Alfa;A2;Kvinna;1990;"Gymnasium,\nbarn- och fritid";;;;2024-01-10;;', 'Alfa;A3;Kvinna;1990;;;;;2024-01-xx;;'),
    );
    expect(errors).toEqual([expect.objectContaining({ row: 6, column: 'Startdatum' })]);
  });
});

describe('messages never repeat a personnummer look-alike', () => {
  it('masks a 10/12-digit number with a wrong check digit in the error text', async () => {
    const { quote } = await import('../../server/followup/rowRules.js');
    expect(quote('19900101-1234')).toBe('"[personnummerliknande]"');
    expect(quote('Född 199001011234')).not.toMatch(/\d{10}/);
    expect(quote('1990')).toBe('"1990"');
  });
});
