// Code books: built-ins, matching rules and JSON files with Swedish errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CodebookError,
  STANDARD_CODEBOOK,
  SUS_CODEBOOK,
  loadCodebook,
  matchReason,
  parseCodebookJson,
} from '../../server/followup/codebooks.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { outcomeReport } from '../../server/outcomes/report.js';
import { HEADER, csv, memoryDb } from './helpers.js';

describe('built-in code books', () => {
  it('has the standard and sus reasons with work or studies = Arbete + Studier', () => {
    expect(STANDARD_CODEBOOK.reasons).toHaveLength(10);
    expect(SUS_CODEBOOK.reasons).toEqual([
      'Arbete',
      'Studier',
      'Arbetssökande',
      'Fortsatt rehabilitering',
      'Sjukdom/vård/behandling',
      'Övrigt',
    ]);
    expect(STANDARD_CODEBOOK.workOrStudies).toEqual(['Arbete', 'Studier']);
    expect(loadCodebook('SUS')).toBe(SUS_CODEBOOK);
  });

  it('matches regardless of case and spacing around "/" and returns the canonical spelling', () => {
    expect(matchReason(STANDARD_CODEBOOK, '  jobbtorg / AMF-insats ')).toBe('Jobbtorg/AMF-insats');
    expect(matchReason(STANDARD_CODEBOOK, 'UTREDNING /vård/  rehabilitering')).toBe('Utredning/vård/rehabilitering');
    expect(matchReason(STANDARD_CODEBOOK, 'övrigt')).toBe('Övrigt');
    expect(matchReason(STANDARD_CODEBOOK, 'Arbetssökande')).toBeNull();
    expect(matchReason(SUS_CODEBOOK, 'arbetssökande')).toBe('Arbetssökande');
  });
});

describe('JSON code books', () => {
  it('validates the shape and explains every problem in Swedish', () => {
    expect(parseCodebookJson('{ "id": "x", ')).toMatchObject({ ok: false });
    const bad = parseCodebookJson(JSON.stringify({ id: 'har mellanslag', reasons: ['Arbete', 'arbete', 3], workOrStudies: ['Studier'] }));
    if (bad.ok) throw new Error('expected errors');
    expect(bad.errors.join('\n')).toMatch(/"id"/);
    expect(bad.errors.join('\n')).toMatch(/"name" saknas/);
    expect(bad.errors.join('\n')).toMatch(/finns två gånger/);
    expect(bad.errors.join('\n')).toMatch(/nr 3 i "reasons" är inte en text/);
    expect(bad.errors.join('\n')).toMatch(/"Studier" i "workOrStudies" finns inte bland "reasons"/);
    expect(parseCodebookJson('[]')).toMatchObject({ ok: false });
  });

  it('loads a file and uses it for import and report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-codebook-'));
    const file = path.join(dir, 'egen.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        id: 'egen',
        name: 'Vårt förbund',
        reasons: ['Arbete', 'Studier', 'Praktik / arbetsträning', 'Övrigt'],
        workOrStudies: ['arbete', 'Studier'],
      }),
    );
    const book = loadCodebook(file);
    expect(book.reasons[2]).toBe('Praktik / arbetsträning');
    expect(book.workOrStudies).toEqual(['Arbete', 'Studier']);

    const db = await memoryDb();
    const r = await importOutcomes(db, {
      buffer: csv(HEADER, 'Alfa;1;Kvinna;;;;;;2024-01-01;2024-02-01;praktik/arbetsträning', 'Alfa;2;Man;;;;;;2024-01-01;2024-02-01;ARBETE'),
      fileName: 'egen.csv',
      codebook: file,
    });
    expect(r).toMatchObject({ ok: true, inserted: 2 });
    expect(await db.all('SELECT end_reason FROM episodes ORDER BY participant_ref')).toEqual([
      { end_reason: 'Praktik / arbetsträning' },
      { end_reason: 'Arbete' },
    ]);
    expect(await db.first('SELECT codebook FROM import_batches')).toEqual({ codebook: 'egen' });
    const report = await outcomeReport(db, { year: 2024, codebook: book, minCell: 3 });
    expect(report.endReasons.map((x) => x.total)).toEqual([1, 0, 1, 0]);
    expect(report.workOrStudies.total).toEqual({ count: 1, of: 2, percent: null });
    // The same data seen with the standard book: the unknown reason is listed last, flagged.
    const std = await outcomeReport(db, { year: 2024, codebook: 'standard', minCell: 3 });
    expect(std.endReasons.at(-1)).toMatchObject({ reason: 'Praktik / arbetsträning', total: 1, inCodebook: false });
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names a missing code book plainly', async () => {
    expect(() => loadCodebook('/finns/inte.json')).toThrow(CodebookError);
    expect(() => loadCodebook('okänd')).toThrow(/Ange "standard", "sus" eller sökvägen/);
    const db = await memoryDb();
    const r = await importOutcomes(db, { buffer: csv(HEADER), fileName: 'x.csv', codebook: 'okänd' });
    expect(r).toMatchObject({ ok: false, errors: [{ row: null, column: null }] });
    await db.close();
  });
});
