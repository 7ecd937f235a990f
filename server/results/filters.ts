// Reads the results filters (år, insats, enkät, omgång) from a query string into a checked selection.
import type { Db } from '../db/database.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { listInsatser, findRound, type Insats } from '../survey/rounds.js';
import { today } from '../time.js';

export interface ResultsFilter {
  year: number;
  insatsId: number | null;
  insatsName: string | null;
  instrument: string;
  roundId: number | null;
}

export interface FilterChoices {
  years: number[];
  insatser: Insats[];
  instruments: { id: string; title: string }[];
}

const one = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

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

/** Parses the query; unknown or malformed values fall back to sensible defaults rather than failing. */
export async function parseFilter(
  db: Db,
  surveys: SurveyRegistry,
  query: Record<string, unknown>,
  choices: FilterChoices,
): Promise<ResultsFilter> {
  const roundId = /^\d{1,9}$/.test(one(query.omgang) ?? '') ? Number(query.omgang) : null;
  if (roundId !== null) {
    const round = await findRound(db, roundId);
    if (round)
      return { year: round.year, insatsId: round.insats_id, insatsName: round.insats_name, instrument: round.instrument_id, roundId };
  }
  const yearText = one(query.ar) ?? '';
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : (choices.years.find((y) => y <= Number(today().slice(0, 4)) - 1) ?? choices.years[0]!);
  const insatsId = /^\d{1,9}$/.test(one(query.insats) ?? '') ? Number(query.insats) : null;
  const insats = insatsId === null ? undefined : choices.insatser.find((i) => i.id === insatsId);
  const instrumentText = one(query.enkat);
  const instrument = instrumentText && surveys.get(instrumentText) ? instrumentText : (choices.instruments[0]?.id ?? '');
  return { year, insatsId: insats?.id ?? null, insatsName: insats?.name ?? null, instrument, roundId: null };
}

/** The query string for a filter, for links (CSV, PNG, JSON) that must show the same selection. */
export function filterQuery(f: ResultsFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.roundId !== null) p.set('omgang', String(f.roundId));
  else {
    p.set('ar', String(f.year));
    if (f.insatsId !== null) p.set('insats', String(f.insatsId));
    p.set('enkat', f.instrument);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
