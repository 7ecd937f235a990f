// One variable of the participant register, counted by gender for a period: an extra column the
// import kept (episode_variables), a built-in column, or the referrers rolled up to the förbund's
// members. Counting happens here in SQL (GROUP BY value, gender); the table is made by
// analysis/variables.ts and analysis/referrers.ts. The population is the period's starters (as the
// outcome report's background tables) or those whose episode ended in the period.
import type { Db, Param } from '../db/database.js';
import { UserError } from '../errors.js';
import { gateOpen } from '../followup/mergeGate.js';
import { FIELD_ALIASES, headerKey } from '../followup/csvFile.js';
import { loadReferrerCodebook } from '../followup/referrerCodebook.js';
import { resolveInsats, type InsatsRef } from '../survey/rounds.js';
import { resolvePeriod, type PeriodInput } from '../report/periods.js';
import { EDUCATION_ORDER, TIME_WITHOUT_WORK_ORDER } from '../../analysis/outcomes.js';
import { tabulateVariable, type VariableCount, type VariableDistribution, type VariableRow } from '../../analysis/variables.js';
import { rollUpReferrers, type MemberDistribution, type ReferrerCodebook } from '../../analysis/referrers.js';

/** Who is counted: those who started in the period, or those whose episode ended in it. */
export type Population = 'started' | 'ended';

export const POPULATION_LABEL: Readonly<Record<Population, string>> = {
  started: 'Nya deltagare under perioden',
  ended: 'Avslutade under perioden',
};

/** A period as an inclusive range of ISO dates (analysis/period.ts). */
export interface DateRange {
  from: string;
  to: string;
}

type Column = 'education' | 'time_without_work' | 'referrer' | 'district';

/** The built-in columns that can be tabulated, by the name used on the command line. */
interface BuiltIn {
  name: string;
  label: string;
  column: Column;
  /** Other names that mean it (header keys). */
  aliases: readonly string[];
  order?: readonly string[];
  /** Rolled up to the referrer's member (analysis/referrers.ts). */
  members?: true;
}

export const BUILT_IN_VARIABLES: readonly BuiltIn[] = [
  { name: 'utbildning', label: 'Utbildning', column: 'education', aliases: FIELD_ALIASES.education, order: EDUCATION_ORDER },
  {
    name: 'tid-utan-arbete',
    label: 'Tid utan arbete eller studier',
    column: 'time_without_work',
    aliases: FIELD_ALIASES.timeWithoutWork,
    order: TIME_WITHOUT_WORK_ORDER,
  },
  { name: 'anmälande-part', label: 'Anmälande part', column: 'referrer', aliases: FIELD_ALIASES.referrer },
  { name: 'anmälande-part-medlem', label: 'Anmälande part per medlem', column: 'referrer', aliases: ['Medlem'], members: true },
  { name: 'boende', label: 'Boende (stadsdel eller kommun)', column: 'district', aliases: FIELD_ALIASES.district },
];

export type VariableSource =
  | { kind: 'variable'; name: string; label: string }
  | { kind: 'column'; name: string; label: string; column: Column; order: readonly string[] }
  | { kind: 'members'; name: string; label: string };

export interface VariableReport extends VariableDistribution {
  /** For kind "members" each row also lists the referrer spellings it took in (MemberRow). */
  rows: (VariableRow & { referrers?: string[] })[];
  /** The name as stored or the built-in's name ("Kommun", "utbildning", "anmälande-part-medlem"). */
  name: string;
  label: string;
  kind: VariableSource['kind'];
  population: Population;
  populationLabel: string;
  period: { from: string; to: string; key: string; label: string };
  /** Insats names, or null for all insatser. */
  insatser: string[] | null;
  minCell: number;
  /** For kind "members": the referrer code book's id; each row also lists its referrer spellings. */
  codebook?: string;
}

export interface VariableSummary {
  name: string;
  label: string;
  kind: VariableSource['kind'];
  /** Episodes (all periods) that have a value. */
  episodes: number;
}

function insatsFilter(insatsIds: readonly number[] | null): { sql: string; params: Param[] } {
  if (insatsIds === null) return { sql: '', params: [] };
  if (insatsIds.length === 0) return { sql: ' AND 0', params: [] };
  return { sql: ` AND e.insats_id IN (${insatsIds.map(() => '?').join(', ')})`, params: [...insatsIds] };
}

function populationWhere(population: Population): string {
  return population === 'started' ? 'e.start_date >= ? AND e.start_date <= ?' : 'e.end_date >= ? AND e.end_date <= ?';
}

/** The stored spelling of an extra column (csvFile.ts headerKey match), or null. */
async function storedName(db: Db, name: string): Promise<string | null> {
  const row = await db.first<{ name: string }>(
    'SELECT name FROM import_batch_variables WHERE name_key = ? ORDER BY batch_id, position LIMIT 1',
    [headerKey(name)],
  );
  return row?.name ?? null;
}

/**
 * What a name refers to. A stored extra column wins, so that "Kommun" kept beside a Stadsdel column
 * is that column; otherwise a built-in name or one of its column aliases ("Kommun" = boende).
 */
export async function resolveVariable(db: Db, name: string): Promise<VariableSource> {
  const wanted = name.trim();
  const key = headerKey(wanted);
  if (!key) throw new UserError('Ange vilken variabel som ska räknas, t.ex. --name Kommun.');
  const stored = await storedName(db, wanted);
  if (stored !== null) return { kind: 'variable', name: stored, label: stored };
  const builtIn = BUILT_IN_VARIABLES.find((b) => headerKey(b.name) === key || b.aliases.some((a) => headerKey(a) === key));
  if (builtIn?.members) return { kind: 'members', name: builtIn.name, label: builtIn.label };
  if (builtIn) return { kind: 'column', name: builtIn.name, label: builtIn.label, column: builtIn.column, order: builtIn.order ?? [] };
  const known = (await listVariables(db)).map((v) => v.name);
  throw new UserError(`Variabeln "${wanted.slice(0, 60)}" finns inte. Välj en av: ${known.join(', ')}.`);
}

/** Count rows {value, gender, count} of a column or stored variable for the population. */
export async function variableCounts(
  db: Db,
  source: { kind: 'variable'; name: string } | { kind: 'column'; column: Column } | { kind: 'members' },
  period: DateRange,
  insatsIds: readonly number[] | null,
  population: Population,
): Promise<VariableCount[]> {
  await gateOpen(db); // never count a half-written import (followup/importer.ts)
  const f = insatsFilter(insatsIds);
  const where = `${populationWhere(population)}${f.sql}`;
  if (source.kind === 'variable') {
    return db.all<VariableCount>(
      `SELECT v.value AS value, e.gender AS gender, COUNT(*) AS count
       FROM episodes e LEFT JOIN episode_variables v ON v.episode_id = e.id AND v.name = ?
       WHERE ${where}
       GROUP BY v.value, e.gender`,
      [source.name, period.from, period.to, ...f.params],
    );
  }
  const column: Column = source.kind === 'members' ? 'referrer' : source.column;
  return db.all<VariableCount>(
    `SELECT e.${column} AS value, e.gender AS gender, COUNT(*) AS count FROM episodes e WHERE ${where} GROUP BY e.${column}, e.gender`,
    [period.from, period.to, ...f.params],
  );
}

/** The referrers of the population rolled up to the förbund's members (for the outcome report). */
export async function referrersByMember(
  db: Db,
  period: DateRange,
  insatsIds: readonly number[] | null,
  options: { minCell: number; codebook: ReferrerCodebook; population?: Population },
): Promise<MemberDistribution> {
  const counts = await variableCounts(db, { kind: 'members' }, period, insatsIds, options.population ?? 'started');
  return rollUpReferrers(
    counts.map((c) => ({ referrer: c.value, gender: c.gender, count: c.count })),
    options.codebook,
    options.minCell,
  );
}

/** Residence (Stadsdel, or Kommun when the files have no Stadsdel) of the population (for the outcome report). */
export async function residence(
  db: Db,
  period: DateRange,
  insatsIds: readonly number[] | null,
  options: { minCell: number; population?: Population },
): Promise<VariableDistribution> {
  return tabulateVariable(
    await variableCounts(db, { kind: 'column', column: 'district' }, period, insatsIds, options.population ?? 'started'),
    { minCell: options.minCell },
  );
}

/** Every name `finsam variables --name` accepts: the built-in ones, then the stored extra columns. */
export async function listVariables(db: Db): Promise<VariableSummary[]> {
  await gateOpen(db);
  const c = await db.first<Record<Column, number>>(
    'SELECT COUNT(education) AS education, COUNT(time_without_work) AS time_without_work, COUNT(referrer) AS referrer, COUNT(district) AS district FROM episodes',
  );
  const stored = await db.all<{ name: string; episodes: number }>(
    'SELECT name, COUNT(*) AS episodes FROM episode_variables GROUP BY name ORDER BY name',
  );
  return [
    ...BUILT_IN_VARIABLES.map((b) => ({
      name: b.name,
      label: b.label,
      kind: b.members ? ('members' as const) : ('column' as const),
      episodes: c?.[b.column] ?? 0,
    })),
    ...stored.map((s) => ({ name: s.name, label: s.name, kind: 'variable' as const, episodes: s.episodes })),
  ];
}

export interface VariableReportOptions {
  name: string;
  /** The period ("2023-H1", a spec, or { year }). */
  period: PeriodInput;
  /** Insats names or resolved insatser; omitted, null or empty for all insatser. */
  insatser?: readonly (string | InsatsRef)[] | null;
  population?: Population;
  /** Minimum cell size k (config.minCell), at least 3. */
  minCell: number;
  /** The referrer code book file (config.referrerCodebook); null for the built-in one. */
  referrerCodebook?: string | null;
}

/** The distribution table of one variable. Throws a UserError for an unknown name, insats or period. */
export async function variableReport(db: Db, options: VariableReportOptions): Promise<VariableReport> {
  const { minCell } = options;
  if (!Number.isInteger(minCell) || minCell < 3)
    throw new UserError(`Minsta gruppstorlek måste vara ett heltal på minst 3 (angivet: ${String(minCell)}).`);
  const population = options.population ?? 'started';
  const source = await resolveVariable(db, options.name);
  const book = source.kind === 'members' ? loadReferrerCodebook(options.referrerCodebook) : null;
  const insatser: InsatsRef[] = [];
  for (const i of options.insatser ?? []) {
    const found = await resolveInsats(db, i);
    if (found && !insatser.some((x) => x.id === found.id)) insatser.push(found);
  }
  const ids = insatser.length ? insatser.map((i) => i.id) : null;
  const period = await resolvePeriod(db, options.period, ids);
  const counts = await variableCounts(db, source, period, ids, population);
  const table = book
    ? rollUpReferrers(
        counts.map((c) => ({ referrer: c.value, gender: c.gender, count: c.count })),
        book,
        minCell,
      )
    : tabulateVariable(counts, { minCell, order: source.kind === 'column' ? source.order : [] });
  return {
    name: source.name,
    label: source.label,
    kind: source.kind,
    population,
    populationLabel: POPULATION_LABEL[population],
    period: { from: period.from, to: period.to, key: period.key, label: period.label },
    insatser: ids ? insatser.map((i) => i.name) : null,
    minCell,
    ...table,
  };
}

/** The referrer values written for an insats's episodes (all insatser for null), for choosing a referrer target. */
export async function referrerValues(db: Db, insatsId: number | null): Promise<string[]> {
  const rows = await db.all<{ referrer: string }>(
    `SELECT DISTINCT referrer FROM episodes WHERE referrer IS NOT NULL AND referrer <> ''${insatsId === null ? '' : ' AND insats_id = ?'}
      ORDER BY referrer COLLATE NOCASE`,
    insatsId === null ? [] : [insatsId],
  );
  return rows.map((r) => r.referrer);
}
