// An insats is resolved once and passed down by id: the merged report of a year (every insats,
// every questionnaire, outcomes and targets) never looks an insats up by name again.
import { describe, expect, it, vi } from 'vitest';
import { mergedReport } from '../../server/report/merged.js';
import { seedDemo } from '../../server/ops/demo.js';
import { testConfig } from '../../server/config.js';
import { freshDb, surveys } from '../helpers.js';

const BY_NAME = 'SELECT id, name, archived FROM insatser ORDER BY id'; // findInsatsByName's read

describe('insats resolution', () => {
  it('looks up a named insats once, and no insats by name when the report covers them all', async () => {
    const db = await freshDb();
    await seedDemo(db, surveys, '2026-11-23');
    const reads = vi.spyOn(db, 'all');
    const byName = () => reads.mock.calls.filter(([sql]) => sql === BY_NAME).length;
    const all = await mergedReport({ db, config: testConfig(), surveys }, 2025);
    expect(all.insatser.length).toBeGreaterThan(1);
    expect(all.insatser.every((i) => i.surveys.length > 0)).toBe(true);
    expect(byName()).toBe(0);
    const one = await mergedReport({ db, config: testConfig(), surveys }, 2025, 'finsam-team');
    expect(one.insatser.map((i) => i.insats)).toEqual(['FINSAM-team']);
    expect(byName()).toBe(1);
    await db.close();
  });
});
