// Count tables for the outcome report. All counting happens here in SQL (GROUP BY); the small
// tables go to analysis/outcomes.ts for the arithmetic. Dates are ISO strings, so comparisons are
// plain string comparisons served by the start_date / end_date indexes.
import type { Db, Param } from '../db/database.js';
import type { OutcomeCounts } from '../../analysis/outcomes.js';
import { gateOpen } from '../followup/mergeGate.js';

export type { Gender } from '../../analysis/gender.js';
import type { Gender } from '../../analysis/gender.js';

/** A period as an inclusive range of ISO dates (analysis/period.ts). */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * " AND insats_id IN (…)" and its parameters, or nothing for all insatser. `start` is the number
 * of the first parameter, for queries that number theirs (?1, ?2).
 */
function insatsFilter(insatsIds: readonly number[] | null, start?: number): { sql: string; params: Param[] } {
  if (insatsIds === null) return { sql: '', params: [] };
  if (insatsIds.length === 0) return { sql: ' AND 0', params: [] };
  const marks = insatsIds.map((_, i) => (start === undefined ? '?' : `?${start + i}`));
  return { sql: ` AND insats_id IN (${marks.join(', ')})`, params: [...insatsIds] };
}

/** Every count table the report needs for one period, for all insatser (null) or the ones given. */
export async function outcomeCounts(db: Db, period: DateRange, insatsIds: readonly number[] | null = null): Promise<OutcomeCounts> {
  await gateOpen(db); // never count a half-written import (importer.ts)
  const { from, to } = period;
  const f = insatsFilter(insatsIds);

  // Flow: everyone who participated during the period (started on or before its last day and not
  // ended before its first), split into carried over / started and ended in it, by gender.
  const flow = await db.all<{ gender: Gender; carriedOver: number; started: number; ended: number }>(
    `SELECT gender,
            SUM(start_date < ?1) AS carriedOver,
            SUM(start_date >= ?1) AS started,
            SUM(end_date IS NOT NULL AND end_date <= ?2) AS ended
     FROM episodes
     WHERE start_date <= ?2 AND (end_date IS NULL OR end_date >= ?1)${insatsFilter(insatsIds, 3).sql}
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

  // Background of the period's starters: one pass over the covering index, split per column here.
  // Age is age at start: the start year minus the birth year.
  const combos = await db.all<{
    referrer: string | null;
    education: string | null;
    time_without_work: string | null;
    birth_year: number | null;
    start_year: number;
    count: number;
  }>(
    `SELECT referrer, education, time_without_work, birth_year, CAST(substr(start_date, 1, 4) AS INTEGER) AS start_year, COUNT(*) AS count
     FROM episodes
     WHERE start_date >= ? AND start_date <= ?${f.sql}
     GROUP BY referrer, education, time_without_work, birth_year, start_year`,
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
  const ages = new Map<number | null, number>();
  for (const c of combos) {
    const age = c.birth_year === null ? null : c.start_year - Number(c.birth_year);
    ages.set(age, (ages.get(age) ?? 0) + c.count);
  }
  const agesAtStart = [...ages.entries()].map(([age, count]) => ({ age, count }));

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
    agesAtStart,
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
