// Reads the results filters (period, insats, enkät, omgång) from a query string into a checked
// selection. The period comes either as its key (`period=2023-H1`, used in every link) or from the
// picker's fields: `ar` (a year), `del` (helår, H1, H2, T1–T3, Q1–Q4 or intervall) and, for
// intervall, `fran` and `till` (docs/rules.md "Perioder"). A group of insatser comes as `grupp=<id>`
// (links) or as `insats=g:<id>` (the picker's one select, so it works without JavaScript).
import type { Db } from '../../db/database.js';
import type { SurveyRegistry } from '../../../surveys/loader.js';
import { listInsatser, findRound, FORBUND_INSATS, FORBUND_KEY, type Insats, type InsatsRef } from '../../survey/rounds.js';
import { today } from '../../time.js';
import { UserError } from '../../errors.js';
import { parsePeriod, PeriodError, yearPeriod, type Period } from '../../../analysis/period.js';
import { resolvePeriod } from '../../report/periods.js';
import { listGroups, toGroupRef, type GroupRef, type InsatsGroup } from '../../survey/insatsGroups.js';

export interface ResultsFilter {
  period: Period;
  /** The insats, resolved once here and passed down to the services by id. */
  insats: InsatsRef | null;
  /** A group of insatser counted together (docs/domain.md); never together with `insats`. */
  group: GroupRef | null;
  instrument: string;
  roundId: number | null;
}

export interface FilterChoices {
  years: number[];
  insatser: Insats[];
  groups: InsatsGroup[];
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
    groups: await listGroups(db),
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
      period: yearPeriod(round.year),
      insats: round.insats_id === null ? FORBUND_INSATS : { id: round.insats_id, name: round.insats_name },
      group: null,
      instrument: round.instrument_id,
      roundId: round.id,
    };
  }
  let insatsText = given(query.insats, 'insats');
  let groupText = given(query.grupp, 'grupp');
  if (insatsText?.startsWith('g:')) {
    if (groupText !== undefined) throw new UserError('Gruppen står två gånger i adressen. Ta bort den ena.');
    groupText = insatsText.slice(2);
    insatsText = undefined;
  }
  if (insatsText !== undefined && groupText !== undefined)
    throw new UserError('Välj antingen en insats eller en grupp, inte båda. Ta bort den ena ur adressen.');
  let group: InsatsGroup | undefined;
  if (groupText !== undefined) {
    group = /^\d{1,9}$/.test(groupText) ? choices.groups.find((g) => g.id === Number(groupText)) : undefined;
    if (!group) throw new UserError('Gruppen i adressen finns inte. Välj en grupp i listan.', 404);
  }
  let insats: InsatsRef | undefined;
  // `insats=forbund`: the förbund's own rounds, those without an insats (docs/domain.md).
  if (insatsText === FORBUND_KEY) insats = FORBUND_INSATS;
  else if (insatsText !== undefined) {
    insats = /^\d{1,9}$/.test(insatsText) ? choices.insatser.find((i) => i.id === Number(insatsText)) : undefined;
    if (!insats) throw new UserError('Insatsen i adressen finns inte. Välj en insats i listan.', 404);
  }
  const instrumentText = given(query.enkat, 'enkat');
  if (instrumentText !== undefined && !surveys.get(instrumentText))
    throw new UserError('Enkäten i adressen finns inte. Välj en enkät i listan.', 404);
  const instrument = instrumentText ?? choices.instruments[0]?.id ?? '';
  const groupRef = group ? toGroupRef(group) : null;
  // "Since start" of the förbund's own rounds: since the förbund's first participant, as for all insatser.
  const insatsIds = groupRef ? groupRef.insatsIds : insats && insats.id !== FORBUND_INSATS.id ? [insats.id] : null;
  const period = await periodOf(db, query, choices, insatsIds);
  return {
    period,
    insats: insats ? { id: insats.id, name: insats.name } : null,
    group: groupRef,
    instrument,
    roundId: null,
  };
}

/** The picker's part values: "" is the whole year. */
export const PERIOD_PARTS = ['', 'H1', 'H2', 'T1', 'T2', 'T3', 'Q1', 'Q2', 'Q3', 'Q4', 'intervall', 'sedan-start'] as const;

/** The period of the query: `period`, else the picker's fields, else last year. */
async function periodOf(db: Db, query: Record<string, unknown>, choices: FilterChoices, insatsIds: number[] | null): Promise<Period> {
  const key = given(query.period, 'period');
  const yearText = given(query.ar, 'ar');
  const part = given(query.del, 'del') ?? '';
  let text: string;
  if (key !== undefined) text = key;
  else if (part === 'intervall') text = `${given(query.fran, 'fran') ?? ''}..${given(query.till, 'till') ?? ''}`;
  else if (part === 'sedan-start') text = 'sedan-start';
  else {
    if (!(PERIOD_PARTS as readonly string[]).includes(part))
      throw new UserError('Periodtypen i adressen finns inte. Välj helår, halvår, tertial, kvartal eller eget intervall.');
    if (yearText !== undefined && !/^\d{4}$/.test(yearText))
      throw new UserError(`"${yearText.slice(0, 20)}" är inget årtal. Ange året med fyra siffror, t.ex. 2024.`);
    const year = yearText ?? String(choices.years.find((y) => y <= Number(today().slice(0, 4)) - 1) ?? choices.years[0]!);
    text = part ? `${year}-${part}` : year;
  }
  try {
    return await resolvePeriod(db, parsePeriod(text), insatsIds);
  } catch (err) {
    if (err instanceof PeriodError) throw new UserError(err.message);
    throw err;
  }
}

/** The picker's values for a period: its year, its part and, for a range, its dates. */
export function pickerValues(p: Period): { year: number; part: (typeof PERIOD_PARTS)[number]; from: string; to: string } {
  const year = Number(p.from.slice(0, 4));
  const part =
    p.kind === 'year'
      ? ''
      : p.kind === 'range'
        ? 'intervall'
        : p.kind === 'since-start'
          ? 'sedan-start'
          : (p.key.slice(5) as (typeof PERIOD_PARTS)[number]);
  return { year, part, from: p.from, to: p.to };
}

/** "FINSAM-team", "IPS-insatserna (grupp)" or "Alla insatser": what a page or file is about. */
export function scopeName(f: Pick<ResultsFilter, 'insats' | 'group'>): string {
  return f.insats?.name ?? (f.group ? `${f.group.name} (grupp)` : 'Alla insatser');
}

/**
 * Refuses `insats=forbund` where only insatser count: the participant register, targets and the
 * report know no participants outside an insats (docs/domain.md "Omgångar utan insats").
 */
export function rejectForbund(f: Pick<ResultsFilter, 'insats'>): void {
  if (f.insats?.id === FORBUND_INSATS.id)
    throw new UserError(
      'Förbundet (ingen insats) finns bara bland enkätresultaten; deltagaruppföljningen och rapporten gäller insatser. Välj en insats eller alla insatser.',
    );
}

/** An insats's value in a link or the picker: its id, or FORBUND_KEY for the förbund's own rounds. */
export function insatsKey(insats: InsatsRef): string {
  return insats.id === FORBUND_INSATS.id ? FORBUND_KEY : String(insats.id);
}

/** The query string for a filter, for links (CSV, PNG, JSON) that must show the same selection. */
export function filterQuery(f: ResultsFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.roundId !== null) p.set('omgang', String(f.roundId));
  else {
    p.set('period', f.period.key);
    if (f.insats !== null) p.set('insats', insatsKey(f.insats));
    if (f.group !== null) p.set('grupp', String(f.group.id));
    p.set('enkat', f.instrument);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
