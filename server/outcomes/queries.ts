// Count tables for the outcome report. All counting happens here in SQL (GROUP BY); the small
// tables go to analysis/outcomes.ts for the arithmetic. Dates are ISO strings, so comparisons are
// plain string comparisons served by the start_date / end_date indexes.
import type { Db, Param } from '../db/database.js';
import type { OutcomeCounts } from '../../analysis/outcomes.js';
import { gateOpen } from '../followup/mergeGate.js';

export type { Gender } from '../../analysis/gender.js';
import type { Gender } from '../../analysis/gender.js';

function yearBounds(year: number): { from: string; to: string } {
  const y = String(year).padStart(4, '0');
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** " AND insats_id = ?" and its parameter, or nothing for all insatser. */
function insatsFilter(insatsId: number | null | undefined): { sql: string; params: Param[] } {
  return insatsId == null ? { sql: '', params: [] } : { sql: ' AND insats_id = ?', params: [insatsId] };
}

/** Every count table the report needs for one year, for all insatser (insatsId null) or one. */
export async function outcomeCounts(db: Db, year: number, insatsId: number | null = null): Promise<OutcomeCounts> {
  await gateOpen(db); // never count a half-written import (importer.ts)
  const { from, to } = yearBounds(year);
  const f = insatsFilter(insatsId);

  // Flow: everyone who participated during the year (started on or before Dec 31 and not ended
  // before Jan 1), split into carried over / started and ended in the year, by gender.
  const flow = await db.all<{ gender: Gender; carriedOver: number; started: number; ended: number }>(
    `SELECT gender,
            SUM(start_date < ?1) AS carriedOver,
            SUM(start_date >= ?1) AS started,
            SUM(end_date IS NOT NULL AND end_date <= ?2) AS ended
     FROM episodes
     WHERE start_date <= ?2 AND (end_date IS NULL OR end_date >= ?1)${f.sql.replace('?', '?3')}
     GROUP BY gender`,
    [from, to, ...f.params],
  );

  const endReasons = await db.all<{ reason: string; gender: Gender; count: number }>(
    `SELECT end_reason AS reason, gender, COUNT(*) AS count
     FROM episodes
     WHERE end_date >= ? AND end_date <= ?${f.sql}
     GROUP BY end_reason, gender`,
    [from, to, ...f.params],
  );

  // Background of the year's starters: one pass over the covering index, split per column here.
  const combos = await db.all<{
    referrer: string | null;
    education: string | null;
    time_without_work: string | null;
    birth_year: number | null;
    count: number;
  }>(
    `SELECT referrer, education, time_without_work, birth_year, COUNT(*) AS count
     FROM episodes
     WHERE start_date >= ? AND start_date <= ?${f.sql}
     GROUP BY referrer, education, time_without_work, birth_year`,
    [from, to, ...f.params],
  );
  const tally = <K extends 'referrer' | 'education' | 'time_without_work' | 'birth_year'>(column: K) => {
    const m = new Map<(typeof combos)[number][K], number>();
    for (const c of combos) m.set(c[column], (m.get(c[column]) ?? 0) + c.count);
    return [...m.entries()];
  };
  const referrers = tally('referrer').map(([value, count]) => ({ value, count }));
  const education = tally('education').map(([value, count]) => ({ value, count }));
  const timeWithoutWork = tally('time_without_work').map(([value, count]) => ({ value, count }));
  const birthYears = tally('birth_year').map(([birthYear, count]) => ({ birthYear: birthYear === null ? null : Number(birthYear), count }));

  return {
    flow: flow.map((r) => ({
      gender: r.gender,
      carriedOver: r.carriedOver ?? 0,
      started: r.started ?? 0,
      ended: r.ended ?? 0,
    })),
    endReasons,
    referrers,
    education,
    timeWithoutWork,
    birthYears,
  };
}

/**
 * The number of episodes of an insats whose end date lies within [from, to] (ISO dates, both
 * inclusive). Used as "invited" for participant avslut survey rounds (docs/rules.md).
 */
export async function endedInPeriod(db: Db, insatsId: number, from: string, to: string): Promise<number> {
  await gateOpen(db);
  const row = await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM episodes WHERE insats_id = ? AND end_date >= ? AND end_date <= ?', [
    insatsId,
    from,
    to,
  ]);
  return row?.n ?? 0;
}

export { findInsatsByName } from '../survey/rounds.js';
