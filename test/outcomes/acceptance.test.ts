// Acceptance: the 2024 fixture with the standard code book reproduces the published table.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.js';
import { importOutcomes } from '../../server/followup/importer.js';
import { outcomeReport } from '../../server/outcomes/report.js';
import { STANDARD_CODEBOOK } from '../../server/followup/codebooks.js';
import { tempDb } from '../followup/helpers.js';

const FIXTURE = new URL('../fixtures/insatsuppfoljning-2024.csv', import.meta.url);

describe('insatsuppföljning 2024, standard code book', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await tempDb());
    const result = await importOutcomes(db, {
      buffer: fs.readFileSync(FIXTURE),
      fileName: 'insatsuppfoljning-2024.csv',
      codebook: 'standard',
      actor: 'kansli',
    });
    expect(result).toMatchObject({ ok: true, inserted: 494, updated: 0, encoding: 'utf-8' });
  });
  afterAll(() => cleanup());

  it('gives the published end reasons, percents and flow for all insatser', async () => {
    const report = await outcomeReport(db, { year: 2024, codebook: 'standard', minCell: 5 });
    expect(report.year).toBe(2024);
    expect(report.insats).toBeNull();
    expect(report.codebook).toBe('standard');
    expect(report.endReasons.map((r) => r.reason)).toEqual(STANDARD_CODEBOOK.reasons);
    expect(report.endReasons.map((r) => r.total)).toEqual([36, 25, 26, 57, 20, 3, 26, 17, 111, 27]);
    expect(report.endReasons.map((r) => r.percent)).toEqual([10, 7, 8, 16, 6, 1, 7, 5, 32, 8]);
    expect(report.endReasons.every((r) => r.inCodebook)).toBe(true);
    expect(report.endedTotal).toEqual({ women: 197, men: 151, other: 0, total: 348 });
    expect(report.endReasons.reduce((a, r) => a + r.women, 0)).toBe(197);
    expect(report.endReasons.reduce((a, r) => a + r.men, 0)).toBe(151);
    expect(report.endReasons.reduce((a, r) => a + (r.percent ?? 0), 0)).toBe(100);
    expect(report.flow).toMatchObject({
      carriedOver: 142,
      started: 352,
      participated: 494,
      ended: 348,
      ongoingAtEnd: 146,
    });
    const g = report.flow.byGender;
    for (const k of ['carriedOver', 'started', 'participated', 'ended', 'ongoingAtEnd'] as const) {
      expect(g.women[k] + g.men[k] + g.other[k]).toBe(report.flow[k]);
    }
    expect(g.women.ended).toBe(197);
    expect(g.men.ended).toBe(151);
    // Work or studies = Arbete + Studier among the ended.
    expect(report.workOrStudies.total).toEqual({ count: 61, of: 348, percent: 18 });
    expect(report.workOrStudies.women.of).toBe(197);
    expect(report.workOrStudies.men.of).toBe(151);
    // Referrers and background cover the year's starters and sum to 100 %.
    expect(report.referrers.reduce((a, r) => a + r.count, 0)).toBe(352);
    expect(report.referrers.reduce((a, r) => a + (r.percent ?? 0), 0)).toBe(100);
    const counts = report.referrers.map((r) => r.count);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    for (const dist of Object.values(report.background)) {
      expect(dist.reduce((a, r) => a + r.count, 0)).toBe(352);
      expect(dist.reduce((a, r) => a + (r.percent ?? 0), 0)).toBe(100);
    }
    expect(report.background.timeWithoutWork.map((r) => r.value)).toEqual(['Mindre än 1 år', '1–2 år', '2–5 år', '5 år eller mer']);
  });

  it('gives a report for one insats by name, case-insensitively, whose parts add up to the whole', async () => {
    const names = [
      'FINSAM-team',
      'Aktivitetsplatsen',
      'Novum',
      'IPS för personer med beroendeproblematik',
      'integrering av ips i PSYKOSVÅRDEN',
    ];
    const parts = await Promise.all(
      names.map((insats) => outcomeReport(db, { year: 2024, insats, codebook: STANDARD_CODEBOOK, minCell: 5 })),
    );
    expect(parts[4]!.insats).toBe('Integrering av IPS i psykosvården');
    const sum = (f: (r: (typeof parts)[number]) => number) => parts.reduce((a, r) => a + f(r), 0);
    expect(sum((r) => r.flow.carriedOver)).toBe(142);
    expect(sum((r) => r.flow.started)).toBe(352);
    expect(sum((r) => r.flow.ended)).toBe(348);
    expect(sum((r) => r.endReasons[8]!.total)).toBe(111);
  });

  it('refuses an unknown insats in plain Swedish', async () => {
    await expect(outcomeReport(db, { year: 2024, insats: 'Finns inte', codebook: 'standard', minCell: 5 })).rejects.toThrow(
      /Insatsen "Finns inte" finns inte/,
    );
  });

  it('lists stored reasons that the current code book lacks after its own, flagged', async () => {
    const report = await outcomeReport(db, { year: 2024, codebook: 'sus', minCell: 5 });
    const known = report.endReasons.filter((r) => r.inCodebook).map((r) => r.reason);
    expect(known).toEqual(['Arbete', 'Studier', 'Arbetssökande', 'Fortsatt rehabilitering', 'Sjukdom/vård/behandling', 'Övrigt']);
    const unknown = report.endReasons.filter((r) => !r.inCodebook);
    expect(report.endReasons.slice(6)).toEqual(unknown);
    expect(unknown.map((r) => r.reason)).toContain('Utredning/vård/rehabilitering');
    expect(report.endReasons.reduce((a, r) => a + r.total, 0)).toBe(348);
    expect(report.endReasons.reduce((a, r) => a + (r.percent ?? 0), 0)).toBe(100);
  });
});
