// Comparing a year kept with an old code book against a year with a new one (docs/import.md
// "Mappning mellan kodböcker").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOutcomes } from '../../server/followup/importer.js';
import { outcomeReport } from '../../server/outcomes/report.js';
import { outcomeSeriesFor } from '../../server/outcomes/series.js';
import { freshDb } from '../helpers.js';
import { HEADER } from '../followup/helpers.js';

describe('a mapping between code books in the year-over-year comparison', () => {
  it('converts the previous year’s reasons to the report’s code book', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-map-'));
    const write = (name: string, value: object) => {
      fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
      return path.join(dir, name);
    };
    const old = write('gammal.json', {
      id: 'gammal',
      name: 'Gammal',
      reasons: ['Jobb', 'Skola', 'Annat'],
      workOrStudies: ['Jobb', 'Skola'],
    });
    const now = write('ny.json', { id: 'ny', name: 'Ny', reasons: ['Arbete', 'Studier', 'Övrigt'], workOrStudies: ['Arbete', 'Studier'] });
    const mapping = write('koppling.json', { from: 'gammal', to: 'ny', map: { Jobb: 'Arbete', Skola: 'Studier', Annat: 'Övrigt' } });
    const db = await freshDb();
    const row = (i: number, y: number, reason: string) =>
      `Alfa;A-${y}-${i};Kvinna;1990;;;;;${y}-01-0${(i % 9) + 1};${y}-06-0${(i % 9) + 1};${reason}`;
    const y2023 = [...[1, 2, 3, 4, 5, 6].map((i) => row(i, 2023, 'Jobb')), ...[7, 8].map((i) => row(i, 2023, 'Annat'))];
    const y2024 = [...[1, 2, 3].map((i) => row(i, 2024, 'Arbete')), ...[4, 5, 6, 7, 8].map((i) => row(i, 2024, 'Övrigt'))];
    expect(
      await importOutcomes(db, { buffer: Buffer.from([HEADER, ...y2023].join('\n')), fileName: 'a', codebook: old, actor: 't' }),
    ).toMatchObject({ ok: true });
    expect(
      await importOutcomes(db, { buffer: Buffer.from([HEADER, ...y2024].join('\n')), fileName: 'b', codebook: now, actor: 't' }),
    ).toMatchObject({ ok: true });

    const without = await outcomeReport(db, { year: 2024, codebook: now, minCell: 3 });
    // Without the mapping, last year's reasons are outside this code book and work or studies is 0 of 8.
    expect(without.previousPeriod!.workOrStudies.total).toMatchObject({ count: 0, of: 8 });
    const mapped = await outcomeReport(db, { year: 2024, codebook: now, minCell: 3, mapping });
    expect(mapped.previousPeriod!.endReasons.filter((r) => r.total > 0).map((r) => [r.reason, r.total, r.inCodebook])).toEqual([
      ['Arbete', 6, true],
      ['Övrigt', 2, true],
    ]);
    expect(mapped.previousPeriod!.workOrStudies.total).toMatchObject({ count: 6, of: 8, percent: 75 });
    expect(mapped.changes!.workOrStudies.total).toMatchObject({ percent: 38, previousPercent: 75 });
    await expect(outcomeReport(db, { year: 2024, codebook: old, minCell: 3, mapping })).rejects.toThrow(
      /går till kodboken "ny", men rapporten använder "gammal"/,
    );

    // The series over both years converts the old year the same way, and leaves the new year's reasons alone.
    const share = (s: Awaited<ReturnType<typeof outcomeSeriesFor>>) => s.periods.map((p) => p.workOrStudies.total.count);
    const plain = await outcomeSeriesFor(db, { year: 2024, codebook: now, minCell: 3, count: 2 });
    expect(share(plain)).toEqual([0, 3]);
    const series = await outcomeSeriesFor(db, { year: 2024, codebook: now, minCell: 3, count: 2, mapping });
    expect(share(series)).toEqual([6, 3]);
    await db.close();
  });
});
