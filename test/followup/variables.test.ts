// Residence aliases (Kommun …) and extra register columns kept as episode variables: stored,
// updated and undone like the built-in columns; never a personnummer, never too many (docs/import.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes, undoImport } from '../../server/followup/importer.js';
import { MAX_EXTRA_COLUMNS } from '../../server/followup/csvFile.js';
import { purgeOlderThan } from '../../server/ops/purge.js';
import { csv, luhnDigit, snapshot, tempDb } from './helpers.js';

const BASE = 'Insats;Deltagar-ID;Kön;Startdatum;Slutdatum;Avslutsorsak';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await tempDb());
});
afterEach(() => cleanup());

const imp = (buffer: Buffer, fileName = 'f.csv') => importOutcomes(db, { buffer, fileName, codebook: 'standard' });

/** Every stored variable as "ref name=value", in order. */
async function variables(): Promise<string[]> {
  const rows = await db.all<{ ref: string; name: string; value: string }>(
    `SELECT e.participant_ref AS ref, v.name, v.value FROM episode_variables v JOIN episodes e ON e.id = v.episode_id
     ORDER BY e.participant_ref, v.name`,
  );
  return rows.map((r) => `${r.ref} ${r.name}=${r.value}`);
}

async function districts(): Promise<(string | null)[]> {
  return (await db.all<{ district: string | null }>('SELECT district FROM episodes ORDER BY participant_ref')).map((r) => r.district);
}

async function countOf(table: string): Promise<number> {
  return (await db.first<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;
}

describe('residence columns', () => {
  it('reads Kommun, Bostadsort and Boendeort as the residence (district)', async () => {
    for (const [i, header] of ['Kommun', 'Bostadsort', 'Boendeort', 'Stadsdel/kommun', 'Kommunnamn'].entries()) {
      const r = await imp(csv(`${BASE};${header}`, `Alfa;K${i};Kvinna;2024-01-0${i + 1};;;Huddinge`));
      expect(r).toMatchObject({ ok: true, variables: [] });
    }
    expect(await districts()).toEqual(['Huddinge', 'Huddinge', 'Huddinge', 'Huddinge', 'Huddinge']);
    expect(await variables()).toEqual([]);
  });

  it('keeps a column named only "Boende" (often the form of housing) as a variable, not as residence', async () => {
    const r = await imp(csv(`${BASE};Boende`, 'Alfa;B1;Kvinna;2024-01-01;;;Hyresrätt'));
    expect(r).toMatchObject({ ok: true, variables: ['Boende'] });
    expect(await variables()).toContain('B1 Boende=Hyresrätt');
  });

  it('lets Stadsdel win over Kommun and keeps Kommun as a variable', async () => {
    const r = await imp(csv(`${BASE};Kommun;Stadsdel`, 'Alfa;S1;Man;2024-01-01;;;Stockholm;Farsta'));
    expect(r).toMatchObject({ ok: true, variables: ['Kommun'] });
    expect(await districts()).toEqual(['Farsta']);
    expect(await variables()).toEqual(['S1 Kommun=Stockholm']);
  });

  it('refuses two municipality columns without a Stadsdel column', async () => {
    const r = await imp(csv(`${BASE};Kommun;Bostadsort`, 'Alfa;S1;Man;2024-01-01;;;Stockholm;Solna'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ column: 'Bostadsort', message: expect.stringMatching(/betyder båda Stadsdel/) });
    expect(await countOf('episodes')).toBe(0);
  });
});

describe('extra columns', () => {
  it('stores them cleaned, leaves blanks out and reports them; free-text columns are not stored', async () => {
    const r = await imp(
      csv(
        `${BASE};Boendeform;Språk ;Kommentar`,
        'Alfa;A1;Kvinna;2024-01-01;;;  Eget   boende ;Arabiska;ringer fredag',
        'Alfa;A2;Man;2024-01-02;;;;Svenska;',
      ),
    );
    expect(r).toMatchObject({ ok: true, inserted: 2, variables: ['Boendeform', 'Språk'], ignoredColumns: ['Kommentar'] });
    expect(await variables()).toEqual(['A1 Boendeform=Eget boende', 'A1 Språk=Arabiska', 'A2 Språk=Svenska']);
  });

  it("a re-import sets the file's values, keeps variables the file lacks, and undo restores them exactly", async () => {
    await imp(csv(`${BASE};Boendeform;Språk`, 'Alfa;A1;Kvinna;2024-01-01;;;Eget boende;Arabiska', 'Alfa;A2;Man;2024-01-02;;;Hyresrätt;'));
    const first = await variables();
    // Second file: A1's Boendeform blanked, A2 gains one, A3 is new; "BOENDEFORM" is the same variable.
    const r = await imp(
      csv(
        `${BASE};BOENDEFORM;Sysselsättning`,
        'Alfa;A1;Kvinna;2024-01-01;;;;Ingen',
        'Alfa;A2;Man;2024-01-02;;;Bostadsrätt;',
        'Alfa;A3;Man;2024-03-01;;;Hyresrätt;Praktik',
      ),
    );
    expect(r).toMatchObject({ ok: true, inserted: 1, updated: 2, variables: ['Boendeform', 'Sysselsättning'] });
    expect(await variables()).toEqual([
      'A1 Språk=Arabiska',
      'A1 Sysselsättning=Ingen',
      'A2 Boendeform=Bostadsrätt',
      'A3 Boendeform=Hyresrätt',
      'A3 Sysselsättning=Praktik',
    ]);
    expect(await undoImport(db, 2)).toMatchObject({ ok: true, deleted: 1, restored: 2 });
    expect(await variables()).toEqual(first);
    expect(await countOf('episode_variable_history')).toBe(0);
    expect(await undoImport(db, 1)).toMatchObject({ ok: true, deleted: 2 });
    expect(await variables()).toEqual([]);
  });

  it('are rolled back with a batch that fails in the middle of writing (after earlier chunks were written)', async () => {
    const lines = (n: number, value: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => `Alfa;P${i};Kvinna;2024-01-01;;;${value(i)};x${i}`);
    await imp(csv(`${BASE};Språk`, ...lines(700, (i) => (i % 2 ? 'Svenska' : '')).map((l) => l.replace(/;x\d+$/, ''))));
    const before = { ...(await snapshot(db)), vars: await variables(), names: await countOf('import_batch_variables') };
    // The second file updates every row (and adds Ort); its last row fails in the second merge chunk.
    await db.run("CREATE TRIGGER boom BEFORE INSERT ON episode_variables WHEN NEW.value = 'BOOM' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    await expect(imp(csv(`${BASE};Språk;Ort`, ...lines(700, (i) => (i === 699 ? 'BOOM' : 'Finska'))))).rejects.toThrow(/boom/);
    expect({ ...(await snapshot(db)), vars: await variables(), names: await countOf('import_batch_variables') }).toEqual(before);
    expect(await countOf('episode_variable_history')).toBe(0);
  });

  it('go with their episode when it is purged', async () => {
    await imp(csv(`${BASE};Språk`, 'Alfa;A1;Kvinna;2010-01-01;2010-06-01;Arbete;Arabiska', 'Alfa;A2;Man;2024-01-02;;;Svenska'));
    await purgeOlderThan(db, 5, '2025-01-01');
    expect(await variables()).toEqual(['A2 Språk=Svenska']);
  });

  it('a personnummer in an extra column rejects the file and stores nothing', async () => {
    await imp(csv(`${BASE};Språk`, 'Alfa;A0;Kvinna;2024-01-01;;;Svenska'));
    const before = {
      ...(await snapshot(db)),
      variables: await countOf('episode_variables'),
      names: await countOf('import_batch_variables'),
    };
    const pnr = `850615-234${luhnDigit('850615234')}`;
    const r = await imp(csv(`${BASE};Språk;Kontakt`, 'Alfa;A1;Kvinna;2024-01-01;;;Svenska;', `Alfa;A2;Man;2024-01-02;;;Finska;via ${pnr}`));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([expect.objectContaining({ row: 3, column: 'Kontakt', message: expect.stringMatching(/personnummer/) })]);
      expect(JSON.stringify(r)).not.toContain(pnr.slice(7));
    }
    expect({
      ...(await snapshot(db)),
      variables: await countOf('episode_variables'),
      names: await countOf('import_batch_variables'),
    }).toEqual(before);
  });

  it('refuses a header that names a person or identifies a case, as for the built-in columns', async () => {
    for (const header of ['Förnamn', 'Födelsedatum', 'Diarienummer', 'Mobil']) {
      const r = await imp(csv(`${BASE};${header}`, 'Alfa;A1;Kvinna;2024-01-01;;;x'));
      expect(r.ok, header).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatchObject({ column: header, message: expect.stringMatching(/Ta bort kolumnen/) });
    }
    expect(await countOf('episodes')).toBe(0);
  });

  it(`refuses more than ${MAX_EXTRA_COLUMNS} extra columns and values over 200 characters`, async () => {
    const names = Array.from({ length: MAX_EXTRA_COLUMNS + 1 }, (_, i) => `Fält ${i + 1}`);
    const wide = await imp(csv(`${BASE};${names.join(';')}`, `Alfa;A1;Kvinna;2024-01-01;;;${names.map(() => 'x').join(';')}`));
    expect(wide.ok).toBe(false);
    if (!wide.ok)
      expect(wide.errors[0]!.message).toMatch(new RegExp(`${MAX_EXTRA_COLUMNS + 1} extra kolumner.*högst ${MAX_EXTRA_COLUMNS}`));
    // Exactly the limit is fine.
    const ok = await imp(
      csv(
        `${BASE};${names.slice(1).join(';')}`,
        `Alfa;A1;Kvinna;2024-01-01;;;${names
          .slice(1)
          .map(() => 'x')
          .join(';')}`,
      ),
    );
    expect(ok).toMatchObject({ ok: true });
    if (ok.ok) expect(ok.variables).toHaveLength(MAX_EXTRA_COLUMNS);

    const long = await imp(csv(`${BASE};Språk`, `Alfa;A2;Kvinna;2024-01-01;;;${'a'.repeat(201)}`));
    expect(long.ok).toBe(false);
    if (!long.ok)
      expect(long.errors).toEqual([
        expect.objectContaining({ row: 2, column: 'Språk', message: expect.stringMatching(/201 tecken, högst 200/) }),
      ]);
  });

  it('refuses two extra columns with the same name', async () => {
    const r = await imp(csv(`${BASE};Språk;språk`, 'Alfa;A1;Kvinna;2024-01-01;;;a;b'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/har samma namn/);
  });
});
