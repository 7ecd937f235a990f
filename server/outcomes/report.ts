// The outcome report ("utfall") for a period, for all insatser, one, or a group counted together:
// SQL count tables from queries.ts, arithmetic in analysis/outcomes.ts.
import type { Db } from '../db/database.js';
import type { InsatsRef } from '../survey/rounds.js';
import { UserError } from '../errors.js';
import { computeOutcomeReport, type OutcomeReport } from '../../analysis/outcomes.js';
import { CodebookError, loadCodebook, type Codebook } from '../followup/codebooks.js';
import { findInsatsByName, outcomeCounts } from './queries.js';
import { outcomeExtras, type OutcomeExtras } from './extras.js';
import { loadCodebookMapping } from '../followup/codebookMappingFile.js';
import { matchKey } from '../../analysis/reasonMatch.js';
import type { OutcomeCounts } from '../../analysis/outcomes.js';
import { resolvePeriod, type PeriodInput } from '../report/periods.js';
import { resolveGroup, type GroupRef } from '../survey/insatsGroups.js';
import { previousYear, PeriodError, type Period } from '../../analysis/period.js';

export type { OutcomeReport } from '../../analysis/outcomes.js';

/** A request the report cannot answer: a UserError (400), so pages and JSON say what was wrong. */
export class OutcomeReportError extends UserError {
  constructor(message: string) {
    super(message, 400);
    this.name = 'OutcomeReportError';
  }
}

export interface OutcomeReportOptions {
  /** The period ("2023-H1", a spec, or a year); `year` alone is the synonym for a calendar year. */
  period?: PeriodInput;
  year?: number;
  /** Insats name (case-insensitive) or an insats already resolved; omitted or null for all insatser. */
  insats?: string | InsatsRef | null;
  /**
   * A group of insatser (name or resolved), counted together: each episode belongs to one insats,
   * so the group's figures are the sums over its members. Not together with `insats`.
   */
  group?: string | GroupRef | null;
  /** A Codebook, "standard", "sus" or the path of a JSON code book. */
  codebook: Codebook | string;
  /** Minimum cell size k (config.minCell), at least 3. */
  minCell: number;
  /** Also count the same period a year earlier (previousPeriod, changes); default true. */
  previous?: boolean;
  /**
   * A mapping file between two code books (docs/import.md): the same period a year earlier, kept
   * with the old code book's reasons, is converted to this report's code book before comparing.
   */
  mapping?: string | null;
  /**
   * Also give the starters by member and the register's extra columns (outcomeExtras), with this
   * referrer code book (config.referrerCodebook; null for the built-in one). Left out when absent.
   */
  extras?: { referrerCodebook: string | null | undefined };
}

/** What a report or a series counts over: the period, the insatser (null = all), the code book and k. */
export interface OutcomeScope {
  period: Period;
  insatsIds: number[] | null;
  insatsName: string | null;
  /** The group's name when a group was asked for. */
  groupName: string | null;
  codebook: Codebook;
  minCell: number;
}

/** Checks and resolves the options. Throws a UserError for an unknown insats, a bad period or k, or an unusable code book. */
export async function outcomeScope(db: Db, options: Omit<OutcomeReportOptions, 'previous'>): Promise<OutcomeScope> {
  const { minCell } = options;
  const periodInput = options.period ?? options.year;
  if (periodInput === undefined) throw new OutcomeReportError('Ange en period, t.ex. 2024 eller 2024-H1.');
  if (!Number.isInteger(minCell) || minCell < 3) {
    throw new OutcomeReportError(`Minsta gruppstorlek måste vara ett heltal på minst 3 (angivet: ${String(minCell)}).`);
  }
  let codebook: Codebook;
  try {
    codebook = loadCodebook(options.codebook);
  } catch (err) {
    if (err instanceof CodebookError) throw new OutcomeReportError(err.message);
    throw err;
  }
  const group = await resolveGroup(db, options.group);
  if (group && options.insats) throw new OutcomeReportError('Välj antingen en insats eller en grupp, inte båda.');
  let insatsId: number | null = null;
  let insatsName: string | null = null;
  const wanted = typeof options.insats === 'string' ? options.insats.trim() : null;
  if (options.insats && typeof options.insats !== 'string') {
    insatsId = options.insats.id;
    insatsName = options.insats.name;
  } else if (wanted) {
    const found = await findInsatsByName(db, wanted);
    if (!found) {
      const names = (await db.all<{ name: string }>('SELECT name FROM insatser WHERE archived = 0 ORDER BY name')).map((r) => r.name);
      throw new OutcomeReportError(
        `Insatsen "${wanted.slice(0, 80)}" finns inte.` +
          (names.length
            ? ` Kontrollera stavningen. Befintliga insatser: ${names.join(', ')}.`
            : ' Det finns inga insatser ännu: importera en insatsuppföljning först.'),
      );
    }
    insatsId = found.id;
    insatsName = found.name;
  }
  const ids = group ? group.insatsIds : insatsId === null ? null : [insatsId];
  const period = await resolvePeriod(db, periodInput, ids);
  return { period, insatsIds: ids, insatsName, groupName: group?.name ?? null, codebook, minCell };
}

/**
 * End-reason counts stored with an older code book, converted to the report's code book by a
 * mapping file; reasons the mapping does not know keep their own names (and show as outside the
 * code book). With `keepCurrent`, a reason the report's code book already has is never mapped (a
 * series mixes periods before and after the change). A mapping to another code book than the
 * report's is a UserError.
 */
export function mappedReasons(
  rows: OutcomeCounts['endReasons'],
  file: string,
  codebook: Pick<Codebook, 'id' | 'reasons'>,
  keepCurrent = false,
): OutcomeCounts['endReasons'] {
  let loaded;
  try {
    loaded = loadCodebookMapping(file);
  } catch (err) {
    if (err instanceof CodebookError) throw new OutcomeReportError(err.message);
    throw err;
  }
  if (loaded.mapping.to !== codebook.id)
    throw new OutcomeReportError(
      `Kopplingen i ${file} går till kodboken "${loaded.mapping.to}", men rapporten använder "${codebook.id}". Välj kodboken "${loaded.mapping.to}" eller en koppling till "${codebook.id}".`,
    );
  const byKey = new Map([...loaded.mapping.map].map(([from, to]) => [matchKey(from), to]));
  const current = new Set(keepCurrent ? codebook.reasons.map(matchKey) : []);
  return rows.map((r) => (current.has(matchKey(r.reason)) ? r : { ...r, reason: byKey.get(matchKey(r.reason)) ?? r.reason }));
}

/** The same period a year earlier, or null before year 1900 (analysis/period.ts refuses it). */
function yearEarlier(period: Period): Period | null {
  try {
    return previousYear(period);
  } catch (err) {
    if (err instanceof PeriodError) return null;
    throw err;
  }
}

/** Throws a UserError for an unknown insats, a bad period or k, or an unusable code book. */
export async function outcomeReport(
  db: Db,
  options: OutcomeReportOptions & { extras: NonNullable<OutcomeReportOptions['extras']> },
): Promise<OutcomeReport & OutcomeExtras>;
export async function outcomeReport(db: Db, options: OutcomeReportOptions): Promise<OutcomeReport>;
export async function outcomeReport(db: Db, options: OutcomeReportOptions): Promise<OutcomeReport | (OutcomeReport & OutcomeExtras)> {
  const { period, insatsIds, insatsName, groupName, codebook, minCell } = await outcomeScope(db, options);
  const counts = await outcomeCounts(db, period, insatsIds);
  const before = options.previous === false ? null : yearEarlier(period);
  let previousCounts = before ? await outcomeCounts(db, before, insatsIds) : null;
  if (previousCounts && options.mapping)
    previousCounts = { ...previousCounts, endReasons: mappedReasons(previousCounts.endReasons, options.mapping, codebook) };
  const previous = before && previousCounts ? { period: before, counts: previousCounts } : null;
  const report = computeOutcomeReport({ period, insats: insatsName, group: groupName, codebook, minCell, counts, previous });
  if (!options.extras) return report;
  return { ...report, ...(await outcomeExtras(db, period, insatsIds, { minCell, referrerCodebook: options.extras.referrerCodebook })) };
}
