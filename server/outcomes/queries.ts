// Count tables for the outcome report. All counting happens here in SQL (GROUP BY); the small
// tables go to analysis/outcomes.ts for the arithmetic. Dates are ISO strings, so comparisons are
// plain string comparisons served by the start_date / end_date indexes.
import type { Db, Param } from '../db/database.js';
import type { GenderedCount, OutcomeCounts } from '../../analysis/outcomes.js';
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

type FlowRow = OutcomeCounts['flow'][number];
type ReasonRow = OutcomeCounts['endReasons'][number];

/**
 * Flow: everyone who participated during the period (started on or before its last day and not
 * ended before its first), split into carried over / started and ended in it, by gender.
 */
export async function flowCounts(db: Db, period: DateRange, insatsIds: readonly number[] | null = null): Promise<FlowRow[]> {
  const rows = await db.all<{ gender: Gender; carriedOver: number | null; started: number | null; ended: number | null }>(
    `SELECT gender,
            SUM(start_date < ?1) AS carriedOver,
            SUM(start_date >= ?1) AS started,
            SUM(end_date IS NOT NULL AND end_date <= ?2) AS ended
     FROM episodes
     WHERE start_date <= ?2 AND (end_date IS NULL OR end_date >= ?1)${insatsFilter(insatsIds, 3).sql}
     GROUP BY gender`,
    [period.from, period.to, ...insatsFilter(insatsIds).params],
  );
  return rows.map((r) => ({ gender: r.gender, carriedOver: r.carriedOver ?? 0, started: r.started ?? 0, ended: r.ended ?? 0 }));
}

/** Episodes ended in the period by stored end reason and gender. */
export async function endReasonCounts(db: Db, period: DateRange, insatsIds: readonly number[] | null = null): Promise<ReasonRow[]> {
  const f = insatsFilter(insatsIds);
  return db.all<ReasonRow>(
    `SELECT end_reason AS reason, gender, COUNT(*) AS count
     FROM episodes
     WHERE end_date >= ? AND end_date <= ?${f.sql}
     GROUP BY end_reason, gender`,
    [period.from, period.to, ...f.params],
  );
}

/** The background columns of the starters that are read as one distribution each. */
const STARTER_COLUMNS = {
  referrers: 'referrer',
  education: 'education',
  timeWithoutWork: 'time_without_work',
  residence: 'district',
} as const;

/** Every count table the report needs for one period, for all insatser (null) or the ones given. */
export async function outcomeCounts(db: Db, period: DateRange, insatsIds: readonly number[] | null = null): Promise<OutcomeCounts> {
  await gateOpen(db); // never count a half-written import (importer.ts)
  const { from, to } = period;
  const f = insatsFilter(insatsIds);
  const flow = await flowCounts(db, period, insatsIds);
  const endReasons = await endReasonCounts(db, period, insatsIds);

  // The period's starters, one small GROUP BY gender, value per column, each read from the covering
  // index episodes_starters (migration 014). One query per column keeps each table as small as the
  // column's distinct values (a cross tabulation of all columns could grow to one row per starter).
  const starters = {} as Record<keyof typeof STARTER_COLUMNS, GenderedCount[]>;
  for (const [key, column] of Object.entries(STARTER_COLUMNS) as [keyof typeof STARTER_COLUMNS, string][]) {
    starters[key] = await db.all<GenderedCount>(
      `SELECT ${column} AS value, gender, COUNT(*) AS count
       FROM episodes
       WHERE start_date >= ? AND start_date <= ?${f.sql}
       GROUP BY gender, ${column}`,
      [from, to, ...f.params],
    );
  }

  // Age is age at start: the start year minus the birth year.
  const agesAtStart = await db.all<{ age: number | null; gender: Gender; count: number }>(
    `SELECT CAST(substr(start_date, 1, 4) AS INTEGER) - birth_year AS age, gender, COUNT(*) AS count
     FROM episodes
     WHERE start_date >= ? AND start_date <= ?${f.sql}
     GROUP BY gender, age`,
    [from, to, ...f.params],
  );

  // Days in the insats of the episodes ended in the period, from the covering index episodes_by_end
  // (dates are whole days, so the julianday difference is an integer).
  const daysInInsats = await db.all<{ days: number; gender: Gender; count: number }>(
    `SELECT CAST(ROUND(julianday(end_date) - julianday(start_date)) AS INTEGER) AS days, gender, COUNT(*) AS count
     FROM episodes
     WHERE end_date >= ? AND end_date <= ?${f.sql}
     GROUP BY gender, days`,
    [from, to, ...f.params],
  );

  return { flow, endReasons, ...starters, agesAtStart, daysInInsats };
}

// A participant with two episodes in one insats and period is one person to invite: episodes are
// counted by Deltagar-ID, and only episodes without one count one each (docs/rules.md "Svarsfrekvens").
const PARTICIPANTS = "COUNT(DISTINCT CASE WHEN participant_ref <> '' THEN participant_ref END) + SUM(participant_ref = '')";

/**
 * The participants of an insats whose episode ended within [from, to] (ISO dates, both inclusive):
 * "invited" of a participant round at avslut (docs/rules.md).
 */
export async function endedInPeriod(db: Db, insatsId: number, from: string, to: string): Promise<number> {
  await gateOpen(db);
  const row = await db.first<{ n: number | null }>(
    `SELECT ${PARTICIPANTS} AS n FROM episodes WHERE insats_id = ? AND end_date >= ? AND end_date <= ?`,
    [insatsId, from, to],
  );
  return row?.n ?? 0;
}

/**
 * The participants of an insats who ended ('ended') or were enrolled ('enrolled') within any of the
 * date ranges, each counted once (for a selection of several rounds: docs/rules.md "Svarsfrekvens").
 */
export async function participantsInSpans(
  db: Db,
  insatsId: number,
  basis: 'ended' | 'enrolled',
  spans: readonly DateRange[],
): Promise<number> {
  if (spans.length === 0) return 0;
  await gateOpen(db);
  const one = basis === 'ended' ? '(end_date >= ? AND end_date <= ?)' : '(start_date <= ? AND (end_date IS NULL OR end_date >= ?))';
  const params = spans.flatMap((s) => (basis === 'ended' ? [s.from, s.to] : [s.to, s.from]));
  const row = await db.first<{ n: number | null }>(
    `SELECT ${PARTICIPANTS} AS n FROM episodes WHERE insats_id = ? AND (${spans.map(() => one).join(' OR ')})`,
    [insatsId, ...params],
  );
  return row?.n ?? 0;
}

/** The participants of an insats enrolled at some time during [from, to]: "invited" of a round during the insats. */
export async function enrolledInPeriod(db: Db, insatsId: number, from: string, to: string): Promise<number> {
  await gateOpen(db);
  const row = await db.first<{ n: number | null }>(
    `SELECT ${PARTICIPANTS} AS n FROM episodes WHERE insats_id = ? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)`,
    [insatsId, to, from],
  );
  return row?.n ?? 0;
}

export { findInsatsByName } from '../survey/rounds.js';
