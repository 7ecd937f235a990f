// finsam indicators for a period that is not a whole year, and --series.
import { describe, expect, it } from 'vitest';
import { cli, freshDb, tempDbPath } from '../helpers.js';
import { INSTRUMENT, seedPeriods } from '../indicators/periodFixture.js';

async function seeded() {
  const file = tempDbPath();
  const db = await freshDb(file);
  await seedPeriods(db);
  await db.close();
  return { FINSAM_DB: file };
}

describe('finsam indicators --period', () => {
  it('counts a half-year, with and without --instrument', async () => {
    const env = await seeded();
    const one = await cli(['indicators', '--period', '2024-H1', '--insats', 'FINSAM-team', '--instrument', INSTRUMENT, '--json'], env);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    const r = JSON.parse(one.stdout);
    expect(r.respondents).toBe(15);
    expect(r.selection.period.key).toBe('2024-H1');
    expect(r.rounds.map((x: { withinPeriod: boolean }) => x.withinPeriod)).toEqual([false, false]);
    // Without --instrument: every questionnaire with rounds overlapping the period (was [] before).
    const list = await cli(['indicators', '--period', '2024-H1', '--insats', 'FINSAM-team', '--json'], env);
    expect(JSON.parse(list.stdout).map((x: { respondents: number }) => x.respondents)).toEqual([15]);
  });

  it('gives a series with --series', async () => {
    const env = await seeded();
    const res = await cli(
      ['indicators', '--period', '2024-H2', '--series', '2', '--insats', 'FINSAM-team', '--instrument', INSTRUMENT, '--json'],
      env,
    );
    expect(res.code).toBe(0);
    const s = JSON.parse(res.stdout);
    expect(s.periods.map((p: { key: string; respondents: number }) => [p.key, p.respondents])).toEqual([
      ['2024-H1', 15],
      ['2024-H2', 21],
    ]);
    const all = await cli(['indicators', '--period', '2024-H2', '--series', '2', '--json'], env);
    expect(JSON.parse(all.stdout).map((x: { selection: { instrument: string } }) => x.selection.instrument)).toEqual([INSTRUMENT]);
    const bad = await cli(['indicators', '--period', '2024', '--series', '11', '--json'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--series kan vara högst 10');
  });
});
