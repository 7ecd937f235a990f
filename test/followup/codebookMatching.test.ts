// Code books meet real files (docs/import.md "Kodböcker"): match keys, aliases, collisions, groups,
// "Menade du …?" and the 2024 register unchanged.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  STANDARD_CODEBOOK,
  SUS_CODEBOOK,
  loadCodebook,
  mappableSpelling,
  matchKey,
  matchReason,
  reasonKey,
  suggestReason,
  validateCodebook,
  withExtraAliases,
} from '../../server/followup/codebooks.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { HEADER, csv, luhnDigit, memoryDb } from './helpers.js';

const base = { id: 'egen', name: 'Egen', workOrStudies: ['Arbete'] };
const errorsOf = (value: unknown): string => {
  const r = validateCodebook(value);
  if (r.ok) throw new Error('expected the code book to be refused');
  return r.errors.join('\n');
};

describe('match keys', () => {
  it('keeps letters and digits only, lower case, with å/ä/ö distinct from a/o', () => {
    expect(matchKey(' Sjukdom, vård,  behandling ')).toBe('sjukdomvårdbehandling');
    expect(matchKey('Sjukdom/vård/behandling')).toBe('sjukdomvårdbehandling');
    expect(matchKey('Va\u030Ard')).toBe('vård'); // decomposed å from a Mac
    expect(matchKey('Vard')).not.toBe(matchKey('Vård'));
    expect(matchKey('Övrigt')).not.toBe(matchKey('Ovrigt'));
  });
});

describe('the built-in sus code book and the published spellings', () => {
  it.each([
    ['Sjukdom, vård, behandling', 'Sjukdom/vård/behandling'],
    ['Sjukdom', 'Sjukdom/vård/behandling'],
    ['sjukdom / vård / behandling', 'Sjukdom/vård/behandling'],
    ['Fortsatt rehab.', 'Fortsatt rehabilitering'],
    ['Fortsatt rehab', 'Fortsatt rehabilitering'],
    ['FORTSATT REHABILITERING', 'Fortsatt rehabilitering'],
    ['Arbetssökande.', 'Arbetssökande'],
  ])('reads "%s" as %s', (value, reason) => {
    expect(matchReason(SUS_CODEBOOK, value)).toBe(reason);
  });

  it('does not match by prefix: only declared aliases', () => {
    expect(matchReason(SUS_CODEBOOK, 'Fortsatt')).toBeNull();
    expect(matchReason(SUS_CODEBOOK, 'Sjukd')).toBeNull();
    expect(matchReason(withoutAliases(SUS_CODEBOOK), 'Fortsatt rehab.')).toBeNull();
  });

  it('declares the group "Arbete, studier eller arbetssökande"', () => {
    expect(SUS_CODEBOOK.groups).toEqual([{ name: 'Arbete, studier eller arbetssökande', reasons: ['Arbete', 'Studier', 'Arbetssökande'] }]);
    expect(STANDARD_CODEBOOK.groups).toEqual([]);
  });

  it('imports the published spellings and stores the canonical ones', async () => {
    const db = await memoryDb();
    const r = await importOutcomes(db, {
      buffer: csv(
        HEADER,
        'Alfa;1;Kvinna;;;;;;2023-01-01;2023-03-01;Sjukdom, vård, behandling',
        'Alfa;2;Man;;;;;;2023-01-01;2023-03-01;Sjukdom',
        'Alfa;3;Kvinna;;;;;;2023-01-01;2023-03-01;Fortsatt rehab.',
      ),
      fileName: 'sus.csv',
      codebook: 'sus',
    });
    expect(r).toMatchObject({ ok: true, inserted: 3 });
    expect(await db.all('SELECT end_reason FROM episodes ORDER BY participant_ref')).toEqual([
      { end_reason: 'Sjukdom/vård/behandling' },
      { end_reason: 'Sjukdom/vård/behandling' },
      { end_reason: 'Fortsatt rehabilitering' },
    ]);
    await db.close();
  });
});

function withoutAliases(book: typeof SUS_CODEBOOK) {
  return { ...book, aliases: {} };
}

describe('the built-in standard code book', () => {
  it.each([
    ['Jobbtorg', 'Jobbtorg/AMF-insats'],
    ['AMF', 'Jobbtorg/AMF-insats'],
    ['Daglig verksamhet', 'Sysselsättning/daglig verksamhet'],
    ['Utredning', 'Utredning/vård/rehabilitering'],
    ['vård', 'Utredning/vård/rehabilitering'],
    ['Rehabilitering', 'Utredning/vård/rehabilitering'],
    ['Rehabiliterings-samverkan', 'Rehabiliteringssamverkan'],
  ])('reads "%s" as %s', (value, reason) => {
    expect(matchReason(STANDARD_CODEBOOK, value)).toBe(reason);
  });

  it('is itself valid: no two spellings collide', () => {
    for (const book of [STANDARD_CODEBOOK, SUS_CODEBOOK]) {
      const again = validateCodebook(book);
      expect(again).toMatchObject({ ok: true, codebook: { reasons: book.reasons, aliases: book.aliases, groups: book.groups } });
    }
  });
});

describe('collisions are refused', () => {
  it('two reasons that differ only in punctuation, spacing or case', () => {
    expect(errorsOf({ ...base, reasons: ['Arbete', 'Sjukdom/vård', 'Sjukdom, vård'] })).toMatch(
      /"Sjukdom\/vård" och "Sjukdom, vård" skiljer sig bara i skiljetecken/,
    );
    expect(errorsOf({ ...base, reasons: ['Arbete', 'arbete'] })).toMatch(/"arbete" finns två gånger/);
  });

  it('an alias that is another reason, or the alias of another reason', () => {
    expect(errorsOf({ ...base, reasons: ['Arbete', 'Studier'], aliases: { Studier: ['arbete'] } })).toMatch(
      /Stavningen "arbete" för "Studier" i "aliases" är samma som avslutsorsaken "Arbete"/,
    );
    expect(errorsOf({ ...base, reasons: ['Arbete', 'Studier', 'Övrigt'], aliases: { Studier: ['Annat'], Övrigt: ['annat.'] } })).toMatch(
      /Stavningen "annat\." i "aliases" står både för "Studier" \("Annat"\) och för "Övrigt"/,
    );
  });

  it('aliases of a reason not in the list, or not a list', () => {
    const text = errorsOf({ ...base, reasons: ['Arbete'], aliases: { Studier: ['Plugg'], Arbete: 'Jobb' } });
    expect(text).toMatch(/"Studier" i "aliases" finns inte bland "reasons"/);
    expect(text).toMatch(/Stavningarna för "Arbete" i "aliases" måste vara en lista/);
  });

  it('accepts aliases and stores them under the canonical reason', () => {
    const r = validateCodebook({ ...base, reasons: ['Arbete', 'Övrigt'], aliases: { arbete: ['Jobb', 'Anställning'] } });
    expect(r).toMatchObject({ ok: true, codebook: { aliases: { Arbete: ['Jobb', 'Anställning'] } } });
    if (r.ok) expect(matchReason(r.codebook, 'jobb!')).toBe('Arbete');
  });
});

describe('groups', () => {
  it('are validated like workOrStudies and stored with canonical spellings', () => {
    const r = validateCodebook({
      ...base,
      reasons: ['Arbete', 'Studier', 'Arbetssökande', 'Övrigt'],
      groups: [{ name: 'arbete, studier eller arbetssökande', reasons: ['arbete', 'STUDIER', 'Arbetssökande', 'Arbete'] }],
    });
    expect(r).toMatchObject({
      ok: true,
      codebook: { groups: [{ name: 'arbete, studier eller arbetssökande', reasons: ['Arbete', 'Studier', 'Arbetssökande'] }] },
    });
  });

  it('refuse unknown reasons, missing names, empty and repeated groups', () => {
    const text = errorsOf({
      ...base,
      reasons: ['Arbete', 'Övrigt'],
      groups: [
        { name: 'A', reasons: ['Arbete', 'Praktik'] },
        { reasons: ['Arbete'] },
        { name: 'Tom', reasons: [] },
        { name: 'a', reasons: ['Arbete'] },
        { name: 'Ingen lista', reasons: 'Arbete' },
      ],
    });
    expect(text).toMatch(/"Praktik" i gruppen "A" finns inte bland "reasons"/);
    expect(text).toMatch(/Grupp nr 2 i "groups" saknar "name"/);
    expect(text).toMatch(/Gruppen "Tom" i "groups" har inga avslutsorsaker/);
    expect(text).toMatch(/Gruppen "a" finns två gånger/);
    expect(text).toMatch(/gruppen "Ingen lista" måste vara en lista/);
    expect(errorsOf({ ...base, reasons: ['Arbete'], groups: { name: 'x' } })).toMatch(/Fältet "groups" måste vara en lista/);
  });
});

describe('did you mean', () => {
  it('suggests the nearest reason when it is close, and nothing otherwise', () => {
    expect(suggestReason(SUS_CODEBOOK, 'Sjukdm')).toBe('Sjukdom/vård/behandling');
    expect(suggestReason(SUS_CODEBOOK, 'Arbetsökande')).toBe('Arbetssökande');
    expect(suggestReason(SUS_CODEBOOK, 'Studeir')).toBe('Studier');
    expect(suggestReason(SUS_CODEBOOK, 'Behandling')).toBe('Sjukdom/vård/behandling');
    expect(suggestReason(SUS_CODEBOOK, 'Rehab')).toBe('Fortsatt rehabilitering');
    expect(suggestReason(STANDARD_CODEBOOK, 'Arbetsförmedling')).toBe('Arbetsförmedlingen');
    expect(suggestReason(SUS_CODEBOOK, 'Flyttat')).toBeNull();
    expect(suggestReason(SUS_CODEBOOK, 'Xyz')).toBeNull();
    expect(suggestReason(SUS_CODEBOOK, '...')).toBeNull();
  });

  it('puts the suggestion in the import error', async () => {
    const db = await memoryDb();
    const r = await importOutcomes(db, {
      buffer: csv(HEADER, 'Alfa;1;Kvinna;;;;;;2023-01-01;2023-03-01;Sjukdm', 'Alfa;2;Man;;;;;;2023-01-01;2023-03-01;Flyttat'),
      fileName: 'x.csv',
      codebook: 'sus',
    });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.errors[0]!.message).toBe(
      'Avslutsorsaken "Sjukdm" finns inte i kodboken "SUS". Menade du "Sjukdom/vård/behandling"? Använd en av: Arbete, Studier, Arbetssökande, Fortsatt rehabilitering, Sjukdom/vård/behandling, Övrigt – eller välj en annan kodbok.',
    );
    expect(r.errors[0]!.unknownReason).toBe('Sjukdm');
    expect(r.errors[1]!.message).toMatch(/^Avslutsorsaken "Flyttat" finns inte i kodboken "SUS". Använd en av/);
    expect(await db.first('SELECT COUNT(*) AS n FROM episodes')).toEqual({ n: 0 });
    await db.close();
  });

  it('never offers a spelling that looks like a personnummer for mapping', async () => {
    // A look-alike with a wrong check digit passes the identity guard but is still masked and not offered.
    const wrong = String((Number(luhnDigit('850101123')) + 1) % 10);
    const db = await memoryDb();
    const r = await importOutcomes(db, {
      buffer: csv(HEADER, `Alfa;1;Kvinna;;;;;;2023-01-01;2023-03-01;Arbete 850101-123${wrong}`),
      fileName: 'x.csv',
      codebook: 'sus',
    });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/^Avslutsorsaken "Arbete \[personnummerliknande\]" finns inte i kodboken "SUS"/);
    expect(r.errors[0]!.unknownReason).toBeUndefined();
    expect(JSON.stringify(r.errors)).not.toMatch(/850101/);
    expect(mappableSpelling(`Arbete 850101-123${wrong}`)).toBeNull();
    expect(mappableSpelling('  Arbete,  deltid ')).toBe('Arbete, deltid');
    await db.close();
  });
});

describe('extra aliases (stored mappings)', () => {
  it('add spellings but never change how a known spelling is read', () => {
    const book = withExtraAliases(SUS_CODEBOOK, [
      { spelling: 'Sjukskriven', reason: 'Sjukdom/vård/behandling' },
      { spelling: 'arbete', reason: 'Övrigt' },
      { spelling: 'Flytt', reason: 'Finns inte' },
    ]);
    expect(matchReason(book, 'sjukskriven')).toBe('Sjukdom/vård/behandling');
    expect(matchReason(book, 'Arbete')).toBe('Arbete');
    expect(matchReason(book, 'Flytt')).toBeNull();
    expect(matchReason(SUS_CODEBOOK, 'Sjukskriven')).toBeNull();
    expect(validateCodebook(book).ok).toBe(true);
  });
});

describe('the public 2024 register', () => {
  it('stores exactly the reasons the old matching stored', async () => {
    const text = fs.readFileSync(new URL('../fixtures/insatsuppfoljning-2024.csv', import.meta.url), 'utf8');
    // The rule before match keys: trimmed, single spaces, no spaces around "/", lower case.
    const byOldKey = new Map(STANDARD_CODEBOOK.reasons.map((r) => [reasonKey(r), r]));
    const lines = text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean);
    const expected = lines.map((l) => {
      const cells = l.split(';');
      const raw = cells[10] ?? '';
      return { ref: cells[1], reason: raw.trim() ? (byOldKey.get(reasonKey(raw)) ?? `UNKNOWN ${raw}`) : null };
    });
    expect(expected.some((e) => e.reason?.startsWith('UNKNOWN'))).toBe(false);

    const db = await memoryDb();
    const r = await importOutcomes(db, { buffer: Buffer.from(text, 'utf8'), fileName: 'f.csv', codebook: loadCodebook('standard') });
    expect(r).toMatchObject({ ok: true, inserted: lines.length });
    const stored = await db.all<{ ref: string; reason: string | null }>(
      'SELECT participant_ref AS ref, end_reason AS reason FROM episodes',
    );
    const sort = (a: { ref?: string; reason: string | null }, b: { ref?: string; reason: string | null }) =>
      `${a.ref}|${a.reason}`.localeCompare(`${b.ref}|${b.reason}`);
    expect([...stored].sort(sort)).toEqual([...expected].sort(sort));
    await db.close();
  });
});
