import { describe, expect, it } from 'vitest';
import { freshDb, surveys } from '../helpers.js';
import { isEmpty, seedDemo } from '../../server/ops/demo.js';
import { mergedInsatsReport } from '../../server/report/merged.js';
import { testConfig } from '../../server/config.js';

describe('demo data', () => {
  it('seeds insatser, open rounds, responses, follow-up and targets into an empty database', async () => {
    const db = await freshDb();
    expect(await isEmpty(db)).toBe(true);
    const { rounds } = await seedDemo(db, surveys, '2026-11-23');
    expect(rounds).toHaveLength(6); // both questionnaires for three insatser this year
    expect(await isEmpty(db)).toBe(false);
    const count = async (sql: string) => (await db.first<{ n: number }>(sql))!.n;
    expect(await count('SELECT COUNT(*) AS n FROM responses')).toBeGreaterThan(200);
    expect(await count('SELECT COUNT(*) AS n FROM episodes')).toBeGreaterThan(100);
    const report = await mergedInsatsReport({ db, config: testConfig(), surveys }, 2025, 'FINSAM-team');
    expect(report.targets.length).toBe(5);
    expect(report.targets.every((t) => t.outcome !== null && t.attainment !== null)).toBe(true);
  });
});
