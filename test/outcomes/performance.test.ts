// 100 000 rows import well under 10 s (multi-row upserts in chunks inside one transaction), and so
// does re-importing them (every row an update with history kept for undo).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes } from '../../server/outcomes/importer.js';
import { outcomeReport } from '../../server/outcomes/report.js';
import { HEADER, tempDb } from './helpers.js';

const N = 100_000;
const REASONS = ['Arbete', 'Studier', 'Arbetsförmedlingen', 'Övrigt', 'Utredning/vård/rehabilitering'];

function bigFile(): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < N; i++) {
    const start = `${2022 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const ended = i % 4 !== 0;
    const end = ended ? `${2024 + (i % 2)}-${String((i % 12) + 1).padStart(2, '0')}-28` : '';
    lines.push(
      [
        `Insats ${i % 20}`,
        `P-${i}`,
        i % 3 === 0 ? 'Man' : i % 50 === 1 ? '' : 'Kvinna',
        String(1950 + (i % 55)),
        i % 2 ? 'Gymnasium' : 'Eftergymnasial utbildning',
        '1–2 år',
        i % 5 ? 'Försäkringskassan' : 'Egen anmälan',
        'Norr',
        start,
        end,
        ended ? REASONS[i % REASONS.length]! : '',
      ].join(';'),
    );
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

describe('import speed', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  const buffer = bigFile();
  beforeAll(async () => {
    ({ db, cleanup } = await tempDb());
  });
  afterAll(() => cleanup());

  it(`imports ${N} rows in well under 10 s`, { timeout: 30_000 }, async () => {
    let t = performance.now();
    const first = await importOutcomes(db, { buffer, fileName: 'stor.csv', codebook: 'standard' });
    const insertMs = performance.now() - t;
    expect(first).toMatchObject({ ok: true, inserted: N, updated: 0 });
    expect(insertMs).toBeLessThan(6_000);

    t = performance.now();
    const again = await importOutcomes(db, { buffer, fileName: 'stor.csv', codebook: 'standard' });
    const updateMs = performance.now() - t;
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: N });
    expect(updateMs).toBeLessThan(6_000);

    t = performance.now();
    const report = await outcomeReport(db, { year: 2024, codebook: 'standard', minCell: 5 });
    const reportMs = performance.now() - t;
    expect(report.flow.participated).toBe(report.flow.carriedOver + report.flow.started);
    expect(reportMs).toBeLessThan(2_000);
    console.log(`import ${Math.round(insertMs)} ms, re-import ${Math.round(updateMs)} ms, report ${Math.round(reportMs)} ms`);
  });
});
