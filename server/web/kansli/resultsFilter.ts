// Reads the results filters (år, insats, enkät, omgång) from a query string into a checked selection.
import type { Db } from '../../db/database.js';
import type { SurveyRegistry } from '../../../surveys/loader.js';
import { listInsatser, findRound, type Insats, type InsatsRef } from '../../survey/rounds.js';
import { today } from '../../time.js';
import { UserError } from '../../errors.js';

export interface ResultsFilter {
  year: number;
  /** The insats, resolved once here and passed down to the services by id. */
  insats: InsatsRef | null;
  instrument: string;
  roundId: number | null;
}

export interface FilterChoices {
  years: number[];
  insatser: Insats[];
  instruments: { id: string; title: string }[];
}

/** A query value that is there and not empty; a repeated key (?ar=1&ar=2) is a 400. */
function given(v: unknown, key: string): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new UserError(`Värdet "${key}" står flera gånger i adressen. Ta bort det ena.`);
  return v;
}

export async function filterChoices(db: Db, surveys: SurveyRegistry): Promise<FilterChoices> {
  const rows = await db.all<{ year: number }>(
    `SELECT year FROM rounds UNION SELECT CAST(substr(start_date, 1, 4) AS INTEGER) FROM episodes
     UNION SELECT CAST(substr(end_date, 1, 4) AS INTEGER) FROM episodes WHERE end_date IS NOT NULL ORDER BY 1 DESC`,
  );
  const thisYear = Number(today().slice(0, 4));
  const years = [...new Set([thisYear, ...rows.map((r) => r.year)])].filter((y) => y >= 1900).sort((a, b) => b - a);
  return {
    years,
    insatser: await listInsatser(db),
    instruments: surveys.latest().map((q) => ({ id: q.id, title: q.title })),
  };
}

/**
 * Parses the query. A missing value gets its default (last year, all insatser, the first
 * questionnaire); a value that is there but malformed or unknown is a UserError (400/404) that says
 * which, so a mistyped link never silently shows another selection.
 */
export async function parseFilter(
  db: Db,
  surveys: SurveyRegistry,
  query: Record<string, unknown>,
  choices: FilterChoices,
): Promise<ResultsFilter> {
  const roundText = given(query.omgang, 'omgang');
  if (roundText !== undefined) {
    const round = /^\d{1,9}$/.test(roundText) ? await findRound(db, Number(roundText)) : undefined;
    if (!round) throw new UserError('Enkätomgången i adressen finns inte. Välj en omgång i listan över omgångar.', 404);
    return {
      year: round.year,
      insats: { id: round.insats_id, name: round.insats_name },
      instrument: round.instrument_id,
      roundId: round.id,
    };
  }
  const yearText = given(query.ar, 'ar');
  let year: number;
  if (yearText === undefined) year = choices.years.find((y) => y <= Number(today().slice(0, 4)) - 1) ?? choices.years[0]!;
  else if (/^\d{4}$/.test(yearText) && Number(yearText) >= 1900) year = Number(yearText);
  else throw new UserError(`"${yearText.slice(0, 20)}" är inget årtal. Ange året med fyra siffror, t.ex. 2024.`);
  const insatsText = given(query.insats, 'insats');
  let insats: Insats | undefined;
  if (insatsText !== undefined) {
    insats = /^\d{1,9}$/.test(insatsText) ? choices.insatser.find((i) => i.id === Number(insatsText)) : undefined;
    if (!insats) throw new UserError('Insatsen i adressen finns inte. Välj en insats i listan.', 404);
  }
  const instrumentText = given(query.enkat, 'enkat');
  if (instrumentText !== undefined && !surveys.get(instrumentText))
    throw new UserError('Enkäten i adressen finns inte. Välj en enkät i listan.', 404);
  const instrument = instrumentText ?? choices.instruments[0]?.id ?? '';
  return {
    year,
    insats: insats ? { id: insats.id, name: insats.name } : null,
    instrument,
    roundId: null,
  };
}

/** The query string for a filter, for links (CSV, PNG, JSON) that must show the same selection. */
export function filterQuery(f: ResultsFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.roundId !== null) p.set('omgang', String(f.roundId));
  else {
    p.set('ar', String(f.year));
    if (f.insats !== null) p.set('insats', String(f.insats.id));
    p.set('enkat', f.instrument);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
