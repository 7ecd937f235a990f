// Turns a period as the user wrote it (CLI --period/--year, the page's picker) into the inclusive
// date range every service counts over (docs/rules.md "Perioder"). "Since start" needs the
// register: it begins at the earliest start date or round of the insatser in question.
import type { Db } from '../db/database.js';
import { UserError } from '../errors.js';
import { parsePeriod, PeriodError, resolveSinceStart, yearPeriod, type Period, type PeriodSpec } from '../../analysis/period.js';
import { today } from '../time.js';

export type { Period } from '../../analysis/period.js';

/** A period given as text ("2023-H1"), a spec, or a calendar year as a number (the --year synonym). */
export type PeriodInput = string | number | PeriodSpec;

/** The first day anything happened for these insatser (null = all): an episode start or a round. */
async function firstDate(db: Db, insatsIds: readonly number[] | null): Promise<string | null> {
  const ids = insatsIds ?? [];
  const where = insatsIds === null ? '' : `WHERE insats_id IN (${ids.map(() => '?').join(', ') || 'NULL'})`;
  const row = await db.first<{ first: string | null }>(
    `SELECT MIN(d) AS first FROM (
       SELECT MIN(start_date) AS d FROM episodes ${where}
       UNION ALL SELECT MIN(COALESCE(opens_on, printf('%04d-01-01', year))) FROM rounds ${where})`,
    [...ids, ...ids],
  );
  return row?.first ?? null;
}

/** Reads a period; a malformed one is a UserError (400) that lists the accepted forms. */
export function readPeriod(input: PeriodInput): PeriodSpec {
  try {
    if (typeof input === 'string') return parsePeriod(input);
    if (typeof input === 'number') return yearPeriod(input);
    return input;
  } catch (err) {
    if (err instanceof PeriodError) throw new UserError(err.message);
    throw err;
  }
}

/** The period as a date range, "since start" resolved against the register. */
export async function resolvePeriod(db: Db, input: PeriodInput, insatsIds: readonly number[] | null = null): Promise<Period> {
  const spec = readPeriod(input);
  if ('from' in spec) return spec;
  return resolveSinceStart(spec, await firstDate(db, insatsIds), today());
}
